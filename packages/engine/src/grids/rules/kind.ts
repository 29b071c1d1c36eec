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
  readonly pointer: string;
  readonly message: BilingualText;
}

/** What a rule kind evaluates against. */
export interface RuleContext {
  readonly rule: CompiledGridRule;
  /** The rule's title in both languages (its own, else the kind's). */
  readonly title: BilingualText;
  readonly figures: Figures;
  readonly period: Period;
}

/** What evaluating a rule gave: the violations, or a note for a rule that is not checked against records. */
export interface RuleOutcome {
  readonly violations: readonly GridViolation[];
  readonly informational?: InformationalRule;
}

/**
 * A kind of grid rule: the JSON Schema of its options (besides id, kind, title and source), the
 * checks of those options against the package, and its evaluation by aggregate SQL (through the
 * shared {@link Figures}). Kinds live in a registry (./registry.ts) so that plugins can add their own.
 */
export interface GridRuleKind {
  readonly kind: string;
  readonly title: BilingualText;
  readonly schema: Readonly<Record<string, unknown>>;
  /**
   * Whether grid maintenance refuses a change that causes a violation of the rule (hard), or
   * carries out the change and reports the violation.
   */
  readonly hard: boolean;
  check?(options: Readonly<Record<string, unknown>>, context: RuleCheckContext): RuleProblem[];
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
