import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, DEV_ACTOR } from '@zhili/engine';
import { addHouseholds, addStaff, asClient, DIALECTS, openFixtureEngine, signIn, type FixtureEngine } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './changzhou.ts';

/** 三堡街社区 (钟楼区五星街道) and its first grid. */
const COMMUNITY = '320404001012';
const GRID_1 = '320404001012001';

for (const dialect of DIALECTS) {
  describe(`the Changzhou grid ledger plugin (${dialect})`, () => {
    let fixture: FixtureEngine;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR, { now: () => new Date('2026-11-20T02:00:00Z') });
      app = createApp(fixture.engine, { adminDir: null, logger: { error: () => undefined } });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('exports the grids under a unit as a spreadsheet: households, the team by role and the findings, as the grid rules compute them', async () => {
      const { engine } = fixture;
      await addHouseholds(engine, GRID_1, 12);
      await addStaff(engine, GRID_1, 'full_time');
      await addStaff(engine, GRID_1, 'part_time');
      const worker = asClient(app, await signIn(engine, { roles: [{ role: 'community-worker', orgCode: COMMUNITY }] }));
      const answer = await worker.request(`/api/plugins/grid-ledger?org=${COMMUNITY}&period=2026-11`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(decodeURIComponent(answer.headers.get('content-disposition') ?? '')).toContain(`网格台账-${COMMUNITY}-2026-11.xlsx`);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await answer.arrayBuffer());
      const sheet = workbook.getWorksheet('网格台账');
      const header = (sheet?.getRow(2).values as unknown[]).slice(1);
      expect(header.slice(0, 3)).toEqual(['网格编码', '网格名称', '住户数']);
      const report = await engine.grids.compliance({ actor: DEV_ACTOR }, { org: COMMUNITY, period: '2026-11' });
      const rows = (sheet?.getRows(3, (sheet?.rowCount ?? 2) - 2) ?? []).map((r) => (r.values as unknown[]).slice(1));
      const first = rows.find((r) => r[0] === GRID_1);
      expect(first?.[2]).toBe(12);
      expect(first?.slice(3, 3 + header.length - 5).reduce((sum: number, n) => sum + Number(n), 0)).toBe(2);
      expect(String(first?.[header.length - 1])).toContain('责任社工 0 人 < 至少 1 人');
      expect(rows).toHaveLength(report.grids.length);
    });

    it('answers a bad period with the grid service’s own 400 in the user’s language, and nobody without a session', async () => {
      const worker = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'community-worker', orgCode: COMMUNITY }] }));
      const bad = await worker.request('/api/plugins/grid-ledger?period=2026-13', { headers: { 'accept-language': 'en' } });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toMatch(/period/i);
      expect((await asClient(app, { token: 'none' }).request('/api/plugins/grid-ledger')).status).toBe(401);
    });
  });
}
