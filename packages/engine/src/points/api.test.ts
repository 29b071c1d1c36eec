import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import type { AppEnv } from '../api/env.ts';
import type { Engine } from '../engine.ts';
import { uuidv7 } from '../ids/uuid.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';

/** examples/changzhou: the 人人社区 scheme of 五星街道 (its numbers are illustrative). */
const PACKAGE = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const STREET = '320402003';
const COMMUNITY = '320402003011';
const OTHER_COMMUNITY = '320402003012';
const GRID = '320402003011001';
const BASE = '/api/points/renren';
/** Monday 2026-11-23 10:00 China time. */
const MONDAY = new Date('2026-11-23T02:00:00Z');

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string; message?: string; data?: Record<string, unknown>[] };

for (const dialect of DIALECTS) {
  describe(`points over HTTP: the Changzhou 人人社区 scheme (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let app: Hono<AppEnv>;
    const now = MONDAY;
    const clients = {} as Record<'grid' | 'community' | 'street' | 'other', TestClient>;
    const building = uuidv7();

    const call = async (client: TestClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Body }> => {
      const response = await client.request(path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Body };
    };
    const household = async (name: string): Promise<string> => {
      const created = await call(clients.grid, 'POST', '/api/r/households', { orgCode: GRID, address: `兰陵苑12幢${name}室`, householderName: name, memberCount: 3, householdType: 'registered', buildingId: building });
      expect(created.status).toBe(201);
      return created.body['id'] as string;
    };
    const balance = async (holder: string) => (await call(clients.community, 'GET', `${BASE}/accounts/${holder}`)).body;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE, { now: () => now });
      engine = fixture.engine;
      app = createApp(engine, { adminDir: null });
      const as = async (role: string, orgCode: string, username: string) => asClient(app, await signIn(engine, { roles: [{ role, orgCode }], username: `${username}-${dialect}` }));
      clients.grid = await as('grid-worker', GRID, 'pt-grid');
      clients.community = await as('community-worker', COMMUNITY, 'pt-community');
      clients.street = await as('street-admin', STREET, 'pt-street');
      clients.other = await as('community-worker', OTHER_COMMUNITY, 'pt-other');
    }, 60_000);
    afterAll(async () => {
      await fixture?.drop();
    });

    it('awards, deducts, claims and reviews, redeems once per key, reverses and publishes building totals, each within the actor\'s roles and jurisdiction', async () => {
      const wang = await household('王家');
      const li = await household('李家');

      // 正面清单: the grid worker posts 垃圾分类 (its roles), not 参加居民议事会 (community only), and nothing in another community.
      const sorted = await call(clients.grid, 'POST', `${BASE}/awards`, { holder: wang, rule: 'WM-01' });
      expect(sorted.status).toBe(201);
      expect(sorted.body).toMatchObject({ kind: 'award', rule: 'WM-01', amount: 1, holder: wang, lines: [{ system: 'issued', amount: -1 }, { holder: wang, amount: 1 }] });
      expect((await call(clients.grid, 'POST', `${BASE}/awards`, { holder: wang, rule: 'LZ-01' })).status).toBe(403);
      expect((await call(clients.other, 'POST', `${BASE}/awards`, { holder: wang, rule: 'LZ-01' })).status).toBe(403);
      expect((await call(clients.street, 'POST', `${BASE}/awards`, { holder: wang, rule: 'WM-01' })).status).toBe(403);

      const bad = await call(clients.community, 'POST', `${BASE}/awards`, { holder: wang, rule: 'NOPE', quantity: 0, extra: 1 }, { 'accept-language': 'en' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual(['extra', 'quantity', 'rule']);
      expect(bad.body.errors?.['rule']?.[0]).toBe('the scheme has no rule NOPE');
      expect((await call(clients.community, 'POST', `${BASE}/awards`, '{not json')).status).toBe(400);
      expect((await call(clients.community, 'POST', `${BASE}/awards`, { holder: uuidv7(), rule: 'LZ-01' })).body.errors?.['holder']?.[0]).toContain('没有编号为');

      // 志愿服务 is claimed by the grid worker and reviewed by the community.
      const claim = await call(clients.grid, 'POST', `${BASE}/claims`, { holder: wang, rule: 'ZY-01', quantity: 3, memo: '助老志愿服务 3 小时' });
      expect(claim.status).toBe(201);
      expect(claim.body).toMatchObject({ status: 'pending', version: 1, quantity: 3 });
      const claimId = claim.body['id'] as string;
      expect((await call(clients.grid, 'POST', `${BASE}/claims/${claimId}/decision`, { approve: true, version: 1 })).status).toBe(403);
      expect((await call(clients.other, 'POST', `${BASE}/claims/${claimId}/decision`, { approve: true, version: 1 })).status).toBe(404);
      const queue = await call(clients.community, 'GET', `${BASE}/claims?status=pending`);
      expect(queue.body.data?.map((c) => c['id'])).toEqual([claimId]);
      const approved = await call(clients.community, 'POST', `${BASE}/claims/${claimId}/decision`, { approve: true, version: 1, comment: '属实' });
      expect(approved.body).toMatchObject({ status: 'approved', version: 2, decidedBy: { name: `pt-community-${dialect}` } });
      expect((await call(clients.community, 'POST', `${BASE}/claims/${claimId}/decision`, { approve: false, version: 1 })).status).toBe(409);
      expect(await balance(wang)).toMatchObject({ balance: 7, building });

      // 人人兑换铺: not enough points is a 422; a retried redemption with its key posts once; the key with another body is a 409.
      const short = await call(clients.community, 'POST', `${BASE}/redemptions`, { holder: wang, item: 'DH-04', quantity: 1 });
      expect([short.status, short.body.code]).toEqual([422, 'RULE_VIOLATED']);
      await call(clients.community, 'POST', `${BASE}/awards`, { holder: wang, rule: 'ST-02' });
      await call(clients.community, 'POST', `${BASE}/awards`, { holder: wang, rule: 'LZ-01' });
      const key = { 'idempotency-key': `redeem-${uuidv7()}` };
      const first = await call(clients.community, 'POST', `${BASE}/redemptions`, { holder: wang, item: 'DH-04' }, key);
      const retry = await call(clients.community, 'POST', `${BASE}/redemptions`, { holder: wang, item: 'DH-04' }, key);
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.body['id']).toBe(first.body['id']);
      expect((await call(clients.community, 'POST', `${BASE}/redemptions`, { holder: wang, item: 'DH-05' }, key)).status).toBe(409);
      expect(await balance(wang)).toMatchObject({ balance: 7 });
      const items = await call(clients.community, 'GET', `${BASE}/items`);
      expect(items.body.data?.find((i) => i['code'] === 'DH-04')).toMatchObject({ cost: 10, inStock: 199 });
      expect((await call(clients.grid, 'POST', `${BASE}/redemptions`, { holder: wang, item: 'DH-05' })).status).toBe(403);

      // 负面清单, then a reversal by the community (never an edit), once.
      const fine = await call(clients.grid, 'POST', `${BASE}/awards`, { holder: wang, rule: 'FM-03' });
      expect(fine.body).toMatchObject({ kind: 'deduct', amount: 5, lines: [{ holder: wang, amount: -5 }, { system: 'deducted', amount: 5 }] });
      expect(await balance(wang)).toMatchObject({ balance: 2 });
      expect((await call(clients.grid, 'POST', `${BASE}/postings/${fine.body['id']}/reversal`, { reason: '误记' })).status).toBe(403);
      const reversal = await call(clients.community, 'POST', `${BASE}/postings/${fine.body['id']}/reversal`, { reason: '误记，狗已拴绳' });
      expect(reversal.body).toMatchObject({ kind: 'reverse', reverses: fine.body['id'], amount: 5 });
      expect((await call(clients.community, 'POST', `${BASE}/postings/${fine.body['id']}/reversal`, { reason: '再来' })).status).toBe(409);
      expect(await balance(wang)).toMatchObject({ balance: 7 });

      // 时间银行: hours of service earn coins; coins are donated and spent, never overdrawn.
      expect((await call(clients.community, 'POST', `${BASE}/time-bank/earn`, { holder: wang, service: 'SJ-02', hours: 3 })).status).toBe(201);
      expect((await call(clients.community, 'POST', `${BASE}/time-bank/donate`, { holder: wang, to: li, hours: 2 })).status).toBe(201);
      expect((await call(clients.community, 'POST', `${BASE}/time-bank/spend`, { holder: wang, hours: 2 })).status).toBe(422);
      expect((await balance(wang))['timeBalance']).toBe(1);
      expect((await balance(li))['timeBalance']).toBe(2);

      // The shop's orders and the time bank's exchanges, scheme-wide within the reader's jurisdiction.
      const orders = await call(clients.community, 'GET', `${BASE}/postings?kind=redeem`);
      expect(orders.body.data?.map((p) => [p['kind'], p['item'], p['holder']])).toEqual([['redeem', 'DH-04', wang]]);
      const exchanges = await call(clients.street, 'GET', `${BASE}/postings?kind=time-earn,time-donate&org=${COMMUNITY}`);
      expect(exchanges.body.data?.map((p) => p['kind'])).toEqual(['time-donate', 'time-earn']);
      expect((await call(clients.other, 'GET', `${BASE}/postings?kind=redeem`)).body['total']).toBe(0);
      const unkinded = await call(clients.community, 'GET', `${BASE}/postings`);
      expect(unkinded.status).toBe(400);
      expect(unkinded.body.errors?.['kind']?.[0]).toContain('redeem');
      expect((await call(clients.community, 'GET', `${BASE}/postings?kind=redeem,bogus`)).status).toBe(400);
      const history = await call(clients.grid, 'GET', `${BASE}/accounts/${wang}/postings?pageSize=50`);
      expect(history.body['total']).toBe(9);
      expect(history.body.data?.map((p) => p['kind'])).toContain('time-donate');
      expect((await call(clients.other, 'GET', `${BASE}/accounts/${wang}`)).status).toBe(404);
      const accounts = await call(clients.street, 'GET', `${BASE}/accounts?org=${COMMUNITY}`);
      expect(accounts.body.data?.map((a) => a['holder'])).toContain(wang);
      expect((await call(clients.other, 'GET', `${BASE}/accounts`)).body.data?.map((a) => a['holder'])).not.toContain(wang);

      // 楼栋积分公布: this month's totals of the building, for the street too.
      const buildings = await call(clients.street, 'GET', `${BASE}/buildings?period=2026-11`);
      expect(buildings.body).toMatchObject({ period: '2026-11', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
      // The fine was reversed: it nets out of the month's deductions.
      expect(buildings.body.data?.find((b) => b['building'] === building)).toEqual({ building, accounts: 1, earned: 17, deducted: 0, balance: 7 });
      expect((await call(clients.street, 'GET', `${BASE}/buildings?period=2026-13`)).status).toBe(400);
      expect(await engine.points.verify()).toEqual([]);
    });

    it('awards the reporter\'s household once when the event it raised is closed', async () => {
      const zhao = await household('赵家');
      const created = await call(clients.grid, 'POST', '/api/r/events', { orgCode: GRID, title: '路灯不亮', category: 'livelihood', reporterHouseholdId: zhao });
      expect(created.status).toBe(201);
      const opened = await call(clients.grid, 'POST', '/api/workflows/event-loop/cases', { record: created.body['id'] });
      const id = opened.body['id'] as string;
      const act = (client: TestClient, body: Record<string, unknown>) => call(client, 'POST', `/api/cases/${id}/transitions`, body);
      expect((await act(clients.community, { action: 'assign', version: 1, assignee: `pt-grid-${dialect}` })).status).toBe(200);
      expect((await act(clients.grid, { action: 'sign', version: 2 })).status).toBe(200);
      expect((await act(clients.grid, { action: 'submit', version: 3, data: { result: '已修复' }, attachments: [{ name: 'a.jpg', url: '/files/a.jpg' }] })).status).toBe(200);
      expect((await act(clients.community, { action: 'approve', version: 4 })).status).toBe(200);
      expect((await act(clients.grid, { action: 'report-back', version: 5, comment: '已告知' })).status).toBe(200);
      expect(await balance(zhao)).toMatchObject({ balance: 0 });
      expect((await act(clients.grid, { action: 'evaluate', version: 6, data: { satisfaction: 5 } })).status).toBe(200);
      const after = await call(clients.community, 'GET', `${BASE}/accounts/${zhao}/postings`);
      expect(after.body.data).toEqual([expect.objectContaining({ kind: 'award', rule: 'LZ-03', amount: 3, case: id, actor: { id: expect.any(String), name: `pt-grid-${dialect}` } })]);
    });

    it('tells the admin about the scheme and what the actor may do with it in /api/meta', async () => {
      const meta = await call(clients.grid, 'GET', '/api/meta');
      const points = meta.body['points'] as Record<string, unknown>[];
      expect(points.map((p) => [p['id'], p['title'], p['unit']])).toEqual([['renren', '人人社区积分兑换', '积分']]);
      expect((points[0]?.['categories'] as { title: string }[]).map((c) => c.title)).toEqual(['文明守约', '履职自治', '社团活动', '志愿服务']);
      expect(meta.body['pointsPermissions']).toEqual({
        renren: { read: true, post: ['WM-01', 'WM-02', 'FM-02', 'FM-03'], claim: ['ST-01', 'ZY-01', 'ZY-02'], review: [], redeem: false, timeBank: false, reverse: false },
      });
      const community = await call(clients.community, 'GET', '/api/meta?locale=en');
      expect((community.body['pointsPermissions'] as Record<string, Record<string, unknown>>)['renren']).toMatchObject({ review: ['ST-01', 'ZY-01', 'ZY-02'], redeem: true, timeBank: true, reverse: true });
      expect(((community.body['points'] as Record<string, unknown>[])[0]?.['redemption'] as { title: string }).title).toBe('Renren exchange shop');
      const openapi = await call(clients.grid, 'GET', '/api/openapi.json');
      expect(Object.keys(openapi.body['paths'] as object).filter((p) => p.startsWith('/api/points/'))).toHaveLength(17);
    });
  });
}
