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

/** examples/gaoxian: its needs list (需求清单) is claimed per community (社会认领). */
const PACKAGE = fileURLToPath(new URL('../../../../examples/gaoxian', import.meta.url));
const COUNTY = '511525';
const SHUOXUN = '511525101001';
const FUJIANG = '511525101003';
const SHUOXUN_GRID = '511525101001001001';

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string; data?: Record<string, unknown>[] };

const CLAIMANT = { name: '高县供电公司', kind: 'department', contact: '0831-5700000' };

for (const dialect of DIALECTS) {
  describe(`claims of a needs list over HTTP (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let app: Hono<AppEnv>;
    const clients: Record<'shuoxun' | 'fujiang' | 'county' | 'grid', TestClient> = {} as never;

    const call = async (client: TestClient | Hono<AppEnv>, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
      const response = await client.request(path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: response.status, body: (await response.json()) as Body };
    };
    const claimCount = async (): Promise<number> => {
      const row = await engine.db.kysely
        .selectFrom('zhili_checklist_claims')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE);
      engine = fixture.engine;
      app = createApp(engine, { adminDir: null });
      const as = async (role: string, orgCode: string) => asClient(app, await signIn(engine, { roles: [{ role, orgCode }] }));
      clients.shuoxun = await as('community-worker', SHUOXUN);
      clients.fujiang = await as('community-worker', FUJIANG);
      clients.county = await as('district-officer', COUNTY);
      clients.grid = await as('grid-worker', SHUOXUN_GRID);
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('records a claim, counts it per community, marks it done, and audits both', async () => {
      const claimed = await call(clients.shuoxun, 'POST', '/api/checklists/needs/claims', { item: 'XQ-03', orgCode: SHUOXUN, claimant: CLAIMANT });
      expect(claimed.status).toBe(201);
      expect(claimed.body).toMatchObject({ checklist: 'needs', item: 'XQ-03', itemVersion: 1, orgCode: SHUOXUN, status: 'claimed', version: 1, claimant: CLAIMANT });
      const id = claimed.body['id'] as string;

      const summary = await call(clients.county, 'GET', '/api/checklists/needs/claims/summary');
      expect(summary.status).toBe(200);
      const shuoxun = summary.body.data?.find((u) => u['orgCode'] === SHUOXUN);
      expect(shuoxun?.['counts']).toEqual({ items: 7, open: 6, claimed: 1, done: 0 });
      expect((shuoxun?.['items'] as { code: string; status: string }[]).find((i) => i.code === 'XQ-03')?.status).toBe('claimed');
      expect(summary.body.data?.find((u) => u['orgCode'] === FUJIANG)?.['counts']).toEqual({ items: 7, open: 7, claimed: 0, done: 0 });
      expect(summary.body.data).toHaveLength(5);

      const done = await call(clients.shuoxun, 'POST', `/api/checklists/needs/claims/${id}/done`, { version: 1, note: '楼道已清理' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', version: 2, closingNote: '楼道已清理' });
      const after = await call(clients.shuoxun, 'GET', `/api/checklists/needs/claims/summary?org=${SHUOXUN}`);
      expect(after.body.data?.map((u) => [u['orgCode'], u['counts']])).toEqual([[SHUOXUN, { items: 7, open: 6, claimed: 0, done: 1 }]]);

      const audit = await engine.db.kysely.selectFrom('zhili_audit').select(['action', 'org_path']).where('record_id', '=', id).orderBy('seq').execute();
      expect(audit.map((a) => a['action'])).toEqual(['create', 'update']);
      expect(audit[0]?.['org_path']).toBe(`/${COUNTY}/${SHUOXUN}/`);
    });

    it('claims an item at most once per community: a second claim is 409 and stores nothing; another community may claim it', async () => {
      const first = await call(clients.shuoxun, 'POST', '/api/checklists/needs/claims', { item: 'XQ-05', orgCode: SHUOXUN, claimant: CLAIMANT });
      expect(first.status).toBe(201);
      const before = await claimCount();
      const again = await call(clients.shuoxun, 'POST', '/api/checklists/needs/claims', {
        item: 'XQ-05',
        orgCode: SHUOXUN,
        claimant: { name: '符江商户联盟', kind: 'merchant' },
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('已被认领');
      expect(await claimCount()).toBe(before);
      expect(
        (await call(clients.fujiang, 'POST', '/api/checklists/needs/claims', { item: 'XQ-05', orgCode: FUJIANG, claimant: CLAIMANT })).status,
      ).toBe(201);

      const withdrawn = await call(clients.shuoxun, 'POST', `/api/checklists/needs/claims/${first.body['id'] as string}/withdraw`, { version: 1 });
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 2 });
      const reclaimed = await call(clients.shuoxun, 'POST', '/api/checklists/needs/claims', {
        item: 'XQ-05',
        orgCode: SHUOXUN,
        claimant: { name: '符江商户联盟', kind: 'merchant' },
      });
      expect(reclaimed.status).toBe(201);
      const listed = await call(clients.shuoxun, 'GET', `/api/checklists/needs/claims?org=${SHUOXUN}&item=XQ-05`);
      expect(listed.body.data?.map((c) => c['status'])).toEqual(['claimed', 'withdrawn']);
    });

    it('is 409 on a stale version, and when the claim is closed already', async () => {
      const claimed = await call(clients.shuoxun, 'POST', '/api/checklists/needs/claims', { item: 'XQ-01', orgCode: SHUOXUN, claimant: CLAIMANT });
      const id = claimed.body['id'] as string;
      expect((await call(clients.shuoxun, 'POST', `/api/checklists/needs/claims/${id}/done`, { version: 1 })).status).toBe(200);
      const stale = await call(clients.shuoxun, 'POST', `/api/checklists/needs/claims/${id}/withdraw`, { version: 1 });
      expect(stale.status).toBe(409);
      const closed = await call(clients.shuoxun, 'POST', `/api/checklists/needs/claims/${id}/withdraw`, { version: 2 });
      expect(closed.status).toBe(409);
      expect(closed.body.message).toContain('已办结');
    });

    it('keeps to the actor’s scope: another community’s claims are invisible, its units out of reach, a grid worker may not read', async () => {
      const theirs = await call(clients.fujiang, 'GET', '/api/checklists/needs/claims');
      expect(theirs.body.data?.every((c) => c['orgCode'] === FUJIANG)).toBe(true);
      const summary = await call(clients.fujiang, 'GET', '/api/checklists/needs/claims/summary');
      expect(summary.body.data?.map((u) => u['orgCode'])).toEqual([FUJIANG]);
      expect((await call(clients.fujiang, 'POST', '/api/checklists/needs/claims', { item: 'XQ-02', orgCode: SHUOXUN, claimant: CLAIMANT })).status).toBe(403);
      const [shuoxunClaim] = (await call(clients.shuoxun, 'GET', '/api/checklists/needs/claims?status=claimed')).body.data ?? [];
      expect((await call(clients.fujiang, 'POST', `/api/checklists/needs/claims/${shuoxunClaim?.['id'] as string}/done`, { version: 1 })).status).toBe(404);
      expect((await call(clients.county, 'POST', `/api/checklists/needs/claims/${shuoxunClaim?.['id'] as string}/done`, { version: 1 })).status).toBe(403);
      expect((await call(clients.grid, 'GET', '/api/checklists/needs/claims')).status).toBe(403);
    });

    it('tells the admin through /api/meta where items are claimed, by whom, and what each actor may do with claims', async () => {
      const meta = (await call(clients.shuoxun, 'GET', '/api/meta')).body as unknown as AdminMeta;
      expect(meta.checklists.find((c) => c.id === 'needs')?.claiming).toEqual({
        level: 'community',
        claimantKinds: [
          { id: 'department', title: '部门单位' },
          { id: 'merchant', title: '经营商户' },
          { id: 'organisation', title: '社会组织、群团组织' },
        ],
        multiple: false,
      });
      expect(meta.checklists.find((c) => c.id === 'services')?.claiming).toBeNull();
      expect(meta.checklistPermissions['needs']).toMatchObject({ readClaims: true, claim: true, closeClaims: true });
      expect(meta.checklistPermissions['services']).toMatchObject({ readClaims: false, claim: false, closeClaims: false });
      const asGrid = (await call(clients.grid, 'GET', '/api/meta')).body as unknown as AdminMeta;
      expect(asGrid.checklistPermissions['needs']).toMatchObject({ readClaims: false, claim: false, closeClaims: false });
    });

    it('refuses bad claims with field errors in both languages, and lists whose items are not claimed with 404', async () => {
      const bad = await call(clients.shuoxun, 'POST', '/api/checklists/needs/claims?locale=en', {
        item: 'XQ-99',
        orgCode: SHUOXUN_GRID,
        claimant: { name: '', kind: 'resident' },
      });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual(['claimant.kind', 'claimant.name', 'orgCode']);
      expect(bad.body.errors?.['orgCode']?.[0]).toContain('Community');
      const zh = await call(clients.shuoxun, 'POST', '/api/checklists/needs/claims', { item: 'XQ-99', orgCode: SHUOXUN, claimant: CLAIMANT });
      expect(zh.status).toBe(400);
      expect(zh.body.errors?.['item']?.[0]).toContain('没有可认领的事项 XQ-99');
      expect((await call(clients.shuoxun, 'GET', '/api/checklists/services/claims')).status).toBe(404);
      expect((await call(clients.shuoxun, 'GET', '/api/checklists/needs/claims?colour=red')).status).toBe(400);
    });
  });
}
