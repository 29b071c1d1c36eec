import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor/actor.ts';
import { createEngine, type Engine } from '../engine.ts';
import type { CompiledModel } from '../model/types.ts';
import { loadModel, loadOrgTree } from '../package/index.ts';
import { parseListQuery } from '../resources/query.ts';
import { migrate } from '../storage/migrate.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/databases.ts';
import { hasRecords, seedDemoData } from './seed.ts';
import type { SeedProgress } from './seed.ts';

const CHANGZHOU = resolve(import.meta.dirname, '../../../../examples/changzhou');

let model: CompiledModel;
beforeAll(async () => {
  model = await loadModel(CHANGZHOU);
});

for (const dialect of DIALECTS) {
  describe(`seeding demo data (${dialect})`, () => {
    const opened: { db: TestDatabase; engine: Engine }[] = [];
    afterEach(async () => {
      for (const { db } of opened.splice(0)) await db.drop();
    });

    async function freshEngine(): Promise<Engine> {
      const db = await createTestDatabase(dialect);
      const report = await migrate(db, model);
      expect(report.refused).toEqual([]);
      const engine = await createEngine({ model, db });
      const tree = await loadOrgTree(model);
      if (tree) await engine.org.syncTree(tree);
      opened.push({ db, engine });
      return engine;
    }

    it('fills every resource through the validating service and reports what it wrote', async () => {
      const engine = await freshEngine();
      const progress: SeedProgress[] = [];
      const report = await seedDemoData(engine, { scale: 'tiny', onProgress: (p) => progress.push(p) });
      expect(report.records['households']).toBeGreaterThan(0);
      expect(new Set(progress.map((p) => p.resource))).toEqual(new Set(Object.keys(report.records)));
      // The last report of each resource is complete: what was written out of what was written.
      const last = new Map(progress.map((p) => [p.resource, p]));
      for (const [resource, count] of Object.entries(report.records)) expect(last.get(resource)).toEqual({ resource, done: count, expected: count });
      for (const [resource, count] of Object.entries(report.records)) {
        const query = parseListQuery(engine.model.resources[resource]!, new URLSearchParams('pageSize=1'));
        const page = await engine.resources.list({ actor: SYSTEM_ACTOR }, resource, query);
        expect(page.total, resource).toBe(count);
      }
      expect(await hasRecords(engine)).toBe(true);
    });

    it('is deterministic: two seeds of the same scale write the same ids', async () => {
      const first = await freshEngine();
      const second = await freshEngine();
      await seedDemoData(first, { scale: 'tiny' });
      await seedDemoData(second, { scale: 'tiny' });
      const ids = async (engine: Engine) =>
        (await engine.db.kysely.selectFrom('households').select('id').orderBy('id').execute()).map((r) => r.id as string);
      expect(await ids(first)).toEqual(await ids(second));
    });

    it('writes no more records of a resource than its override asks for', async () => {
      const engine = await freshEngine();
      const report = await seedDemoData(engine, { scale: 'tiny', overrides: { households: 30, residents: 0 } });
      expect(report.records['households']).toBe(30);
      expect(report.records['residents'] ?? 0).toBe(0);
    });

    it('refuses a database that already holds records, and adds nothing', async () => {
      const engine = await freshEngine();
      const report = await seedDemoData(engine, { scale: 'tiny' });
      await expect(seedDemoData(engine, { scale: 'tiny' })).rejects.toThrow(/empty database/);
      const row = await engine.db.kysely
        .selectFrom('households')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n)).toBe(report.records['households']);
    });
  });
}
