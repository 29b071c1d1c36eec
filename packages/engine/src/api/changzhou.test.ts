import { fileURLToPath } from 'node:url';
import { idCardCheckChar } from '@zhili/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';
import { createApp } from './app.ts';
import type { AdminMeta } from '@zhili/schemas';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
/** 钟楼区五星街道三堡街社区第一网格, and a grid of 天宁区. */
const SANBAOJIE_GRID_1 = '320404001012001';
const TIANNING_GRID = '320402003011001';

function idNumber(sequence: number): string {
  const first17 = `32040419560312${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

type Body = Record<string, unknown> & { errors?: Record<string, string[]> };

for (const dialect of DIALECTS) {
  describe(`examples/changzhou over HTTP (${dialect})`, () => {
    let fixture: FixtureEngine;
    let app: TestClient;
    const send = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
      const response = await app.request(path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Body) };
    };
    const count = async (): Promise<number> => {
      const row = await fixture.engine.db.kysely.selectFrom('households').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, CHANGZHOU);
      const root = fixture.engine.org.roots()[0]?.code ?? '';
      app = asClient(createApp(fixture.engine), await signIn(fixture.engine, { roles: [{ role: 'admin', orgCode: root }] }));
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('serves the package: its resources in the meta, its org tree behind orgCode', async () => {
      const meta = (await send('GET', '/api/meta')).body as unknown as AdminMeta;
      expect(meta.resources.map((r) => r.id)).toEqual(expect.arrayContaining(['households', 'residents', 'buildings', 'visits', 'grid_staff']));
      expect(meta.resources.find((r) => r.id === 'households')?.title).toBe('住户');
      expect(fixture.engine.org.byCode(SANBAOJIE_GRID_1)?.name).toBe('第一网格');
    });

    it('round-trips a household and refuses bad input without writing anything', async () => {
      const household = {
        orgCode: SANBAOJIE_GRID_1,
        address: '钟楼区五星街道三堡街社区兰陵苑12幢2单元301室',
        householderName: '陈秀英',
        householderIdNumber: idNumber(21),
        phone: '13915012345',
        memberCount: 1,
        householdType: 'registered',
        categories: ['elderly_80', 'elderly_alone'],
        mustVisit: true,
      };
      const created = await send('POST', '/api/r/households', household);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...household, version: 1, configVersion: fixture.engine.model.version });
      const id = String(created.body['id']);
      expect((await send('POST', '/api/r/households', { ...household, orgCode: TIANNING_GRID, householderIdNumber: idNumber(22), mustVisit: false })).status).toBe(201);

      const list = await send('GET', '/api/r/households?mustVisit=true&org=320404&pageSize=5');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 5, data: [created.body] });
      expect((await send('GET', `/api/r/households?filter=${encodeURIComponent(JSON.stringify([{ field: 'address', operator: 'contains', value: '兰陵苑' }]))}`)).body['total']).toBe(2);

      expect((await send('GET', `/api/r/households/${id}`)).body).toEqual(created.body);
      const updated = await send('PATCH', `/api/r/households/${id}`, { version: 1, memberCount: 2, phone: null });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ version: 2, memberCount: 2 });
      expect(updated.body).not.toHaveProperty('phone');

      const before = await count();
      const stale = await send('PATCH', `/api/r/households/${id}`, { version: 1, memberCount: 3 });
      expect(stale.status).toBe(409);
      const invalid = await send('POST', '/api/r/households', { ...household, householderIdNumber: '320404195603120210' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors?.['householderIdNumber']).toEqual(['身份证号码格式不正确或校验位错误']);
      const unknownOperator = await send('GET', '/api/r/households?memberCount[around]=3');
      expect(unknownOperator.status).toBe(400);
      expect(Object.keys(unknownOperator.body.errors ?? {})).toEqual(['memberCount[around]']);
      expect((await send('GET', '/api/r/households?mustvisit=true')).status).toBe(400);
      expect((await send('GET', '/api/r/households?memberCount=two')).status).toBe(400);
      expect((await send('DELETE', `/api/r/households/${id}?version=1`)).status).toBe(409);
      expect((await send('GET', '/api/r/families')).status).toBe(404);
      expect(await count()).toBe(before);

      expect((await send('DELETE', `/api/r/households/${id}?version=2`)).status).toBe(204);
      expect((await send('GET', `/api/r/households/${id}`)).status).toBe(404);
    });
  });
}
