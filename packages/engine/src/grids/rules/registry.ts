import { cadence } from './cadence.ts';
import { coverage } from './coverage.ts';
import { coverageTarget } from './coverage-target.ts';
import { householdCap } from './household-cap.ts';
import type { GridRuleKind } from './kind.ts';
import { mustVisit } from './must-visit.ts';
import { staffAttribute } from './staff-attribute.ts';
import { staffing } from './staffing.ts';
import { visitQuota } from './visit-quota.ts';

const KINDS = new Map<string, GridRuleKind>(
  [householdCap, coverage, staffing, visitQuota, mustVisit, cadence, staffAttribute, coverageTarget].map((kind) => [kind.kind, kind]),
);

/** The rule kind registered under a name, if any. */
export function gridRuleKind(kind: string): GridRuleKind | undefined {
  return KINDS.get(kind);
}

/** The names of every registered kind. */
export function gridRuleKinds(): string[] {
  return [...KINDS.keys()];
}

/**
 * Adds a rule kind (a plugin's). Register before packages are loaded, since loading checks every
 * rule's options against its kind. A name taken already is refused.
 */
export function registerGridRuleKind(kind: GridRuleKind): void {
  if (KINDS.has(kind.kind)) throw new Error(`grid rule kind "${kind.kind}" is registered already`);
  KINDS.set(kind.kind, kind);
}
