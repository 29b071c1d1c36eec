import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPackage } from '../package/load.ts';
import { loadModel } from '../package/compile.ts';

const BROKEN = fileURLToPath(new URL('./fixtures/broken', import.meta.url));
const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));

describe('grid rules as config (grids/*.yaml)', () => {
  it('compiles the example rule sets with the bindings defaulted to the base resources', async () => {
    const model = await loadModel(CHANGZHOU);
    expect(model.grids).toMatchObject({
      id: 'grid-rules',
      level: 'grid',
      households: { resource: 'households', mustVisitField: 'mustVisit' },
      staff: { resource: 'grid_staff', roleField: 'role', nameField: 'name', statusField: 'status', activeStatuses: ['active'] },
      visits: { resource: 'visits', householdField: 'householdId', visitorField: 'visitorId', dateField: 'visitDate' },
    });
    expect(model.grids?.rules.find((r) => r.id === 'yearly-visits')).toMatchObject({ kind: 'visit-quota', options: { roles: ['social_worker', 'full_time', 'part_time'], min: 300, per: 'year' } });
  });

  it('reports every mistake in both languages, at its file and path', async () => {
    const result = await loadPackage(BROKEN);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    const at = (path: string) => issues.filter((i) => i.path === path).map((i) => i.message);
    for (const issue of issues) expect(issue.file).toMatch(/fixtures\/broken\/grids\/rules\.yaml$/);
    expect(at('/level')[0]?.en).toBe('grid level "block" is not one of the levels');
    expect(at('/visits')[0]).toEqual({ 'zh-CN': '网格规则读取的资源 "patrols" 不存在', en: 'resource "patrols" the grid rules read does not exist' });
    expect(at('/staff/nameField')[0]?.en).toBe('resource grid_staff has no string field "nickname" (nameField)');
    expect(at('/rules/0/caps/old')[0]?.en).toMatch(/^household-cap rule cap: /);
    expect(at('/rules/1/roles/0')[0]?.['zh-CN']).toMatch(/^staffing 规则 team：岗位 "captain" 不是 grid_staff 岗位字段的可选值/);
    expect(at('/rules/1/min')[0]?.en).toBe('staffing rule team: min 3 is more than max 1');
    expect(at('/rules/2/id')[0]?.en).toBe('rule id "team" is given twice');
    expect(at('/rules/2/kind')[0]?.en).toMatch(/^unknown grid rule kind "teleport" \(known: household-cap, coverage, staffing/);
    expect(at('/rules/3/kind')[0]?.en).toBe('must-visit rule due: a must-visit rule needs households.mustVisitField, the boolean field marking must-visit households');
    expect(at('/rules/4/field')[0]?.en).toBe('staff-attribute rule pay: "phone" is not a numeric field of grid_staff');
  });
});
