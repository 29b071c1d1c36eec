import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageOn, DEMO_REFERENCE_DATE } from '@zhili/base/demo';
import type { CompiledModel, GeneratedRecord, SeedOrgUnit } from '@zhili/engine';
import { createAjv, isChineseIdCardNumber } from '@zhili/schemas';
import { MUST_VISIT_CATEGORIES } from '../data/generate.ts';
import { generateDemo, loadChangzhou } from './changzhou.ts';

let model: CompiledModel;
let units: SeedOrgUnit[];
let tiny: GeneratedRecord[];
let demo: GeneratedRecord[];

beforeAll(async () => {
  ({ model, units } = await loadChangzhou());
  tiny = [...generateDemo({ model, units, scale: 'tiny' }).records];
  demo = [...generateDemo({ model, units, scale: 'demo' }).records];
});

function of(records: readonly GeneratedRecord[], resource: string): Record<string, unknown>[] {
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

describe('Changzhou demo data', () => {
  it('is deterministic: the same context yields the same records, ids included', () => {
    expect(digest(generateDemo({ model, units, scale: 'tiny' }).records)).toBe(digest(tiny));
    const data = generateDemo({ model, units, scale: 'demo' });
    expect(digest(data.records)).toBe(digest(demo));
    expect(digest(data.records), 'iterating again starts over').toBe(digest(demo));
  });

  it('generates the households each scale asks for, or the override', () => {
    expect(of(tiny, 'households')).toHaveLength(200);
    expect(of(demo, 'households')).toHaveLength(5_000);
    expect(new Set(demo.map((r) => r.orgCode)).size).toBe(units.filter((u) => u.level === 'grid').length);
    const overridden = [...generateDemo({ model, units, scale: 'tiny', overrides: { households: 57 } }).records];
    expect(of(overridden, 'households')).toHaveLength(57);
  });

  it('announces the exact counts of buildings, households and staff it then yields', () => {
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
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(validate?.(fields), `${resource} ${JSON.stringify(validate?.errors)}`).toBe(true);
    }
  });

  it('attaches every record to a grid, and refers only to records of the same grid generated before it', () => {
    const grids = new Set(units.filter((u) => u.level === 'grid').map((u) => u.code));
    const seen = new Map<string, { resource: string; orgCode: string }>();
    const refs = { buildingId: 'buildings', householdId: 'households', visitorId: 'grid_staff' } as const;
    for (const { resource, orgCode, record } of demo) {
      expect(grids.has(orgCode), orgCode).toBe(true);
      for (const [field, target] of Object.entries(refs)) {
        if (record[field] === undefined) continue;
        expect(seen.get(record[field] as string), `${resource}.${field}`).toEqual({ resource: target, orgCode });
      }
      seen.set(record.id as string, { resource, orgCode });
    }
  });

  it('gives valid ID numbers (GB 11643 check digit) that start with the district code of locally registered people', () => {
    const byId = new Map(of(demo, 'households').map((h) => [h.id, h]));
    const numbers = [
      ...of(demo, 'households').map((h) => h.householderIdNumber),
      ...of(demo, 'residents').map((r) => r.idNumber),
      ...of(demo, 'grid_staff').map((s) => s.idNumber),
    ];
    expect(numbers.length).toBeGreaterThan(15_000);
    for (const n of numbers) expect(isChineseIdCardNumber(n as string), n as string).toBe(true);
    for (const { orgCode, record } of demo.filter((r) => r.resource === 'residents')) {
      const household = byId.get(record.householdId);
      if (household?.householdType !== 'migrant') expect((record.idNumber as string).slice(0, 6)).toBe(orgCode.slice(0, 6));
      expect((record.idNumber as string).slice(6, 14)).toBe((record.birthDate as string).replaceAll('-', ''));
      expect(Number((record.idNumber as string)[16]) % 2).toBe(record.gender === 'male' ? 1 : 0);
    }
  });

  it("matches each household's categories with its members: ages, living arrangements and the householder", () => {
    const members = new Map<unknown, Record<string, unknown>[]>();
    for (const r of of(demo, 'residents')) members.set(r.householdId, [...(members.get(r.householdId) ?? []), r]);
    const age = (r: Record<string, unknown>) => ageOn(r.birthDate as string, DEMO_REFERENCE_DATE);
    for (const h of of(demo, 'households')) {
      const people = members.get(h.id) ?? [];
      const categories = h.categories as string[];
      expect(people, h.address as string).toHaveLength(h.memberCount as number);
      expect(people[0]).toMatchObject({ relation: 'householder', name: h.householderName, idNumber: h.householderIdNumber });
      expect(new Set(categories)).toEqual(new Set(people.flatMap((p) => p.categories as string[])));
      if (categories.includes('elderly_80')) expect(people.some((p) => age(p) >= 80)).toBe(true);
      if (categories.includes('elderly_alone')) expect(people.map(age)).toEqual([expect.any(Number)]);
      if (categories.includes('empty_nest'))
        expect(people.every((p) => age(p) >= 60 && ['householder', 'spouse'].includes(p.relation as string))).toBe(true);
      for (const p of people) {
        const own = p.categories as string[];
        if (own.includes('elderly_80')) expect(age(p)).toBeGreaterThanOrEqual(80);
        if (own.includes('elderly_alone')) expect(age(p)).toBeGreaterThanOrEqual(60);
        if (own.includes('left_behind_child')) expect(age(p)).toBeLessThan(16);
        if (own.includes('distressed_child')) expect(age(p)).toBeLessThan(18);
      }
    }
    const seen = new Set(of(demo, 'households').flatMap((h) => h.categories as string[]));
    for (const category of MUST_VISIT_CATEGORIES) expect(seen, category).toContain(category);
  });

  it('flags the 八必访 households by their categories', () => {
    const households = of(demo, 'households');
    for (const h of households) {
      expect(h.mustVisit).toBe((h.categories as string[]).some((c) => MUST_VISIT_CATEGORIES.includes(c)));
    }
    const share = households.filter((h) => h.mustVisit).length / households.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.5);
  });

  it('staffs every grid with a 1+3+X team: one social worker, three grid workers and volunteers', () => {
    const teams = new Map<string, string[]>();
    for (const { orgCode, record } of demo.filter((r) => r.resource === 'grid_staff'))
      teams.set(orgCode, [...(teams.get(orgCode) ?? []), record.role as string]);
    expect(teams.size).toBe(units.filter((u) => u.level === 'grid').length);
    for (const [grid, roles] of teams) {
      expect(
        roles.filter((r) => r === 'social_worker'),
        grid,
      ).toHaveLength(1);
      expect(
        roles.filter((r) => r === 'full_time' || r === 'part_time'),
        grid,
      ).toHaveLength(3);
      expect(roles.filter((r) => r === 'volunteer').length, grid).toBeGreaterThanOrEqual(1);
    }
  });

  it('marks a few adults with a sensitive special group, kept out of the care categories', () => {
    const residents = of(demo, 'residents');
    const special = residents.filter((r) => r.specialGroup !== undefined);
    expect(special.length).toBeGreaterThan(0);
    expect(special.length / residents.length).toBeLessThan(0.01);
    for (const r of special) expect(ageOn(r.birthDate as string, DEMO_REFERENCE_DATE)).toBeGreaterThanOrEqual(18);
    expect(model.resources['residents']?.pii).toContainEqual({ field: 'specialGroup', mask: 'full', sensitive: true });
  });

  it('at city scale, writes residents and visits only for 八必访 households', () => {
    const mustVisit = new Set<unknown>();
    let households = 0;
    for (const { resource, record } of generateDemo({ model, units, scale: 'city' }).records) {
      if (resource === 'households') {
        households++;
        if (record.mustVisit) mustVisit.add(record.id);
        if (households > 2_000) break;
      }
      if (resource === 'residents' || resource === 'visits') expect(mustVisit.has(record.householdId), resource).toBe(true);
    }
    expect(mustVisit.size).toBeGreaterThan(0);
  });
});
