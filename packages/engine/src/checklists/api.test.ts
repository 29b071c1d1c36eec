import { fileURLToPath } from 'node:url';
import type { AdminMeta } from '@zhili/schemas';
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
import { addDays } from './dates.ts';

/** examples/changzhou plus one checklist that is not public. */
const PACKAGE = fileURLToPath(new URL('./fixtures/changzhou-internal', import.meta.url));
const CITY = '320400';
const ZHONGLOU = '320404';
const WUXING = '320404001';
const SANBAOJIE = '320404001012';
const GRID = '320404001012001';
/** 天宁区 and its 茶山街道: another district, another street. */
const TIANNING = '320402';
const CHASHAN = '320402003';

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string; data?: Record<string, unknown>[] };

/** A task a street hands down to a community, without its admission. */
const TASK = {
  orgCode: SANBAOJIE,
  title: '出租房屋入户核查',
  issuingDepartment: '钟楼公安分局',
  deadline: '2026-12-31',
  fundingSource: '区公安分局专项经费',
  fundingAmount: 5000,
};

for (const dialect of DIALECTS) {
  describe(`checklists and admission over HTTP (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let app: Hono<AppEnv>;
    let now = new Date('2026-11-20T02:00:00Z');
    const clients: Record<'admin' | 'street' | 'district' | 'grid' | 'community' | 'otherStreet' | 'otherDistrict', TestClient> = {} as never;

    const call = async (client: TestClient | Hono<AppEnv>, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
      const response = await client.request(path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Body) };
    };
    const tasks = async (): Promise<number> => {
      const row = await engine.db.kysely
        .selectFrom('community_tasks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const today = () => engine.checklists.today();

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE, { now: () => now });
      engine = fixture.engine;
      app = createApp(engine, { adminDir: null });
      const as = async (role: string, orgCode: string) => asClient(app, await signIn(engine, { roles: [{ role, orgCode }] }));
      clients.admin = await as('admin', CITY);
      clients.street = await as('street-admin', WUXING);
      clients.district = await as('district-officer', ZHONGLOU);
      clients.grid = await as('grid-worker', GRID);
      clients.community = await as('community-worker', SANBAOJIE);
      clients.otherStreet = await as('street-admin', CHASHAN);
      clients.otherDistrict = await as('district-officer', TIANNING);
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('answers the version in force of a public checklist without login, in the request locale; 404 when not public', async () => {
      const zh = await call(app, 'GET', '/api/public/checklists/assisting-duties');
      expect(zh.status).toBe(200);
      expect(zh.body).toMatchObject({
        id: 'assisting-duties',
        title: '常州市村(居)民委员会协助政府履职事项清单',
        kind: 'assist',
        kindTitle: '协助政府履职事项',
        version: 1,
        effectiveFrom: '2026-11-20',
        itemCount: 5,
      });
      expect((zh.body['items'] as { code: string }[]).map((i) => i.code)).toEqual(['XZ-01', 'XZ-02', 'XZ-03', 'XZ-04', 'XZ-05']);
      const en = await call(app, 'GET', '/api/public/checklists/assisting-duties?locale=en');
      expect(en.body).toMatchObject({
        title: "Changzhou — duties of villagers' and residents' committees in assisting the government",
        kindTitle: 'Duties in assisting the government',
      });
      expect((en.body['items'] as { title: string }[])[0]?.title).toBe('Help keep public order');

      expect((await call(app, 'GET', '/api/public/checklists/internal-review')).status).toBe(404);
      expect((await call(app, 'GET', '/api/public/checklists/nothing')).status).toBe(404);
      const list = await call(app, 'GET', '/api/public/checklists');
      expect(list.body.data?.map((c) => c['id'])).toEqual(['assisting-duties', 'committee-duties', 'burden-reduction']);
      expect(list.body.data?.[0]).not.toHaveProperty('items');
      expect((await call(app, 'GET', '/api/checklists')).status).toBe(401);
    });

    it('shows a checklist that is not public, and drafts, only to those with a read grant on checklists', async () => {
      const asGrid = await call(clients.grid, 'GET', '/api/checklists');
      expect(asGrid.body.data?.map((c) => c['id'])).toEqual(['assisting-duties', 'committee-duties', 'burden-reduction']);
      expect((await call(clients.grid, 'GET', '/api/checklists/internal-review')).status).toBe(404);
      const asDistrict = await call(clients.district, 'GET', '/api/checklists/internal-review');
      expect(asDistrict.body).toMatchObject({ id: 'internal-review', public: false, permissions: { readDrafts: true, edit: true, publish: true } });
      expect(asDistrict.body['itemSchema']).toMatchObject({ type: 'object' });
    });

    it('describes the checklists in /api/meta, with what the actor may do with each', async () => {
      const meta = (await call(clients.district, 'GET', '/api/meta?locale=en')).body as unknown as AdminMeta;
      expect(meta.checklists.map((c) => [c.id, c.kindTitle, c.owner, c.public])).toEqual([
        ['assisting-duties', 'Duties in assisting the government', 'city', true],
        ['committee-duties', 'Duties under the law', 'city', true],
        ['burden-reduction', 'Burdens cleared', 'city', true],
        ['internal-review', 'Powers', 'district', false],
      ]);
      expect(meta.checklists[0]?.admission).toEqual({
        resources: ['community_tasks'],
        approverLevel: 'district',
        decisionDays: 15,
        targetLevels: ['community'],
        assessment: 'none',
      });
      expect(meta.checklists.every((c) => c.claiming === null)).toBe(true);
      expect(meta.checklists[0]?.itemSchema.properties?.['legalBasis']?.title).toBe('Legal basis');
      expect(meta.checklistPermissions['committee-duties']).toEqual({
        readDrafts: true,
        edit: false,
        publish: false,
        submitRequests: false,
        decideRequests: false,
        readClaims: false,
        claim: false,
        closeClaims: false,
      });
      expect(meta.checklistPermissions['internal-review']).toEqual({
        readDrafts: true,
        edit: true,
        publish: true,
        submitRequests: false,
        decideRequests: false,
        readClaims: false,
        claim: false,
        closeClaims: false,
      });
      expect(meta.checklistPermissions['assisting-duties']).toMatchObject({ edit: false, decideRequests: true });
      const asStreet = (await call(clients.street, 'GET', '/api/meta')).body as unknown as AdminMeta;
      expect(asStreet.checklistPermissions['assisting-duties']).toEqual({
        readDrafts: false,
        edit: false,
        publish: false,
        submitRequests: true,
        decideRequests: false,
        readClaims: false,
        claim: false,
        closeClaims: false,
      });
    });

    it('edits a draft, diffs it, refuses a stale revision with 409, and publishes it; a grid worker may not publish', async () => {
      const id = 'committee-duties';
      expect((await call(clients.grid, 'POST', `/api/checklists/${id}/draft`)).status).toBe(403);
      const draft = await call(clients.admin, 'POST', `/api/checklists/${id}/draft`);
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ version: 2, status: 'draft', revision: 1 });
      const added = await call(clients.admin, 'POST', `/api/checklists/${id}/draft/items`, {
        revision: 1,
        code: 'LZ-08',
        title: { 'zh-CN': '组织居民开展协商', en: 'Organise consultation among residents' },
        attributes: { legalBasis: '示例依据', responsibleBody: '居民委员会', timeLimitDays: 30 },
      });
      expect(added.status).toBe(201);
      const bad = await call(clients.admin, 'POST', `/api/checklists/${id}/draft/items`, {
        revision: 2,
        code: 'LZ-09',
        title: '无依据',
        attributes: { timeLimitDays: 'soon' },
      });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual(['attributes.legalBasis', 'attributes.responsibleBody', 'attributes.timeLimitDays']);
      const stale = await call(clients.admin, 'PATCH', `/api/checklists/${id}/draft/items/LZ-03`, { revision: 1, attributes: { timeLimitDays: 15 } });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONFLICT');
      expect((await call(clients.admin, 'PATCH', `/api/checklists/${id}/draft/items/LZ-03`, { revision: 2, attributes: { timeLimitDays: 15 } })).status).toBe(
        200,
      );
      expect((await call(clients.admin, 'DELETE', `/api/checklists/${id}/draft/items/LZ-06?revision=3`)).body).toMatchObject({ revision: 4 });

      const diff = await call(clients.admin, 'GET', `/api/checklists/${id}/diff?from=current&to=draft`);
      expect(diff.body).toMatchObject({
        from: 1,
        to: 2,
        added: [{ code: 'LZ-08', position: 7 }],
        retired: [{ code: 'LZ-06' }],
        changed: [{ code: 'LZ-03', keys: ['timeLimitDays'], before: {}, after: { timeLimitDays: 15 } }],
        moved: [],
      });
      expect((await call(clients.admin, 'GET', `/api/checklists/${id}/diff?from=zero`)).status).toBe(400);
      expect((await call(clients.grid, 'GET', `/api/checklists/${id}/versions/draft`)).status).toBe(404);
      expect((await call(clients.grid, 'POST', `/api/checklists/${id}/publish`, { revision: 4, effectiveFrom: today() })).status).toBe(403);

      const published = await call(clients.admin, 'POST', `/api/checklists/${id}/publish`, { revision: 4, effectiveFrom: today() });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ version: 2, status: 'published', inForce: true });
      expect((await call(clients.admin, 'POST', `/api/checklists/${id}/publish`, { revision: 4, effectiveFrom: today() })).status).toBe(404);
      const versions = await call(clients.grid, 'GET', `/api/checklists/${id}/versions`);
      expect(versions.body.data?.map((v) => [v['version'], v['inForce'], v['activeItems'], v['retiredItems']])).toEqual([
        [2, true, 7, 1],
        [1, false, 7, 0],
      ]);
      const publicNow = await call(app, 'GET', `/api/public/checklists/${id}`);
      expect(publicNow.body).toMatchObject({ version: 2, itemCount: 7 });
    });

    it('refuses a task pushed down without an admission with 422 and a clear reason, storing nothing', async () => {
      const before = await tasks();
      const bare = await call(clients.street, 'POST', '/api/r/community_tasks', TASK);
      expect(bare.status).toBe(422);
      expect(bare.body.code).toBe('NOT_ADMITTED');
      expect(String(bare.body['message'])).toContain('社区工作任务未经准入');
      expect(bare.body.errors?.['admission']?.[0]).toContain('没有准入依据');
      const english = await call(clients.street, 'POST', '/api/r/community_tasks?locale=en', TASK);
      expect(String(english.body['message'])).toContain('is not admitted and cannot be pushed down');

      const cases: [unknown, string][] = [
        [{ checklist: 'assisting-duties', item: 'XZ-99' }, '没有事项 XZ-99'],
        [{ checklist: 'committee-duties', item: 'LZ-01' }, '不是此类工作的准入清单'],
        [{ request: '0190f5f0-0000-7000-8000-000000000000' }, '不存在'],
      ];
      for (const [admission, reason] of cases) {
        const refused = await call(clients.street, 'POST', '/api/r/community_tasks', { ...TASK, admission });
        expect(refused.status, JSON.stringify(admission)).toBe(422);
        expect(refused.body.errors?.['admission']?.[0]).toContain(reason);
      }
      expect(await tasks()).toBe(before);
    });

    it('accepts a task citing an item in force, and keeps the version it cited', async () => {
      const created = await call(clients.street, 'POST', '/api/r/community_tasks', {
        ...TASK,
        admission: { checklist: 'assisting-duties', item: 'XZ-01', version: 99 },
      });
      expect(created.status).toBe(201);
      expect(created.body['admission']).toEqual({ checklist: 'assisting-duties', version: 1, item: 'XZ-01' });
      const id = String(created.body['id']);
      const seen = await call(clients.community, 'GET', `/api/r/community_tasks/${id}`);
      expect(seen.body['admission']).toEqual({ checklist: 'assisting-duties', version: 1, item: 'XZ-01' });
      expect((await call(clients.street, 'PATCH', `/api/r/community_tasks/${id}`, { version: 1, fundingAmount: 6000 })).status).toBe(200);
      const stripped = await call(clients.street, 'PATCH', `/api/r/community_tasks/${id}`, { version: 2, admission: null });
      expect(stripped.status).toBe(422);
      expect((await call(clients.street, 'GET', `/api/r/community_tasks/${id}`)).body).toMatchObject({ version: 2, admission: { item: 'XZ-01' } });
      expect(
        (await call(clients.community, 'POST', '/api/r/community_tasks', { ...TASK, admission: { checklist: 'assisting-duties', item: 'XZ-01' } })).status,
      ).toBe(403);
    });

    it('runs admission requests: funding required, decided at the approver level, approved ones admit tasks and join the draft', async () => {
      const request = {
        checklist: 'assisting-duties',
        title: { 'zh-CN': '协助开展第八次全国人口普查入户登记', en: 'Assist the census enumeration' },
        requestingDepartment: '钟楼区统计局',
        justification: '人口普查需要社区协助入户登记',
        deadline: '2026-12-20',
        proposedCode: 'XZ-06',
        attributes: { legalBasis: '《全国人口普查条例》', responsibleBody: '统计部门', funding: '人口普查专项经费' },
      };
      const noFunding = await call(clients.street, 'POST', '/api/admission-requests', request);
      expect(noFunding.status).toBe(400);
      expect(noFunding.body.errors?.['fundingSource']?.[0]).toContain('费随事转');
      expect((await call(clients.grid, 'POST', '/api/admission-requests', { ...request, fundingSource: '区财政' })).status).toBe(403);

      const submitted = await call(clients.street, 'POST', '/api/admission-requests', { ...request, fundingSource: '人口普查专项经费（区财政）' });
      expect(submitted.status).toBe(201);
      expect(submitted.body).toMatchObject({
        status: 'pending',
        resource: 'community_tasks',
        targetLevel: 'community',
        decisionDue: addDays(today(), 15),
        overdue: false,
        version: 1,
      });
      const pendingId = String(submitted.body['id']);
      const other = await call(clients.street, 'POST', '/api/admission-requests', {
        ...request,
        proposedCode: 'XZ-07',
        title: '协助开展创建评比',
        fundingSource: '无',
      });
      const rejectedId = String(other.body['id']);

      const before = await tasks();
      const pending = await call(clients.street, 'POST', '/api/r/community_tasks', { ...TASK, admission: { request: pendingId } });
      expect(pending.status).toBe(422);
      expect(pending.body.errors?.['admission']?.[0]).toContain('尚未批准');

      // A grid worker may not even read requests: the request is not there for them.
      expect((await call(clients.grid, 'POST', `/api/admission-requests/${rejectedId}/decision`, { decision: 'reject', version: 1 })).status).toBe(404);
      expect((await call(clients.street, 'POST', `/api/admission-requests/${rejectedId}/decision`, { decision: 'reject', version: 1 })).status).toBe(403);
      const rejected = await call(clients.district, 'POST', `/api/admission-requests/${rejectedId}/decision`, {
        decision: 'reject',
        version: 1,
        note: '创建评比不得下派社区',
      });
      expect(rejected.body).toMatchObject({ status: 'rejected', version: 2, decisionNote: '创建评比不得下派社区' });
      const citingRejected = await call(clients.street, 'POST', '/api/r/community_tasks', { ...TASK, admission: { request: rejectedId } });
      expect(citingRejected.status).toBe(422);
      expect(citingRejected.body.errors?.['admission']?.[0]).toContain('已被驳回');
      expect(await tasks()).toBe(before);

      expect((await call(clients.district, 'POST', `/api/admission-requests/${pendingId}/decision`, { decision: 'approve', version: 2 })).status).toBe(409);
      const approved = await call(clients.district, 'POST', `/api/admission-requests/${pendingId}/decision`, { decision: 'approve', version: 1 });
      expect(approved.body).toMatchObject({ status: 'approved', itemCode: 'XZ-06', decidedBy: expect.any(String) });
      expect((await call(clients.district, 'POST', `/api/admission-requests/${pendingId}/decision`, { decision: 'reject', version: 2 })).status).toBe(409);

      const admitted = await call(clients.street, 'POST', '/api/r/community_tasks', { ...TASK, title: '人口普查入户登记', admission: { request: pendingId } });
      expect(admitted.status).toBe(201);
      expect(admitted.body['admission']).toEqual({ request: pendingId });

      const draft = await call(clients.admin, 'GET', '/api/checklists/assisting-duties/versions/draft');
      expect(draft.body).toMatchObject({ version: 2, basedOn: 1 });
      expect((draft.body['items'] as Record<string, unknown>[]).at(-1)).toMatchObject({
        code: 'XZ-06',
        status: 'active',
        request: pendingId,
        attributes: request.attributes,
      });
      const audited = await call(clients.admin, 'GET', '/api/audit?resource=admission_requests');
      expect(audited.body.data?.map((e) => e['action'])).toEqual(['approve', 'reject', 'create', 'create']);
    });

    it('keeps an admission request within the jurisdiction it came from: another street and another district neither see nor decide it', async () => {
      const submitted = await call(clients.street, 'POST', '/api/admission-requests', {
        checklist: 'assisting-duties',
        title: '协助开展消防安全入户宣传',
        requestingDepartment: '钟楼区消防救援大队',
        justification: '冬季消防安全宣传需要社区协助',
        fundingSource: '区消防专项经费',
        deadline: '2026-12-31',
        attributes: { legalBasis: '《中华人民共和国消防法》', responsibleBody: '消防救援机构', funding: '区消防专项经费' },
      });
      expect(submitted.status).toBe(201);
      expect(submitted.body['orgCode']).toBe(WUXING);
      const id = String(submitted.body['id']);
      const ids = async (client: TestClient) => (await call(client, 'GET', '/api/admission-requests')).body.data?.map((r) => r['id']);
      expect(await ids(clients.street)).toContain(id);
      expect(await ids(clients.district)).toContain(id);
      expect(await ids(clients.admin)).toContain(id);
      expect(await ids(clients.otherStreet)).not.toContain(id);
      expect(await ids(clients.otherDistrict)).not.toContain(id);
      expect((await call(clients.otherStreet, 'GET', `/api/admission-requests/${id}`)).status).toBe(404);
      expect((await call(clients.otherDistrict, 'POST', `/api/admission-requests/${id}/decision`, { decision: 'reject', version: 1 })).status).toBe(404);
      expect((await call(clients.street, 'GET', `/api/admission-requests/${id}`)).body).toMatchObject({ id, status: 'pending' });
      const decided = await call(clients.district, 'POST', `/api/admission-requests/${id}/decision`, { decision: 'reject', version: 1, note: '由消防部门自行组织' });
      expect(decided.body).toMatchObject({ status: 'rejected' });
    });

    it('lists pending requests past their decision day as overdue', async () => {
      const submitted = await call(clients.street, 'POST', '/api/admission-requests', {
        checklist: 'assisting-duties',
        title: '协助开展垃圾分类督导',
        requestingDepartment: '区城管局',
        justification: '垃圾分类督导需要社区志愿者',
        fundingSource: '区城管局垃圾分类经费',
        deadline: '2027-03-31',
        attributes: { legalBasis: '地方性法规', responsibleBody: '城管部门', funding: '区城管局' },
      });
      const id = String(submitted.body['id']);
      expect((await call(clients.district, 'GET', '/api/admission-requests?overdue=true')).body.data).toEqual([]);
      now = new Date(now.getTime() + 16 * 24 * 60 * 60 * 1000);
      const overdue = await call(clients.district, 'GET', '/api/admission-requests?overdue=true');
      expect(overdue.body.data?.map((r) => [r['id'], r['overdue']])).toEqual([[id, true]]);
      expect((await call(clients.district, 'GET', `/api/admission-requests/${id}`)).body['overdue']).toBe(true);
      expect((await call(clients.district, 'GET', '/api/admission-requests?status=approved')).body.data).toHaveLength(1);
      expect((await call(clients.district, 'GET', '/api/admission-requests?status=maybe')).status).toBe(400);
      expect((await call(clients.grid, 'GET', '/api/admission-requests')).status).toBe(403);
    });

    it('refuses a task citing an item retired in the version in force', async () => {
      const draft = await call(clients.admin, 'GET', '/api/checklists/assisting-duties/versions/draft');
      const retired = await call(clients.admin, 'DELETE', `/api/checklists/assisting-duties/draft/items/XZ-05?revision=${String(draft.body['revision'])}`);
      await call(clients.admin, 'POST', '/api/checklists/assisting-duties/publish', { revision: retired.body['revision'], effectiveFrom: today() });
      const refused = await call(clients.street, 'POST', '/api/r/community_tasks', { ...TASK, admission: { checklist: 'assisting-duties', item: 'XZ-05' } });
      expect(refused.status).toBe(422);
      expect(refused.body.errors?.['admission']?.[0]).toContain('已废止');
      const cited = await call(clients.street, 'POST', '/api/r/community_tasks', { ...TASK, admission: { checklist: 'assisting-duties', item: 'XZ-06' } });
      expect(cited.body['admission']).toEqual({ checklist: 'assisting-duties', version: 2, item: 'XZ-06' });
    });
  });
}
