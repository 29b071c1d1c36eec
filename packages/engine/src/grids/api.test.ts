import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { createApp } from '../api/app.ts';
import type { AppEnv } from '../api/env.ts';
import type { Engine } from '../engine.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { addHouseholds, addStaff } from '../testing/grids.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const CITY = '320400';
const COMMUNITY = '320404001012';
const GRID_1 = '320404001012001';
const GRID_2 = '320404001012002';
const GRID_3 = '320404001012003';

// any: the JSON answers are read by path in assertions, and their shapes are checked there.
type Body = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`grid compliance and maintenance over HTTP (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let app: Hono<AppEnv>;
    let admin: TestClient;
    let worker: TestClient;
    let community: TestClient;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, CHANGZHOU, { now: () => new Date('2026-11-20T02:00:00Z') });
      engine = fixture.engine;
      app = createApp(engine, { adminDir: null });
      admin = asClient(app, await signIn(engine, { roles: [{ role: 'admin', orgCode: CITY }] }));
      worker = asClient(app, await signIn(engine, { roles: [{ role: 'grid-worker', orgCode: GRID_1 }] }));
      community = asClient(app, await signIn(engine, { roles: [{ role: 'community-worker', orgCode: COMMUNITY }] }));
      await addHouseholds(engine, GRID_1, 4, { mustVisit: true });
      await addHouseholds(engine, GRID_2, 2);
      await addStaff(engine, GRID_1, 'social_worker');
    });
    afterAll(async () => {
      await fixture.drop();
    });

    const get = async (client: TestClient, path: string): Promise<{ status: number; body: Body }> => {
      const response = await client.request(path);
      return { status: response.status, body: (await response.json()) as Body };
    };
    const send = async (client: TestClient, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
      const response = await client.request(path, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: (await response.json()) as Body };
    };

    it('answers the compliance of a community per grid and worker, with figures and messages in the request locale', async () => {
      const { status, body } = await get(admin, `/api/grids/compliance?org=${COMMUNITY}&period=2026`);
      expect(status).toBe(200);
      expect(body['org']).toEqual({ code: COMMUNITY, name: '三堡街社区', level: 'community' });
      expect(body['period']).toEqual({ from: '2026-01-01', to: '2026-12-31', label: '2026', asOf: '2026-11-20' });
      const grid1 = (body['grids'] as Body[]).find((g) => g['code'] === GRID_1);
      expect(grid1).toMatchObject({ households: 4, staff: { social_worker: 1 } });
      expect((grid1?.['violations'] as Body[]).map((v) => v['rule'])).toEqual(expect.arrayContaining(['grid-workers', 'eight-must-visits']));
      expect(body['counts']).toMatchObject({ households: 6 });
      expect((body['workers'] as Body[]).map((w) => w['violations'][0]['message']['zh-CN'])).toEqual([`王小明（网格 ${GRID_1}）: 0 / 267 次走访`]);
    });

    it('masks worker names for readers without personal-data rights, and keeps a grid worker to their grid', async () => {
      const masked = await get(community, `/api/grids/compliance?org=${COMMUNITY}`);
      expect(masked.status).toBe(200);
      expect((masked.body['workers'] as Body[])[0]?.['name']).toBe('王**');
      expect((await get(worker, `/api/grids/compliance?org=${GRID_1}`)).status).toBe(200);
      const other = await get(worker, `/api/grids/compliance?org=${GRID_2}`);
      expect(other.status).toBe(403);
      expect((await get(worker, '/api/grids/compliance')).body['org']).toMatchObject({ code: GRID_1 });
    });

    it('refuses a bad period or limit with the parameter named', async () => {
      const bad = await get(admin, `/api/grids/compliance?org=${COMMUNITY}&period=2026-13`);
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body['errors'] as Body)).toEqual(['period']);
      expect((await get(admin, `/api/grids/compliance?org=${COMMUNITY}&limit=0`)).status).toBe(400);
      expect((await get(admin, '/api/grids/compliance?org=nowhere')).status).toBe(404);
    });

    it('sums a unit and each unit under it for the dashboard', async () => {
      const { status, body } = await get(admin, `/api/grids/summary?org=${COMMUNITY}&period=2026`);
      expect(status).toBe(200);
      expect(body['total']).toMatchObject({ code: COMMUNITY, households: 6, understaffed: expect.any(Number), workers: 1, workersMeetingQuota: 0, mustVisitOverdue: 4 });
      const children = body['children'] as Body[];
      expect(children.map((c) => c['code'])).toContain(GRID_1);
      expect(children.find((c) => c['code'] === GRID_1)).toMatchObject({ grids: 1, coveredGrids: 1, households: 4 });
    });

    it('moves households, splits and merges grids, assigns and removes staff — audited, counters kept', async () => {
      const ids = (await engine.db.kysely.selectFrom('households').select('id').where('org_path', 'like', `%/${GRID_2}/`).execute()).map((r) => String(r.id));
      const moved = await send(admin, 'POST', '/api/grids/move-households', { households: ids.slice(0, 1), to: GRID_3 });
      expect(moved.status).toBe(200);
      expect(moved.body['grids']).toEqual([GRID_2, GRID_3]);

      const empty = await send(admin, 'POST', `/api/grids/${GRID_1}/split`, { code: `${GRID_1}9`, name: '第一网格（拆分）', households: [] });
      expect(empty.status).toBe(400);
      expect(Object.keys(empty.body['errors'] as Body)).toEqual(['households']);
      const inGrid1 = (await engine.db.kysely.selectFrom('households').select('id').where('org_path', 'like', `%/${GRID_1}/`).execute()).map((r) => String(r.id));
      const created = await send(admin, 'POST', `/api/grids/${GRID_1}/split`, { code: `${GRID_1}9`, name: '第一网格（拆分）', households: inGrid1.slice(0, 2) });
      expect(created.status).toBe(201);
      expect(engine.org.byCode(`${GRID_1}9`)).toMatchObject({ level: 'grid', kind: 'residential', parentCode: COMMUNITY });

      const merged = await send(admin, 'POST', `/api/grids/${GRID_1}/merge`, { from: `${GRID_1}9` });
      expect(merged.status).toBe(200);
      expect(engine.org.byCode(`${GRID_1}9`)).toBeUndefined();

      const staffId = await addStaff(engine, GRID_3, 'full_time');
      const assigned = await send(admin, 'POST', `/api/grids/${GRID_2}/staff`, { staff: staffId });
      expect(assigned.status).toBe(200);
      const removed = await send(admin, 'DELETE', `/api/grids/${GRID_2}/staff/${staffId}`);
      expect(removed.status).toBe(200);
      const staff = await engine.db.kysely.selectFrom('grid_staff').select(['org_path', 'status']).where('id', '=', staffId).executeTakeFirst();
      expect(staff).toMatchObject({ status: 'left' });
      expect(String(staff?.org_path)).toMatch(new RegExp(`/${GRID_2}/$`));

      const actions = (await engine.audit.list({ actor: DEV_ACTOR }, { resource: 'grids' })).data.map((e) => e.action);
      expect(actions.sort()).toEqual(['grid-merge', 'grid-move', 'grid-split', 'grid-staff-assign', 'grid-staff-remove']);
      expect(await engine.grids.verifyCounters()).toEqual({ households: 0, householdCounts: 0, visitCounts: 0 });
      const report = await get(admin, `/api/grids/compliance?org=${COMMUNITY}`);
      expect((report.body['grids'] as Body[]).find((g) => g['code'] === GRID_1)?.['households']).toBe(4);
    });

    it('lets only holders of an update grant on grids change them', async () => {
      const ids = (await engine.db.kysely.selectFrom('households').select('id').limit(1).execute()).map((r) => String(r.id));
      expect((await send(community, 'POST', '/api/grids/move-households', { households: ids, to: GRID_3 })).status).toBe(403);
    });

    it('documents the grid routes in the OpenAPI document', async () => {
      const { body } = await get(admin, '/api/openapi.json');
      expect(Object.keys(body['paths'] as Body).filter((p) => p.startsWith('/api/grids'))).toEqual([
        '/api/grids/compliance',
        '/api/grids/summary',
        '/api/grids/move-households',
        '/api/grids/{code}/split',
        '/api/grids/{code}/merge',
        '/api/grids/{code}/staff',
        '/api/grids/{code}/staff/{id}',
      ]);
      expect(body['components']['schemas']['GridViolation']).toBeDefined();
      expect(body['components']['responses']['RuleViolated']).toBeDefined();
    });
  });
}
