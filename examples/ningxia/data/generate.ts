import {
  ageOn,
  DEMO_REFERENCE_DATE,
  expectedCounts,
  gridSites,
  siteRecords,
  type HouseholdSummary,
  type Origin,
  type PersonFields,
  type RecordOptions,
  type SiteUnit,
  type StaffSlot,
} from '@zhili/base/demo';
import { defineDemoData, type SeedScale } from '@zhili/engine';

const SEED = 'ningxia';

/**
 * The care categories of the households a grid worker visits regularly (seeds/001 (四) 入户走访制度):
 * 三留守人员 (left-behind elderly, children and women), 困境儿童, 困难老人, 高龄老人, 困难单亲母亲,
 * 流动人口, 贫困残疾人 and 优抚对象. The ninth group, 社区服刑、戒毒、刑满释放人员, is the residents'
 * sensitive special group and stays out of the household flag.
 */
// prettier-ignore
export const MUST_VISIT_CATEGORIES: readonly string[] = [
  'left_behind_elderly', 'left_behind_child', 'left_behind_woman',
  'distressed_child',
  'needy_elderly',
  'elderly_80',
  'needy_single_mother',
  'migrant',
  'poor_disabled',
  'special_care',
];

/** The residents' special groups that the visiting rule names: 社区服刑 (community correction), 戒毒, 刑满释放. */
export const MUST_VISIT_SPECIAL_GROUPS: readonly string[] = ['community_correction', 'community_drug_rehab', 'released_prisoner'];

/** The allowance of a grid worker who is not a village committee member (示例值: not from the source; the article says only 一定数额补贴). */
export const GROUP_LEADER_ALLOWANCE = 300;

/**
 * The grid workers and helpers of every villager group (seeds/001 (四)): 1–2 grid workers, the group
 * leader or a village committee member living in the group. That the group leader always serves and
 * a committee member in some groups, and 0–2 volunteers (党员、村民代表、热心群众) help, are 示例值:
 * not from the source.
 */
export const GROUP_STAFFING: readonly StaffSlot[] = [
  { role: 'part_time', employment: 'part_time', count: 1, fields: { drawnFrom: 'group_leader', monthlyAllowance: GROUP_LEADER_ALLOWANCE } },
  { role: 'part_time', employment: 'part_time', count: [0, 1], fields: { drawnFrom: 'village_committee' } },
  { role: 'volunteer', employment: 'volunteer', count: [0, 2] },
];

/** Categories that mean a household lives in hardship (低保, 低保边缘, 特困). */
const HARDSHIP = new Set(['subsistence', 'low_income', 'extreme_poverty']);
const ELDERLY_AGE = 60;
const ADULT_AGE = 18;

/**
 * Ningxia's own person-level categories, from who lives together: in a household in hardship, every
 * member aged 60 or over is 困难老人, every member with a disability 贫困残疾人, and a householder
 * who is a mother raising a child under 18 without a spouse 困难单亲母亲.
 */
export function ningxiaCategories(members: readonly PersonFields[]): string[][] {
  const age = (p: PersonFields): number => ageOn(p.birthDate, DEMO_REFERENCE_DATE);
  if (!members.some((m) => m.categories.some((c) => HARDSHIP.has(c)))) return members.map(() => []);
  const householder = members[0];
  const singleMother =
    householder !== undefined &&
    householder.gender === 'female' &&
    ['divorced', 'widowed', 'unmarried'].includes(householder.maritalStatus ?? '') &&
    !members.some((m) => m.relation === 'spouse') &&
    members.some((m) => m.relation === 'child' && age(m) < ADULT_AGE);
  return members.map((m, i) => [
    ...(age(m) >= ELDERLY_AGE ? ['needy_elderly'] : []),
    ...(m.categories.includes('disabled') ? ['poor_disabled'] : []),
    ...(i === 0 && singleMother ? ['needy_single_mother'] : []),
  ]);
}

/**
 * Where migrants in Ningxia's villages come from: the neighbouring counties of Gansu and the
 * region's own southern mountains (示例值: not from the source).
 */
export const NINGXIA_MIGRANT_ORIGINS: readonly Origin[] = [
  { countyCode: '620421', place: '甘肃省白银市靖远县' },
  { countyCode: '620422', place: '甘肃省白银市会宁县' },
  { countyCode: '620522', place: '甘肃省天水市秦安县' },
  { countyCode: '621121', place: '甘肃省定西市通渭县' },
  { countyCode: '640522', place: '宁夏回族自治区中卫市海原县' },
];

/**
 * Ethnic groups (GB 3304 codes) by share: about 63 % Han (01) and 36 % Hui (03), with a few Manchu
 * (11), Mongol (02) and Dongxiang (26), after the 2020 census of the region (示例值: not from the source).
 */
// prettier-ignore
export const NINGXIA_ETHNICITIES: readonly (readonly [string, number])[] = [
  ['01', 634], ['03', 357], ['11', 4], ['02', 3], ['26', 2],
];

const isMustVisit = (household: HouseholdSummary): boolean => household.categories.some((c) => MUST_VISIT_CATEGORIES.includes(c));

/** The options of the record generator. */
export function recordOptions(): RecordOptions {
  return {
    seed: SEED,
    staffing: GROUP_STAFFING,
    memberCategories: ningxiaCategories,
    migrantOrigins: NINGXIA_MIGRANT_ORIGINS,
    ethnicities: NINGXIA_ETHNICITIES,
    householdExtras: (household) => ({ mustVisit: isMustVisit(household) }),
    isFocus: isMustVisit,
  };
}

/**
 * Households per scale. The source gives no size of the region to grow to, so `city` seeds the
 * tree's villager groups as `demo` does (示例值: not from the source).
 */
const HOUSEHOLDS: Readonly<Record<SeedScale, number>> = { tiny: 200, demo: 5_000, city: 5_000 };

/** Villager groups that get records at the tiny scale (the first ones of the tree). */
const TINY_GROUPS = 4;

/**
 * Ningxia's demo data: records for the villager groups of the tree (the first four at tiny scale),
 * every record in a villager group. `ctx.overrides.households` sets the household count.
 */
export default defineDemoData((ctx) => {
  const units: readonly SiteUnit[] = ctx.orgUnits;
  const groups = units.filter((u) => u.level === 'grid');
  const sites = gridSites({
    units,
    grids: ctx.scale === 'tiny' ? groups.slice(0, TINY_GROUPS) : groups,
    households: ctx.overrides['households'] ?? HOUSEHOLDS[ctx.scale],
    seed: SEED,
  });
  const options = recordOptions();
  return { orgUnits: [], records: siteRecords(sites, options), expected: expectedCounts(sites, options) };
});
