import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledModel, CompiledResource } from '@zhili/engine';
import { runCli } from '@zhili/engine/testing';
import { loadGaoxian, PACKAGE_DIR } from './gaoxian.ts';

let model: CompiledModel;

beforeAll(async () => {
  ({ model } = await loadGaoxian());
});

function resource(id: string): CompiledResource {
  const found = model.resources[id];
  if (!found) throw new Error(`no resource ${id}`);
  return found;
}

function choices(resourceId: string, field: string): unknown[] {
  const schema = resource(resourceId).schema.properties[field] as { oneOf?: { const: unknown }[] };
  return (schema.oneOf ?? []).map((o) => o.const);
}

describe('Gaoxian package', () => {
  it('passes `zhili validate`', async () => {
    const result = await runCli('validate', PACKAGE_DIR);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('package is valid');
  });

  it('extends the national baseline', () => {
    expect(model.packages.map((p) => p.name)).toEqual(['@zhili/base', '@zhili-example/gaoxian']);
    expect(Object.keys(model.resources).sort()).toEqual(['buildings', 'community_tasks', 'events', 'grid_staff', 'households', 'resident_needs', 'residents', 'visits']);
  });

  it('has the levels 县—社区—居民小组—小区楼栋, the three-level grid under the county, records in the third', () => {
    expect(model.levels.map((l) => [l.id, l.title])).toEqual([
      ['district', { 'zh-CN': '县', en: 'County' }],
      ['community', { 'zh-CN': '社区', en: 'Community' }],
      ['group', { 'zh-CN': '居民小组', en: "Residents' group" }],
      ['grid', { 'zh-CN': '小区楼栋', en: 'Compound / building' }],
    ]);
    // Work pushed down to a community (准入) is the community's; everything else lives in a grid.
    for (const r of Object.values(model.resources)) expect(r.level, r.id).toBe(r.id === 'community_tasks' ? 'community' : 'grid');
  });

  it('has the comprehensive grid worker, paid at least 1,650 yuan a month', () => {
    expect(choices('grid_staff', 'role')[0]).toBe('comprehensive');
    expect(choices('grid_staff', 'role')).toEqual(expect.arrayContaining(['full_time', 'part_time', 'volunteer']));
    expect(resource('grid_staff').schema.properties['monthlyPay']).toMatchObject({ type: 'integer', minimum: 1_650 });
    expect(choices('visits', 'purpose')).toContain('proxy_service');
  });

  it('keeps the base roles, the street administrator held at the county, as the town is not a level', () => {
    expect(Object.keys(model.roles).sort()).toEqual(['admin', 'community-worker', 'council-supervisor', 'district-officer', 'grid-worker', 'street-admin']);
    expect(model.roles['street-admin']).toMatchObject({ level: 'district', title: { 'zh-CN': '县网格管理员' } });
    expect(model.roles['street-admin']?.grants.flatMap((g) => g.resources)).toContain('grid_staff');
    for (const role of Object.values(model.roles)) if (role.level !== null) expect(model.levels.map((l) => l.id)).toContain(role.level);
  });
});
