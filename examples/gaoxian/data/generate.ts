import {
  allocate,
  createRandom,
  expectedCounts,
  gridRecords,
  gridSites,
  type Origin,
  type RecordOptions,
  type StaffSlot,
} from '@zhili/base/demo';
import { defineDemoData, type GeneratedRecord, type SeedOrgUnit } from '@zhili/engine';

const SEED = 'gaoxian';

/** The grid kinds of the org tree: a grid in an old compound (老小区) or a new one (新建小区). */
export type GridKind = 'old' | 'new';

/** Gaoxian's size (seeds/004): 32 grids, 48 comprehensive grid workers. */
export const GAOXIAN_SIZE = { grids: 32, comprehensiveWorkers: 48 } as const;

/** Households a grid holds at most (seeds/004: 按照老小区最多150户，新建小区300户划分). */
export const GRID_CAPACITY: Readonly<Record<GridKind, number>> = { old: 150, new: 300 };

/** The pay floor of a comprehensive grid worker (seeds/004: 工资报酬不低于1650元/月). */
export const MINIMUM_MONTHLY_PAY = 1_650;

/**
 * Comprehensive grid workers per grid: one per 150 households a grid may hold, so one in an old
 * compound and two in a new one — with 16 grids of each kind, the article's 48. The rule is
 * 示例值: not from the source, which gives only the total.
 */
export const WORKERS_PER_GRID: Readonly<Record<GridKind, number>> = { old: 1, new: 2 };

/** The team of a grid: its comprehensive grid workers, and 0–2 Party members without posts or volunteers who help (示例值: not from the source). */
export function gridStaffing(kind: GridKind): readonly StaffSlot[] {
  return [
    { role: 'comprehensive', employment: 'full_time', count: WORKERS_PER_GRID[kind], fields: { monthlyPay: MINIMUM_MONTHLY_PAY } },
    { role: 'volunteer', employment: 'volunteer', count: [0, 2] },
  ];
}

/** Where migrant households in 庆符镇 come from: the county's neighbours in Yibin and Zhaotong (示例值: not from the source). */
export const GAOXIAN_MIGRANT_ORIGINS: readonly Origin[] = [
  { countyCode: '511526', place: '四川省宜宾市珙县' },
  { countyCode: '511527', place: '四川省宜宾市筠连县' },
  { countyCode: '530627', place: '云南省昭通市镇雄县' },
  { countyCode: '530629', place: '云南省昭通市威信县' },
];

/** How full a grid is at the demo scale: 70–100 % of its capacity (示例值: not from the source). */
const DEMO_FILL = [0.7, 1] as const;

/** Households of the tiny scale, for tests. */
const TINY_HOUSEHOLDS = 200;

/** The kind of a grid unit of the tree; the tree gives every grid one. */
export function gridKind(unit: Pick<SeedOrgUnit, 'code' | 'kind'>): GridKind {
  if (unit.kind === 'old' || unit.kind === 'new') return unit.kind;
  throw new RangeError(`grid ${unit.code} has kind ${String(unit.kind)}; expected old or new`);
}

/**
 * Households per grid: `total` spread over the grids by capacity, or, without a total, each grid
 * filled to 70–100 % of its capacity. Refuses a total over the grids' capacity: no grid may hold
 * more than its 150 or 300 households.
 */
export function householdsPerGrid(grids: readonly Pick<SeedOrgUnit, 'code' | 'kind'>[], total: number | undefined): number[] {
  const capacities = grids.map((g) => GRID_CAPACITY[gridKind(g)]);
  if (total === undefined) {
    return grids.map((g, i) => {
      const fill = DEMO_FILL[0] + createRandom(`${SEED}/${g.code}/fill`).next() * (DEMO_FILL[1] - DEMO_FILL[0]);
      return Math.round((capacities[i] ?? 0) * fill);
    });
  }
  const capacity = capacities.reduce((a, b) => a + b, 0);
  if (total > capacity) {
    throw new RangeError(`${total} households do not fit in ${grids.length} grids of at most 150 (old) or 300 (new) households: at most ${capacity}`);
  }
  return allocate(total, capacities);
}

/** The options of the record generator for a grid of the given kind. */
export function recordOptions(kind: GridKind): RecordOptions {
  return { seed: SEED, staffing: gridStaffing(kind), migrantOrigins: GAOXIAN_MIGRANT_ORIGINS };
}

/** The tiny scale's grids: the first two of each kind. */
function tinyGrids(grids: readonly SeedOrgUnit[]): SeedOrgUnit[] {
  return [...grids.filter((g) => g.kind === 'old').slice(0, 2), ...grids.filter((g) => g.kind === 'new').slice(0, 2)];
}

/**
 * Gaoxian's demo data. tiny: two old and two new grids with 200 households; demo and city: all 32
 * grids of the tree — the article's whole size — each filled to 70–100 % of its capacity. Every
 * record lands in a grid (小区楼栋). `ctx.overrides.households` sets the count, within capacity.
 */
export default defineDemoData((ctx) => {
  const all = ctx.orgUnits.filter((u) => u.level === 'grid');
  const grids = ctx.scale === 'tiny' ? tinyGrids(all) : all;
  const counts = householdsPerGrid(grids, ctx.overrides['households'] ?? (ctx.scale === 'tiny' ? TINY_HOUSEHOLDS : undefined));
  const planned = gridSites({ units: ctx.orgUnits, grids, households: 0, seed: SEED }).map((site, i) => ({
    site: { ...site, households: counts[i] ?? 0 },
    options: recordOptions(gridKind(grids[i] ?? { code: site.code, kind: null })),
  }));
  const records: Iterable<GeneratedRecord> = {
    *[Symbol.iterator]() {
      for (const { site, options } of planned) yield* gridRecords(site, options);
    },
  };
  const expected: Record<string, number> = {};
  for (const { site, options } of planned) {
    for (const [resource, n] of Object.entries(expectedCounts([site], options))) expected[resource] = (expected[resource] ?? 0) + n;
  }
  return { orgUnits: [], records, expected };
});
