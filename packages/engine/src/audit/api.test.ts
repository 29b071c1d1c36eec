import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';
import type { AuditPage } from './log.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const ZHONGLOU = '320404';
const TIANNING = '320402';
/** 钟楼区五星街道三堡街社区第一网格, and a grid of 天宁区. */
const ZHONGLOU_GRID = '320404001012001';
const TIANNING_GRID = '320402003011001';

for (const dialect of DIALECTS) {
  describe(`GET /api/audit with the base roles of examples/changzhou (${dialect})`, () => {
    let fixture: FixtureEngine;
    let app: ReturnType<typeof createApp>;
    let admin: TestClient;
    let zhonglouOfficer: TestClient;
    let tianningOfficer: TestClient;
    let gridWorker: TestClient;
    const audit = async (client: TestClient, query = ''): Promise<AuditPage> => {
      const response = await client.request(`/api/audit${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as AuditPage;
    };
    const pathOf = (code: string): string => fixture.engine.org.byCode(code)?.path ?? '';

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, CHANGZHOU);
      app = createApp(fixture.engine);
      const root = fixture.engine.org.roots()[0]?.code ?? '';
      const { engine } = fixture;
      admin = asClient(app, await signIn(engine, { username: 'admin', roles: [{ role: 'admin', orgCode: root }] }));
      zhonglouOfficer = asClient(app, await signIn(engine, { username: 'zhonglou', roles: [{ role: 'district-officer', orgCode: ZHONGLOU }] }));
      tianningOfficer = asClient(app, await signIn(engine, { username: 'tianning', roles: [{ role: 'district-officer', orgCode: TIANNING }] }));
      gridWorker = asClient(app, await signIn(engine, { username: 'grid', roles: [{ role: 'grid-worker', orgCode: ZHONGLOU_GRID }] }));
      for (const orgCode of [ZHONGLOU_GRID, TIANNING_GRID]) {
        const response = await admin.request('/api/r/households', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ orgCode, address: '兰陵苑12幢2单元301室', householderName: '陈秀英', memberCount: 1, householdType: 'registered' }),
        });
        expect(response.status).toBe(201);
      }
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it("shows a district officer the writes and logins within the district's subtree, and the admin everything", async () => {
      const zhonglou = await audit(zhonglouOfficer);
      expect(zhonglou.data.length).toBeGreaterThan(0);
      expect(zhonglou.data.every((entry) => entry.orgPath?.startsWith(pathOf(ZHONGLOU)))).toBe(true);
      expect(zhonglou.data.filter((entry) => entry.action === 'create').map((entry) => entry.orgPath)).toEqual([pathOf(ZHONGLOU_GRID)]);
      expect(zhonglou.data.filter((entry) => entry.action === 'login').map((entry) => entry.actorName).sort()).toEqual(['grid', 'zhonglou']);

      const tianning = await audit(tianningOfficer, '?action=create');
      expect(tianning.data.map((entry) => [entry.actorName, entry.resource, entry.orgPath])).toEqual([['admin', 'households', pathOf(TIANNING_GRID)]]);

      const everything = await audit(admin, '?pageSize=200');
      expect(everything.total).toBe(everything.data.length);
      expect(everything.data.filter((entry) => entry.action === 'create')).toHaveLength(2);
      expect(everything.data.filter((entry) => entry.action === 'login').map((entry) => entry.actorName).sort()).toEqual(['admin', 'grid', 'tianning', 'zhonglou']);
      expect(everything.data.map((entry) => entry.seq)).toEqual([...everything.data.map((entry) => entry.seq)].sort((a, b) => b - a));
      expect(await fixture.engine.audit.verify()).toMatchObject({ ok: true, rows: everything.total });
    });

    it('refuses a role without a grant on the audit trail, and a request without a session', async () => {
      expect((await gridWorker.request('/api/audit')).status).toBe(403);
      expect((await app.request('/api/audit')).status).toBe(401);
    });
  });
}
