import {
  allocate,
  DEFAULT_HOUSEHOLDS,
  expectedCounts,
  gridSites,
  siteRecords,
  type HouseholdSummary,
  type RecordOptions,
  type SiteUnit,
  type StaffSlot,
} from '@zhili/base/demo';
import { defineDemoData, type GeneratedOrgUnit, type SeedScale } from '@zhili/engine';
import { CHANGZHOU_STREETS, type StreetEntry } from './streets.ts';

const SEED = 'changzhou';

/**
 * Changzhou's size (seeds/000: 61 镇(街道), 1,031 城乡社区 of which 413 urban and 618 rural,
 * 7,514 网格). The article gives no household count: 2,000,000 is the city's population of
 * about 5.3 million over an average household of 2.6 (示例值: not from the source).
 */
export const CHANGZHOU_SIZE = {
  streets: 61,
  urbanCommunities: 413,
  ruralCommunities: 618,
  grids: 7_514,
  households: 2_000_000,
} as const;

/**
 * The care categories behind 八必访. The article names the eight must-visit kinds without listing
 * them; these eight (困难家庭; 高龄、独居、空巢老人; 残疾人家庭; 留守、困境儿童; 优抚对象;
 * 计生特殊家庭; 大病重病家庭; 矛盾纠纷当事人) are 示例值: not from the source.
 */
// prettier-ignore
export const MUST_VISIT_CATEGORIES: readonly string[] = [
  'subsistence', 'low_income', 'extreme_poverty',
  'elderly_80', 'elderly_alone', 'empty_nest',
  'disabled',
  'left_behind_child', 'distressed_child',
  'special_care',
  'bereaved_parents',
  'serious_illness',
  'dispute_party',
];

/**
 * The 1+3+X team of every grid (seeds/000): 1 名责任社工, 3 名专兼职网格员, X 名志愿者. Splitting
 * the three into one full-time and two part-time workers, and X into 2–6, are 示例值: not from the source.
 */
export const TEAM_1_3_X: readonly StaffSlot[] = [
  { role: 'social_worker', employment: 'full_time', count: 1 },
  { role: 'full_time', employment: 'full_time', count: 1 },
  { role: 'part_time', employment: 'part_time', count: 2 },
  { role: 'volunteer', employment: 'volunteer', count: [2, 6] },
];

/** How often a householder is a serious-illness case or a party to a dispute (示例值: not from the source). */
const EXTRA_CATEGORIES = [
  { value: 'serious_illness', probability: 0.015 },
  { value: 'dispute_party', probability: 0.01 },
];

const isMustVisit = (household: HouseholdSummary): boolean => household.categories.some((c) => MUST_VISIT_CATEGORIES.includes(c));

/** The options of the record generator for a scale: at city scale residents and visits only for 八必访 households. */
export function recordOptions(scale: SeedScale): RecordOptions {
  return {
    seed: SEED,
    staffing: TEAM_1_3_X,
    extraCategories: EXTRA_CATEGORIES,
    householdExtras: (household) => ({ mustVisit: isMustVisit(household) }),
    isFocus: isMustVisit,
    detail: scale === 'city' ? 'focus' : 'full',
  };
}

/** Relative numbers of added communities by street kind: towns hold most villages (示例值: not from the source). */
const URBAN_WEIGHT: Readonly<Record<StreetEntry['kind'], number>> = { subdistrict: 6, zone: 3, town: 1 };
const RURAL_WEIGHT: Readonly<Record<StreetEntry['kind'], number>> = { subdistrict: 1, zone: 1, town: 5 };
/** Grids per community, urban against rural (示例值: not from the source). */
const GRID_WEIGHT = { urban: 1.5, rural: 1 } as const;

/** Community codes: 001–199 for residents' committees, 200–399 for villagers' committees (统计用区划代码). */
const SUFFIX_RANGE = { urban: [1, 199], rural: [200, 399] } as const;

function stemOf(streetName: string): string {
  return streetName.replace(/(街道|镇|区)$/, '');
}

/**
 * The units that bring the tree to Changzhou's size: the real streets and towns it lacks, then
 * synthetic communities (named 示例社区 / 示例村) and grids under every community, so that the
 * city has 61 streets, 413 urban and 618 rural communities and 7,514 grids. Parents come first.
 */
export function cityScaleUnits(tree: readonly SiteUnit[]): GeneratedOrgUnit[] {
  const out: GeneratedOrgUnit[] = [];
  const codes = new Set(tree.map((u) => u.code));
  for (const street of CHANGZHOU_STREETS) {
    if (!codes.has(street.code))
      out.push({ code: street.code, name: street.name, level: 'street', kind: street.kind, parentCode: street.code.slice(0, 6) });
  }

  const communities: { code: string; kind: 'urban' | 'rural' }[] = tree
    .filter((u) => u.level === 'community')
    .map((u) => ({ code: u.code, kind: u.kind === 'rural' ? 'rural' : 'urban' }));
  const have = { urban: communities.filter((c) => c.kind === 'urban').length, rural: communities.filter((c) => c.kind === 'rural').length };
  const toAdd = {
    urban: allocate(
      CHANGZHOU_SIZE.urbanCommunities - have.urban,
      CHANGZHOU_STREETS.map((s) => URBAN_WEIGHT[s.kind]),
    ),
    rural: allocate(
      CHANGZHOU_SIZE.ruralCommunities - have.rural,
      CHANGZHOU_STREETS.map((s) => RURAL_WEIGHT[s.kind]),
    ),
  };
  for (const [i, street] of CHANGZHOU_STREETS.entries()) {
    for (const kind of ['urban', 'rural'] as const) {
      let suffix: number = SUFFIX_RANGE[kind][0];
      for (let n = 0; n < (toAdd[kind][i] ?? 0); n++) {
        while (codes.has(street.code + String(suffix).padStart(3, '0'))) suffix++;
        if (suffix > SUFFIX_RANGE[kind][1]) throw new RangeError(`no ${kind} community codes left under ${street.code}`);
        const code = street.code + String(suffix).padStart(3, '0');
        codes.add(code);
        communities.push({ code, kind });
        out.push({
          code,
          name: `${stemOf(street.name)}${kind === 'urban' ? '示例社区' : '示例村'}${String(suffix).padStart(3, '0')}`,
          level: 'community',
          kind,
          parentCode: street.code,
        });
      }
    }
  }

  const existing = new Map<string, number[]>();
  for (const grid of tree.filter((u) => u.level === 'grid' && u.parentCode !== null)) {
    const list = existing.get(grid.parentCode as string) ?? [];
    list.push(Number(grid.code.slice(-3)));
    existing.set(grid.parentCode as string, list);
  }
  const targets = allocate(
    CHANGZHOU_SIZE.grids,
    communities.map((c) => GRID_WEIGHT[c.kind]),
  );
  for (const [i, community] of communities.entries()) {
    const suffixes = existing.get(community.code) ?? [];
    const missing = (targets[i] ?? 0) - suffixes.length;
    if (missing < 0) throw new RangeError(`community ${community.code} already has more grids than its share`);
    let next = Math.max(0, ...suffixes);
    for (let n = 0; n < missing; n++) {
      next++;
      out.push({
        code: community.code + String(next).padStart(3, '0'),
        name: `第${next}网格`,
        level: 'grid',
        kind: community.kind === 'rural' ? 'rural' : 'residential',
        parentCode: community.code,
      });
    }
  }
  return out;
}

/** The tiny scale's grids: two town grids, the dedicated grid and two village grids of the tree. */
function tinyGrids(grids: readonly SiteUnit[]): SiteUnit[] {
  return [
    ...grids.filter((g) => g.kind === 'residential').slice(0, 2),
    ...grids.filter((g) => g.kind === 'dedicated').slice(0, 1),
    ...grids.filter((g) => g.kind === 'rural').slice(0, 2),
  ];
}

/** Households per scale: ~200 for tests, ~5,000 on the tree's grids for `npm start`, the city's 2 million. */
const HOUSEHOLDS: Readonly<Record<SeedScale, number>> = { ...DEFAULT_HOUSEHOLDS, city: CHANGZHOU_SIZE.households };

/**
 * Changzhou's demo data. tiny: a handful of grids of the tree; demo: every grid of the tree;
 * city: the tree grown to Changzhou's size, with residents and visits only for 八必访 households.
 * `ctx.overrides.households` sets the household count at any scale.
 */
export default defineDemoData((ctx) => {
  const added = ctx.scale === 'city' ? cityScaleUnits(ctx.orgUnits) : [];
  const units: SiteUnit[] = [...ctx.orgUnits, ...added];
  const grids = units.filter((u) => u.level === 'grid');
  const sites = gridSites({
    units,
    grids: ctx.scale === 'tiny' ? tinyGrids(grids) : grids,
    households: ctx.overrides['households'] ?? HOUSEHOLDS[ctx.scale],
    seed: SEED,
  });
  const options = recordOptions(ctx.scale);
  return { orgUnits: added, records: siteRecords(sites, options), expected: expectedCounts(sites, options) };
});
