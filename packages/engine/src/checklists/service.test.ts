import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import { buildActor } from '../authz/grants.ts';
import { createEngine } from '../engine.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { addDays } from './dates.ts';
import { saveDraftItems, readVersion } from './store.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const CITY = '320400';
const ZHONGLOU = '320404';
const GRID = '320404001012001';

/** The error a promise rejects with, as an EngineError. */
async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

for (const dialect of DIALECTS) {
  describe(`checklist versions (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    /** The service's clock: moved forward by the tests of effective dates. */
    let now = new Date('2026-11-20T02:00:00Z');
    const today = () => engine.checklists.today();
    const actor = (role: string, orgCode: string): Actor =>
      buildActor({
        model: engine.model,
        org: engine.org,
        user: { id: `${role}@${orgCode}`, username: role, displayName: role },
        assignments: [{ role, orgCode }],
        sessionId: null,
      });
    let admin: { actor: Actor };

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, CHANGZHOU, { now: () => now });
      engine = fixture.engine;
      admin = { actor: actor('admin', CITY) };
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('publishes version 1 of every configured checklist once, from its items, in force from the day it first opens', async () => {
      const list = await engine.checklists.list(admin);
      expect(list.map((c) => c.id)).toEqual(['assisting-duties', 'committee-duties', 'burden-reduction']);
      const burden = list.find((c) => c.id === 'burden-reduction');
      expect(burden).toMatchObject({
        kind: 'burden',
        owner: 'city',
        public: true,
        draft: null,
        inForce: { version: 1, status: 'published', effectiveFrom: '2026-11-20', activeItems: 8 },
      });
      const v1 = await engine.checklists.version(admin, 'burden-reduction', 1);
      expect(v1.items.map((i) => i.code)).toEqual(['JF-01', 'JF-02', 'JF-03', 'JF-04', 'JF-05', 'JF-06', 'JF-07', 'JF-08']);
      expect(v1).toMatchObject({ inForce: true, createdBy: 'system', publishedBy: 'system' });

      expect(await engine.checklists.publishConfigured()).toEqual([]);
      const again = await createEngine({ model: engine.model, db: engine.db });
      expect((await again.checklists.versions(admin, 'burden-reduction')).map((v) => v.version)).toEqual([1]);
      const audited = await engine.audit.list(admin, { resource: 'checklists', action: 'publish' });
      expect(audited.data.filter((e) => e.recordId === 'burden-reduction')).toHaveLength(1);
    });

    it('keeps one draft per checklist, made from the latest published version', async () => {
      const draft = await engine.checklists.createDraft(admin, 'burden-reduction');
      expect(draft).toMatchObject({ version: 2, status: 'draft', basedOn: 1, revision: 1, effectiveFrom: null, inForce: false });
      expect((await failure(engine.checklists.createDraft(admin, 'burden-reduction'))).code).toBe('CONFLICT');
      await engine.checklists.discardDraft(admin, 'burden-reduction', 1);
      expect((await failure(engine.checklists.version(admin, 'burden-reduction', 'draft'))).code).toBe('NOT_FOUND');
    });

    it('edits the draft at the revision the client saw, and refuses a stale one with CONFLICT', async () => {
      const id = 'burden-reduction';
      await engine.checklists.createDraft(admin, id);
      const added = await engine.checklists.addItem(admin, id, {
        revision: 1,
        code: 'JF-09',
        title: { 'zh-CN': '微信群', en: 'Chat groups' },
        attributes: { measure: '整合工作群' },
        position: 0,
      });
      expect(added.revision).toBe(2);
      expect(added.items.map((i) => i.code).slice(0, 2)).toEqual(['JF-09', 'JF-01']);
      const stale = await failure(engine.checklists.updateItem(admin, id, 'JF-01', { revision: 1, attributes: { measure: '保留必要的' } }));
      expect(stale.code).toBe('CONFLICT');
      const edited = await engine.checklists.updateItem(admin, id, 'JF-01', { revision: 2, attributes: { measure: '保留必要的工作机构' } });
      expect(edited.items.find((i) => i.code === 'JF-01')?.attributes).toEqual({ measure: '保留必要的工作机构' });
      const bad = await failure(engine.checklists.updateItem(admin, id, 'JF-02', { revision: 3, attributes: { measure: 42, colour: 'red' } }));
      expect(bad.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['attributes.colour', 'attributes.measure']);
      const veto = await failure(engine.checklists.updateItem(admin, id, 'JF-02', { revision: 3, attributes: { assessment: 'veto' } }));
      expect(veto.fieldErrors?.['attributes.assessment']?.map((m) => m['zh-CN'])).toEqual(['不允许有额外的属性', expect.stringContaining('一票否决')]);
      const order = await engine.checklists.reorder(admin, id, {
        revision: 3,
        codes: ['JF-01', 'JF-02', 'JF-03', 'JF-04', 'JF-05', 'JF-06', 'JF-07', 'JF-08', 'JF-09'],
      });
      expect(order.revision).toBe(4);
      expect((await failure(engine.checklists.reorder(admin, id, { revision: 4, codes: ['JF-01'] }))).fieldErrors).toHaveProperty('codes');
      const v1 = await engine.checklists.version(admin, id, 1);
      expect(v1.items).toHaveLength(8);
      expect(v1.items[0]?.attributes).toEqual({});
    });

    it('never changes a published version: every write names a draft, and the store refuses a published row', async () => {
      const id = 'burden-reduction';
      const before = await engine.checklists.version(admin, id, 1);
      const row = await readVersion(engine.db.kysely, id, 1);
      if (!row) throw new Error('no version 1');
      await expect(saveDraftItems(engine.db.kysely, { draft: row, items: [], actor: admin.actor, now: new Date().toISOString() })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await engine.checklists.version(admin, id, 1)).toEqual(before);
    });

    it('retires items (a published one stays, retired; a draft-only one goes) and never gives a code again', async () => {
      const id = 'burden-reduction';
      let draft = await engine.checklists.version(admin, id, 'draft');
      draft = await engine.checklists.retireItem(admin, id, 'JF-08', draft.revision);
      expect(draft.items.find((i) => i.code === 'JF-08')?.status).toBe('retired');
      draft = await engine.checklists.retireItem(admin, id, 'JF-09', draft.revision);
      expect(draft.items.some((i) => i.code === 'JF-09')).toBe(false);
      const reused = await failure(engine.checklists.addItem(admin, id, { revision: draft.revision, code: 'JF-08', title: '考核检查' }));
      expect(reused.code).toBe('VALIDATION_FAILED');
      expect(reused.fieldErrors?.['code']?.[0]?.en).toContain('codes are never reused');
      draft = await engine.checklists.addItem(admin, id, { revision: draft.revision, code: 'JF-09', title: '微信工作群' });
      expect((await failure(engine.checklists.updateItem(admin, id, 'JF-08', { revision: draft.revision, title: '改名' }))).code).toBe('BAD_REQUEST');
    });

    it('diffs two versions: added, retired, changed (keys with before and after) and moved', async () => {
      const id = 'burden-reduction';
      let draft = await engine.checklists.version(admin, id, 'draft');
      draft = await engine.checklists.reorder(admin, id, {
        revision: draft.revision,
        codes: ['JF-01', 'JF-02', 'JF-05', 'JF-03', 'JF-04', 'JF-06', 'JF-07', 'JF-08', 'JF-09'],
      });
      const diff = await engine.checklists.diff(admin, id, {});
      expect(diff).toEqual({
        checklist: id,
        from: 1,
        to: 2,
        added: [{ code: 'JF-09', title: '微信工作群', position: 8 }],
        retired: [{ code: 'JF-08', title: { 'zh-CN': '考核检查', en: 'Inspections and assessments' } }],
        changed: [
          {
            code: 'JF-01',
            title: { 'zh-CN': '工作机构', en: 'Bodies set up in the community' },
            keys: ['measure'],
            before: {},
            after: { measure: '保留必要的工作机构' },
          },
        ],
        moved: [{ code: 'JF-05', from: 4, to: 2 }],
      });
      expect(await engine.checklists.diff(admin, id, { from: 2, to: 1 })).toMatchObject({
        added: [{ code: 'JF-08', position: 7 }],
        retired: [{ code: 'JF-09' }],
        moved: [{ code: 'JF-05', from: 2, to: 4 }],
      });
    });

    it('publishes with an effective date from today on; the version in force is the latest one in effect', async () => {
      const id = 'burden-reduction';
      const draft = await engine.checklists.version(admin, id, 'draft');
      const past = await failure(engine.checklists.publish(admin, id, { revision: draft.revision, effectiveFrom: addDays(today(), -1) }));
      expect(past.fieldErrors).toHaveProperty('effectiveFrom');
      expect((await failure(engine.checklists.publish(admin, id, { revision: draft.revision, effectiveFrom: '2026-02-30' }))).code).toBe('VALIDATION_FAILED');
      const tomorrow = addDays(today(), 1);
      const v2 = await engine.checklists.publish(admin, id, { revision: draft.revision, effectiveFrom: tomorrow, note: '减负回头看' });
      expect(v2).toMatchObject({ version: 2, status: 'published', effectiveFrom: tomorrow, inForce: false, note: '减负回头看' });
      expect((await engine.checklists.version(admin, id, 'current')).version).toBe(1);
      expect((await engine.checklists.list(admin)).find((c) => c.id === id)).toMatchObject({
        inForce: { version: 1 },
        latest: { version: 2, inForce: false },
        draft: null,
      });

      now = new Date(now.getTime() + 24 * 60 * 60 * 1000);
      expect((await engine.checklists.version(admin, id, 'current')).version).toBe(2);
      expect((await engine.checklists.version(admin, id, 1)).inForce).toBe(false);

      const v3 = await engine.checklists.createDraft(admin, id);
      expect(v3).toMatchObject({ version: 3, basedOn: 2 });
      const unchanged = await failure(engine.checklists.publish(admin, id, { revision: v3.revision, effectiveFrom: today() }));
      expect(unchanged.text.en).toContain('nothing to publish');
      const published = await engine.audit.list(admin, { resource: 'checklists', action: 'publish', recordId: id });
      expect(published.data[0]?.detail).toMatchObject({ version: 2, added: ['JF-09'], retired: ['JF-08'], changed: ['JF-01'], moved: ['JF-05'] });
      await engine.checklists.discardDraft(admin, id, v3.revision);
    });

    it('lets only an authority at the owner level or above edit and publish', async () => {
      const grid = { actor: actor('grid-worker', GRID) };
      const district = { actor: actor('district-officer', ZHONGLOU) };
      const cityOfficer = { actor: actor('district-officer', CITY) };
      expect((await failure(engine.checklists.createDraft(grid, 'committee-duties'))).code).toBe('FORBIDDEN');
      expect((await failure(engine.checklists.createDraft(district, 'committee-duties'))).text['zh-CN']).toContain('需要在市或更高层级持有相应权限');
      expect(engine.checklists.permissions(district.actor, 'committee-duties')).toMatchObject({ readDrafts: true, edit: false, publish: false });
      expect(engine.checklists.permissions(cityOfficer.actor, 'committee-duties')).toMatchObject({ readDrafts: true, edit: true, publish: true });
      expect(engine.checklists.permissions(grid.actor, 'committee-duties')).toMatchObject({ readDrafts: false, edit: false, publish: false });

      const draft = await engine.checklists.createDraft(cityOfficer, 'committee-duties');
      const edited = await engine.checklists.updateItem(cityOfficer, 'committee-duties', 'LZ-03', {
        revision: draft.revision,
        attributes: { timeLimitDays: 30 },
      });
      expect((await failure(engine.checklists.publish(grid, 'committee-duties', { revision: edited.revision, effectiveFrom: today() }))).code).toBe(
        'FORBIDDEN',
      );
      expect((await engine.checklists.list(grid)).find((c) => c.id === 'committee-duties')?.draft).toBeNull();
      expect((await failure(engine.checklists.version(grid, 'committee-duties', 'draft'))).code).toBe('NOT_FOUND');
      const published = await engine.checklists.publish(cityOfficer, 'committee-duties', { revision: edited.revision, effectiveFrom: today() });
      expect(published).toMatchObject({ version: 2, inForce: true, publishedBy: 'district-officer@320400' });
      const audited = await engine.audit.list(admin, { resource: 'checklists', recordId: 'committee-duties' });
      expect(audited.data.map((e) => [e.action, e.orgPath])).toEqual([
        ['publish', '/320400/'],
        ['update', '/320400/'],
        ['create', '/320400/'],
        ['publish', '/'],
      ]);
    });
  });
}
