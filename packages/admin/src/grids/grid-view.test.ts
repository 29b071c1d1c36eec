import type { AdminMeta, GridUnitSummary, OrgUnitView } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import { parsePeriod, percent, reachableAncestors, roleTitles, unitFigures } from './grid-view.ts';

const unit = (code: string, name: string): OrgUnitView => ({ code, name, level: 'x', levelTitle: 'x', kind: null, hasChildren: true });

describe('grid dashboard figures', () => {
  it('reads a year or a month from ?period=, and falls back to the current month on anything else', () => {
    const today = new Date(2026, 10, 23);
    expect(parsePeriod('2025', today)).toEqual({ kind: 'year', value: '2025' });
    expect(parsePeriod('2026-03', today)).toEqual({ kind: 'month', value: '2026-03' });
    for (const bad of [null, '', '2026-13', '26', '2026-1', '2026-01-01..2026-02-01', 'now']) expect(parsePeriod(bad, today)).toEqual({ kind: 'month', value: '2026-11' });
  });

  it('gives shares to one decimal, and none of nothing', () => {
    expect(percent(241, 300)).toBe(80.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBeNull();
  });

  it('derives coverage, quota attainment and the grids with problems from a unit summary', () => {
    const summary: GridUnitSummary = {
      code: '320404001',
      name: '五星街道',
      level: 'street',
      grids: 40,
      coveredGrids: 38,
      households: 11_000,
      overCap: 3,
      understaffed: 2,
      overstaffed: 1,
      workers: 120,
      workersMeetingQuota: 90,
      mustVisitOverdue: 8,
      violations: 40,
    };
    expect(unitFigures(summary)).toEqual({ coverage: 95, quotaAttainment: 75, problemGrids: 6 });
    expect(unitFigures({ ...summary, grids: 0, coveredGrids: 0, workers: 0, workersMeetingQuota: 0 })).toMatchObject({ coverage: null, quotaAttainment: null });
  });

  it('lets the actor open only the ancestors at or below one of their assignments', () => {
    const ancestors = [unit('320400', '常州市'), unit('320404', '钟楼区'), unit('320404001', '五星街道')];
    const meta = (assignments: readonly string[]) => ({ actor: { assignments: assignments.map((orgCode) => ({ role: 'r', orgCode, orgPath: '' })) } }) as unknown as AdminMeta;
    expect([...reachableAncestors(meta(['320404']), ancestors)]).toEqual(['320404', '320404001']);
    expect([...reachableAncestors(meta(['320400']), ancestors)]).toEqual(['320400', '320404', '320404001']);
    expect([...reachableAncestors(meta(['320402']), ancestors)]).toEqual([]);
  });

  it('names staff roles by the choices of the staff resource’s role field', () => {
    const meta = {
      grids: { staff: 'grid_staff', staffRoleField: 'role' },
      resources: [{ id: 'grid_staff', schema: { properties: { role: { type: 'string', oneOf: [{ const: 'social-worker', title: '责任社工' }, { const: 'grid-worker', title: '网格员' }] } } } }],
    } as unknown as AdminMeta;
    expect(roleTitles(meta)).toEqual(new Map([['social-worker', '责任社工'], ['grid-worker', '网格员']]));
    expect(roleTitles({ ...meta, grids: null })).toEqual(new Map());
  });
});
