import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedOrgUnit } from '@zhili/engine';
import { loadNingxia } from './ningxia.ts';

let tree: SeedOrgUnit[];

beforeAll(async () => {
  ({ units: tree } = await loadNingxia());
});

/** The part of a code its children extend: 6-digit codes drop their trailing 00 pairs (640100 → 6401). */
function stem(code: string): string {
  return code.length === 6 ? code.replace(/(00)+$/, '') : code;
}

function named(level: string): string[] {
  return tree.filter((u) => u.level === level).map((u) => `${u.code} ${u.name}`);
}

describe('Ningxia org tree', () => {
  it('has the real top: 宁夏回族自治区, 银川市 and 固原市, and three of their counties', () => {
    expect(tree[0]).toMatchObject({ code: '640000', name: '宁夏回族自治区', level: 'province', parentCode: null });
    expect(named('city')).toEqual(['640100 银川市', '640400 固原市']);
    expect(named('district')).toEqual(['640121 永宁县', '640402 原州区', '640422 西吉县']);
  });

  it('names its towns, townships and villages with their codes of 统计用区划代码 2023', () => {
    expect(named('street')).toEqual(['640121104 闽宁镇', '640402105 张易镇', '640422103 将台堡镇', '640422215 火石寨乡']);
    expect(tree.filter((u) => u.level === 'street').map((u) => u.kind)).toEqual(['town', 'town', 'town', 'township']);
    expect(named('community')).toEqual([
      '640121104205 原隆村',
      '640121104201 木兰村',
      '640402105200 张易村',
      '640402105203 毛庄村',
      '640422103200 明台村',
      '640422103201 包庄村',
      '640422215203 石洼村',
    ]);
  });

  it("gives unique codes that extend their parent's code, level by level", () => {
    const byCode = new Map<string, SeedOrgUnit>();
    const digits: Record<string, number> = { province: 6, city: 6, district: 6, street: 9, community: 12, grid: 15 };
    for (const unit of tree) {
      expect(byCode.has(unit.code), unit.code).toBe(false);
      byCode.set(unit.code, unit);
      expect(unit.code, unit.name).toMatch(new RegExp(`^\\d{${digits[unit.level]}}$`));
      if (unit.parentCode === null) continue;
      const parent = byCode.get(unit.parentCode);
      expect(parent, `parent of ${unit.code} comes first`).toBeDefined();
      expect(unit.code.startsWith(stem(unit.parentCode)), `${unit.code} under ${unit.parentCode}`).toBe(true);
    }
  });

  it('makes every villager group one grid: the groups are the leaves, and every village has groups', () => {
    const parents = new Set(tree.map((u) => u.parentCode));
    const leaves = tree.filter((u) => !parents.has(u.code));
    expect(leaves.map((u) => u.level)).toEqual(leaves.map(() => 'grid'));
    const groups = tree.filter((u) => u.level === 'grid');
    expect(groups).toEqual(leaves);
    for (const group of groups) {
      expect(group.name).toMatch(/^第[一二三四五六七八九十]+村民小组$/);
      expect(group.kind).toBe('rural');
      expect(tree.find((u) => u.code === group.parentCode)?.level).toBe('community');
    }
    for (const village of tree.filter((u) => u.level === 'community')) {
      expect(
        groups.filter((g) => g.parentCode === village.code).length,
        village.name,
      ).toBeGreaterThanOrEqual(1);
    }
    expect(groups).toHaveLength(38);
  });
});
