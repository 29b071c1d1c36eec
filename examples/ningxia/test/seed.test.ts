import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor, seedDemoData, type Actor, type SeedReport } from '@zhili/engine';
import { DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './ningxia.ts';

const ALL = { filters: [], sort: [], page: 1, pageSize: 200, org: null };

for (const dialect of DIALECTS) {
  describe(`Ningxia seeded into a database (${dialect})`, () => {
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

    it('loads the tree and writes every resource, each record in a villager group (a leaf of the tree)', async () => {
      const { engine } = fixture;
      expect(engine.org.byCode('640422215203')?.name).toBe('石洼村');
      const groups = new Map(engine.org.all().filter((u) => u.level === 'grid').map((u) => [u.path, u]));
      const parents = new Set(engine.org.all().map((u) => u.parentCode));
      for (const unit of groups.values()) expect(parents.has(unit.code), unit.code).toBe(false);
      expect(Object.keys(report.records).sort()).toEqual(['buildings', 'grid_staff', 'households', 'residents', 'visits']);
      for (const [resource, count] of Object.entries(report.records)) {
        const table = engine.model.resources[resource]?.table ?? resource;
        const rows = await engine.db.kysely.selectFrom(table).select('org_path').execute();
        expect(rows, resource).toHaveLength(count);
        for (const row of rows) expect(groups.has(row.org_path as string), `${resource} at ${row.org_path as string}`).toBe(true);
      }
      expect(report.records['households']).toBe(200);
    });

    it("lets a grid worker held at a villager group see that group's households, and nothing when held at a village", async () => {
      const { engine } = fixture;
      const [first] = await engine.db.kysely.selectFrom('households').select('org_path').orderBy('id').limit(1).execute();
      const group = engine.org.all().find((u) => u.path === first?.org_path);
      if (!group?.parentCode) throw new Error('no seeded villager group');
      const inGroup = await engine.resources.list({ actor: actor('grid-worker', group.code) }, 'households', ALL);
      expect(inGroup.total).toBeGreaterThan(0);
      for (const h of inGroup.data) expect(h['orgCode']).toBe(group.code);
      const seeded = await engine.resources.list({ actor: actor('admin', '640000') }, 'households', { ...ALL, org: group.code });
      expect(inGroup.total).toBe(seeded.total);
      await expect(engine.resources.list({ actor: actor('grid-worker', group.parentCode) }, 'households', ALL)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it("lets the station head of a village read its grid workers' personal data in full, and the community worker only masked", async () => {
      const { engine } = fixture;
      const [first] = await engine.db.kysely.selectFrom('grid_staff').select('org_path').orderBy('id').limit(1).execute();
      const group = engine.org.all().find((u) => u.path === first?.org_path);
      if (!group?.parentCode) throw new Error('no seeded villager group');
      const head = await engine.resources.list({ actor: actor('station-head', group.parentCode) }, 'grid_staff', ALL);
      const worker = await engine.resources.list({ actor: actor('community-worker', group.parentCode) }, 'grid_staff', ALL);
      expect(head.total).toBeGreaterThan(0);
      expect(worker.total).toBe(head.total);
      for (const s of head.data) expect(s['idNumber']).toMatch(/^\d{17}[\dX]$/);
      for (const s of worker.data) expect(s['idNumber']).toContain('*');
    });
  });
}
