import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledModel, GeneratedRecord, SeedOrgUnit } from '@zhili/engine';
import { createAjv, isChineseIdCardNumber } from '@zhili/schemas';
import { GAOXIAN_MIGRANT_ORIGINS, GAOXIAN_SIZE, GRID_CAPACITY, householdsPerGrid, MINIMUM_MONTHLY_PAY, WORKERS_PER_GRID } from '../data/generate.ts';
import { generateDemo, loadGaoxian } from './gaoxian.ts';

let model: CompiledModel;
let units: SeedOrgUnit[];
let tiny: GeneratedRecord[];
let demo: GeneratedRecord[];

beforeAll(async () => {
  ({ model, units } = await loadGaoxian());
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

function perGrid(records: readonly GeneratedRecord[], resource: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const { orgCode, record } of records.filter((r) => r.resource === resource)) out.set(orgCode, [...(out.get(orgCode) ?? []), record]);
  return out;
}

const kindOf = (code: string): 'old' | 'new' => (units.find((u) => u.code === code)?.kind === 'new' ? 'new' : 'old');

describe('Gaoxian demo data', () => {
  it('is deterministic: the same context yields the same records, ids included', () => {
    expect(digest(generateDemo({ model, units, scale: 'tiny' }).records)).toBe(digest(tiny));
    expect(digest(generateDemo({ model, units, scale: 'demo' }).records)).toBe(digest(demo));
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

  it('puts every record in a grid (小区楼栋), all 32 at demo scale, two old and two new at tiny scale', () => {
    const grids = units.filter((u) => u.level === 'grid').map((u) => u.code);
    expect(new Set(demo.map((r) => r.orgCode))).toEqual(new Set(grids));
    const tinyGrids = [...new Set(tiny.map((r) => r.orgCode))];
    expect(tinyGrids.map(kindOf).sort()).toEqual(['new', 'new', 'old', 'old']);
    expect(of(tiny, 'households')).toHaveLength(200);
  });

  it('keeps every grid within 150 households in an old compound and 300 in a new one', () => {
    const households = perGrid(demo, 'households');
    expect(households.size).toBe(GAOXIAN_SIZE.grids);
    for (const [grid, list] of households) {
      expect(list.length, grid).toBeLessThanOrEqual(GRID_CAPACITY[kindOf(grid)]);
      expect(list.length, grid).toBeGreaterThanOrEqual(GRID_CAPACITY[kindOf(grid)] * 0.7 - 1);
    }
    const grids = units.filter((u) => u.level === 'grid');
    expect(householdsPerGrid(grids, 7_200).reduce((a, b) => a + b, 0)).toBe(7_200);
    expect(() => householdsPerGrid(grids, 7_201)).toThrow(/at most 7200/);
    expect(() => generateDemo({ model, units, scale: 'tiny', overrides: { households: 1_000 } })).toThrow(RangeError);
    expect(of([...generateDemo({ model, units, scale: 'tiny', overrides: { households: 57 } }).records], 'households')).toHaveLength(57);
  });

  it('staffs the grids with the 48 comprehensive grid workers, one in an old compound and two in a new one, paid the floor or more', () => {
    const staff = perGrid(demo, 'grid_staff');
    let workers = 0;
    for (const [grid, list] of staff) {
      const comprehensive = list.filter((s) => s.role === 'comprehensive');
      expect(comprehensive, grid).toHaveLength(WORKERS_PER_GRID[kindOf(grid)]);
      for (const s of comprehensive) expect(s).toMatchObject({ employment: 'full_time', monthlyPay: MINIMUM_MONTHLY_PAY });
      for (const s of list.filter((s) => s.role !== 'comprehensive')) expect(s).toMatchObject({ role: 'volunteer' });
      workers += comprehensive.length;
    }
    expect(workers).toBe(GAOXIAN_SIZE.comprehensiveWorkers);
    const { expected } = generateDemo({ model, units, scale: 'demo' });
    for (const resource of ['buildings', 'households', 'grid_staff']) expect(of(demo, resource).length, resource).toBe(expected[resource]);
  });

  it('gives valid ID numbers: 高县 (511525) for locally registered people, the neighbouring counties for migrants', () => {
    const households = new Map(of(demo, 'households').map((h) => [h.id, h]));
    const origins = new Set(GAOXIAN_MIGRANT_ORIGINS.map((o) => o.countyCode));
    for (const r of of(demo, 'residents')) {
      expect(isChineseIdCardNumber(r.idNumber as string), r.idNumber as string).toBe(true);
      const county = (r.idNumber as string).slice(0, 6);
      if (households.get(r.householdId)?.householdType === 'migrant') expect(origins.has(county), county).toBe(true);
      else expect(county).toBe('511525');
    }
  });
});
