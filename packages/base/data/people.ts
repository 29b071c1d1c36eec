import { birthDateForAge, idNumber, mobileNumber } from './identity.ts';
import { CHINESE_SURNAMES, givenName, type Gender } from './names.ts';
import { weightedList, type Random, type WeightedList } from './random.ts';

/** Where a household comes from: the county of registration used in its members' ID numbers. */
export interface Origin {
  /** 6-digit county-level division code. */
  readonly countyCode: string;
  /** Registration address of members registered there, when it differs from where they live. */
  readonly place: string | null;
}

/**
 * Counties that send many migrant workers to the cities of southern Jiangsu, with their
 * division codes (GB/T 2260).
 */
export const MIGRANT_ORIGINS: readonly Origin[] = [
  { countyCode: '341221', place: '安徽省阜阳市临泉县' },
  { countyCode: '341222', place: '安徽省阜阳市太和县' },
  { countyCode: '341623', place: '安徽省亳州市利辛县' },
  { countyCode: '321324', place: '江苏省宿迁市泗洪县' },
  { countyCode: '320923', place: '江苏省盐城市阜宁县' },
];

/** One member of a household as a template describes it, before names and numbers are drawn. */
export interface MemberPlan {
  readonly age: number;
  readonly gender: Gender;
  readonly relation: string;
  readonly categories: string[];
  readonly maritalStatus?: string;
  readonly disabilityGrade?: string;
  readonly politicalStatus?: string;
}

/** A household as a template describes it. The first member is the householder. */
export interface HouseholdPlan {
  readonly householdType: string;
  readonly housingStatus: string;
  readonly members: MemberPlan[];
}

type Template = (random: Random) => HouseholdPlan;

const ELDERLY_AGE = 60;
const VERY_OLD_AGE = 80;
const LOCAL_HOUSING = weightedList<string>([
  ['owned', 88],
  ['rented', 6],
  ['public_rental', 4],
  ['lodging', 2],
]);
const MIGRANT_HOUSING = weightedList<string>([
  ['rented', 75],
  ['dormitory', 10],
  ['lodging', 15],
]);
const CHILD_COUNT = weightedList<number>([
  [0, 15],
  [1, 60],
  [2, 25],
]);

function gender(random: Random, maleShare: number): Gender {
  return random.chance(maleShare) ? 'male' : 'female';
}

/** A household registered here (or elsewhere in the city), living in the given housing or a drawn one. */
function local(random: Random, options: { members: MemberPlan[]; housing?: string | undefined }): HouseholdPlan {
  return {
    householdType: random.chance(0.9) ? 'registered' : 'separated',
    housingStatus: options.housing ?? random.weighted(LOCAL_HOUSING),
    members: options.members,
  };
}

/** Adds categories to every member (household-wide statuses such as 低保). */
function withAll(members: MemberPlan[], ...categories: string[]): MemberPlan[] {
  return members.map((m) => ({ ...m, categories: [...m.categories, ...categories] }));
}

/** Adds a disability to one member. */
function withDisability(random: Random, options: { members: MemberPlan[]; index: number; grades: readonly string[] }): MemberPlan[] {
  const { members, index, grades } = options;
  return members.map((m, i) =>
    i === index ? { ...m, categories: [...m.categories, 'disabled'], disabilityGrade: random.pick(grades) } : m,
  );
}

function couple(random: Random, options: { minAge: number; maxAge: number; categories?: string[] }): MemberPlan[] {
  const husband = random.int(options.minAge, options.maxAge);
  const wife = Math.max(options.minAge, husband - random.int(-2, 5));
  const categories = options.categories ?? [];
  return [
    { age: husband, gender: 'male', relation: 'householder', categories: [...categories], maritalStatus: 'married' },
    { age: wife, gender: 'female', relation: 'spouse', categories: [...categories], maritalStatus: 'married' },
  ];
}

function children(
  random: Random,
  options: { count: number; minAge?: number; maxAge: number; relation?: string; categories?: string[] },
): MemberPlan[] {
  const out: MemberPlan[] = [];
  for (let i = 0; i < options.count; i++) {
    out.push({
      age: random.int(options.minAge ?? 0, Math.max(options.minAge ?? 0, options.maxAge)),
      gender: gender(random, 0.52),
      relation: options.relation ?? 'child',
      categories: [...(options.categories ?? [])],
    });
  }
  return out;
}

/** A working-age couple with 0–2 children, sometimes with a parent living with them. */
function family(random: Random): MemberPlan[] {
  const members = couple(random, { minAge: 26, maxAge: 56 });
  const youngest = Math.min(...members.map((m) => m.age));
  members.push(...children(random, { count: random.weighted(CHILD_COUNT), maxAge: Math.min(25, youngest - 21) }));
  if (members.length < 4 && random.chance(0.2)) {
    const oldest = Math.max(...members.map((m) => m.age));
    members.push({
      age: Math.min(79, oldest + random.int(24, 32)),
      gender: gender(random, 0.4),
      relation: 'parent',
      categories: [],
      maritalStatus: 'widowed',
    });
  }
  return members;
}

/** Household templates: the common family shapes, and those that carry care categories. */
const TEMPLATES = {
  family: (r) => local(r, { members: family(r) }),
  couple: (r) => local(r, { members: couple(r, { minAge: 23, maxAge: 59 }) }),
  single: (r) =>
    local(r, {
      members: [
        {
          age: r.int(22, 59),
          gender: gender(r, 0.55),
          relation: 'householder',
          categories: [],
          maritalStatus: r.chance(0.7) ? 'unmarried' : 'divorced',
        },
      ],
    }),
  elderly80: (r) => {
    if (r.chance(0.5)) return local(r, { members: couple(r, { minAge: VERY_OLD_AGE, maxAge: 95 }) });
    const age = r.int(VERY_OLD_AGE, 97);
    return local(r, {
      members: [
        { age, gender: gender(r, 0.4), relation: 'householder', categories: [], maritalStatus: 'widowed' },
        { age: age - r.int(24, 34), gender: gender(r, 0.5), relation: 'child', categories: [], maritalStatus: 'married' },
      ],
    });
  },
  elderlyAlone: (r) =>
    local(r, {
      members: [{ age: r.int(65, 93), gender: gender(r, 0.35), relation: 'householder', categories: [], maritalStatus: 'widowed' }],
    }),
  emptyNest: (r) => local(r, { members: couple(r, { minAge: ELDERLY_AGE, maxAge: 79 }) }),
  leftBehind: (r) => {
    const grandparents = r.chance(0.7)
      ? couple(r, { minAge: 55, maxAge: 76, categories: ['left_behind_elderly'] })
      : [
          {
            age: r.int(55, 76),
            gender: gender(r, 0.4),
            relation: 'householder',
            categories: ['left_behind_elderly'],
            maritalStatus: 'widowed',
          },
        ];
    return local(r, {
      members: [
        ...grandparents,
        ...children(r, { count: r.int(1, 2), minAge: 2, maxAge: 15, relation: 'grandchild', categories: ['left_behind_child'] }),
      ],
      housing: 'owned',
    });
  },
  leftBehindWoman: (r) => {
    const age = r.int(26, 45);
    const members: MemberPlan[] = [
      { age, gender: 'female', relation: 'householder', categories: ['left_behind_woman'], maritalStatus: 'married' },
      ...children(r, { count: r.int(1, 2), maxAge: Math.min(15, age - 21) }),
    ];
    if (r.chance(0.4))
      members.push({
        age: Math.min(79, age + r.int(24, 30)),
        gender: 'female',
        relation: 'parent_in_law',
        categories: [],
        maritalStatus: 'widowed',
      });
    return local(r, { members, housing: 'owned' });
  },
  distressedChild: (r) => {
    const withGrandmother = r.chance(0.5);
    const members: MemberPlan[] = [
      withGrandmother
        ? { age: r.int(56, 78), gender: 'female', relation: 'householder', categories: [], maritalStatus: 'widowed' }
        : { age: r.int(28, 48), gender: 'female', relation: 'householder', categories: [], maritalStatus: 'divorced' },
      ...children(r, {
        count: 1,
        minAge: 3,
        maxAge: 16,
        relation: withGrandmother ? 'grandchild' : 'child',
        categories: ['distressed_child'],
      }),
    ];
    return local(r, { members: r.chance(0.5) ? withAll(members, 'subsistence') : members });
  },
  disabled: (r) => {
    const members = r.chance(0.6)
      ? family(r)
      : [{ age: r.int(40, 85), gender: gender(r, 0.5), relation: 'householder', categories: [], maritalStatus: 'widowed' }];
    return local(r, { members: withDisability(r, { members, index: r.int(0, members.length - 1), grades: ['1', '2', '3', '4'] }) });
  },
  subsistence: (r) => {
    const members = r.chance(0.5) ? family(r).slice(0, 3) : couple(r, { minAge: 55, maxAge: 85 });
    const withHardship = r.chance(0.3) ? withDisability(r, { members, index: 0, grades: ['1', '2', '3', '4'] }) : members;
    return local(r, { members: withAll(withHardship, 'subsistence'), housing: r.chance(0.3) ? 'public_rental' : undefined });
  },
  lowIncome: (r) =>
    local(r, { members: withAll(r.chance(0.5) ? family(r).slice(0, 3) : couple(r, { minAge: 55, maxAge: 85 }), 'low_income') }),
  extremePoverty: (r) =>
    local(r, {
      members: [
        r.chance(0.7)
          ? {
              age: r.int(ELDERLY_AGE, 88),
              gender: gender(r, 0.6),
              relation: 'householder',
              categories: ['extreme_poverty'],
              maritalStatus: 'unmarried',
            }
          : {
              age: r.int(30, 59),
              gender: gender(r, 0.6),
              relation: 'householder',
              categories: ['extreme_poverty', 'disabled'],
              disabilityGrade: r.pick(['1', '2']),
              maritalStatus: 'unmarried',
            },
      ],
    }),
  specialCare: (r) => {
    const age = r.int(62, 95);
    const veteran: MemberPlan = {
      age,
      gender: 'male',
      relation: 'householder',
      categories: ['special_care'],
      maritalStatus: 'married',
      politicalStatus: r.chance(0.6) ? 'cpc_member' : 'masses',
    };
    if (r.chance(0.3)) {
      return local(r, {
        members: [
          { ...veteran, maritalStatus: 'widowed' },
          { age: Math.max(35, age - r.int(25, 32)), gender: gender(r, 0.5), relation: 'child', categories: [], maritalStatus: 'married' },
        ],
      });
    }
    return local(r, {
      members: [
        veteran,
        { age: Math.max(ELDERLY_AGE, age - r.int(0, 5)), gender: 'female', relation: 'spouse', categories: [], maritalStatus: 'married' },
      ],
    });
  },
  bereavedParents: (r) => local(r, { members: couple(r, { minAge: 55, maxAge: 82, categories: ['bereaved_parents'] }) }),
  migrant: (r) => {
    const parents = r.chance(0.3)
      ? [{ age: r.int(19, 40), gender: gender(r, 0.6), relation: 'householder', categories: [], maritalStatus: 'unmarried' }]
      : couple(r, { minAge: 21, maxAge: 45 });
    const youngest = Math.min(...parents.map((m) => m.age));
    const members =
      parents.length > 1 ? [...parents, ...children(r, { count: r.int(0, 1), maxAge: Math.min(12, youngest - 20) })] : parents;
    return { householdType: 'migrant', housingStatus: r.weighted(MIGRANT_HOUSING), members: withAll(members, 'migrant') };
  },
} satisfies Record<string, Template>;

type TemplateName = keyof typeof TEMPLATES;

function templates(weights: Record<TemplateName, number>): WeightedList<Template> {
  return weightedList<Template>((Object.keys(weights) as TemplateName[]).map((name) => [TEMPLATES[name], weights[name]] as const));
}

/** How often each template occurs, per thousand households, in towns and in villages. */
const URBAN_TEMPLATES = templates({
  family: 470,
  couple: 100,
  single: 60,
  elderly80: 45,
  elderlyAlone: 30,
  emptyNest: 70,
  leftBehind: 5,
  leftBehindWoman: 3,
  distressedChild: 8,
  disabled: 35,
  subsistence: 20,
  lowIncome: 15,
  extremePoverty: 5,
  specialCare: 17,
  bereavedParents: 7,
  migrant: 110,
});
const RURAL_TEMPLATES = templates({
  family: 430,
  couple: 70,
  single: 30,
  elderly80: 55,
  elderlyAlone: 40,
  emptyNest: 70,
  leftBehind: 55,
  leftBehindWoman: 20,
  distressedChild: 12,
  disabled: 40,
  subsistence: 30,
  lowIncome: 20,
  extremePoverty: 12,
  specialCare: 18,
  bereavedParents: 8,
  migrant: 60,
});

/**
 * Derives the categories that follow from ages and living arrangements, so that they always
 * agree with the members: 80 or over → 高龄老人; one member aged 60 or over → 独居老人;
 * only elderly spouses → 空巢老人.
 */
function withDerivedCategories(plan: HouseholdPlan): HouseholdPlan {
  const onlyElderlyCouple =
    plan.members.length > 1 && plan.members.every((m) => m.age >= ELDERLY_AGE && (m.relation === 'householder' || m.relation === 'spouse'));
  const alone = plan.members.length === 1 && (plan.members[0]?.age ?? 0) >= ELDERLY_AGE;
  const members = plan.members.map((m) => {
    const derived = [
      ...(m.age >= VERY_OLD_AGE ? ['elderly_80'] : []),
      ...(alone ? ['elderly_alone'] : []),
      ...(onlyElderlyCouple ? ['empty_nest'] : []),
    ];
    return { ...m, categories: [...new Set([...m.categories, ...derived])] };
  });
  return { ...plan, members };
}

/** Draws the shape of one household: who lives in it and which care categories apply. */
export function planHousehold(random: Random, rural: boolean): HouseholdPlan {
  return withDerivedCategories(random.weighted(rural ? RURAL_TEMPLATES : URBAN_TEMPLATES)(random));
}

/** Ethnic groups (GB 3304 codes) by share, nationwide: mostly Han (01), then Hui (03), Manchu (11) and others. */
const ETHNICITIES = weightedList<string>([
  ['01', 985],
  ['03', 4],
  ['11', 3],
  ['06', 2],
  ['15', 2],
  ['08', 2],
  ['02', 1],
  ['12', 1],
]);
const MINOR_EMPLOYERS = ['机械', '电子', '纺织', '物流', '建材', '商贸', '科技', '新材料', '光伏', '医药'];
const EMPLOYER_STEMS = ['华', '新', '东', '金', '恒', '通', '立', '盛', '天', '博', '龙', '润'];

function education(random: Random, age: number, birthYear: number): string | undefined {
  if (age < 7) return undefined;
  if (age < 13) return 'primary';
  if (age < 16) return 'junior';
  if (age < 19) return 'senior';
  if (birthYear < 1955) return random.pick(['none', 'primary', 'primary', 'junior']);
  if (birthYear < 1975) return random.pick(['primary', 'junior', 'junior', 'senior', 'college']);
  return random.pick(['junior', 'senior', 'college', 'bachelor', 'bachelor', 'postgraduate']);
}

function employment(random: Random, m: MemberPlan, rural: boolean): string {
  if (m.age < 6) return 'preschool';
  if (m.age < 16) return 'student';
  if (m.age < 23 && random.chance(0.7)) return 'student';
  if (m.disabilityGrade === '1' || m.disabilityGrade === '2') return 'unable';
  const retireAge = m.gender === 'male' ? 60 : 55;
  if (m.age >= retireAge) {
    if (m.age >= 80 && random.chance(0.3)) return 'unable';
    return rural && m.age < 75 ? 'farming' : 'retired';
  }
  if (rural && random.chance(0.35)) return 'farming';
  return random.weighted(WORKING);
}

const WORKING = weightedList<string>([
  ['employed', 72],
  ['flexible', 18],
  ['unemployed', 5],
  ['farming', 5],
]);

function politicalStatus(random: Random, age: number): string {
  if (age < 14) return 'masses';
  if (age <= 28 && random.chance(0.35)) return 'cyl_member';
  if (age < 18) return 'masses';
  return random.weighted(POLITICAL);
}

const POLITICAL = weightedList<string>([
  ['masses', 900],
  ['cpc_member', 92],
  ['cpc_probationary', 3],
  ['democratic_party', 3],
  ['non_party', 2],
]);

/** Sensitive special groups (PIPL art. 28), drawn for a few adults. */
const SPECIAL_GROUPS = weightedList<string>([
  ['released_prisoner', 40],
  ['community_correction', 25],
  ['community_drug_rehab', 8],
  ['community_recovery', 7],
  ['severe_mental_disorder', 20],
]);
const SPECIAL_GROUP_RATE = 0.004;

/** A person's own fields (without household id and address), drawn from a member plan. */
export interface PersonFields {
  readonly name: string;
  readonly gender: Gender;
  readonly idNumber: string;
  readonly birthDate: string;
  readonly ethnicity: string;
  readonly phone?: string;
  readonly relation: string;
  readonly politicalStatus: string;
  readonly education?: string;
  readonly maritalStatus?: string;
  readonly employment: string;
  readonly workplace?: string;
  readonly categories: string[];
  readonly disabilityGrade?: string;
  readonly specialGroup?: string;
}

/**
 * Draws the names and numbers of a household's members. Children and grandchildren take the
 * family surname; spouses keep their own, as is usual in China.
 */
export function drawPeople(
  random: Random,
  options: { plan: HouseholdPlan; origin: Origin; referenceDate: string; rural: boolean; ethnicities?: WeightedList<string> | undefined },
): PersonFields[] {
  const { plan, origin, referenceDate, rural } = options;
  const ethnicities = options.ethnicities ?? ETHNICITIES;
  const householderSurname = random.weighted(CHINESE_SURNAMES);
  const householder = plan.members[0];
  const familySurname = householder?.gender === 'male' ? householderSurname : random.weighted(CHINESE_SURNAMES);
  return plan.members.map((m, i) => {
    const surname =
      i === 0
        ? householderSurname
        : m.relation === 'child' || m.relation === 'grandchild'
          ? familySurname
          : m.relation === 'parent' && m.gender === 'male'
            ? householderSurname
            : random.weighted(CHINESE_SURNAMES);
    const birthDate = birthDateForAge(random, m.age, referenceDate);
    const birthYear = Number(birthDate.slice(0, 4));
    const work = employment(random, m, rural);
    const hasPhone = m.age >= 14 && random.chance(m.age > 75 ? 0.45 : 0.92);
    const schooling = education(random, m.age, birthYear);
    const special = m.age >= 18 && m.age <= 70 && random.chance(SPECIAL_GROUP_RATE) ? random.weighted(SPECIAL_GROUPS) : undefined;
    const person: PersonFields = {
      name: surname + givenName(random, m.gender, birthYear),
      gender: m.gender,
      idNumber: idNumber(random, { divisionCode: origin.countyCode, birthDate, gender: m.gender }),
      birthDate,
      ethnicity: random.weighted(ethnicities),
      relation: m.relation,
      politicalStatus: m.politicalStatus ?? politicalStatus(random, m.age),
      employment: work,
      categories: m.categories,
      ...(hasPhone ? { phone: mobileNumber(random) } : {}),
      ...(schooling ? { education: schooling } : {}),
      ...(m.maritalStatus ? { maritalStatus: m.maritalStatus } : m.age < 22 ? { maritalStatus: 'unmarried' } : {}),
      ...(work === 'employed' && random.chance(0.6)
        ? { workplace: `${random.pick(EMPLOYER_STEMS)}${random.pick(EMPLOYER_STEMS)}${random.pick(MINOR_EMPLOYERS)}有限公司` }
        : {}),
      ...(m.disabilityGrade ? { disabilityGrade: m.disabilityGrade } : {}),
      ...(special ? { specialGroup: special } : {}),
    };
    return person;
  });
}
