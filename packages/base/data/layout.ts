import { uuidv7FromParts } from '@zhili/engine';
import { dateToMs, mobileNumber } from './identity.ts';
import { personName } from './names.ts';
import type { Random } from './random.ts';
import type { GridSite } from './sites.ts';

const DAY_MS = 86_400_000;

/** A building of a grid and the dwellings in it that households are registered to. */
export interface BuildingPlan {
  readonly id: string;
  /** The `buildings` record. */
  readonly record: Readonly<Record<string, unknown>> & { readonly id: string };
  readonly rural: boolean;
  readonly address: string;
  readonly units: number;
  readonly floors: number;
  /** Flats per floor of a block, or houses of a villager group. */
  readonly flatsPerFloor: number;
  /** Dwellings with a registered household (≤ units × floors × flats per floor, or ≤ houses). */
  readonly occupied: number;
}

/** A dwelling of a building. */
export interface Dwelling {
  /** Flat or house number, e.g. 2单元301室 or 12号. */
  readonly roomNumber: string;
  readonly address: string;
}

const URBAN_STEMS = [
  '兰陵',
  '清潭',
  '丽华',
  '翠竹',
  '勤业',
  '青山',
  '锦绣',
  '阳光',
  '和平',
  '幸福',
  '紫云',
  '天安',
  '龙城',
  '运河',
  '凤凰',
  '荷花',
  '梧桐',
  '香樟',
  '东方',
  '怡康',
  '金色',
  '新城',
  '星河',
  '御景',
  '聚湖',
  '白云',
  '红梅',
  '湖滨',
  '江南',
  '丰泽',
  '嘉禾',
  '同心',
];
const OLD_SUFFIXES = ['新村', '一村', '二村', '三村', '小区', '里'];
const NEW_SUFFIXES = ['花园', '苑', '家园', '华庭', '名都', '雅苑', '公寓', '佳园', '府'];
const HAMLET_SUFFIXES = ['家村', '家塘', '家桥', '家巷', '家埭', '家头', '墅', '圩', '庄', '里'];
const HAMLET_STEMS = [
  '周',
  '徐',
  '蒋',
  '钱',
  '沈',
  '顾',
  '陆',
  '庄',
  '吴',
  '王',
  '张',
  '陈',
  '朱',
  '潘',
  '汤',
  '邵',
  '孙',
  '杨',
  '黄',
  '薛',
];

type UrbanStyle = 'old' | 'new';

/**
 * Lays out the buildings of a grid so that they hold exactly `site.households` households: urban
 * compounds of old six-storey blocks or newer high-rises, or, in villages, self-built houses
 * registered per villager group (村民小组).
 */
export function planBuildings(random: Random, options: { site: GridSite; referenceDate: string }): BuildingPlan[] {
  const { site, referenceDate } = options;
  const plans: BuildingPlan[] = [];
  const reference = dateToMs(referenceDate);
  let remaining = site.households;
  let compound = '';
  let style: UrbanStyle = 'old';
  let left = 0;
  let number = 0;
  let group = 0;
  while (remaining > 0) {
    if (left === 0) {
      style = random.chance(0.45) ? 'old' : 'new';
      compound = site.rural
        ? random.pick(HAMLET_STEMS) + random.pick(HAMLET_SUFFIXES)
        : random.pick(URBAN_STEMS) + random.pick(style === 'old' ? OLD_SUFFIXES : NEW_SUFFIXES);
      left = site.rural ? random.int(1, 3) : random.int(4, 16);
      number = 0;
    }
    left--;
    number++;
    group++;
    const shape = site.rural ? ruralShape(random) : urbanShape(random, style);
    const capacity = site.rural ? shape.flatsPerFloor : shape.units * shape.floors * shape.flatsPerFloor;
    const occupied = Math.min(remaining, Math.max(1, Math.round(capacity * (0.8 + random.next() * 0.15))));
    remaining -= occupied;
    const name = site.rural ? `${group}组` : shape.kind === 'bungalow' ? `${number}号院` : `${number}幢`;
    const address = `${site.addressPrefix}${compound}${name}`;
    const leaderBirthYear = Number(referenceDate.slice(0, 4)) - random.int(45, 75);
    const id = uuidv7FromParts(reference - random.int(200, 2000) * DAY_MS, random.bytes(10));
    plans.push({
      id,
      rural: site.rural,
      address,
      units: shape.units,
      floors: shape.floors,
      flatsPerFloor: shape.flatsPerFloor,
      occupied,
      record: {
        id,
        name,
        compound,
        address,
        kind: shape.kind,
        floors: shape.floors,
        units: shape.units,
        householdCount: occupied,
        builtYear: shape.builtYear,
        propertyManagement: shape.propertyManagement,
        leaderName: personName(random, { gender: random.chance(0.45) ? 'male' : 'female', birthYear: leaderBirthYear }),
        leaderPhone: mobileNumber(random),
      },
    });
  }
  return plans;
}

interface Shape {
  readonly kind: string;
  readonly units: number;
  readonly floors: number;
  readonly flatsPerFloor: number;
  readonly builtYear: number;
  readonly propertyManagement: string;
}

function urbanShape(random: Random, style: UrbanStyle): Shape {
  if (style === 'old') {
    if (random.chance(0.08)) {
      return {
        kind: 'bungalow',
        units: 1,
        floors: random.int(1, 2),
        flatsPerFloor: random.int(3, 8),
        builtYear: random.int(1950, 1985),
        propertyManagement: 'none',
      };
    }
    return {
      kind: 'residential',
      units: random.int(2, 4),
      floors: random.int(5, 7),
      flatsPerFloor: 2,
      builtYear: random.int(1982, 2002),
      propertyManagement: random.pick(['community_managed', 'self_managed', 'property_company', 'none']),
    };
  }
  if (random.chance(0.1)) {
    return {
      kind: 'mixed_use',
      units: 1,
      floors: random.int(6, 15),
      flatsPerFloor: random.int(4, 6),
      builtYear: random.int(2000, 2020),
      propertyManagement: 'property_company',
    };
  }
  return {
    kind: 'residential',
    units: random.int(1, 2),
    floors: random.pick([11, 11, 17, 18, 18, 26, 32]),
    flatsPerFloor: random.int(2, 4),
    builtYear: random.int(2003, 2022),
    propertyManagement: 'property_company',
  };
}

function ruralShape(random: Random): Shape {
  return {
    kind: 'self_built',
    units: 1,
    floors: random.int(2, 3),
    flatsPerFloor: random.int(20, 45),
    builtYear: random.int(1985, 2015),
    propertyManagement: 'none',
  };
}

/**
 * The occupied dwellings of a building, spread evenly over its flats (deterministic, no random
 * draws). Rural houses are numbered 1, 2, 3 … within their villager group.
 */
export function* dwellings(plan: BuildingPlan): Generator<Dwelling> {
  if (plan.rural) {
    for (let n = 1; n <= plan.occupied; n++) yield { roomNumber: `${n}号`, address: `${plan.address}${n}号` };
    return;
  }
  const capacity = plan.units * plan.floors * plan.flatsPerFloor;
  let i = 0;
  for (let unit = 1; unit <= plan.units; unit++) {
    for (let floor = 1; floor <= plan.floors; floor++) {
      for (let flat = 1; flat <= plan.flatsPerFloor; flat++, i++) {
        if (Math.floor(((i + 1) * plan.occupied) / capacity) === Math.floor((i * plan.occupied) / capacity)) continue;
        const room =
          plan.units > 1 ? `${unit}单元${floor}${String(flat).padStart(2, '0')}室` : `${floor}${String(flat).padStart(2, '0')}室`;
        yield { roomNumber: room, address: `${plan.address}${room}` };
      }
    }
  }
}
