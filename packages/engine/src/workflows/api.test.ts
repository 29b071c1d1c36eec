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

/** examples/changzhou: 信息收集 → 任务分配 → 签收处理 → 审核督查 → 结果反馈 → 综合评价 across 市—区—街道—社区. */
const PACKAGE = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const CITY = '320400';
const DISTRICT = '320402';
const STREET = '320402003';
const COMMUNITY = '320402003011';
const OTHER_COMMUNITY = '320402003012';
const GRID = '320402003011001';

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string; message?: string; data?: Record<string, unknown>[] };

/** Monday 2026-11-23 10:00 China time. */
const MONDAY = new Date('2026-11-23T02:00:00Z');
const hours = (h: number) => new Date(MONDAY.getTime() + h * 3_600_000);

for (const dialect of DIALECTS) {
  describe(`case workflows over HTTP: the Changzhou event loop (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let app: Hono<AppEnv>;
    let now = MONDAY;
    const clients = {} as Record<'grid' | 'community' | 'street' | 'district' | 'other' | 'city', TestClient>;

    const call = async (client: TestClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Body }> => {
      const response = await client.request(path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Body };
    };
    const report = async (title: string): Promise<string> => {
      const created = await call(clients.grid, 'POST', '/api/r/events', { orgCode: GRID, title, category: 'safety', location: '同济桥 3 栋' });
      expect(created.status).toBe(201);
      const opened = await call(clients.grid, 'POST', '/api/workflows/event-loop/cases', { record: created.body['id'], comment: '巡查发现' });
      expect(opened.status).toBe(201);
      return opened.body['id'] as string;
    };
    const act = (client: TestClient, id: string, body: Record<string, unknown>) => call(client, 'POST', `/api/cases/${id}/transitions`, body);

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE, { now: () => now });
      engine = fixture.engine;
      app = createApp(engine, { adminDir: null });
      const as = async (role: string, orgCode: string, username: string) => asClient(app, await signIn(engine, { roles: [{ role, orgCode }], username: `${username}-${dialect}` }));
      clients.grid = await as('grid-worker', GRID, 'cz-grid');
      clients.community = await as('community-worker', COMMUNITY, 'cz-community');
      clients.street = await as('street-admin', STREET, 'cz-street');
      clients.district = await as('district-officer', DISTRICT, 'cz-district');
      clients.other = await as('community-worker', OTHER_COMMUNITY, 'cz-other');
      clients.city = await as('admin', CITY, 'cz-city');
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('runs a reported event through the six stages to a satisfaction score, each step checked and in the history', async () => {
      now = MONDAY;
      const id = await report('楼道堆放杂物');
      const opened = await call(clients.grid, 'GET', `/api/cases/${id}`);
      expect(opened.body).toMatchObject({ workflow: 'event-loop', state: 'collecting', orgCode: GRID, version: 1, dueAt: '2026-11-24T02:00:00.000Z', overdue: false });

      expect((await call(clients.grid, 'GET', `/api/cases/${id}/actions`)).body.data).toEqual([]);
      const actions = await call(clients.community, 'GET', `/api/cases/${id}/actions`);
      expect(actions.body.data?.map((a) => [a['id'], a['title'], a['assign']])).toEqual([['assign', '任务分配', true]]);

      const noAssignee = await act(clients.community, id, { action: 'assign', version: 1 });
      expect(noAssignee.status).toBe(400);
      expect(noAssignee.body.errors?.['assignee']?.[0]).toContain('必须指定承办人');
      const english = await call(clients.community, 'POST', `/api/cases/${id}/transitions`, { action: 'assign', version: 1 }, { 'accept-language': 'en' });
      expect(english.body.errors?.['assignee']?.[0]).toBe('"Assign" needs an assignee (a username)');

      const assigned = await act(clients.community, id, { action: 'assign', version: 1, assignee: `cz-grid-${dialect}` });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ state: 'assigned', version: 2, assignee: { username: `cz-grid-${dialect}` } });
      const mine = await call(clients.grid, 'GET', '/api/cases?assignee=me');
      expect(mine.body.data?.map((c) => c['id'])).toEqual([id]);

      now = hours(1);
      expect((await act(clients.grid, id, { action: 'sign', version: 2 })).body).toMatchObject({ state: 'processing', version: 3 });

      const noPhoto = await act(clients.grid, id, { action: 'submit', version: 3, data: { result: '已清理' } });
      expect(noPhoto.status).toBe(400);
      expect(Object.keys(noPhoto.body.errors ?? {})).toEqual(['attachments']);
      const badForm = await act(clients.grid, id, { action: 'submit', version: 3, data: { result: '', extra: 1 }, attachments: [{ name: 'a.jpg', url: '/files/a.jpg' }] });
      expect(badForm.status).toBe(400);
      expect(Object.keys(badForm.body.errors ?? {}).sort()).toEqual(['data.extra', 'data.result']);

      // Two users submit at once: one wins, the other is told the case changed.
      const submit = { action: 'submit', version: 3, data: { result: '已清理楼道' }, attachments: [{ name: '现场.jpg', url: '/files/scene.jpg' }] };
      const race = await Promise.all([act(clients.grid, id, submit), act(clients.community, id, submit)]);
      expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(race.find((r) => r.status === 409)?.body.message).toContain('案卷已被他人处理');

      // 审核督查 is for the levels above the case's unit: the grid worker may not approve its own work.
      const selfReview = await act(clients.grid, id, { action: 'approve', version: 4 });
      expect(selfReview.status).toBe(403);
      expect((await act(clients.community, id, { action: 'approve', version: 4 })).body).toMatchObject({ state: 'feedback', version: 5 });

      const noComment = await act(clients.grid, id, { action: 'report-back', version: 5 });
      expect(noComment.status).toBe(400);
      expect(noComment.body.errors?.['comment']?.[0]).toContain('必须填写意见');
      expect((await act(clients.grid, id, { action: 'report-back', version: 5, comment: '已电话告知反映人' })).status).toBe(200);

      now = hours(26);
      const outOfRange = await act(clients.grid, id, { action: 'evaluate', version: 6, data: { satisfaction: 6 } });
      expect(outOfRange.status).toBe(400);
      expect(Object.keys(outOfRange.body.errors ?? {})).toEqual(['data.satisfaction']);
      const evaluated = await act(clients.grid, id, { action: 'evaluate', version: 6, data: { satisfaction: 5, opinion: '很及时' } });
      expect(evaluated.body).toMatchObject({ state: 'evaluated', version: 7, satisfaction: 5, closedAt: hours(26).toISOString(), dueAt: null, everOverdue: false });

      const afterClose = await act(clients.community, id, { action: 'close-unrated', version: 7 });
      expect(afterClose.status).toBe(409);
      expect(afterClose.body.message).toContain('综合评价');

      const history = await call(clients.community, 'GET', `/api/cases/${id}/history`);
      expect(history.body.data?.map((e) => [e['kind'], e['action'], e['fromState'], e['toState'], e['actorName']])).toEqual([
        ['open', null, null, 'collecting', `cz-grid-${dialect}`],
        ['transition', 'assign', 'collecting', 'assigned', `cz-community-${dialect}`],
        ['transition', 'sign', 'assigned', 'processing', `cz-grid-${dialect}`],
        ['transition', 'submit', 'processing', 'reviewing', expect.stringMatching(/^cz-(grid|community)-/)],
        ['transition', 'approve', 'reviewing', 'feedback', `cz-community-${dialect}`],
        ['transition', 'report-back', 'feedback', 'evaluating', `cz-grid-${dialect}`],
        ['transition', 'evaluate', 'evaluating', 'evaluated', `cz-grid-${dialect}`],
      ]);
      expect(history.body.data?.[1]).toMatchObject({ assignee: `cz-grid-${dialect}`, at: MONDAY.toISOString() });
      expect(history.body.data?.[3]).toMatchObject({ data: { result: '已清理楼道' }, attachments: [{ name: '现场.jpg', url: '/files/scene.jpg' }] });
      expect(history.body.data?.[5]).toMatchObject({ comment: '已电话告知反映人' });

      // Another community cannot see the case at all.
      expect((await call(clients.other, 'GET', `/api/cases/${id}`)).status).toBe(404);
      expect((await call(clients.other, 'GET', '/api/cases')).body.data).toEqual([]);

      const metrics = await call(clients.district, 'GET', `/api/workflows/event-loop/metrics?org=${STREET}&from=2026-11-01&to=2026-12-01`);
      expect(metrics.status).toBe(200);
      const street = metrics.body.data?.find((m) => m['orgCode'] === STREET);
      expect(street).toMatchObject({ opened: 1, closed: 1, onTimeRate: 1, meanHandlingHours: 26, satisfaction: 5, evaluated: 1 });
      expect((street?.['byState'] as Record<string, number>)['evaluated']).toBe(1);
      expect(metrics.body.data?.map((m) => m['orgCode'])).toEqual([STREET, COMMUNITY, OTHER_COMMUNITY, '320402003200']);
      expect(metrics.body.data?.find((m) => m['orgCode'] === OTHER_COMMUNITY)).toMatchObject({ opened: 0, closed: 0, onTimeRate: null, satisfaction: null });
    });

    it('escalates a case not handled in time up the jurisdiction tree, once per lapse, and says why', async () => {
      now = MONDAY;
      const id = await report('井盖缺失');
      expect((await engine.workflows.escalateOverdue(hours(23))).escalated).toEqual([]);
      now = hours(25);
      const overdue = await call(clients.community, 'GET', '/api/cases?overdue=true');
      expect(overdue.body.data?.map((c) => c['id'])).toContain(id);
      expect(overdue.body.data?.find((c) => c['id'] === id)).toMatchObject({ overdue: true });

      const first = await engine.workflows.escalateOverdue(hours(25));
      expect(first.escalated).toEqual([id]);
      expect((await engine.workflows.escalateOverdue(hours(25))).escalated).toEqual([]);
      const atCommunity = await call(clients.community, 'GET', `/api/cases/${id}`);
      expect(atCommunity.body).toMatchObject({ orgCode: COMMUNITY, state: 'collecting', escalations: 1, everOverdue: true, overdue: false, version: 2 });

      // A day later it is still not assigned: it goes up to the street, where the community can no longer act on it.
      now = hours(50);
      expect((await engine.workflows.escalateOverdue(hours(50))).escalated).toEqual([id]);
      expect((await call(clients.community, 'GET', `/api/cases/${id}/actions`)).body.data).toEqual([]);
      expect((await call(clients.street, 'GET', `/api/cases/${id}/actions`)).body.data?.map((a) => a['id'])).toEqual(['assign']);
      expect((await call(clients.street, 'GET', `/api/cases?org=${STREET}&state=collecting`)).body.data?.map((c) => c['id'])).toContain(id);

      const history = await call(clients.street, 'GET', `/api/cases/${id}/history`);
      const escalations = history.body.data?.filter((e) => e['kind'] === 'escalate') ?? [];
      expect(escalations.map((e) => [e['fromOrg'], e['toOrg'], e['actorId']])).toEqual([
        [GRID, COMMUNITY, 'system'],
        [COMMUNITY, STREET, 'system'],
      ]);
      expect(escalations[0]?.['reason']).toBe('在“信息收集”阶段超过办理时限 P1D（工作日）（应于 2026-11-24T02:00:00.000Z 前办理），由第一网格上报至同济桥社区');
      const inEnglish = await call(clients.street, 'GET', `/api/cases/${id}/history?locale=en`);
      expect(inEnglish.body.data?.find((e) => e['kind'] === 'escalate')?.['reason']).toContain('escalated from 第一网格 to 同济桥社区');

      // The street takes it over; the lapse stays on the case's record.
      const assigned = await act(clients.street, id, { action: 'assign', version: 3, assignee: `cz-grid-${dialect}` });
      expect(assigned.body).toMatchObject({ state: 'assigned', orgCode: STREET, everOverdue: true, overdue: false });
    });

    it('lists the cases each user may act on now (待我处理) and names as assignees only users who can take the next stage', async () => {
      now = MONDAY;
      const id = await report('消防通道堵塞');
      const actionable = async (client: TestClient) => (await call(client, 'GET', '/api/cases?actionable=true&pageSize=200')).body.data?.map((c) => c['id']);
      expect(await actionable(clients.community)).toContain(id);
      expect(await actionable(clients.street)).toContain(id);
      expect(await actionable(clients.grid)).not.toContain(id);
      expect((await call(clients.grid, 'GET', '/api/cases?actionable=false&pageSize=200')).body.data?.map((c) => c['id'])).toContain(id);

      const candidates = await call(clients.community, 'GET', `/api/cases/${id}/assignees?action=assign`);
      expect(candidates.status).toBe(200);
      const names = candidates.body.data?.map((u) => u['username']);
      expect(names).toEqual(expect.arrayContaining([`cz-grid-${dialect}`, `cz-community-${dialect}`, `cz-street-${dialect}`]));
      // The other community is not on the case's branch; a district officer may not sign for a case.
      expect(names).not.toContain(`cz-other-${dialect}`);
      expect(names).not.toContain(`cz-district-${dialect}`);
      expect(candidates.body.data?.find((u) => u['username'] === `cz-grid-${dialect}`)?.['roles']).toEqual([{ role: 'grid-worker', orgCode: GRID, orgName: '第一网格' }]);

      const wrongPerson = await act(clients.community, id, { action: 'assign', version: 1, assignee: `cz-other-${dialect}` });
      expect(wrongPerson.status).toBe(400);
      expect(wrongPerson.body.errors?.['assignee']?.[0]).toBe(`cz-other-${dialect} 在本案卷所在单位没有可办理“任务分配”阶段的角色`);
      expect((await act(clients.community, id, { action: 'assign', version: 1, assignee: `cz-grid-${dialect}` })).status).toBe(200);

      expect(await actionable(clients.grid)).toContain(id);
      expect(await actionable(clients.community)).toContain(id);
      expect((await call(clients.grid, 'GET', '/api/cases?closed=false&pageSize=200')).body.data?.map((c) => c['id'])).toContain(id);
      expect((await call(clients.grid, 'GET', '/api/cases?closed=true&pageSize=200')).body.data?.map((c) => c['id'])).not.toContain(id);
    });

    it('reports a new event and opens its case in one transaction: an invalid report writes neither', async () => {
      now = MONDAY;
      const count = async () => Number(((await engine.db.kysely.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown }).n);
      const before = await count();
      const invalid = await call(clients.grid, 'POST', '/api/workflows/event-loop/cases', { record: { orgCode: GRID, category: 'safety' } });
      expect(invalid.status).toBe(400);
      expect(Object.keys(invalid.body.errors ?? {})).toContain('title');
      const elsewhere = await call(clients.grid, 'POST', '/api/workflows/event-loop/cases', { record: { orgCode: '320402003012001', title: '越权上报', category: 'safety' } });
      expect(elsewhere.status).toBe(403);
      expect(await count()).toBe(before);

      const reported = await call(clients.grid, 'POST', '/api/workflows/event-loop/cases', { record: { orgCode: GRID, title: '电动车楼道充电', category: 'safety' }, comment: '夜间巡查发现' });
      expect(reported.status).toBe(201);
      expect(reported.body).toMatchObject({ workflow: 'event-loop', state: 'collecting', orgCode: GRID, resource: 'events' });
      expect(await count()).toBe(before + 1);
      const record = await call(clients.grid, 'GET', `/api/r/events/${String(reported.body['recordId'])}`);
      expect(record.body).toMatchObject({ title: '电动车楼道充电', orgCode: GRID });
      const ofRecord = await call(clients.grid, 'GET', `/api/cases?record=${String(reported.body['recordId'])}`);
      expect(ofRecord.body.data?.map((c) => c['id'])).toEqual([reported.body['id']]);
    });

    it('keeps the history append-only in the database itself', async () => {
      const id = await report('违章搭建');
      await expect(engine.db.kysely.updateTable('zhili_case_events').set({ comment: '改写' }).where('case_id', '=', id).execute()).rejects.toThrow(/append-only/);
      await expect(engine.db.kysely.deleteFrom('zhili_case_events').where('case_id', '=', id).execute()).rejects.toThrow(/append-only/);
      expect((await call(clients.community, 'GET', `/api/cases/${id}/history`)).body.data).toHaveLength(1);
    });

    it('describes the workflows in /api/meta in the request\'s locale, with their forms', async () => {
      const meta = await call(clients.grid, 'GET', '/api/meta?locale=en');
      const workflows = meta.body['workflows'] as { id: string; title: string; states: { id: string; title: string; timeLimit: unknown }[]; transitions: { id: string; title: string; form: { properties: Record<string, { title: string }> } | null }[]; evaluation: unknown }[];
      expect(workflows.map((w) => w.id)).toEqual(['event-loop', 'council-village-representatives', 'council-residents-meeting', 'council-baixing-yishitang']);
      const loop = workflows[0];
      expect(loop?.title).toBe('Changzhou grid event loop');
      expect(loop?.states.map((s) => s.title)).toEqual(['Collection', 'Assigned', 'Signed for and in hand', 'Review and supervision', 'Feedback', 'Awaiting evaluation', 'Evaluated', 'Closed (not evaluated)']);
      expect(loop?.states[1]?.timeLimit).toEqual({ duration: 'PT4H', calendar: 'working' });
      expect(loop?.transitions.find((t) => t.id === 'evaluate')?.form?.properties['satisfaction']?.title).toBe('Satisfaction');
      expect(loop?.evaluation).toEqual({ transition: 'evaluate', field: 'satisfaction', min: 1, max: 5 });
      const zh = await call(clients.grid, 'GET', '/api/meta');
      expect((zh.body['workflows'] as { states: { title: string }[] }[])[0]?.states[0]?.title).toBe('信息收集');
    });

    it('answers bad input with 400, 404 or 409 in both languages, never 500', async () => {
      now = MONDAY;
      const bad = async (method: string, path: string, body: unknown, status: number) => {
        const response = await call(clients.community, method, path, body);
        expect(response.status, `${method} ${path}`).toBe(status);
        expect(typeof response.body.message).toBe('string');
        const english = await call(clients.community, method, path, body, { 'accept-language': 'en' });
        expect(english.body.message, `${method} ${path}`).not.toBe(response.body.message);
      };
      const id = await report('路灯不亮');
      await bad('POST', `/api/cases/${id}/transitions`, '{not json', 400);
      await bad('POST', `/api/cases/${id}/transitions`, [], 400);
      await bad('POST', `/api/cases/${id}/transitions`, { action: 'fly', version: 1 }, 400);
      await bad('POST', `/api/cases/${id}/transitions`, { action: 'assign' }, 400);
      await bad('POST', `/api/cases/${id}/transitions`, { action: 'assign', version: 1, colour: 'red', assignee: 'nobody' }, 400);
      await bad('POST', `/api/cases/${id}/transitions`, { action: 'assign', version: 9, assignee: `cz-grid-${dialect}` }, 409);
      await bad('POST', `/api/cases/${id}/transitions`, { action: 'sign', version: 1 }, 409);
      await bad('POST', '/api/cases/not-a-uuid/transitions', { action: 'assign', version: 1 }, 404);
      await bad('GET', '/api/cases/01900000-0000-7000-8000-000000000000', undefined, 404);
      await bad('GET', '/api/cases?overdue=maybe&page=0', undefined, 400);
      await bad('GET', '/api/cases?actionable=yes&closed=1', undefined, 400);
      await bad('GET', `/api/cases/${id}/assignees`, undefined, 400);
      await bad('GET', `/api/cases/${id}/assignees?action=sign`, undefined, 400);
      await bad('GET', `/api/cases/${id}/assignees?action=assign&who=all`, undefined, 400);
      await bad('GET', '/api/cases?workflow=event-loop&state=flying', undefined, 400);
      await bad('GET', '/api/cases?org=999999', undefined, 404);
      await bad('GET', '/api/workflows/nope/metrics', undefined, 404);
      await bad('GET', '/api/workflows/event-loop/metrics?from=yesterday', undefined, 400);
      await bad('POST', '/api/workflows/nope/cases', { record: id }, 404);
      await bad('POST', '/api/workflows/event-loop/cases', { record: '01900000-0000-7000-8000-000000000000' }, 400);
      const record = (await call(clients.community, 'GET', `/api/cases/${id}`)).body['recordId'];
      await bad('POST', '/api/workflows/event-loop/cases', { record }, 409);
    });

    it('takes a case escalated all the way to the city through review there: the city assigns it and approves the handling itself', async () => {
      now = MONDAY;
      const id = await report('桥面塌陷');
      // Not assigned for four working days: grid → community → street → district → city.
      for (const at of [25, 49, 73, 97]) {
        now = hours(at);
        await engine.workflows.escalateOverdue(now);
      }
      const atCity = await call(clients.city, 'GET', `/api/cases/${id}`);
      expect(atCity.body).toMatchObject({ orgCode: CITY, escalations: 4, state: 'collecting' });
      expect((await call(clients.district, 'GET', `/api/cases/${id}/actions`)).body.data).toEqual([]);
      expect((await act(clients.city, id, { action: 'assign', version: 5, assignee: `cz-community-${dialect}` })).status).toBe(200);
      expect((await act(clients.community, id, { action: 'sign', version: 6 })).status).toBe(200);
      const submitted = await act(clients.community, id, { action: 'submit', version: 7, data: { result: '已设置围挡并报修' }, attachments: [{ name: '现场.jpg', url: '/files/bridge.jpg' }] });
      expect(submitted.body).toMatchObject({ state: 'reviewing' });
      // Nobody is above the city: its own review is the one that applies there, and the district's is not.
      expect((await call(clients.district, 'GET', `/api/cases/${id}/actions`)).body.data).toEqual([]);
      expect((await call(clients.city, 'GET', `/api/cases/${id}/actions`)).body.data?.map((a) => a['id'])).toEqual(['approve-at-city', 'send-back-at-city']);
      expect((await act(clients.city, id, { action: 'approve-at-city', version: 8 })).body).toMatchObject({ state: 'feedback', orgCode: CITY });
    });
  });
}
