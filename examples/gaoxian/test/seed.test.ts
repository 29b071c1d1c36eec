import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor, seedDemoData, type Actor, type SeedReport } from '@zhili/engine';
import { DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './gaoxian.ts';

const ALL = { filters: [], sort: [], page: 1, pageSize: 200, org: null };

for (const dialect of DIALECTS) {
  describe(`Gaoxian seeded into a database (${dialect})`, () => {
    let fixture: FixtureEngine;
    let report: SeedReport;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR);
      report = await seedDemoData(fixture.engine, { scale: 'tiny' });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    function actor(role: string, orgCode: string): Actor {
      const user = { id: `${role}@${orgCode}`, username: role, displayName: role };
      return buildActor({ model: fixture.engine.model, org: fixture.engine.org, user, assignments: [{ role, orgCode }], sessionId: null });
    }

    it('loads the tree and writes every resource, each record in a grid (小区楼栋, a leaf of the tree)', async () => {
      const { engine } = fixture;
      expect(engine.org.byCode('511525101001')?.name).toBe('硕勋社区');
      const grids = new Map(engine.org.all().filter((u) => u.level === 'grid').map((u) => [u.path, u]));
      expect(grids.size).toBe(32);
      const parents = new Set(engine.org.all().map((u) => u.parentCode));
      for (const unit of grids.values()) expect(parents.has(unit.code), unit.code).toBe(false);
      expect(Object.keys(report.records).sort()).toEqual(['buildings', 'grid_staff', 'households', 'residents', 'visits']);
      for (const [resource, count] of Object.entries(report.records)) {
        const table = engine.model.resources[resource]?.table ?? resource;
        const rows = await engine.db.kysely.selectFrom(table).select('org_path').execute();
        expect(rows, resource).toHaveLength(count);
        for (const row of rows) expect(grids.has(row.org_path as string), `${resource} at ${row.org_path as string}`).toBe(true);
      }
    });

    it("lets a grid worker held at a grid see that grid's households, and nothing when held at the residents' group above it", async () => {
      const { engine } = fixture;
      const [first] = await engine.db.kysely.selectFrom('households').select('org_path').orderBy('id').limit(1).execute();
      const grid = engine.org.all().find((u) => u.path === first?.org_path);
      if (!grid?.parentCode) throw new Error('no seeded grid');
      const inGrid = await engine.resources.list({ actor: actor('grid-worker', grid.code) }, 'households', ALL);
      expect(inGrid.total).toBeGreaterThan(0);
      for (const h of inGrid.data) expect(h['orgCode']).toBe(grid.code);
      await expect(engine.resources.list({ actor: actor('grid-worker', grid.parentCode) }, 'households', ALL)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('refuses a comprehensive grid worker paid under 1,650 yuan a month, naming the field, and stores nothing', async () => {
      const { engine } = fixture;
      const county = actor('street-admin', '511525');
      const grid = engine.org.all().find((u) => u.level === 'grid');
      if (!grid) throw new Error('no grid');
      const worker = { orgCode: grid.code, name: '李晓燕', role: 'comprehensive', employment: 'full_time', phone: '13990912345' };
      const before = (await engine.resources.list({ actor: county }, 'grid_staff', ALL)).total;
      await expect(engine.resources.create({ actor: county }, 'grid_staff', { ...worker, monthlyPay: 1_600 })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fieldErrors: { monthlyPay: [expect.anything()] },
      });
      expect((await engine.resources.list({ actor: county }, 'grid_staff', ALL)).total).toBe(before);
      const created = await engine.resources.create({ actor: county }, 'grid_staff', { ...worker, monthlyPay: 1_650 });
      expect(created).toMatchObject({ role: 'comprehensive', monthlyPay: 1_650, orgCode: grid.code });
    });
  });
}
