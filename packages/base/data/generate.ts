import { defineDemoData, type SeedScale } from '@zhili/engine';
import { expectedCounts, siteRecords } from './records.ts';
import { gridSites } from './sites.ts';

/** Households per scale when the context names no override. */
export const DEFAULT_HOUSEHOLDS: Readonly<Record<SeedScale, number>> = { tiny: 200, demo: 5_000, city: 2_000_000 };

/** Grids that get records at the tiny scale (the first ones of the tree). */
const TINY_GRIDS = 4;

/**
 * The national demo data: records for the grids of whatever tree the package has (no units are
 * added). Localities that need more — synthetic units at city scale, their own categories or
 * team — ship their own generator built from the same blocks (./demo.ts).
 */
export default defineDemoData((ctx) => {
  const level = ctx.model.resources['households']?.level ?? 'grid';
  const grids = ctx.orgUnits.filter((u) => u.level === level);
  const sites = gridSites({
    units: ctx.orgUnits,
    grids: ctx.scale === 'tiny' ? grids.slice(0, TINY_GRIDS) : grids,
    households: ctx.overrides['households'] ?? DEFAULT_HOUSEHOLDS[ctx.scale],
    seed: ctx.model.id,
  });
  const options = { seed: ctx.model.id, detail: ctx.scale === 'city' ? ('focus' as const) : ('full' as const) };
  return { orgUnits: [], records: siteRecords(sites, options), expected: expectedCounts(sites, options) };
});
