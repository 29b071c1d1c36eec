import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedOrgUnit } from '@zhili/engine';
import { GAOXIAN_SIZE, WORKERS_PER_GRID } from '../data/generate.ts';
import { loadGaoxian } from './gaoxian.ts';

let tree: SeedOrgUnit[];

beforeAll(async () => {
  ({ units: tree } = await loadGaoxian());
});

function at(level: string): SeedOrgUnit[] {
  return tree.filter((u) => u.level === level);
}

describe('Gaoxian org tree', () => {
  it('is rooted at 高县 with the urban communities of 庆符镇 and their codes of 统计用区划代码 2023', () => {
    expect(tree[0]).toMatchObject({ code: '511525', name: '高县', level: 'district', parentCode: null });
    expect(at('community').map((u) => `${u.code} ${u.name}`)).toEqual([
      '511525101001 硕勋社区',
      '511525101003 符江社区',
      '511525101004 东升社区',
      '511525101006 希望社区',
      '511525101007 先峰社区',
    ]);
    for (const c of at('community')) expect(c).toMatchObject({ parentCode: '511525', kind: 'urban' });
  });

  it('nests 社区—居民小组—小区楼栋 with unique codes, each extending its parent’s by 3 digits', () => {
    const byCode = new Map<string, SeedOrgUnit>();
    const parentLevel: Record<string, string> = { community: 'district', group: 'community', grid: 'group' };
    for (const unit of tree) {
      expect(byCode.has(unit.code), unit.code).toBe(false);
      byCode.set(unit.code, unit);
      if (unit.parentCode === null) continue;
      const parent = byCode.get(unit.parentCode);
      expect(parent?.level, unit.code).toBe(parentLevel[unit.level]);
      if (unit.level !== 'community') expect(unit.code).toMatch(new RegExp(`^${unit.parentCode}\\d{3}$`));
    }
    for (const c of at('community')) expect(at('group').some((g) => g.parentCode === c.code), c.name).toBe(true);
    for (const g of at('group')) expect(at('grid').some((u) => u.parentCode === g.code), g.code).toBe(true);
  });

  it('has the 32 grids of the article as its leaves, old and new compounds, whose posts add up to the 48 comprehensive grid workers', () => {
    const parents = new Set(tree.map((u) => u.parentCode));
    const grids = at('grid');
    expect(tree.filter((u) => !parents.has(u.code))).toEqual(grids);
    expect(grids).toHaveLength(GAOXIAN_SIZE.grids);
    expect(new Set(grids.map((g) => g.kind))).toEqual(new Set(['old', 'new']));
    const posts = grids.reduce((n, g) => n + WORKERS_PER_GRID[g.kind === 'new' ? 'new' : 'old'], 0);
    expect(posts).toBe(GAOXIAN_SIZE.comprehensiveWorkers);
  });
});
