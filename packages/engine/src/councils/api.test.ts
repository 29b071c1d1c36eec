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

/** examples/ningxia: 居民代表会议 (≥ 30 per building) and 居务监督委员会 (3–5, 1 chair, 2–4 members, a woman) at 原隆村. */
const PACKAGE = fileURLToPath(new URL('../../../../examples/ningxia', import.meta.url));
const VILLAGE = '640121104205';
const TOWN = '640121104';
const OTHER_VILLAGE = '640121104201';
const MEETING = 'residents-representative-meeting';
const COMMITTEE = 'supervisory-committee';
const PROCEDURE = 'residents-representatives';

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string; message?: string; data?: Record<string, unknown>[] };

const MONDAY = new Date('2026-11-23T02:00:00Z');
const days = (d: number) => new Date(MONDAY.getTime() + d * 86_400_000);

const committee = (overrides: { gender?: 'female' | 'male'; extra?: number; chairs?: number } = {}) => [
  ...Array.from({ length: overrides.chairs ?? 1 }, (_, i) => ({ name: `马主任${i}`, gender: 'male', position: 'chair' })),
  { name: '李委员', gender: overrides.gender ?? 'female', position: 'member' },
  { name: '王委员', gender: 'male', position: 'member' },
  ...Array.from({ length: overrides.extra ?? 0 }, (_, i) => ({ name: `委员${i}`, gender: 'male', position: 'member' })),
];
const representatives = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `代表${i + 1}`, gender: i % 2 ? 'male' : 'female', position: 'representative', building: `${(i % 10) + 1}号楼` }));

for (const dialect of DIALECTS) {
  describe(`council procedures over HTTP: Ningxia's residents' representative meeting (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let app: Hono<AppEnv>;
    let now = MONDAY;
    const clients = {} as Record<'worker' | 'supervisor' | 'town' | 'other' | 'grid', TestClient>;

    const call = async (client: TestClient | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Body }> => {
      const init = {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      };
      const response = client ? await client.request(path, init) : await app.request(path, init);
      return { status: response.status, body: (await response.json()) as Body };
    };
    const rosterPath = (body: string) => `/api/councils/units/${VILLAGE}/bodies/${body}`;
    const membersOf = async (): Promise<{ id: string }[]> => (await call(clients.worker, 'GET', rosterPath(MEETING))).body['members'] as { id: string }[];

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE, { now: () => now });
      engine = fixture.engine;
      app = createApp(engine, { adminDir: null });
      const as = async (role: string, orgCode: string, username: string) => asClient(app, await signIn(engine, { roles: [{ role, orgCode }], username: `${username}-${dialect}` }));
      clients.worker = await as('community-worker', VILLAGE, 'nx-worker');
      clients.supervisor = await as('council-supervisor', VILLAGE, 'nx-supervisor');
      clients.town = await as('street-admin', TOWN, 'nx-town');
      clients.other = await as('community-worker', OTHER_VILLAGE, 'nx-other');
      clients.grid = await as('grid-worker', `${VILLAGE}001`, 'nx-grid');
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('keeps the supervisory committee to its rules on every save: 422 with the rule in both languages, nothing written', async () => {
      const empty = await call(clients.worker, 'GET', rosterPath(COMMITTEE));
      expect(empty.body).toMatchObject({ body: COMMITTEE, orgCode: VILLAGE, version: 0, members: [] });
      expect(empty.body['violations']).toContainEqual({ rule: 'size', message: '居务监督委员会成员由3至5人组成（现为0人）' });

      const noWoman = await call(clients.worker, 'PUT', rosterPath(COMMITTEE), { version: 0, members: committee({ gender: 'male' }) });
      expect(noWoman.status).toBe(422);
      expect(noWoman.body.code).toBe('RULE_VIOLATED');
      expect(noWoman.body.message).toBe('居务监督委员会的成员组成不符合规定：应当有妇女成员（现有0名）');
      expect(noWoman.body.errors?.['members']).toEqual(['应当有妇女成员（现有0名）']);
      const six = await call(clients.worker, 'PUT', rosterPath(COMMITTEE), { version: 0, members: committee({ extra: 3 }) }, { 'accept-language': 'en' });
      expect(six.status).toBe(422);
      expect(six.body.errors?.['members']).toEqual(["Residents' affairs supervisory committee has 3 to 5 members (now 6)", "Residents' affairs supervisory committee needs 2 to 4 Member (now 5)"]);
      const twoChairs = await call(clients.worker, 'PUT', rosterPath(COMMITTEE), { version: 0, members: committee({ chairs: 2 }) });
      expect(twoChairs.body.errors?.['members']).toEqual(['主任应为1名（现为2名）']);
      expect((await call(clients.worker, 'GET', rosterPath(COMMITTEE))).body['version']).toBe(0);

      const badInput = await call(clients.worker, 'PUT', rosterPath(COMMITTEE), { version: 0, members: [{ name: '', gender: 'x', position: 'boss' }] });
      expect(badInput.status).toBe(400);
      expect(Object.keys(badInput.body.errors ?? {}).sort()).toEqual(['members.0.gender', 'members.0.name', 'members.0.position']);

      const saved = await call(clients.worker, 'PUT', rosterPath(COMMITTEE), { version: 0, termStart: '2026-01-01', members: committee() });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ version: 1, termStart: '2026-01-01', termEnd: '2031-01-01', violations: [] });
      const stale = await call(clients.worker, 'PUT', rosterPath(COMMITTEE), { version: 0, members: committee() });
      expect(stale.status).toBe(409);
      const members = saved.body['members'] as { id: string; name: string }[];
      // Removing the only woman is refused as well.
      const removing = await call(clients.worker, 'PUT', rosterPath(COMMITTEE), { version: 1, members: [members[0], members[2], { name: '赵委员', gender: 'male', position: 'member' }] });
      expect(removing.status).toBe(422);

      expect((await call(clients.supervisor, 'PUT', rosterPath(COMMITTEE), { version: 1, members: committee() })).status).toBe(403);
      expect((await call(clients.other, 'GET', rosterPath(COMMITTEE))).status).toBe(403);
      expect((await call(clients.town, 'GET', `/api/councils/units/${VILLAGE}/bodies`)).body.data?.map((r) => r['body'])).toContain(COMMITTEE);
      expect((await call(clients.worker, 'GET', `/api/councils/units/${TOWN}/bodies/${COMMITTEE}`)).status).toBe(400);
      expect((await call(clients.worker, 'GET', `/api/councils/units/${VILLAGE}/bodies/nothing`)).status).toBe(404);
      const audit = await engine.db.kysely.selectFrom('zhili_audit').select(['action', 'resource']).where('resource', '=', 'council_rosters').execute();
      expect(audit).toHaveLength(1);
    });

    it('needs 30 representatives, each naming the building they were chosen in', async () => {
      const short = await call(clients.worker, 'PUT', rosterPath(MEETING), { version: 0, members: representatives(29) });
      expect(short.body.errors?.['members']).toEqual(['居民代表会议成员由不少于30人组成（现为29人）', '居民代表应为不少于30名（现为29名）']);
      const noBuilding = representatives(30).map((m, i) => (i === 3 ? { ...m, building: undefined } : m));
      expect((await call(clients.worker, 'PUT', rosterPath(MEETING), { version: 0, members: noBuilding })).body.errors?.['members']).toEqual([
        '居民代表会议成员按小区或楼宇推选，须注明所代表的楼栋或小区（1人未注明）',
      ]);
      expect((await call(clients.worker, 'PUT', rosterPath(MEETING), { version: 0, members: representatives(30) })).status).toBe(200);
    });

    it('runs a proposal through 提出议案 → 民主议定 → 公布告知 → 组织实施: outcome computed, published without login, carried out, all in the history', async () => {
      now = MONDAY;
      const members = await membersOf();
      const put = (body: unknown, client = clients.worker) => call(client, 'POST', `/api/councils/units/${VILLAGE}/procedures/${PROCEDURE}/proposals`, body);

      // Five representatives are less than a fifth of thirty; six are a fifth.
      const five = await put({ title: '加装电梯', content: '3号楼加装电梯，费用按楼层分摊', proposers: members.slice(0, 5).map((m) => m.id) });
      expect(five.status).toBe(422);
      expect(five.body.errors?.['proposers']).toEqual(['须由 1/5 以上的成员联名提出（5/30，至少 6 人）']);
      expect((await put({ title: '加装电梯', content: '…', proposers: ['nobody'] })).status).toBe(400);
      expect((await put({ title: '', content: '' })).body.errors).toHaveProperty('title');

      const created = await put({ title: '加装电梯', content: '3号楼加装电梯，费用按楼层分摊', proposers: members.slice(0, 6).map((m) => m.id) });
      expect(created.status).toBe(201);
      const id = created.body['id'] as string;
      const caseId = created.body['caseId'] as string;
      expect(created.body).toMatchObject({ procedure: PROCEDURE, workflow: 'council-residents-representatives', stage: 'proposal', caseVersion: 1, result: null });

      // The case is an ordinary case: actions for the worker, supervision for the supervisor, nothing engine-only.
      const actions = await call(clients.worker, 'GET', `/api/cases/${caseId}/actions`);
      expect(actions.body.data?.map((a) => a['id'])).toEqual(['proposal-done']);
      expect((await call(clients.supervisor, 'GET', `/api/cases/${caseId}/actions`)).body.data?.map((a) => a['id'])).toEqual(['supervise-proposal']);
      expect((await call(clients.worker, 'POST', `/api/cases/${caseId}/transitions`, { action: 'proposal-done', version: 1 })).status).toBe(200);
      const byHand = await call(clients.worker, 'POST', `/api/cases/${caseId}/transitions`, { action: 'adopt', version: 2 });
      expect(byHand.status).toBe(403);
      expect(byHand.body.message).toContain('不能手动执行');
      expect((await call(clients.worker, 'POST', '/api/workflows/council-residents-representatives/cases', { record: id })).status).toBe(400);

      // A meeting without a quorum (15/30 is not more than half) leaves it in deliberation.
      const attendance = (present: number, votes: { for: number; against: number; recused?: number }) =>
        members.map((m, i) => {
          if (i >= present) return { member: m.id, present: false };
          if (i < (votes.recused ?? 0)) return { member: m.id, present: true, recused: true };
          const k = i - (votes.recused ?? 0);
          return { member: m.id, present: true, vote: k < votes.for ? 'for' : k < votes.for + votes.against ? 'against' : 'abstain' };
        });
      const meet = (body: Record<string, unknown>, client = clients.worker) => call(client, 'POST', `/api/councils/proposals/${id}/meetings`, { heldAt: '2026-11-23T10:00:00+08:00', ...body });
      const noQuorum = await meet({ version: 2, attendance: attendance(15, { for: 15, against: 0 }) });
      expect(noQuorum.status).toBe(200);
      expect(noQuorum.body).toMatchObject({ stage: 'decision', caseVersion: 3, result: null });
      expect((noQuorum.body['meetings'] as { outcome: { explanation: string } }[])[0]?.outcome.explanation).toBe('出席 15/30 ≤ 1/2 → 未达法定人数，不能表决');

      expect((await meet({ version: 3, attendance: attendance(15, { for: 15, against: 0 }).slice(1) })).body.errors?.['attendance']?.[0]).toContain('未记录以下成员的出席情况');
      expect((await meet({ version: 3, attendance: attendance(16, { for: 16, against: 0 }).map((a, i) => (i === 0 ? { ...a, vote: undefined } : a)) })).body.errors).toHaveProperty(['attendance.0.vote']);
      expect((await meet({ version: 2, attendance: attendance(16, { for: 16, against: 0 }) })).status).toBe(409);
      expect((await meet({ version: 3, attendance: attendance(16, { for: 16, against: 0 }) }, clients.supervisor)).status).toBe(403);

      // 21 present, one withdraws (an owner on the third floor): 11 of the 20 remaining is more than half.
      const adopted = await meet({ version: 3, attendance: attendance(21, { recused: 1, for: 11, against: 5 }) });
      expect(adopted.status).toBe(200);
      expect(adopted.body).toMatchObject({ stage: 'publication', caseVersion: 4, result: 'adopted', publishedAt: MONDAY.toISOString(), publicationUntil: days(7).toISOString() });
      const last = (adopted.body['meetings'] as { outcome: { explanation: string; result: string }; tally: Record<string, number> }[])[1];
      expect(last?.outcome).toMatchObject({ result: 'adopted', explanation: '出席 21/30 > 1/2；回避 1；赞成 11/20 > 1/2 → 通过' });
      expect(last?.tally).toEqual({ members: 30, eligible: 30, present: 21, recused: 1, for: 11, against: 5, abstain: 4 });
      expect((await meet({ version: 4, attendance: attendance(21, { for: 21, against: 0 }) })).status).toBe(409);

      // Published without login for seven days.
      const listed = await call(null, 'GET', `/api/public/councils/resolutions?org=${TOWN}`);
      expect(listed.status).toBe(200);
      expect(listed.body.data?.map((r) => r['id'])).toEqual([id]);
      const english = await call(null, 'GET', `/api/public/councils/resolutions/${id}?locale=en`);
      expect(english.body).toMatchObject({ title: '加装电梯', body: { title: "Residents' representative meeting" }, outcome: { explanation: 'present 21/30 > 1/2; withdrawn 1; in favour 11/20 > 1/2 → adopted' } });
      expect((await call(null, 'GET', `/api/public/councils/resolutions?org=${OTHER_VILLAGE}`)).body.data).toEqual([]);

      // The supervisor's observation keeps the publication clock.
      const observed = await call(clients.supervisor, 'POST', `/api/cases/${caseId}/transitions`, { action: 'supervise-publication', version: 4, comment: '公示栏已张贴，程序合规' });
      expect(observed.body).toMatchObject({ state: 'publication', dueAt: days(7).toISOString() });

      // The period ends: the scheduler moves it to implementation, and it leaves the public list.
      now = days(8);
      const report = await engine.workflows.escalateOverdue(now);
      expect(report.moved).toContain(caseId);
      expect((await call(null, 'GET', '/api/public/councils/resolutions')).body.data).toEqual([]);
      expect((await call(null, 'GET', `/api/public/councils/resolutions/${id}`)).status).toBe(404);

      const kase = await call(clients.worker, 'GET', `/api/cases/${caseId}`);
      expect(kase.body).toMatchObject({ state: 'implementation', version: 6 });
      const done = await call(clients.worker, 'POST', `/api/cases/${caseId}/transitions`, { action: 'complete', version: 6, data: { report: '电梯已安装并通过验收' } });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ state: 'completed' });

      const history = await call(clients.worker, 'GET', `/api/cases/${caseId}/history`);
      expect(history.body.data?.map((e) => [e['kind'], e['action'], e['toState']])).toEqual([
        ['open', null, 'proposal'],
        ['transition', 'proposal-done', 'decision'],
        ['transition', 'no-quorum', 'decision'],
        ['transition', 'adopt', 'publication'],
        ['transition', 'supervise-publication', 'publication'],
        ['transition', 'publication-ended', 'implementation'],
        ['transition', 'complete', 'completed'],
      ]);
      expect(history.body.data?.[3]?.['reason']).toBe('出席 21/30 > 1/2；回避 1；赞成 11/20 > 1/2 → 通过');
      const audited = await engine.db.kysely.selectFrom('zhili_audit').select(['resource']).where('record_id', 'in', [id, caseId]).execute();
      expect(audited.length).toBeGreaterThanOrEqual(9);
      expect((await call(clients.town, 'GET', `/api/councils/proposals?org=${TOWN}`)).body.total).toBe(1);
      expect((await call(clients.other, 'GET', '/api/councils/proposals')).body.total).toBe(0);
      expect((await call(clients.grid, 'GET', '/api/councils/proposals')).status).toBe(403);
      expect((await call(clients.other, 'GET', `/api/councils/proposals/${id}`)).status).toBe(404);
    });

    it('closes a proposal a tie rejects, and publishes nothing', async () => {
      now = days(10);
      const members = await membersOf();
      const created = await call(clients.worker, 'POST', `/api/councils/units/${VILLAGE}/procedures/${PROCEDURE}/proposals`, { title: '收取停车费', content: '小区内停车按月收费' });
      expect(created.status).toBe(201);
      const caseId = created.body['caseId'] as string;
      await call(clients.worker, 'POST', `/api/cases/${caseId}/transitions`, { action: 'proposal-done', version: 1 });
      const attendance = members.map((m, i) => (i < 20 ? { member: m.id, present: true, vote: i < 10 ? 'for' : 'against' } : { member: m.id, present: false }));
      const tie = await call(clients.worker, 'POST', `/api/councils/proposals/${created.body['id'] as string}/meetings`, { version: 2, heldAt: '2026-12-03', attendance });
      expect(tie.body).toMatchObject({ stage: 'rejected', result: 'rejected', publishedAt: null });
      expect((tie.body['meetings'] as { outcome: { explanation: string } }[])[0]?.outcome.explanation).toBe('出席 20/30 > 1/2；赞成 10/20 ≤ 1/2 → 未通过');
      expect((await call(null, 'GET', '/api/public/councils/resolutions')).body.data).toEqual([]);
    });
  });
}
