import type { AdminMeta, GridUnitSummary, OrgUnitView } from '@zhili/schemas';

/** A compliance period as the dashboard asks for it: a year (2026) or a month (2026-11). */
export type PeriodKind = 'year' | 'month';

/** The period of `?period=`, or the current month when it is missing or not a year or a month. */
export function parsePeriod(value: string | null, today: Date): { readonly kind: PeriodKind; readonly value: string } {
  if (value !== null && /^\d{4}$/.test(value)) return { kind: 'year', value };
  if (value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return { kind: 'month', value };
  const month = String(today.getMonth() + 1).padStart(2, '0');
  return { kind: 'month', value: `${today.getFullYear()}-${month}` };
}

/** A share as a whole percentage, or null when there is nothing to share (no grids, no workers). */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** The figures of a unit the dashboard shows, derived from the engine's summary. */
export function unitFigures(unit: GridUnitSummary): {
  readonly coverage: number | null;
  readonly quotaAttainment: number | null;
  readonly problemGrids: number;
} {
  return {
    coverage: percent(unit.coveredGrids, unit.grids),
    quotaAttainment: percent(unit.workersMeetingQuota, unit.workers),
    problemGrids: unit.overCap + unit.understaffed + unit.overstaffed,
  };
}

/**
 * The ancestors the actor may open on the dashboard: those at or below a unit of one of the
 * actor's role assignments (above it the engine would refuse). Ancestors come root first.
 */
export function reachableAncestors(meta: AdminMeta, ancestors: readonly OrgUnitView[]): ReadonlySet<string> {
  const assigned = new Set(meta.actor.assignments.map((a) => a.orgCode));
  const first = ancestors.findIndex((unit) => assigned.has(unit.code));
  return new Set(first === -1 ? [] : ancestors.slice(first).map((unit) => unit.code));
}

/** The titles of a staff role field's choices, by value. */
export function roleTitles(meta: AdminMeta): ReadonlyMap<string, string> {
  const grids = meta.grids;
  if (grids === null) return new Map();
  const staff = meta.resources.find((r) => r.id === grids.staff);
  const field = staff?.schema.properties?.[grids.staffRoleField];
  return new Map((field?.oneOf ?? []).flatMap((choice) => (typeof choice.const === 'string' ? [[choice.const, choice.title ?? choice.const] as const] : [])));
}
