import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import type { AppEnv } from '../api/env.ts';
import type { Engine } from '../engine.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';

const example = (name: string) => fileURLToPath(new URL(`../../../../examples/${name}`, import.meta.url));
const base = fileURLToPath(new URL('../../../base', import.meta.url));

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; message?: string; data?: Record<string, unknown>[] };

/** Monday 2026-11-23 10:00 China time. */
const MONDAY = new Date('2026-11-23T02:00:00Z');
const days = (d: number) => new Date(MONDAY.getTime() + d * 86_400_000);

/** An engine over a package with an HTTP client per user, and the test clock. */
async function harness(dialect: (typeof DIALECTS)[number], dir: string, users: Record<string, [role: string, orgCode: string]>) {
  const clock = { now: MONDAY };
  const fixture: FixtureEngine = await openFixtureEngine(dialect, dir, { now: () => clock.now });
  const engine: Engine = fixture.engine;
  const app: Hono<AppEnv> = createApp(engine, { adminDir: null });
  const clients: Record<string, TestClient> = {};
  for (const [name, [role, orgCode]] of Object.entries(users)) {
    clients[name] = asClient(app, await signIn(engine, { roles: [{ role, orgCode }], username: `${name}-${dialect}` }));
  }
  const call = async (who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
    const client = clients[who];
    if (!client) throw new Error(`no client ${who}`);
    const response = await client.request(path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.status, body: (await response.json()) as Body };
  };
  /** Takes an action and expects it to succeed; returns the case. */
  const act = async (who: string, id: string, body: Record<string, unknown>): Promise<Body> => {
    const result = await call(who, 'POST', `/api/cases/${id}/transitions`, body);
    expect(result.status, `${who} ${String(body['action'])}: ${JSON.stringify(result.body)}`).toBe(200);
    return result.body;
  };
  const open = async (who: string, workflow: string, resource: string, fields: Record<string, unknown>): Promise<string> => {
    const record = await call(who, 'POST', `/api/r/${resource}`, fields);
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    const opened = await call(who, 'POST', `/api/workflows/${workflow}/cases`, { record: record.body['id'] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    return opened.body['id'] as string;
  };
  const actions = async (who: string, id: string) => (await call(who, 'GET', `/api/cases/${id}/actions`)).body.data?.map((a) => a['id']);
  return { clock, engine, fixture, call, act, open, actions };
}

for (const dialect of DIALECTS) {
  describe(`the base package's GB/T 30428 loop (${dialect})`, () => {
    let h: Awaited<ReturnType<typeof harness>>;
    beforeAll(async () => {
      h = await harness(dialect, base, {});
    });
    afterAll(async () => {
      await h.fixture.drop();
    });

    it('has the seven stages 信息采集 → 立案 → 派遣 → 处置 → 反馈 → 核查结案 → 综合评价', () => {
      const loop = h.engine.model.workflows['event-loop'];
      expect(loop?.states.slice(0, 7).map((s) => s.title)).toEqual([
        { 'zh-CN': '信息采集', en: 'Collected' },
        { 'zh-CN': '立案', en: 'Registered' },
        { 'zh-CN': '派遣', en: 'Dispatched' },
        { 'zh-CN': '处置', en: 'Handled' },
        { 'zh-CN': '反馈', en: 'Reported back' },
        { 'zh-CN': '核查结案', en: 'Verified and closed' },
        { 'zh-CN': '综合评价', en: 'Evaluated' },
      ]);
    });
  });

  describe(`Ningxia proxy service: grid worker → station → township centre, or online (${dialect})`, () => {
    const VILLAGE = '640121104205';
    const TOWN = '640121104';
    const GROUP = '640121104205001';
    let h: Awaited<ReturnType<typeof harness>>;
    beforeAll(async () => {
      h = await harness(dialect, example('ningxia'), {
        grid: ['grid-worker', GROUP],
        station: ['station-head', VILLAGE],
        centre: ['service-centre-staff', TOWN],
      });
    });
    afterAll(async () => {
      await h.fixture.drop();
    });
    const errand = { orgCode: GROUP, matter: '城乡居民养老保险待遇领取资格认证', applicantName: '马大爷', channel: 'grid-worker' };

    it('passes up to the township what the station cannot solve, and the centre completes it', async () => {
      h.clock.now = MONDAY;
      const id = await h.open('grid', 'proxy-service', 'proxy_requests', errand);
      expect(await h.actions('station', id)).toEqual(['accept-at-station']);
      expect(await h.actions('centre', id)).toEqual(['accept-online']);
      await h.act('station', id, { action: 'accept-at-station', version: 1 });
      const why = await h.call('station', 'POST', `/api/cases/${id}/transitions`, { action: 'refer-to-township', version: 2 });
      expect(why.status).toBe(400);
      await h.act('station', id, { action: 'refer-to-township', version: 2, comment: '需乡镇民生服务中心核验社保信息，服务站无法办理' });
      expect((await h.call('station', 'POST', `/api/cases/${id}/transitions`, { action: 'complete', version: 3, data: { result: '已办结' } })).status).toBe(403);
      await h.act('centre', id, { action: 'complete', version: 3, data: { result: '资格认证已完成' } });
      const done = await h.act('grid', id, { action: 'follow-up', version: 4, data: { satisfaction: 4 } });
      expect(done).toMatchObject({ state: 'evaluated', satisfaction: 4 });
    });

    it('takes an online application straight to the centre', async () => {
      const id = await h.open('grid', 'proxy-service', 'proxy_requests', { ...errand, channel: 'online', applicantName: '李大姐' });
      expect(await h.act('centre', id, { action: 'accept-online', version: 1 })).toMatchObject({ state: 'at-centre' });
      expect(await h.actions('station', id)).toEqual([]);
    });

    it('moves a case the station sits on up to the township, where the centre takes it over', async () => {
      h.clock.now = MONDAY;
      const id = await h.open('grid', 'proxy-service', 'proxy_requests', { ...errand, applicantName: '王奶奶' });
      await h.act('station', id, { action: 'accept-at-station', version: 1 });
      // Three working days at the station pass twice: up to the village, then to the town.
      await h.engine.workflows.escalateOverdue(days(3.1));
      await h.engine.workflows.escalateOverdue(days(8.2));
      const moved = (await h.call('centre', 'GET', `/api/cases/${id}`)).body;
      expect(moved).toMatchObject({ state: 'at-station', orgCode: TOWN, escalations: 2 });
      expect(await h.actions('station', id)).toEqual([]);
      expect(await h.actions('centre', id)).toEqual(['take-over']);
    });

    it('closes a case not followed up in ten days by its expiry action', async () => {
      h.clock.now = MONDAY;
      const id = await h.open('grid', 'proxy-service', 'proxy_requests', { ...errand, applicantName: '赵叔' });
      await h.act('station', id, { action: 'accept-at-station', version: 1 });
      await h.act('station', id, { action: 'resolve-at-station', version: 2, data: { result: '当场办结' } });
      const report = await h.engine.workflows.escalateOverdue(days(11));
      expect(report.moved).toEqual([id]);
      const history = (await h.call('station', 'GET', `/api/cases/${id}/history`)).body.data ?? [];
      expect(history.at(-1)).toMatchObject({ kind: 'transition', action: 'close', toState: 'closed', actorId: 'system' });
      expect(history.at(-1)?.['reason']).toContain('系统自动执行“结案”');
    });
  });

  describe(`Gaoxian needs claimed and met: 社区协调 + 社会认领 (${dialect})`, () => {
    const COMMUNITY = '511525101001';
    const GRID = '511525101001001001';
    let h: Awaited<ReturnType<typeof harness>>;
    beforeAll(async () => {
      h = await harness(dialect, example('gaoxian'), { grid: ['grid-worker', GRID], community: ['community-worker', COMMUNITY], county: ['district-officer', '511525'] });
    });
    afterAll(async () => {
      await h.fixture.drop();
    });

    it('posts a need the community cannot meet, records its claim by a business, and closes it with the residents\' score', async () => {
      h.clock.now = MONDAY;
      const id = await h.open('grid', 'need-claiming', 'resident_needs', { orgCode: GRID, title: '老旧小区楼道照明', residents: 40 });
      expect(await h.actions('grid', id)).toEqual([]);
      expect(await h.actions('community', id)).toEqual(['post', 'take-on']);
      await h.act('community', id, { action: 'post', version: 1 });
      const badKind = await h.call('community', 'POST', `/api/cases/${id}/transitions`, { action: 'claim', version: 2, data: { claimant: '某超市', claimantKind: 'shop' } });
      expect(badKind.status).toBe(400);
      expect(Object.keys(badKind.body.errors ?? {})).toEqual(['data.claimantKind']);
      await h.act('community', id, { action: 'claim', version: 2, data: { claimant: '高县某照明器材店', claimantKind: 'merchant' } });
      h.clock.now = days(5);
      await h.act('grid', id, { action: 'complete', version: 3, data: { result: '更换楼道灯 24 盏' } });
      expect(await h.act('grid', id, { action: 'evaluate', version: 4, data: { satisfaction: 5 } })).toMatchObject({ state: 'evaluated', satisfaction: 5 });
    });

    it('lets the community meet a need itself, the same completion leaving either path', async () => {
      h.clock.now = MONDAY;
      const id = await h.open('grid', 'need-claiming', 'resident_needs', { orgCode: GRID, title: '独居老人助餐' });
      await h.act('community', id, { action: 'take-on', version: 1, assignee: `grid-${dialect}` });
      expect((await h.call('grid', 'GET', '/api/cases?assignee=me&state=in-hand')).body.data?.map((c) => c['id'])).toEqual([id]);
      h.clock.now = days(1);
      await h.act('grid', id, { action: 'complete', version: 2, data: { result: '联系社区食堂送餐' } });
      await h.act('community', id, { action: 'close', version: 3 });
    });

    it('records a notice, once, when a posted need waits too long for a claimant; the figures count it as late', async () => {
      h.clock.now = MONDAY;
      const id = await h.open('grid', 'need-claiming', 'resident_needs', { orgCode: GRID, title: '小区停车棚维修' });
      await h.act('community', id, { action: 'post', version: 1 });
      expect((await h.engine.workflows.escalateOverdue(days(15))).notified).toEqual([id]);
      expect((await h.engine.workflows.escalateOverdue(days(16))).notified).toEqual([]);
      h.clock.now = days(16);
      const stays = (await h.call('community', 'GET', `/api/cases/${id}`)).body;
      expect(stays).toMatchObject({ state: 'open', version: 2, orgCode: GRID, everOverdue: true });
      const history = (await h.call('community', 'GET', `/api/cases/${id}/history`)).body.data ?? [];
      expect(history.at(-1)).toMatchObject({ kind: 'notify', toState: 'open' });
      await h.act('community', id, { action: 'claim', version: 2, data: { claimant: '县住建局', claimantKind: 'department' } });
      await h.act('community', id, { action: 'complete', version: 3, data: { result: '已修复' } });
      await h.act('community', id, { action: 'close', version: 4 });

      const figures = (await h.call('county', 'GET', `/api/workflows/need-claiming/metrics?org=${COMMUNITY}`)).body.data ?? [];
      expect(figures[0]).toMatchObject({ orgCode: COMMUNITY, opened: 3, closed: 3, onTimeRate: 0.6667, satisfaction: 5, evaluated: 1 });
      expect(figures[0]?.['byState']).toMatchObject({ evaluated: 1, closed: 2, open: 0 });
    });
  });
}
