import type { BilingualText } from '@zhili/schemas';
import type { CompiledGridRule, GridViolation, InformationalRule } from '../types.ts';
import type { Figures } from '../figures.ts';
import type { Period } from '../period.ts';

/** What a rule kind's check of its options may look at in the package being loaded. */
export interface RuleCheckContext {
  /** Values the staff role field allows, or null when it allows any text. */
  readonly staffRoles: readonly string[] | null;
  /** Whether the household binding names a must-visit field. */
  readonly hasMustVisitField: boolean;
  /** A resource's fields with their JSON types ('string', 'integer', 'number', 'boolean', 'array', 'object'), or null when the resource does not exist. */
  readonly fieldsOf: (resource: string) => ReadonlyMap<string, string> | null;
  /** The staff resource's id. */
  readonly staffResource: string;
}

/** A problem in a rule's options, at a JSON pointer relative to the rule. */
export interface RuleProblem {
  /** Where in the rule, e.g. /roles/1 (the loader adds the rule's place in its file). */
  readonly pointer: string;
  /** What is wrong, in both languages. */
  readonly message: BilingualText;
}

/** What a rule kind evaluates against. */
export interface RuleContext {
  /** The rule: its id, kind, title and options (checked against the kind's schema and check at load). */
  readonly rule: CompiledGridRule;
  /** The rule's title in both languages (its own, else the kind's). */
  readonly title: BilingualText;
  /** The scope's aggregates (households, staff, visits, must-visit households …), each computed once per evaluation by SQL. */
  readonly figures: Figures;
  /** The period evaluated: from, to, and the day figures are taken on (asOf). */
  readonly period: Period;
}

/** What evaluating a rule gave: the violations, or a note for a rule that is not checked against records. */
export interface RuleOutcome {
  /** What breaks the rule: per grid, worker or unit, with figures and a message in both languages. */
  readonly violations: readonly GridViolation[];
  /** For a rule not checked against records: what it asks, listed as a note. */
  readonly informational?: InformationalRule;
}

/**
 * A kind of grid rule: the JSON Schema of its options (besides id, kind, title and source), the
 * checks of those options against the package, and its evaluation by aggregate SQL (through the
 * shared {@link Figures}). Kinds live in a registry (./registry.ts) so that plugins can add their own.
 */
export interface GridRuleKind {
  /** The name rules give in `kind`: lower-case letters, digits and hyphens. */
  readonly kind: string;
  /** The title of a rule of this kind that has none of its own. */
  readonly title: BilingualText;
  /** The JSON Schema of the rule's options; the loader refuses a rule whose options do not match, at their place in the file. */
  readonly schema: Readonly<Record<string, unknown>>;
  /**
   * Whether grid maintenance refuses a change that causes a violation of the rule (hard), or
   * carries out the change and reports the violation.
   */
  readonly hard: boolean;
  /** Checks of the options against the package beyond the schema (a role the staff field lacks …), at load. */
  check?(options: Readonly<Record<string, unknown>>, context: RuleCheckContext): RuleProblem[];
  /** Evaluates the rule over a scope and period by the figures' aggregate SQL: nothing reads records row by row. */
  evaluate(context: RuleContext): Promise<RuleOutcome>;
}

export const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Role values a rule names that the staff role field does not allow. */
export function unknownRoles(roles: readonly string[], context: RuleCheckContext, pointer: string): RuleProblem[] {
  if (!context.staffRoles) return [];
  const allowed = context.staffRoles;
  return roles.flatMap((role, i) =>
    allowed.includes(role)
      ? []
      : [
          {
            pointer: `${pointer}/${i}`,
            message: bi(
              `岗位 "${role}" 不是 ${context.staffResource} 岗位字段的可选值（${allowed.join('、')}）`,
              `role "${role}" is not a value of the ${context.staffResource} role field (${allowed.join(', ')})`,
            ),
          },
        ],
  );
}
