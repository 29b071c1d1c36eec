import { cadence } from './cadence.ts';
import { coverage } from './coverage.ts';
import { coverageTarget } from './coverage-target.ts';
import { householdCap } from './household-cap.ts';
import type { GridRuleKind } from './kind.ts';
import { mustVisit } from './must-visit.ts';
import { staffAttribute } from './staff-attribute.ts';
import { staffing } from './staffing.ts';
import { visitQuota } from './visit-quota.ts';

/** Grid rule kinds by name: the engine's, and those a package's plugins add (see PluginHost.gridRuleKinds). */
export type GridRuleKinds = ReadonlyMap<string, GridRuleKind>;

/** The kinds the engine ships. */
export const BUILT_IN_GRID_RULE_KINDS: GridRuleKinds = new Map(
  [householdCap, coverage, staffing, visitQuota, mustVisit, cadence, staffAttribute, coverageTarget].map((kind) => [kind.kind, kind]),
);
