import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledChecklist, CompiledModel } from '@zhili/engine';
import { DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { loadNingxia, PACKAGE_DIR } from './ningxia.ts';

let model: CompiledModel;

beforeAll(async () => {
  ({ model } = await loadNingxia());
});

function workItems(): CompiledChecklist {
  const found = model.checklists['community-work-items'];
  if (!found) throw new Error('no checklist community-work-items');
  return found;
}

describe('Ningxia 社区工作事项清单', () => {
  it('loads beside the base lists, its items valid against its item schema', () => {
    expect(Object.keys(model.checklists).sort()).toEqual(['assisting-duties', 'committee-duties', 'community-work-items']);
    expect(workItems()).toMatchObject({ kind: 'assist', owner: 'district', public: true });
    expect(workItems().items.map((i) => i.code)).toEqual(['SQ-01', 'SQ-02', 'SQ-03', 'SQ-04', 'SQ-05']);
  });

  it('admits community work by the list (准入), decided above the community', () => {
    expect(workItems().admission).toEqual({
      resources: ['community_tasks'],
      approverLevel: 'district',
      decisionDays: 15,
      targetLevels: ['community'],
      assessment: 'comprehensive-review',
    });
  });

  it('requires every item to say where its funding comes from (费随事转) and who answers for it', () => {
    expect(workItems().itemSchema.required).toEqual(expect.arrayContaining(['funding', 'responsibleBody']));
    for (const item of workItems().items) expect(item.attributes['funding'], item.code).toEqual(expect.any(String));
    const tasks = model.resources['community_tasks']?.schema;
    expect(tasks?.required).toContain('fundingSource');
  });

  it('imposes no 一票否决: the township government assesses community work in one comprehensive review', () => {
    const assessment = workItems().itemSchema.properties['assessment'] as { oneOf: { const: string }[] };
    expect(assessment.oneOf.map((o) => o.const)).toEqual(['none', 'comprehensive-review']);
    for (const checklist of Object.values(model.checklists)) {
      expect(JSON.stringify(checklist), checklist.id).not.toContain('"veto"');
    }
  });

  it('never makes the committee the responsible body of an item', () => {
    for (const item of workItems().items) expect(item.attributes['responsibleBody'], item.code).not.toMatch(/委员会/);
  });
});

for (const dialect of DIALECTS) {
  describe(`Ningxia checklists in a database (${dialect})`, () => {
    let fixture: FixtureEngine;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR);
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('publishes the list as version 1, in force and public', async () => {
      const { checklist, version } = await fixture.engine.checklists.publicVersion('community-work-items');
      expect(checklist.id).toBe('community-work-items');
      expect(version).toMatchObject({ version: 1, status: 'published', inForce: true });
      expect(version.items.map((i) => i.code)).toEqual(['SQ-01', 'SQ-02', 'SQ-03', 'SQ-04', 'SQ-05']);
    });
  });
}
