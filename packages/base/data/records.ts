import { uuidv7FromParts, type GeneratedRecord } from '@zhili/engine';
import { dateToMs, daysBefore, idNumber, mobileNumber } from './identity.ts';
import { dwellings, planBuildings } from './layout.ts';
import { personName } from './names.ts';
import { drawPeople, MIGRANT_ORIGINS, planHousehold, type Origin, type PersonFields } from './people.ts';
import { createRandom, weightedList, type Random, type WeightedList } from './random.ts';
import type { GridSite } from './sites.ts';

/**
 * The "today" of demo data. Ages, dates and ids are computed from it rather than from the clock,
 * so that the same seed always yields the same data.
 */
export const DEMO_REFERENCE_DATE = '2026-10-31';

const DAY_MS = 86_400_000;

/** People of one role on every grid: a fixed number, or a range drawn per grid. */
export interface StaffSlot {
  /** A value of grid_staff.role. */
  readonly role: string;
  /** A value of grid_staff.employment. */
  readonly employment: string;
  readonly count: number | readonly [min: number, max: number];
  /** Fields a locality adds to every grid_staff record of the slot (values must be in its resource schema). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** The national default team of a grid: a grid leader, grid workers and a few volunteers. */
export const BASE_STAFFING: readonly StaffSlot[] = [
  { role: 'grid_leader', employment: 'part_time', count: 1 },
  { role: 'full_time', employment: 'full_time', count: 1 },
  { role: 'part_time', employment: 'part_time', count: [0, 2] },
  { role: 'volunteer', employment: 'volunteer', count: [1, 3] },
];

/** What hooks learn about a generated household. */
export interface HouseholdSummary {
  readonly id: string;
  /** Care categories of the household: those of its members, in the order they were drawn. */
  readonly categories: readonly string[];
  readonly careLevel: string;
}

/** A locality's own care category, given to a household's householder with a probability. */
export interface ExtraCategory {
  readonly value: string;
  readonly probability: number;
}

export interface RecordOptions {
  /** Seed of every random draw; the same seed and sites yield the same records. */
  readonly seed: string;
  /** @default DEMO_REFERENCE_DATE */
  readonly referenceDate?: string;
  /** @default BASE_STAFFING */
  readonly staffing?: readonly StaffSlot[];
  /** Categories a locality adds to the national ones (values must be in its resource schemas). */
  readonly extraCategories?: readonly ExtraCategory[];
  /**
   * A locality's own person-level categories that follow from who lives together (ages, marital
   * status, the household's hardship): given the drawn members (householder first), the categories
   * to add to each member, in the same order. Household categories, care level and visits follow.
   */
  readonly memberCategories?: (members: readonly PersonFields[]) => readonly (readonly string[])[];
  /** Where migrant households come from. @default MIGRANT_ORIGINS */
  readonly migrantOrigins?: readonly Origin[];
  /** Ethnic groups (GB 3304 codes) with their weights. @default mostly Han, as nationwide */
  readonly ethnicities?: readonly (readonly [code: string, weight: number])[];
  /** Fields a locality adds to each household record, e.g. a must-visit flag. */
  readonly householdExtras?: (household: HouseholdSummary) => Readonly<Record<string, unknown>>;
  /** Households that get the most attention (more visits; residents at `detail: 'focus'`). @default careLevel ≠ normal */
  readonly isFocus?: (household: HouseholdSummary) => boolean;
  /**
   * `full`: residents for every household, 1–3 visits per focus household and a visit to a
   * quarter of the others; `focus`: residents and the latest visit only for focus households
   * (city scale, to keep seeding in minutes).
   * @default 'full'
   */
  readonly detail?: 'full' | 'focus';
}

const SPECIAL_ATTENTION = new Set(['elderly_alone', 'extreme_poverty', 'distressed_child']);

/** The care level that follows from a household's categories (a migrant household alone is not a care case). */
export function careLevelOf(categories: readonly string[]): 'normal' | 'key' | 'special' {
  if (categories.some((c) => SPECIAL_ATTENTION.has(c))) return 'special';
  return categories.some((c) => c !== 'migrant') ? 'key' : 'normal';
}

const defaultFocus = (household: HouseholdSummary): boolean => household.careLevel !== 'normal';

function idAt(random: Random, ms: number): string {
  return uuidv7FromParts(ms + random.int(0, DAY_MS - 1), random.bytes(10));
}

/** The records of one grid: buildings, grid staff, then each household with its residents and visits. */
export function* gridRecords(site: GridSite, options: RecordOptions): Generator<GeneratedRecord> {
  const referenceDate = options.referenceDate ?? DEMO_REFERENCE_DATE;
  const isFocus = options.isFocus ?? defaultFocus;
  const detail = options.detail ?? 'full';
  const seed = `${options.seed}/${site.code}`;
  const orgCode = site.code;

  const buildings = planBuildings(createRandom(`${seed}/buildings`), { site, referenceDate });
  for (const building of buildings) yield { resource: 'buildings', orgCode, record: building.record };

  const staff = drawStaff(createRandom(`${seed}/staff`), { site, referenceDate, staffing: options.staffing ?? BASE_STAFFING });
  for (const person of staff) yield { resource: 'grid_staff', orgCode, record: person };
  const active = staff.filter((s) => s.status !== 'left');
  const visitors = active.length > 0 ? weightedList(active.map((s) => [s, VISITOR_WEIGHT[s.role] ?? 1] as const)) : null;

  const migrantOrigins = options.migrantOrigins ?? MIGRANT_ORIGINS;
  const ethnicities = options.ethnicities ? weightedList(options.ethnicities) : undefined;
  const random = createRandom(`${seed}/households`);
  const visitRandom = createRandom(`${seed}/visits`);
  for (const building of buildings) {
    for (const dwelling of dwellings(building)) {
      const plan = planHousehold(random, site.rural);
      const origin: Origin = plan.householdType === 'migrant' ? random.pick(migrantOrigins) : { countyCode: site.countyCode, place: null };
      const people = drawPeople(random, { plan, origin, referenceDate, rural: site.rural, ethnicities });
      const householder = people[0] as PersonFields;
      for (const extra of options.extraCategories ?? []) {
        if (random.chance(extra.probability) && !householder.categories.includes(extra.value)) householder.categories.push(extra.value);
      }
      if (options.memberCategories) {
        const added = options.memberCategories(people);
        for (const [i, person] of people.entries()) {
          for (const category of added[i] ?? []) if (!person.categories.includes(category)) person.categories.push(category);
        }
      }
      const categories = [...new Set(people.flatMap((p) => p.categories))];
      const registeredOn = daysBefore(referenceDate, random.int(30, plan.householdType === 'migrant' ? 1500 : 3650));
      const registeredMs = dateToMs(registeredOn);
      const id = idAt(random, registeredMs);
      const summary: HouseholdSummary = { id, categories, careLevel: careLevelOf(categories) };
      const focus = isFocus(summary);
      yield {
        resource: 'households',
        orgCode,
        record: {
          id,
          address: dwelling.address,
          buildingId: building.id,
          roomNumber: dwelling.roomNumber,
          householderName: householder.name,
          householderIdNumber: householder.idNumber,
          phone: householder.phone ?? mobileNumber(random),
          memberCount: people.length,
          householdType: plan.householdType,
          housingStatus: plan.housingStatus,
          categories,
          careLevel: summary.careLevel,
          registeredOn,
          ...options.householdExtras?.(summary),
        },
      };
      const residentIds = people.map(() => idAt(random, registeredMs));
      if (detail === 'full' || focus) {
        for (const [i, person] of people.entries()) {
          yield {
            resource: 'residents',
            orgCode,
            record: {
              id: residentIds[i],
              householdId: id,
              ...person,
              address: dwelling.address,
              ...(origin.place
                ? { hukouAddress: origin.place }
                : plan.householdType === 'registered'
                  ? { hukouAddress: dwelling.address }
                  : {}),
            },
          };
        }
      }
      if (visitors && (detail === 'full' || focus)) {
        yield* visitsOf(visitRandom, { household: summary, focus, visitors, referenceDate, orgCode, latestOnly: detail === 'focus' });
      }
    }
  }
}

/** The records of many grids, one grid after another; iterating it again starts over. */
export function siteRecords(sites: readonly GridSite[], options: RecordOptions): Iterable<GeneratedRecord> {
  return {
    *[Symbol.iterator]() {
      for (const site of sites) yield* gridRecords(site, options);
    },
  };
}

/** Residents and visits per household, measured on generated data, for progress estimates. */
const RESIDENTS_PER_HOUSEHOLD = 2.55;
const VISITS_PER_HOUSEHOLD = 0.8;
const FOCUS_SHARE = 0.32;
const RESIDENTS_PER_FOCUS_HOUSEHOLD = 2.1;

/**
 * Record counts per resource for progress output: exact for buildings, households and grid
 * staff (their draws are replayed), estimated for residents and visits.
 */
export function expectedCounts(sites: readonly GridSite[], options: RecordOptions): Record<string, number> {
  const referenceDate = options.referenceDate ?? DEMO_REFERENCE_DATE;
  let buildings = 0;
  let staff = 0;
  let households = 0;
  for (const site of sites) {
    const seed = `${options.seed}/${site.code}`;
    buildings += planBuildings(createRandom(`${seed}/buildings`), { site, referenceDate }).length;
    staff += staffCounts(createRandom(`${seed}/staff`), options.staffing ?? BASE_STAFFING).reduce((a, b) => a + b, 0);
    households += site.households;
  }
  const full = (options.detail ?? 'full') === 'full';
  return {
    buildings,
    grid_staff: staff,
    households,
    residents: Math.round(households * (full ? RESIDENTS_PER_HOUSEHOLD : FOCUS_SHARE * RESIDENTS_PER_FOCUS_HOUSEHOLD)),
    visits: Math.round(households * (full ? VISITS_PER_HOUSEHOLD : FOCUS_SHARE)),
  };
}

function staffCounts(random: Random, staffing: readonly StaffSlot[]): number[] {
  return staffing.map((slot) => (typeof slot.count === 'number' ? slot.count : random.int(slot.count[0], slot.count[1])));
}

interface StaffRecord extends Record<string, unknown> {
  readonly id: string;
  readonly role: string;
  readonly status: string;
}

const PARTY_SHARE: Readonly<Record<string, number>> = {
  grid_leader: 0.85,
  social_worker: 0.6,
  full_time: 0.45,
  part_time: 0.35,
  assistant: 0.3,
  volunteer: 0.25,
};
const VISITOR_WEIGHT: Readonly<Record<string, number>> = {
  social_worker: 3,
  full_time: 4,
  part_time: 2,
  grid_leader: 1,
  assistant: 1,
  volunteer: 0.5,
};

function drawStaff(random: Random, options: { site: GridSite; referenceDate: string; staffing: readonly StaffSlot[] }): StaffRecord[] {
  const { site, referenceDate, staffing } = options;
  const counts = staffCounts(random, staffing);
  const out: StaffRecord[] = [];
  for (const [i, slot] of staffing.entries()) {
    for (let n = 0; n < (counts[i] ?? 0); n++) {
      const volunteer = slot.role === 'volunteer';
      const age = volunteer ? random.int(20, 70) : random.int(24, 56);
      const gender = random.chance(slot.role === 'social_worker' ? 0.3 : 0.45) ? 'male' : 'female';
      const birthYear = Number(referenceDate.slice(0, 4)) - age;
      const birthDate = daysBefore(`${birthYear}-12-31`, random.int(0, 364));
      const startDate = daysBefore(referenceDate, random.int(60, volunteer ? 1500 : 3000));
      const status = random.chance(0.95) ? 'active' : volunteer || slot.employment === 'part_time' ? 'left' : 'on_leave';
      out.push({
        id: idAt(random, dateToMs(startDate)),
        name: personName(random, { gender, birthYear }),
        gender,
        role: slot.role,
        employment: slot.employment,
        phone: mobileNumber(random),
        idNumber: idNumber(random, { divisionCode: site.countyCode, birthDate, gender }),
        partyMember: random.chance(PARTY_SHARE[slot.role] ?? 0.3),
        education: volunteer
          ? random.pick(['junior', 'senior', 'college', 'bachelor'])
          : random.pick(['senior', 'college', 'bachelor', 'bachelor', 'postgraduate']),
        socialWorkQualification:
          slot.role === 'social_worker'
            ? random.pick(['assistant', 'intermediate', 'intermediate', 'senior'])
            : slot.employment === 'full_time' && random.chance(0.4)
              ? 'assistant'
              : 'none',
        startDate,
        status,
        ...slot.fields,
      });
    }
  }
  return out;
}

const FOCUS_KINDS = weightedList<string>([
  ['visit', 70],
  ['follow_up', 20],
  ['patrol', 10],
]);
const ROUTINE_KINDS = weightedList<string>([
  ['visit', 60],
  ['patrol', 40],
]);
const FOCUS_PURPOSES = weightedList<string>([
  ['care', 50],
  ['routine', 25],
  ['info_check', 10],
  ['policy', 10],
  ['safety', 5],
]);
const ROUTINE_PURPOSES = weightedList<string>([
  ['routine', 40],
  ['info_check', 25],
  ['policy', 15],
  ['safety', 10],
  ['dispute', 5],
  ['request', 5],
]);

const CARE_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  elderly_80: ['老人身体状况尚可，已提醒按时领取高龄津贴。', '老人行动不便，已对接居家养老上门服务。'],
  elderly_alone: ['独居老人生活能自理，已登记紧急联系人。', '为独居老人安装了一键呼叫设备，约定每周电话问候。'],
  empty_nest: ['老两口身体健康，子女每周回家探望。', '老人反映就医挂号不便，已介绍家庭医生签约服务。'],
  left_behind_elderly: ['留守老人务农为主，身体健康，子女在外务工按月寄钱。'],
  left_behind_child: ['孩子由祖辈照看，学习正常，已对接“四点半课堂”。', '了解孩子在校情况，提醒监护人注意防溺水。'],
  left_behind_woman: ['了解家庭生产生活情况，介绍了妇联技能培训项目。'],
  distressed_child: ['核实困境儿童基本生活补贴发放情况，监护落实到位。', '孩子就学正常，已联系学校给予助学帮扶。'],
  disabled: ['残疾人证在有效期内，了解了康复需求，已告知辅具申领政策。', '核实两项补贴发放情况，无异常。'],
  subsistence: ['复核家庭收入情况，低保待遇按时发放。'],
  low_income: ['家庭收入略有增加，继续关注，必要时申请临时救助。'],
  extreme_poverty: ['特困供养金按时发放，日常照料由邻居协助。'],
  special_care: ['优抚金按时发放，老人身体健康，节前上门慰问。'],
  bereaved_parents: ['与老人谈心，了解养老和就医需求，已联系计生特殊家庭关怀项目。'],
  migrant: ['核对居住登记信息，提醒办理居住证。'],
};
const FINDINGS: Readonly<Record<string, readonly string[]>> = {
  care: ['了解家庭近况，无特殊诉求。'],
  routine: ['家中一切正常，无特殊诉求。', '住户反映楼道照明损坏，已记录报修。', '住户对近期环境整治表示满意。'],
  info_check: ['核实家庭成员信息，与登记一致。', '更新了联系电话和在住人员信息。'],
  policy: ['宣传城乡居民医保参保缴费政策。', '宣传反诈知识，发放宣传资料。', '宣传垃圾分类要求。'],
  safety: ['检查电动自行车充电情况，劝导不在楼道充电。', '检查燃气使用安全，未发现隐患。'],
  dispute: ['邻里因噪音产生矛盾，已上门调解，双方达成谅解。'],
  request: ['住户反映小区停车难，已转交物业和社区协调。'],
};
const FOLLOW_UPS = [
  '报社区居委会协调处理，一周内回访。',
  '转街道民政部门核办，月底前回访。',
  '联系物业维修，三日内回访。',
  '协助申请临时救助，跟进审批结果。',
];

function* visitsOf(
  random: Random,
  options: {
    household: HouseholdSummary;
    focus: boolean;
    visitors: WeightedList<StaffRecord>;
    referenceDate: string;
    orgCode: string;
    latestOnly: boolean;
  },
): Generator<GeneratedRecord> {
  const { household, focus, visitors, referenceDate, orgCode } = options;
  const count = focus ? (options.latestOnly ? 1 : random.int(1, 3)) : random.chance(0.25) ? 1 : 0;
  for (let n = 0; n < count; n++) {
    const visitDate = daysBefore(referenceDate, random.int(0, 89));
    const kind = random.weighted(focus ? FOCUS_KINDS : ROUTINE_KINDS);
    const purpose = random.weighted(focus ? FOCUS_PURPOSES : ROUTINE_PURPOSES);
    const careCategory = household.categories.find((c) => CARE_FINDINGS[c]);
    const findings =
      purpose === 'care' && careCategory ? random.pick(CARE_FINDINGS[careCategory] ?? []) : random.pick(FINDINGS[purpose] ?? []);
    const needsFollowUp = random.chance(focus ? 0.18 : 0.08);
    yield {
      resource: 'visits',
      orgCode,
      record: {
        id: idAt(random, dateToMs(visitDate)),
        visitDate,
        householdId: household.id,
        visitorId: random.weighted(visitors).id,
        kind,
        purpose,
        categoriesVisited: kind === 'patrol' ? [] : [...household.categories],
        findings,
        needsFollowUp,
        ...(needsFollowUp ? { followUpNote: random.pick(FOLLOW_UPS) } : {}),
        durationMinutes: random.int(10, 60),
      },
    };
  }
}
