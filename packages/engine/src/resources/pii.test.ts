import { idCardCheckChar } from '@zhili/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, ScopeGrant } from '../actor/actor.ts';
import { DEV_ACTOR } from '../actor/actor.ts';
import { createEngine } from '../engine.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { CompiledModel } from '../model/types.ts';
import { loadModel, loadOrgTree } from '../package/index.ts';
import { createFieldCipher } from '../pii/cipher.ts';
import { migrate } from '../storage/migrate.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import type { TestDatabase } from '../testing/databases.ts';
import { FIXTURE_PACKAGE } from './fixtures/fixture-engine.ts';
import { parseListQuery } from './query.ts';
import { createResourceService } from './service.ts';
import type { ResourceContext, ResourceService } from './service.ts';

const GRID_1 = '320404001001-01';
const XINBEI_GRID = '320411001001-01';
const GRID_1_PATH = '/320400/320404/320404001/320404001001/320404001001-01/';
const COMMUNITY_PATH = '/320400/320404/320404001/320404001001/';
const KEY = Buffer.alloc(32, 7);

const subtree = (path: string): ScopeGrant[] => [{ path, subtree: true }];
const actor = (id: string, grants: Actor['grants']): ResourceContext => ({
  actor: { id, username: id, displayName: id, kind: 'user', assignments: [], grants, sessionId: null },
});
const dev: ResourceContext = { actor: DEV_ACTOR };
/** Reads and writes households in grid 1; no pii:read. */
const worker = actor('worker', { households: { read: subtree(GRID_1_PATH), create: subtree(GRID_1_PATH), update: subtree(GRID_1_PATH) } });
/** Reads households everywhere, their personal data only in the Zhonglou community. */
const officer = actor('officer', { households: { read: subtree('/'), 'pii:read': subtree(COMMUNITY_PATH) } });

function idNumber(sequence: number): string {
  const first17 = `32040419800101${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

function household(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgCode: GRID_1,
    address: '常州市钟楼区三堡街社区兰陵苑12幢301室',
    householderName: '王建国',
    householderIdNumber: idNumber(1),
    phone: '13812345678',
    memberCount: 3,
    careLevel: 'key',
    ...overrides,
  };
}

/** The fixture package with more pii on households: the phone, the address, and the care level as a sensitive category. */
async function piiModel(): Promise<CompiledModel> {
  const model = await loadModel(FIXTURE_PACKAGE);
  const households = model.resources['households'];
  if (!households) throw new Error('the fixture has households');
  const pii = [
    ...households.pii,
    { field: 'phone', mask: 'phone', sensitive: false },
    { field: 'address', mask: 'address', sensitive: false },
    { field: 'careLevel', mask: 'full', sensitive: true },
  ] as const;
  return { ...model, resources: { ...model.resources, households: { ...households, pii } } };
}

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

for (const dialect of DIALECTS) {
  describe(`personal data (${dialect})`, () => {
    let db: TestDatabase;
    let engine: Engine;
    let plain: ResourceService;
    let encrypted: ResourceService;
    const list = (service: ResourceService, ctx: ResourceContext, query: string) =>
      service.list(ctx, 'households', parseListQuery(service.describe('households'), new URLSearchParams(query)));
    /** Audit rows appended by `work`, oldest first, their detail parsed. */
    const audited = async (work: () => Promise<unknown>) => {
      const last = await engine.db.kysely.selectFrom('zhili_audit').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      await work().catch(() => undefined);
      const rows = await engine.db.kysely
        .selectFrom('zhili_audit')
        .select(['action', 'actor_id', 'resource', 'record_id', 'org_path', 'detail'])
        .where('seq', '>', Number(last?.seq ?? 0))
        .orderBy('seq')
        .execute();
      return rows.map((row) => ({ ...row, detail: JSON.parse(String(row.detail)) as unknown }));
    };
    const stored = async (id: string) => engine.db.kysely.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    beforeAll(async () => {
      const model = await piiModel();
      db = await createTestDatabase(dialect);
      await migrate(db, model);
      engine = await createEngine({ model, db });
      const tree = await loadOrgTree(model);
      if (tree) await engine.org.syncTree(tree);
      plain = createResourceService({ db, model, org: engine.org, audit: engine.audit, cipher: null });
      encrypted = createResourceService({ db, model, org: engine.org, audit: engine.audit, cipher: createFieldCipher(KEY) });
    });
    afterAll(async () => {
      await db.drop();
    });
    beforeEach(async () => {
      await engine.db.kysely.deleteFrom('households').execute();
    });

    it('masks pii for readers without pii:read and leaves sensitive fields out', async () => {
      const created = await plain.create(dev, 'households', household());
      const seen = await plain.get(worker, 'households', created.id);
      expect(seen).toMatchObject({
        householderName: '王**',
        householderIdNumber: `3204**********${idNumber(1).slice(-4)}`,
        phone: '138****5678',
        address: '常州市钟楼区三堡街社区***',
        memberCount: 3,
      });
      expect(seen).not.toHaveProperty('careLevel');
      expect((await list(plain, worker, '')).data).toEqual([seen]);
      expect(await plain.get(dev, 'households', created.id)).toEqual(created);
    });

    it('unmasks only where the reader holds pii:read', async () => {
      const zhonglou = await plain.create(dev, 'households', household());
      const xinbei = await plain.create(dev, 'households', household({ orgCode: XINBEI_GRID, householderIdNumber: idNumber(2) }));
      const page = await list(plain, officer, 'sort=orgPath');
      expect(page.data.map((r) => r.householderName)).toEqual(['王建国', '王**']);
      expect(page.data[0]).toEqual(zhonglou);
      expect(page.data[1]?.id).toBe(xinbei.id);
      expect(page.data[1]).not.toHaveProperty('careLevel');
    });

    it('keeps stored values when a masked reader sends a record back as it read it', async () => {
      const created = await plain.create(dev, 'households', household());
      const seen = await plain.get(worker, 'households', created.id);
      const updated = await plain.update(worker, 'households', created.id, { ...seen, memberCount: 4 });
      expect(updated).toMatchObject({ version: 2, memberCount: 4, householderName: '王**', phone: '138****5678' });
      expect(await plain.get(dev, 'households', created.id)).toMatchObject({
        householderName: '王建国',
        householderIdNumber: idNumber(1),
        phone: '13812345678',
        address: '常州市钟楼区三堡街社区兰陵苑12幢301室',
        careLevel: 'key',
        memberCount: 4,
      });
      await plain.update(worker, 'households', created.id, { version: 2, phone: '13900001111' });
      expect((await plain.get(dev, 'households', created.id))['phone']).toBe('13900001111');
    });

    it('confines filtering and sorting on a sensitive field to where pii may be read', async () => {
      await plain.create(dev, 'households', household());
      await plain.create(dev, 'households', household({ orgCode: XINBEI_GRID, householderIdNumber: idNumber(2) }));
      expect((await failure(list(plain, worker, 'careLevel=key'))).code).toBe('FORBIDDEN');
      expect((await failure(list(plain, worker, 'sort=careLevel'))).code).toBe('FORBIDDEN');
      expect((await list(plain, officer, 'careLevel=key')).data.map((r) => r.orgCode)).toEqual([GRID_1]);
      expect((await list(plain, officer, 'memberCount=3')).total).toBe(2);
      expect((await list(plain, dev, 'careLevel=key')).total).toBe(2);
    });

    it('stores pii encrypted with a keyed hash beside it, and reads it back in plain text', async () => {
      const created = await encrypted.create(dev, 'households', household());
      const row = await stored(created.id);
      for (const field of ['householderName', 'householderIdNumber', 'phone', 'address', 'careLevel']) {
        expect(String(row[field])).toMatch(/^enc:v1:/);
        expect(row[`${field}__h`]).toBe(createFieldCipher(KEY).hash(String(created[field])));
      }
      expect(Number(row['memberCount'])).toBe(3);
      expect(await encrypted.get(dev, 'households', created.id)).toEqual(created);
      expect(await encrypted.get(worker, 'households', created.id)).toMatchObject({ householderName: '王**', phone: '138****5678' });

      const updated = await encrypted.update(dev, 'households', created.id, { version: 1, phone: '13900001111' });
      const after = await stored(created.id);
      expect(after['phone']).not.toBe(row['phone']);
      expect(after['phone__h']).toBe(createFieldCipher(KEY).hash('13900001111'));
      expect(after['householderName__h']).toBe(row['householderName__h']);
      expect(await encrypted.get(dev, 'households', created.id)).toEqual(updated);

      const error = await failure(plain.get(dev, 'households', created.id));
      expect(error.code).toBe('INTERNAL');
      expect(error.text.en).toContain('ZHILI_DATA_KEY');
    });

    it('finds encrypted records by equality, and rows written before the key was set as well', async () => {
      const a = await encrypted.create(dev, 'households', household());
      const b = await encrypted.create(dev, 'households', household({ householderName: '李四', householderIdNumber: idNumber(2), phone: '13700000000' }));
      const legacy = await plain.create(dev, 'households', household({ householderName: '赵六', householderIdNumber: idNumber(3), phone: null }));
      const ids = async (query: string) => (await list(encrypted, dev, query)).data.map((r) => r.id).sort();
      expect(await ids('householderName=王建国')).toEqual([a.id]);
      expect(await ids('householderName[eq]=赵六')).toEqual([legacy.id]);
      expect(await ids(`householderIdNumber[in]=${idNumber(2)},${idNumber(3)}`)).toEqual([b.id, legacy.id].sort());
      expect(await ids('phone[ne]=13812345678')).toEqual([b.id, legacy.id].sort());
      expect(await ids('phone[nin]=13812345678,13700000000')).toEqual([legacy.id]);
      expect(await ids('phone[null]=true')).toEqual([legacy.id]);
      const filter = JSON.stringify([{ operator: 'or', value: [{ field: 'householderName', operator: 'eq', value: '李四' }, { field: 'memberCount', operator: 'eq', value: 9 }] }]);
      expect(await ids(`filter=${encodeURIComponent(filter)}`)).toEqual([b.id]);
      expect((await list(encrypted, dev, '')).total).toBe(3);
    });

    it('refuses other operators and sorts on encrypted fields with 400 naming the field', async () => {
      const contains = await failure(list(encrypted, dev, 'householderName[contains]=王'));
      expect(contains.code).toBe('BAD_REQUEST');
      expect(Object.keys(contains.fieldErrors ?? {})).toEqual(['householderName']);
      expect(contains.fieldErrors?.['householderName']?.[0]?.en).toContain('encrypted');
      const sort = await failure(list(encrypted, dev, 'sort=-householderName'));
      expect(Object.keys(sort.fieldErrors ?? {})).toEqual(['sort']);
      expect((await list(plain, dev, 'householderName[contains]=王&sort=householderName')).total).toBe(0);
    });
  
    it('audits every write in its transaction with a diff that never holds personal data in plain text', async () => {
      let id = '';
      const [create] = await audited(async () => {
        id = (await plain.create(worker, 'households', household())).id;
      });
      expect(create).toMatchObject({ action: 'create', actor_id: 'worker', resource: 'households', record_id: id, org_path: GRID_1_PATH });
      expect(create?.detail).toEqual({
        after: { address: '常州市钟楼区三堡街社区***', householderName: '王**', householderIdNumber: `3204**********${idNumber(1).slice(-4)}`, phone: '138****5678', memberCount: 3 },
      });

      const [update] = await audited(() => plain.update(dev, 'households', id, { version: 1, memberCount: 5, phone: null, rented: true }));
      expect(update).toMatchObject({ action: 'update', actor_id: 'dev', record_id: id, org_path: GRID_1_PATH });
      expect(update?.detail).toEqual({
        changed: ['phone', 'memberCount', 'rented'],
        before: { phone: '138****5678', memberCount: 3 },
        after: { memberCount: 5, rented: true },
      });
      expect(await audited(() => plain.update(dev, 'households', id, { version: 1, memberCount: 6 }))).toEqual([]);
      expect(await audited(() => plain.update(dev, 'households', id, { version: 2, memberCount: 0 }))).toEqual([]);

      const [remove] = await audited(() => plain.remove(dev, 'households', id, 2));
      expect(remove).toMatchObject({ action: 'delete', record_id: id, org_path: GRID_1_PATH });
      expect(remove?.detail).toMatchObject({ before: { householderName: '王**', memberCount: 5, rented: true } });

      const batch = await audited(() =>
        plain.insertMany(dev, 'households', [household(), household({ orgCode: '320404001001-02', householderIdNumber: idNumber(2) })]),
      );
      expect(batch).toHaveLength(1);
      expect(batch[0]).toMatchObject({ action: 'create', record_id: null, org_path: COMMUNITY_PATH, detail: { count: 2 } });
    });

    it('audits each read that shows personal data in full, once per request, and no masked read', async () => {
      const zhonglou = await plain.create(dev, 'households', household());
      const xinbei = await plain.create(dev, 'households', household({ orgCode: XINBEI_GRID, householderIdNumber: idNumber(2) }));
      expect(await audited(() => list(plain, worker, ''))).toEqual([]);
      expect(await audited(() => plain.get(officer, 'households', xinbei.id))).toEqual([]);

      const [read] = await audited(() => list(plain, officer, ''));
      expect(read).toMatchObject({ action: 'pii-read', actor_id: 'officer', resource: 'households', record_id: zhonglou.id, org_path: GRID_1_PATH });
      expect(read?.detail).toMatchObject({ ids: [zhonglou.id] });

      const [all] = await audited(() => list(plain, dev, ''));
      expect(all).toMatchObject({ action: 'pii-read', record_id: null, org_path: '/320400/' });
      expect((all?.detail as { ids: string[] }).ids.sort()).toEqual([zhonglou.id, xinbei.id].sort());
      expect(await engine.audit.verify()).toMatchObject({ ok: true });
    });
  });
}
