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

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string; data?: Record<string, unknown>[] };
type Member = { id: string; name: string; position: string };

const MONDAY = new Date('2026-11-23T02:00:00Z');

/** A client's calls, and the steps every example shares. */
function driver(client: () => TestClient, org: string) {
  const call = async (method: string, path: string, body?: unknown, as: TestClient = client()): Promise<{ status: number; body: Body }> => {
    const response = await as.request(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Body };
  };
  return {
    call,
    saveRoster: async (body: string, members: unknown[]): Promise<Member[]> => {
      const current = await call('GET', `/api/councils/units/${org}/bodies/${body}`);
      const saved = await call('PUT', `/api/councils/units/${org}/bodies/${body}`, { version: current.body['version'], members });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      return saved.body['members'] as Member[];
    },
    propose: async (procedure: string, title: string): Promise<{ id: string; caseId: string }> => {
      const created = await call('POST', `/api/councils/units/${org}/procedures/${procedure}/proposals`, { title, content: `${title}：详见附件` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return { id: created.body['id'] as string, caseId: created.body['caseId'] as string };
    },
    act: async (caseId: string, action: string, data?: unknown) => {
      const kase = await call('GET', `/api/cases/${caseId}`);
      const moved = await call('POST', `/api/cases/${caseId}/transitions`, { action, version: kase.body['version'], ...(data ? { data } : {}) });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      return moved.body;
    },
    meet: async (id: string, votes: Record<string, unknown>) => {
      const proposal = await call('GET', `/api/councils/proposals/${id}`);
      return call('POST', `/api/councils/proposals/${id}/meetings`, { version: proposal.body['caseVersion'], heldAt: '2026-11-23', ...votes });
    },
  };
}

/** Attendance of every member: the first `present` come, of whom `forCount` vote for and the rest against. */
const attendance = (members: Member[], present: number, forCount: number) =>
  members.map((m, i) => (i < present ? { member: m.id, present: true, vote: i < forCount ? 'for' : 'against' } : { member: m.id, present: false }));
const explanation = (body: Body): string => ((body['meetings'] as { outcome: { explanation: string } }[]).at(-1)?.outcome.explanation ?? '');

for (const dialect of DIALECTS) {
  describe(`council examples end to end (${dialect})`, () => {
    describe("Changzhou: 百姓议事堂 with a public-opinion forum before the vote, and the statutory meetings of the base package", () => {
      const COMMUNITY = '320402003011';
      let fixture: FixtureEngine;
      let engine: Engine;
      let app: Hono<AppEnv>;
      let worker: TestClient;
      let now = MONDAY;
      const cz = driver(() => worker, COMMUNITY);

      beforeAll(async () => {
        fixture = await openFixtureEngine(dialect, fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url)), { now: () => now });
        engine = fixture.engine;
        app = createApp(engine, { adminDir: null });
        worker = asClient(app, await signIn(engine, { roles: [{ role: 'community-worker', orgCode: COMMUNITY }], username: `cz-council-${dialect}` }));
      });
      afterAll(async () => {
        await fixture.drop();
      });

      it('runs 提出议题 → 民情恳谈 → 议事表决 → 五务公开 → 组织实施, the council needing a Party member and two thirds present', async () => {
        now = MONDAY;
        const council = (party: boolean) => [
          { name: '许巧珍', gender: 'female', partyMember: party, position: 'convener' },
          ...Array.from({ length: 8 }, (_, i) => ({ name: `议事代表${i + 1}`, gender: i % 2 ? 'female' : 'male', position: 'member' })),
        ];
        const refused = await cz.call('PUT', `/api/councils/units/${COMMUNITY}/bodies/residents-council`, { version: 0, members: council(false) });
        expect(refused.status).toBe(422);
        expect(refused.body.errors?.['members']).toEqual(['应当有党员成员（现有0名）']);
        const members = await cz.saveRoster('residents-council', council(true));

        const { id, caseId } = await cz.propose('baixing-yishitang', '农村土地承包确权方案');
        expect((await cz.act(caseId, 'topic-done'))['state']).toBe('forum');
        expect((await cz.act(caseId, 'forum-done'))['state']).toBe('vote');
        // Six of nine is exactly two thirds: the meeting may decide.
        const adopted = await cz.meet(id, { attendance: attendance(members, 6, 4) });
        expect(adopted.body).toMatchObject({ stage: 'openness', result: 'adopted' });
        expect(explanation(adopted.body)).toBe('出席 6/9 ≥ 2/3；赞成 4/6 > 1/2 → 通过');
        const published = await app.request(`/api/public/councils/resolutions?org=${COMMUNITY}`);
        expect(((await published.json()) as { data: { title: string }[] }).data.map((r) => r.title)).toEqual(['农村土地承包确权方案']);
        now = new Date(MONDAY.getTime() + 8 * 86_400_000);
        await engine.workflows.escalateOverdue(now);
        expect((await cz.act(caseId, 'complete', { report: '确权颁证完成' }))['state']).toBe('completed');
      });

      it('holds the villagers\' representative meeting to 村民委员会组织法 art. 26 at its boundaries: a third women, two thirds present, more than half in favour', async () => {
        const reps = (women: number) =>
          Array.from({ length: 9 }, (_, i) => ({ name: `村民代表${i + 1}`, gender: i < women ? 'female' : 'male', position: i === 0 ? 'committee-member' : 'representative', building: `${i + 1}组` }));
        const tooFewWomen = await cz.call('PUT', `/api/councils/units/${COMMUNITY}/bodies/villagers-representative-meeting`, { version: 0, members: reps(2) });
        expect(tooFewWomen.body.errors?.['members']).toEqual(['妇女村民代表应当占村民代表会议组成人员的三分之一以上（2/9，应不少于 1/3）']);
        const members = await cz.saveRoster('villagers-representative-meeting', reps(3));

        const first = await cz.propose('village-representatives', '村集体资金使用');
        await cz.act(first.caseId, 'proposed-done');
        const five = await cz.meet(first.id, { attendance: attendance(members, 5, 5) });
        expect(explanation(five.body)).toBe('出席 5/9 < 2/3 → 未达法定人数，不能表决');
        const tie = await cz.meet(first.id, { attendance: attendance(members, 6, 3) });
        expect(tie.body).toMatchObject({ stage: 'rejected', result: 'rejected' });
        expect(explanation(tie.body)).toBe('出席 6/9 ≥ 2/3；赞成 3/6 ≤ 1/2 → 未通过');

        const second = await cz.propose('village-representatives', '村道修缮');
        await cz.act(second.caseId, 'proposed-done');
        const withdrawn = members.map((m, i) => (i === 0 ? { member: m.id, present: true, recused: true } : i < 6 ? { member: m.id, present: true, vote: i < 4 ? 'for' : 'against' } : { member: m.id, present: false }));
        // Six present, one withdraws: 3 of the 5 remaining is more than half.
        const adopted = await cz.meet(second.id, { attendance: withdrawn });
        expect(explanation(adopted.body)).toBe('出席 6/9 ≥ 2/3；回避 1；赞成 3/5 > 1/2 → 通过');
      });

      it("counts heads at a residents' meeting (城市居民委员会组织法 art. 10): exactly half is no quorum", async () => {
        const { id, caseId } = await cz.propose('residents-meeting', '修订居民公约');
        await cz.act(caseId, 'proposed-done');
        const perMember = await cz.meet(id, { attendance: [] });
        expect(perMember.status).toBe(400);
        const half = await cz.meet(id, { counts: { eligible: 1000, present: 500, for: 400, against: 0, abstain: 0 } });
        expect(explanation(half.body)).toBe('到会居民 500/1000 ≤ 1/2 → 未达法定人数，不能表决');
        const bad = await cz.meet(id, { counts: { eligible: 1000, present: 501, for: 400, against: 200, abstain: 0 } });
        expect(bad.body.errors).toHaveProperty(['counts.for']);
        const adopted = await cz.meet(id, { counts: { eligible: 1000, present: 501, for: 251, against: 240, abstain: 10 } });
        expect(adopted.body).toMatchObject({ stage: 'publication', result: 'adopted' });
        expect(explanation(adopted.body)).toBe('到会居民 501/1000 > 1/2；赞成 251/501 > 1/2 → 通过');
      });

      it('describes the bodies and procedures in /api/meta, with what the actor may do', async () => {
        const meta = await cz.call('GET', '/api/meta');
        const councils = meta.body['councils'] as { bodies: { id: string; memberSchema: { required: string[] } }[]; procedures: { id: string; quorum: { text: string }; workflow: string }[]; permissions: Record<string, unknown> };
        expect(councils.bodies.map((b) => b.id)).toEqual(['villagers-representative-meeting', 'village-supervisory-committee', 'residents-meeting', 'residents-council']);
        expect(councils.bodies[0]?.memberSchema.required).toEqual(['name', 'gender', 'position', 'building']);
        const statutory = councils.procedures.find((p) => p.id === 'village-representatives');
        expect(statutory).toMatchObject({ workflow: 'council-village-representatives', quorum: { text: '出席人数 ≥ 全体成员的 2/3' } });
        expect(councils.permissions).toEqual({
          read: true,
          manageRosters: true,
          propose: ['village-representatives', 'residents-meeting', 'baixing-yishitang'],
          record: ['village-representatives', 'residents-meeting', 'baixing-yishitang'],
          supervise: [],
        });
      });
    });

    describe('Gaoxian: the 1+2+N joint council led by the compound Party branch, with a building heads\' briefing', () => {
      const COMMUNITY = '511525101001';
      let fixture: FixtureEngine;
      let worker: TestClient;
      const gx = driver(() => worker, COMMUNITY);

      beforeAll(async () => {
        fixture = await openFixtureEngine(dialect, fileURLToPath(new URL('../../../../examples/gaoxian', import.meta.url)), { now: () => MONDAY });
        const app = createApp(fixture.engine, { adminDir: null });
        worker = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'community-worker', orgCode: COMMUNITY }], username: `gx-council-${dialect}` }));
      });
      afterAll(async () => {
        await fixture.drop();
      });

      it('needs the branch, the owners\' committee, the property company and residents, then decides 楼道乱堆 by majority', async () => {
        const withoutProperty = await gx.call('PUT', `/api/councils/units/${COMMUNITY}/bodies/one-two-n-council`, {
          version: 0,
          members: [
            { name: '支部书记', gender: 'male', partyMember: true, position: 'party-branch' },
            { name: '业委会主任', gender: 'female', position: 'owners-committee' },
            { name: '居民甲', gender: 'female', position: 'resident' },
            { name: '居民乙', gender: 'male', position: 'resident' },
            { name: '居民丙', gender: 'male', position: 'resident' },
          ],
        });
        expect(withoutProperty.body.errors?.['members']).toEqual(['物业机构代表应为1至2名（现为0名）', '业委会(自管小组)代表中应至少有1名党员，与小区党支部交叉任职（现有0名）']);
        const members = await gx.saveRoster('one-two-n-council', [
          { name: '支部书记', gender: 'male', partyMember: true, position: 'party-branch' },
          { name: '业委会主任', gender: 'female', partyMember: true, position: 'owners-committee' },
          { name: '物业经理', gender: 'male', position: 'property' },
          { name: '居民甲', gender: 'female', position: 'resident' },
          { name: '居民乙', gender: 'male', position: 'resident' },
          { name: '居民丙', gender: 'male', position: 'resident' },
        ]);
        const { id, caseId } = await gx.propose('one-two-n', '清理楼道乱堆');
        expect((await gx.act(caseId, 'raised-done'))['state']).toBe('briefing');
        expect((await gx.act(caseId, 'briefing-done'))['state']).toBe('council');
        // Four of six is more than half present; three of four in favour.
        const adopted = await gx.meet(id, { attendance: attendance(members, 4, 3) });
        expect(explanation(adopted.body)).toBe('出席 4/6 > 1/2；赞成 3/4 > 1/2 → 通过');
        expect(adopted.body).toMatchObject({ stage: 'notice', publicationUntil: new Date(MONDAY.getTime() + 5 * 86_400_000).toISOString() });
      });
    });
  });
}
