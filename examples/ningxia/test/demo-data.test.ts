import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageOn, DEMO_REFERENCE_DATE } from '@zhili/base/demo';
import type { CompiledModel, GeneratedRecord, SeedOrgUnit } from '@zhili/engine';
import { createAjv, isChineseIdCardNumber } from '@zhili/schemas';
import {
  GROUP_LEADER_ALLOWANCE,
  MUST_VISIT_CATEGORIES,
  MUST_VISIT_SPECIAL_GROUPS,
  NINGXIA_MIGRANT_ORIGINS,
} from '../data/generate.ts';
import { generateDemo, loadNingxia } from './ningxia.ts';

let model: CompiledModel;
let units: SeedOrgUnit[];
let tiny: GeneratedRecord[];
let demo: GeneratedRecord[];

beforeAll(async () => {
  ({ model, units } = await loadNingxia());
  tiny = [...generateDemo({ model, units, scale: 'tiny' }).records];
  demo = [...generateDemo({ model, units, scale: 'demo' }).records];
});

type Row = Record<string, unknown>;

function of(records: readonly GeneratedRecord[], resource: string): Row[] {
  return records.filter((r) => r.resource === resource).map((r) => r.record);
}

function digest(records: Iterable<GeneratedRecord>): string {
  const hash = createHash('sha256');
  for (const r of records) hash.update(JSON.stringify(r));
  return hash.digest('hex');
}

/** Texts resolved to zh-CN, as ajv wants a title to be a string. */
function zhCN(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(zhCN);
  if (typeof value !== 'object' || value === null) return value;
  if ('zh-CN' in value) return (value as Record<string, string>)['zh-CN'];
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, zhCN(v)]));
}

const HARDSHIP = ['subsistence', 'low_income', 'extreme_poverty'];
const age = (r: Row): number => ageOn(r.birthDate as string, DEMO_REFERENCE_DATE);

describe('Ningxia demo data', () => {
  it('is deterministic: the same context yields the same records, ids included', () => {
    expect(digest(generateDemo({ model, units, scale: 'tiny' }).records)).toBe(digest(tiny));
    expect(digest(generateDemo({ model, units, scale: 'demo' }).records)).toBe(digest(demo));
  });

  it('generates the households each scale asks for, or the override, with exact counts announced', () => {
    expect(of(tiny, 'households')).toHaveLength(200);
    expect(of(demo, 'households')).toHaveLength(5_000);
    const overridden = [...generateDemo({ model, units, scale: 'tiny', overrides: { households: 57 } }).records];
    expect(of(overridden, 'households')).toHaveLength(57);
    const { expected } = generateDemo({ model, units, scale: 'demo' });
    for (const resource of ['buildings', 'households', 'grid_staff']) expect(of(demo, resource).length, resource).toBe(expected[resource]);
  });

  it('validates against the compiled schemas of every resource (tiny scale)', () => {
    const ajv = createAjv();
    const validators = new Map(
      Object.values(model.resources).map((r) => [r.id, ajv.compile({ ...(zhCN(r.schema) as object), additionalProperties: false })]),
    );
    expect(new Set(tiny.map((r) => r.resource))).toEqual(new Set(['buildings', 'grid_staff', 'households', 'residents', 'visits']));
    for (const { resource, record } of tiny) {
      const validate = validators.get(resource);
      const { id, ...fields } = record;
      expect(validate?.(fields), `${resource} ${JSON.stringify(validate?.errors)}`).toBe(true);
    }
  });

  it('puts every record in a villager group, every group of the tree, referring only within its group', () => {
    const groups = new Set(units.filter((u) => u.level === 'grid').map((u) => u.code));
    expect(new Set(demo.map((r) => r.orgCode))).toEqual(groups);
    const seen = new Map<string, { resource: string; orgCode: string }>();
    const refs = { buildingId: 'buildings', householdId: 'households', visitorId: 'grid_staff' } as const;
    for (const { resource, orgCode, record } of demo) {
      for (const [field, target] of Object.entries(refs)) {
        if (record[field] === undefined) continue;
        expect(seen.get(record[field] as string), `${resource}.${field}`).toEqual({ resource: target, orgCode });
      }
      seen.set(record.id as string, { resource, orgCode });
    }
  });

  it('gives every villager group 1–2 grid workers, its group leader and perhaps a village committee member, and helpers', () => {
    const teams = new Map<string, Row[]>();
    for (const { orgCode, record } of demo.filter((r) => r.resource === 'grid_staff')) teams.set(orgCode, [...(teams.get(orgCode) ?? []), record]);
    expect(teams.size).toBe(units.filter((u) => u.level === 'grid').length);
    const sizes = new Set<number>();
    for (const [group, staff] of teams) {
      const workers = staff.filter((s) => s.role !== 'volunteer');
      sizes.add(workers.length);
      expect(workers.length, group).toBeGreaterThanOrEqual(1);
      expect(workers.length, group).toBeLessThanOrEqual(2);
      expect(workers.filter((w) => w.drawnFrom === 'group_leader'), group).toHaveLength(1);
      for (const w of workers) {
        expect(['group_leader', 'village_committee']).toContain(w.drawnFrom);
        expect(w.monthlyAllowance, 'an allowance only for grid workers outside the committees').toBe(
          w.drawnFrom === 'group_leader' ? GROUP_LEADER_ALLOWANCE : undefined,
        );
      }
      for (const v of staff.filter((s) => s.role === 'volunteer')) expect(v.drawnFrom).toBeUndefined();
    }
    expect(sizes).toEqual(new Set([1, 2]));
  });

  it('marks 困难老人, 贫困残疾人 and 困难单亲母亲 exactly where the household is in hardship and the person fits', () => {
    const members = new Map<unknown, Row[]>();
    for (const r of of(demo, 'residents')) members.set(r.householdId, [...(members.get(r.householdId) ?? []), r]);
    for (const h of of(demo, 'households')) {
      const people = members.get(h.id) ?? [];
      const hardship = people.some((p) => (p.categories as string[]).some((c) => HARDSHIP.includes(c)));
      expect(new Set(h.categories as string[])).toEqual(new Set(people.flatMap((p) => p.categories as string[])));
      for (const [i, p] of people.entries()) {
        const own = p.categories as string[];
        expect(own.includes('needy_elderly'), `${h.address as string} ${p.name as string}`).toBe(hardship && age(p) >= 60);
        expect(own.includes('poor_disabled')).toBe(hardship && own.includes('disabled'));
        const singleMother =
          i === 0 &&
          p.gender === 'female' &&
          ['divorced', 'widowed', 'unmarried'].includes(p.maritalStatus as string) &&
          !people.some((m) => m.relation === 'spouse') &&
          people.some((m) => m.relation === 'child' && age(m) < 18);
        expect(own.includes('needy_single_mother')).toBe(hardship && singleMother);
      }
    }
  });

  it('flags the must-visit households by their categories, every must-visit category occurring', () => {
    const households = of(demo, 'households');
    for (const h of households) expect(h.mustVisit).toBe((h.categories as string[]).some((c) => MUST_VISIT_CATEGORIES.includes(c)));
    const seen = new Set(households.flatMap((h) => h.categories as string[]));
    for (const category of MUST_VISIT_CATEGORIES) expect(seen, category).toContain(category);
    const share = households.filter((h) => h.mustVisit).length / households.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.6);
  });

  it('has people under community correction, in drug rehabilitation and released from prison among the residents, as a sensitive field only', () => {
    const special = new Set(of(demo, 'residents').map((r) => r.specialGroup));
    for (const group of MUST_VISIT_SPECIAL_GROUPS) expect(special, group).toContain(group);
    for (const h of of(demo, 'households')) for (const group of MUST_VISIT_SPECIAL_GROUPS) expect(h.categories as string[]).not.toContain(group);
  });

  it('draws Hui and Han residents as in the region, migrants from the neighbouring counties, with valid ID numbers', () => {
    const residents = of(demo, 'residents');
    const hui = residents.filter((r) => r.ethnicity === '03').length / residents.length;
    expect(hui).toBeGreaterThan(0.3);
    expect(hui).toBeLessThan(0.42);
    const households = new Map(of(demo, 'households').map((h) => [h.id, h]));
    const origins = new Set(NINGXIA_MIGRANT_ORIGINS.map((o) => o.countyCode));
    const byId = new Map(demo.filter((r) => r.resource === 'residents').map((r) => [r.record.id, r.orgCode]));
    for (const r of residents) {
      expect(isChineseIdCardNumber(r.idNumber as string), r.idNumber as string).toBe(true);
      const county = (r.idNumber as string).slice(0, 6);
      if (households.get(r.householdId)?.householdType === 'migrant') expect(origins.has(county), county).toBe(true);
      else expect(county).toBe(byId.get(r.id)?.slice(0, 6));
    }
  });
});
