import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledModel, SeedOrgUnit } from '@zhili/engine';
import { CHANGZHOU_SIZE } from '../data/generate.ts';
import { CHANGZHOU_STREETS } from '../data/streets.ts';
import { generateDemo, loadChangzhou } from './changzhou.ts';

let model: CompiledModel;
let tree: SeedOrgUnit[];
let city: SeedOrgUnit[];

beforeAll(async () => {
  ({ model, units: tree } = await loadChangzhou());
  const added = [...generateDemo({ model, units: tree, scale: 'city' }).orgUnits].map((u) => ({ ...u, kind: u.kind ?? null }));
  city = [...tree, ...added];
});

/**
 * The part of a code its children extend: a 6-digit division code ends in 00 pairs for the levels
 * it does not reach (常州市 320400 → 3204, whose districts are 3204xx).
 */
function stem(code: string): string {
  return code.length === 6 ? code.replace(/(00)+$/, '') : code;
}

function count(units: readonly SeedOrgUnit[], level: string, kind?: string): number {
  return units.filter((u) => u.level === level && (kind === undefined || u.kind === kind)).length;
}

describe('Changzhou org tree', () => {
  it('has the real top of the city: 常州市 with its five districts and Liyang', () => {
    expect(tree[0]).toMatchObject({ code: '320400', name: '常州市', level: 'city', parentCode: null });
    const districts = tree.filter((u) => u.level === 'district').map((u) => `${u.code} ${u.name}`);
    expect(districts).toEqual(['320402 天宁区', '320404 钟楼区', '320411 新北区', '320412 武进区', '320413 金坛区', '320481 溧阳市']);
  });

  it('uses the manifest levels 市—区(市)—街道(镇)—社区(村)—网格', () => {
    expect(model.levels.map((l) => [l.id, l.title])).toEqual([
      ['city', { 'zh-CN': '市', en: 'City' }],
      ['district', { 'zh-CN': '区(市)', en: 'District / county-level city' }],
      ['street', { 'zh-CN': '街道(镇)', en: 'Street / town' }],
      ['community', { 'zh-CN': '社区(村)', en: 'Community / village' }],
      ['grid', { 'zh-CN': '网格', en: 'Grid' }],
    ]);
  });

  it('names its streets and towns with their real division codes', () => {
    const real = new Map(CHANGZHOU_STREETS.map((s) => [s.code, s.name]));
    for (const street of tree.filter((u) => u.level === 'street')) expect(real.get(street.code), street.code).toBe(street.name);
  });

  for (const [name, units] of [
    ['the tree', () => tree],
    ['the city scale', () => city],
  ] as const) {
    it(`gives unique codes that extend their parent's code, level by level (${name})`, () => {
      const byCode = new Map<string, SeedOrgUnit>();
      for (const unit of units()) {
        expect(byCode.has(unit.code), unit.code).toBe(false);
        byCode.set(unit.code, unit);
        if (unit.parentCode === null) continue;
        const parent = byCode.get(unit.parentCode);
        expect(parent, `parent of ${unit.code} comes first`).toBeDefined();
        expect(unit.code.startsWith(stem(unit.parentCode)), `${unit.code} under ${unit.parentCode}`).toBe(true);
        const digits = { district: 6, street: 9, community: 12, grid: 15 }[unit.level];
        expect(unit.code, unit.name).toMatch(new RegExp(`^\\d{${digits}}$`));
        expect(model.levels.findIndex((l) => l.id === unit.level)).toBeGreaterThan(model.levels.findIndex((l) => l.id === parent?.level));
      }
    });
  }

  it("reaches Changzhou's size at city scale: 61 streets, 1,031 communities (413 urban, 618 rural), 7,514 grids", () => {
    expect(count(city, 'district')).toBe(6);
    expect(count(city, 'street')).toBe(CHANGZHOU_SIZE.streets);
    expect(count(city, 'community')).toBe(1_031);
    expect(count(city, 'community', 'urban')).toBe(CHANGZHOU_SIZE.urbanCommunities);
    expect(count(city, 'community', 'rural')).toBe(CHANGZHOU_SIZE.ruralCommunities);
    expect(count(city, 'grid')).toBe(7_514);
  });

  it('keeps every community with at least one grid at city scale', () => {
    const withGrids = new Set(city.filter((u) => u.level === 'grid').map((u) => u.parentCode));
    expect(city.filter((u) => u.level === 'community' && !withGrids.has(u.code))).toEqual([]);
  });
});
