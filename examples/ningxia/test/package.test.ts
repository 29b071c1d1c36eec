import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledModel, CompiledResource } from '@zhili/engine';
import { runCli } from '@zhili/engine/testing';
import { MUST_VISIT_CATEGORIES } from '../data/generate.ts';
import { loadNingxia, PACKAGE_DIR } from './ningxia.ts';

let model: CompiledModel;

beforeAll(async () => {
  ({ model } = await loadNingxia());
});

function resource(id: string): CompiledResource {
  const found = model.resources[id];
  if (!found) throw new Error(`no resource ${id}`);
  return found;
}

/** The consts of a field's oneOf, or of its items' oneOf for an array. */
function choices(resourceId: string, field: string): unknown[] {
  const schema = resource(resourceId).schema.properties[field] as { oneOf?: { const: unknown }[]; items?: { oneOf?: { const: unknown }[] } };
  return (schema.oneOf ?? schema.items?.oneOf ?? []).map((o) => o.const);
}

describe('Ningxia package', () => {
  it('passes `zhili validate`', async () => {
    const result = await runCli('validate', PACKAGE_DIR);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('package is valid');
  });

  it('extends the national baseline', () => {
    expect(model.packages.map((p) => p.name)).toEqual(['@zhili/base', '@zhili-example/ningxia']);
    expect(Object.keys(model.resources).sort()).toEqual(['buildings', 'community_tasks', 'events', 'grid_staff', 'households', 'proxy_requests', 'residents', 'visits']);
  });

  it('has the levels 自治区—市—县(区)—乡镇(街道)—村(社区)—村民小组, the villager group being the grid', () => {
    expect(model.levels.map((l) => [l.id, l.title])).toEqual([
      ['province', { 'zh-CN': '自治区', en: 'Autonomous region' }],
      ['city', { 'zh-CN': '市', en: 'City' }],
      ['district', { 'zh-CN': '县(区)', en: 'County / district' }],
      ['street', { 'zh-CN': '乡镇(街道)', en: 'Township / street' }],
      ['community', { 'zh-CN': '村(社区)', en: 'Village / community' }],
      ['grid', { 'zh-CN': '村民小组', en: 'Villager group' }],
    ]);
    // Work pushed down to a community (准入) is the community's; everything else lives in a grid.
    for (const r of Object.values(model.resources)) expect(r.level, r.id).toBe(r.id === 'community_tasks' ? 'community' : 'grid');
  });

  it('records the must-visit groups of the 入户走访制度 the base lacks, on residents, households and visits', () => {
    const added = ['needy_elderly', 'needy_single_mother', 'poor_disabled'];
    for (const [id, field] of [
      ['households', 'categories'],
      ['residents', 'categories'],
      ['visits', 'categoriesVisited'],
    ] as const) {
      const values = choices(id, field);
      expect(values, `${id}.${field}`).toEqual(expect.arrayContaining([...MUST_VISIT_CATEGORIES, ...added]));
      expect(values, `${id}.${field} keeps the base categories`).toEqual(expect.arrayContaining(['subsistence', 'disabled', 'bereaved_parents']));
    }
    expect(resource('households').fields.find((f) => f.name === 'mustVisit')).toMatchObject({ kind: 'boolean', scalar: true });
    expect(resource('households').list.filters.map((f) => f.field)).toContain('mustVisit');
  });

  it('keeps 社区服刑、戒毒、刑满释放人员 in the residents’ sensitive special group, out of the household flag', () => {
    expect(choices('residents', 'specialGroup')).toEqual(expect.arrayContaining(['community_correction', 'community_drug_rehab', 'released_prisoner']));
    expect(resource('residents').pii).toContainEqual({ field: 'specialGroup', mask: 'full', sensitive: true });
    expect(choices('households', 'categories')).not.toContain('released_prisoner');
  });

  it('says who serves as grid worker: the group leader or a village committee member, with an allowance for those outside the committees', () => {
    expect(choices('grid_staff', 'drawnFrom')).toEqual(['group_leader', 'village_committee']);
    expect(resource('grid_staff').fields.find((f) => f.name === 'monthlyAllowance')).toMatchObject({ kind: 'integer' });
    expect(choices('visits', 'purpose')).toContain('proxy_service');
  });

  it('adds the head of the rural community service station: a community worker who also sees the grid workers in full', () => {
    expect(Object.keys(model.roles).sort()).toEqual(['admin', 'community-worker', 'council-supervisor', 'district-officer', 'grid-worker', 'station-head', 'street-admin', 'service-centre-staff'].sort());
    const station = model.roles['station-head'];
    expect(station?.level).toBe('community');
    const piiRead = station?.grants.filter((g) => g.actions.includes('pii:read')).flatMap((g) => g.resources);
    expect(piiRead).toEqual(expect.arrayContaining(['households', 'residents', 'grid_staff']));
    expect(station?.grants.flatMap((g) => g.actions)).not.toContain('delete');
    expect(model.roles['grid-worker']?.grants.every((g) => g.scope === 'own-grid')).toBe(true);
  });
});
