import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor, type Actor, type CompiledModel } from '@zhili/engine';
import { DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { loadGaoxian, PACKAGE_DIR } from './gaoxian.ts';

let model: CompiledModel;

beforeAll(async () => {
  ({ model } = await loadGaoxian());
});

describe('Gaoxian “资源、需求、服务” three lists', () => {
  it('loads the three lists beside the base ones, each item valid against its item schema', () => {
    expect(Object.keys(model.checklists).sort()).toEqual(['assisting-duties', 'committee-duties', 'needs', 'resources', 'services']);
    expect(['resources', 'needs', 'services'].map((id) => [id, model.checklists[id]?.kind, model.checklists[id]?.owner])).toEqual([
      ['resources', 'resource', 'community'],
      ['needs', 'need', 'community'],
      ['services', 'service', 'community'],
    ]);
    for (const id of ['resources', 'needs', 'services']) expect(model.checklists[id]?.items.length, id).toBeGreaterThan(0);
  });

  it('has its needs claimed per community (社区协调 + 社会认领) by departments, merchants and mass organisations, once each', () => {
    expect(model.checklists['needs']?.claiming).toEqual({ level: 'community', claimantKinds: ['department', 'merchant', 'organisation'], multiple: false });
    expect(model.checklists['resources']?.claiming).toBeNull();
  });

  it('lists the problems the article names as needs, and 上门代办 by grid workers as a service', () => {
    const needs = model.checklists['needs']?.items.map((i) => i.title) ?? [];
    expect(needs).toEqual(
      expect.arrayContaining(['调解邻里纠纷', '解决噪音扰民', '清理楼道乱堆', '规范车辆乱放', '防治高空抛物'].map((zh) => expect.objectContaining({ 'zh-CN': zh }))),
    );
    expect(model.checklists['services']?.items[0]?.attributes).toMatchObject({ provider: '网格员' });
  });
});

const COUNTY = '511525';
const SHUOXUN = '511525101001';

for (const dialect of DIALECTS) {
  describe(`Gaoxian checklists in a database (${dialect})`, () => {
    let fixture: FixtureEngine;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR);
    });
    afterAll(async () => {
      await fixture.drop();
    });

    function actor(role: string, orgCode: string): Actor {
      const user = { id: `${role}@${orgCode}`, username: role, displayName: role };
      return buildActor({ model: fixture.engine.model, org: fixture.engine.org, user, assignments: [{ role, orgCode }], sessionId: null });
    }

    it('lets a community post a need, a merchant claim it, and the community mark it done, counted per community', async () => {
      const { claims } = fixture.engine;
      const worker = { actor: actor('community-worker', SHUOXUN) };
      const claim = await claims.claim(worker, 'needs', {
        item: 'XQ-06',
        orgCode: SHUOXUN,
        claimant: { name: '符江物业服务部', kind: 'merchant' }, // 示例值: not from the source
      });
      expect(claim).toMatchObject({ status: 'claimed', item: 'XQ-06', orgCode: SHUOXUN });
      await expect(claims.claim(worker, 'needs', { item: 'XQ-06', orgCode: SHUOXUN, claimant: { name: '县妇联', kind: 'organisation' } })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await claims.markDone(worker, 'needs', claim.id, { version: claim.version });
      const [shuoxun] = await claims.summary({ actor: actor('district-officer', COUNTY) }, 'needs', { org: SHUOXUN });
      expect(shuoxun).toMatchObject({ orgName: '硕勋社区', counts: { items: 7, open: 6, claimed: 0, done: 1 } });
    });

    it('publishes each list as version 1, in force and public', async () => {
      for (const id of ['resources', 'needs', 'services']) {
        const { version } = await fixture.engine.checklists.publicVersion(id);
        expect(version, id).toMatchObject({ version: 1, status: 'published', inForce: true });
      }
    });
  });
}
