import { idCardCheckChar } from '@zhili/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import { ACTIONS, DEV_ACTOR } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import { uuidv7 } from '../ids/uuid.ts';
import { DIALECTS } from '../testing/databases.ts';
import { openFixtureEngine } from './fixtures/fixture-engine.ts';
import type { FixtureEngine } from './fixtures/fixture-engine.ts';
import { parseListQuery } from './query.ts';
import type { ResourceContext } from './service.ts';

const GRID_1 = '320404001001-01';
const GRID_2 = '320404001001-02';
const XINBEI_GRID = '320411001001-01';

const dev: ResourceContext = { actor: DEV_ACTOR };
const xinbeiOnly: ResourceContext = {
  actor: {
    ...DEV_ACTOR,
    id: 'xinbei-worker',
    kind: 'user',
    grants: { '*': Object.fromEntries(ACTIONS.map((action) => [action, [{ path: '/320400/320411/', subtree: true }]])) },
  } satisfies Actor,
};

/** A valid resident ID number: a Changzhou division code, a birth date and a sequence, with its check character. */
function idNumber(sequence: number): string {
  const first17 = `32040419800101${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

function household(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { orgCode: GRID_1, address: '兰陵苑12幢2单元301室', householderName: '王建国', memberCount: 3, ...overrides };
}

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
  describe(dialect, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    const count = async (): Promise<number> => {
      const row = await engine.db.kysely.selectFrom('households').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const list = (ctx: ResourceContext, query: string) =>
      engine.resources.list(ctx, 'households', parseListQuery(engine.resources.describe('households'), new URLSearchParams(query)));

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect);
      engine = fixture.engine;
    });
    afterAll(async () => {
      await fixture.drop();
    });
    beforeEach(async () => {
      await engine.db.kysely.deleteFrom('households').execute();
    });

    it('creates a record with the standard fields and reads it back the same', async () => {
      const created = await engine.resources.create(dev, 'households', household({
        householderIdNumber: idNumber(1),
        area: 72.5,
        rented: false,
        categories: ['elderly_80'],
        contact: { name: '王小明', phone: '13812345678' },
        phone: null,
      }));
      expect(created).toMatchObject({
        orgCode: GRID_1,
        orgPath: `/320400/320404/320404001/320404001001/${GRID_1}/`,
        version: 1,
        createdBy: 'dev',
        updatedBy: 'dev',
        configVersion: '1.2.3',
        address: '兰陵苑12幢2单元301室',
        area: 72.5,
        rented: false,
        categories: ['elderly_80'],
        contact: { name: '王小明', phone: '13812345678' },
      });
      expect(created).not.toHaveProperty('phone');
      expect(created).not.toHaveProperty('careLevel');
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Object.keys(created).slice(0, 9)).toEqual(['id', 'orgCode', 'orgPath', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'configVersion']);
      expect(await engine.resources.get(dev, 'households', created.id)).toEqual(created);
    });

    it('keeps a client-generated id and refuses a duplicate with 409', async () => {
      const id = uuidv7();
      const created = await engine.resources.create(dev, 'households', household({ id }));
      expect(created.id).toBe(id);
      const error = await failure(engine.resources.create(dev, 'households', household({ id })));
      expect(error.code).toBe('CONFLICT');
      expect(await count()).toBe(1);
    });

    it('refuses a duplicate value of a unique index with 409', async () => {
      await engine.resources.create(dev, 'households', household({ householderIdNumber: idNumber(2) }));
      const error = await failure(engine.resources.create(dev, 'households', household({ householderIdNumber: idNumber(2) })));
      expect(error.code).toBe('CONFLICT');
    });

    it('rejects an invalid record with Chinese field errors and writes nothing', async () => {
      const error = await failure(
        engine.resources.create(dev, 'households', household({ householderIdNumber: '320404198001010012', memberCount: 0, nickname: 'x', id: 'not-a-uuid' })),
      );
      expect(error.code).toBe('VALIDATION_FAILED');
      const body = error.toJSON('zh-CN');
      expect(body.errors?.['householderIdNumber']).toEqual(['身份证号码格式不正确或校验位错误']);
      expect(body.errors?.['memberCount']?.[0]).toMatch(/1/);
      expect(Object.keys(body.errors ?? {}).sort()).toEqual(['householderIdNumber', 'id', 'memberCount', 'nickname']);
      expect(error.toJSON('en').errors?.['householderIdNumber']?.[0]).toMatch(/ID number/);
      expect(await count()).toBe(0);
    });

    it('requires a known org unit of the resource level', async () => {
      for (const [orgCode, pattern] of [
        [undefined, /组织单位编码/],
        ['nowhere', /不存在/],
        ['320404001001', /网格级单位/],
      ] as const) {
        const input = household({ orgCode });
        const error = await failure(engine.resources.create(dev, 'households', input));
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.toJSON('zh-CN').errors?.['orgCode']?.[0]).toMatch(pattern);
      }
      expect(await count()).toBe(0);
    });

    it('answers 404 for an unknown resource or id', async () => {
      expect((await failure(engine.resources.get(dev, 'nope', uuidv7()))).code).toBe('NOT_FOUND');
      expect((await failure(engine.resources.get(dev, 'constructor', uuidv7()))).code).toBe('NOT_FOUND');
      expect((await failure(engine.resources.get(dev, 'households', uuidv7()))).code).toBe('NOT_FOUND');
      expect((await failure(engine.resources.get(dev, 'households', 'abc'))).code).toBe('NOT_FOUND');
    });

    it('lists with filters, org subtree, default sort, pages and total', async () => {
      await engine.resources.insertMany(dev, 'households', [
        household({ address: 'C 3号', memberCount: 1, careLevel: 'key' }),
        household({ address: 'A 1号', memberCount: 2 }),
        household({ address: 'B 2号', memberCount: 5, careLevel: 'key', orgCode: GRID_2 }),
        household({ address: 'D 4号', memberCount: 4, careLevel: 'key', orgCode: XINBEI_GRID }),
      ]);
      const all = await list(dev, '');
      expect(all.total).toBe(4);
      expect(all.data.map((r) => r.address)).toEqual(['A 1号', 'B 2号', 'C 3号', 'D 4号']);
      const keyInZhonglou = await list(dev, 'careLevel=key&org=320404&sort=-memberCount');
      expect(keyInZhonglou.data.map((r) => r.address)).toEqual(['B 2号', 'C 3号']);
      expect(keyInZhonglou.total).toBe(2);
      const page2 = await list(dev, 'pageSize=3&page=2');
      expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(page2.data.map((r) => r.address)).toEqual(['D 4号']);
      const error = await failure(list(dev, 'org=999'));
      expect(error.code).toBe('BAD_REQUEST');
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(['org']);
    });

    it('keeps every read and write within the actor\'s grants', async () => {
      const zhonglou = await engine.resources.create(dev, 'households', household());
      const xinbei = await engine.resources.create(dev, 'households', household({ orgCode: XINBEI_GRID }));
      expect((await list(xinbeiOnly, '')).data.map((r) => r.id)).toEqual([xinbei.id]);
      expect((await list(xinbeiOnly, 'org=320404')).total).toBe(0);
      expect((await failure(engine.resources.get(xinbeiOnly, 'households', zhonglou.id))).code).toBe('NOT_FOUND');
      expect((await failure(engine.resources.update(xinbeiOnly, 'households', zhonglou.id, { version: 1, memberCount: 9 }))).code).toBe('NOT_FOUND');
      expect((await failure(engine.resources.remove(xinbeiOnly, 'households', zhonglou.id, 1))).code).toBe('NOT_FOUND');
      expect((await failure(engine.resources.create(xinbeiOnly, 'households', household()))).code).toBe('FORBIDDEN');
      expect((await failure(engine.resources.update(xinbeiOnly, 'households', xinbei.id, { version: 1, orgCode: GRID_1 }))).code).toBe('FORBIDDEN');
      expect(await engine.resources.get(dev, 'households', xinbei.id)).toEqual(xinbei);
      expect(await count()).toBe(2);
    });

    it('updates by merging fields, null removing one, with the version checked', async () => {
      const created = await engine.resources.create(dev, 'households', household({ phone: '13812345678', careLevel: 'key' }));
      const updated = await engine.resources.update({ actor: { ...DEV_ACTOR, id: 'editor' } }, 'households', created.id, {
        ...created,
        version: 1,
        memberCount: 4,
        phone: null,
        createdBy: 'ignored',
      });
      expect(updated).toMatchObject({ version: 2, memberCount: 4, careLevel: 'key', createdBy: 'dev', updatedBy: 'editor' });
      expect(updated).not.toHaveProperty('phone');
      expect(await engine.resources.get(dev, 'households', created.id)).toEqual(updated);

      const stale = await failure(engine.resources.update(dev, 'households', created.id, { version: 1, memberCount: 5 }));
      expect(stale.code).toBe('CONFLICT');
      expect((await failure(engine.resources.update(dev, 'households', uuidv7(), { version: 1 }))).code).toBe('NOT_FOUND');
      expect((await failure(engine.resources.update(dev, 'households', created.id, { memberCount: 5 }))).toJSON('en').errors).toHaveProperty('version');
      expect((await failure(engine.resources.update(dev, 'households', created.id, { version: 2, id: uuidv7() }))).code).toBe('VALIDATION_FAILED');
      expect(await engine.resources.get(dev, 'households', created.id)).toEqual(updated);
    });

    it('validates the whole merged record and changes nothing when it is invalid', async () => {
      const created = await engine.resources.create(dev, 'households', household());
      const error = await failure(engine.resources.update(dev, 'households', created.id, { version: 1, householderName: null, phone: '123' }));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(['householderName', 'phone']);
      expect(await engine.resources.get(dev, 'households', created.id)).toEqual(created);
    });

    it('refuses null for a field the resource does not have, on create and update', async () => {
      const error = await failure(engine.resources.create(dev, 'households', household({ nickname: null })));
      expect(error.toJSON('en').errors).toEqual({ nickname: ['Household has no field "nickname"'] });
      const created = await engine.resources.create(dev, 'households', household());
      const patchError = await failure(engine.resources.update(dev, 'households', created.id, { version: 1, nickname: null }));
      expect(Object.keys(patchError.fieldErrors ?? {})).toEqual(['nickname']);
      expect(await count()).toBe(1);
    });

    it('moves a record to another unit of its level', async () => {
      const created = await engine.resources.create(dev, 'households', household());
      const moved = await engine.resources.update(dev, 'households', created.id, { version: 1, orgCode: GRID_2 });
      expect(moved).toMatchObject({ orgCode: GRID_2, orgPath: `/320400/320404/320404001/320404001001/${GRID_2}/`, version: 2 });
      const error = await failure(engine.resources.update(dev, 'households', created.id, { version: 2, orgCode: '320404' }));
      expect(error.toJSON('en').errors).toHaveProperty('orgCode');
    });

    it('deletes at the current version only', async () => {
      const created = await engine.resources.create(dev, 'households', household());
      expect((await failure(engine.resources.remove(dev, 'households', created.id, 2))).code).toBe('CONFLICT');
      expect(await count()).toBe(1);
      await engine.resources.remove(dev, 'households', created.id, 1);
      expect(await count()).toBe(0);
      expect((await failure(engine.resources.remove(dev, 'households', created.id, 1))).code).toBe('NOT_FOUND');
    });

    it('inserts many records in several statements in one transaction', async () => {
      const inputs = Array.from({ length: 4_000 }, (_, i) =>
        household({ address: `${i}号`, memberCount: (i % 30) + 1, rented: i % 2 === 0, categories: i % 3 ? [] : ['distressed_child'], orgCode: i % 2 ? GRID_1 : XINBEI_GRID }),
      );
      expect(await engine.resources.insertMany(dev, 'households', inputs)).toBe(4_000);
      expect(await count()).toBe(4_000);
      expect((await list(dev, 'rented=true&org=320411')).total).toBe(2_000);
      expect((await list(dev, 'memberCount[between]=1,3')).total).toBe(402);
    });

    it('fails a batch on its first invalid record, naming its index, and writes nothing', async () => {
      const inputs = [household(), household(), household({ memberCount: 'three' }), household({ memberCount: 0 })];
      const error = await failure(engine.resources.insertMany(dev, 'households', inputs));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.text.en).toMatch(/^Record at index 2: /);
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(['2.memberCount']);
      const duplicate = uuidv7();
      const conflict = await failure(engine.resources.insertMany(dev, 'households', [household({ id: duplicate }), household({ id: duplicate })]));
      expect(conflict.code).toBe('CONFLICT');
      expect(await count()).toBe(0);
    });
  });
}
