import type { BilingualText } from '@zhili/schemas';
import { resolveText } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import type { CompiledModel } from '../model/types.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import type { FieldCipher } from '../pii/cipher.ts';
import type { Database } from '../storage/database.ts';
import { Figures } from './figures.ts';
import type { Period } from './period.ts';
import type { GridRuleKinds } from './rules/registry.ts';
import type { CompiledGrids, CompiledGridRule, GridViolation, InformationalRule } from './types.ts';

/** What evaluating the rules over a scope gave. */
export interface Evaluation {
  readonly figures: Figures;
  readonly violations: readonly GridViolation[];
  readonly informational: readonly InformationalRule[];
}

/** A rule's title in both languages: its own, else its kind's. */
export function ruleTitle(rule: CompiledGridRule, kinds: GridRuleKinds): BilingualText {
  const kind = kinds.get(rule.kind);
  if (rule.title !== null) return { 'zh-CN': resolveText(rule.title, 'zh-CN'), en: resolveText(rule.title, 'en') };
  return kind?.title ?? { 'zh-CN': rule.kind, en: rule.kind };
}

/** The grid-level units of a subtree (the unit itself when it is one), in tree order. */
export function gridsUnder(org: OrgService, config: CompiledGrids, scope: OrgUnitRecord): OrgUnitRecord[] {
  if (scope.level === config.level) return [scope];
  return org.all().filter((unit) => unit.level === config.level && unit.path.startsWith(scope.path));
}

/**
 * Evaluates every rule (or those `only` names) over a scope and period, rules one after another
 * (SQLite has one connection; on Postgres the figures they share are computed once either way).
 */
export async function evaluateRules(options: {
  db: Database;
  model: CompiledModel;
  config: CompiledGrids;
  kinds: GridRuleKinds;
  actor: Actor;
  cipher: FieldCipher | null;
  scope: OrgUnitRecord;
  grids: readonly OrgUnitRecord[];
  period: Period;
  today: string;
  only?: (rule: CompiledGridRule) => boolean;
}): Promise<Evaluation> {
  const figures = new Figures({ ...options });
  const violations: GridViolation[] = [];
  const informational: InformationalRule[] = [];
  for (const rule of options.config.rules) {
    if (options.only && !options.only(rule)) continue;
    const kind = options.kinds.get(rule.kind);
    if (!kind) continue;
    const outcome = await kind.evaluate({ rule, title: ruleTitle(rule, options.kinds), figures, period: options.period });
    violations.push(...outcome.violations);
    if (outcome.informational) informational.push(outcome.informational);
  }
  return { figures, violations, informational };
}
