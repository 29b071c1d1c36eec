import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { createEngine } from '../engine.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import { loadModel, loadOrgTree } from '../package/index.ts';
import { openDatabase } from '../storage/database.ts';
import { migrate } from '../storage/migrate.ts';
import { createThrowawaySchema } from '../testing/databases.ts';
import type { ThrowawaySchema } from '../testing/databases.ts';
import { addHouseholds } from '../testing/grids.ts';
import { STOCK_TABLE } from './store.ts';

const PACKAGE = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const GRID = '320402003011001';
const SCHEME = 'renren';
const ctx = { actor: DEV_ACTOR };

describe.skipIf(!process.env['ZHILI_PG_URL'])('points under concurrency: two engine processes on one Postgres', () => {
  let schema: ThrowawaySchema;
  let engines: [Engine, Engine];
  const pick = (i: number): Engine => engines[i % 2] as Engine;
  const outcome = (work: Promise<unknown>): Promise<string> =>
    work.then(
      () => 'ok',
      (error: unknown) => {
        if (error instanceof EngineError) return error.code;
        throw error;
      },
    );

  beforeAll(async () => {
    schema = createThrowawaySchema('zhili_points_race');
    const model = await loadModel(PACKAGE);
    // Two engines, each with its own connection pool, as two `zhili serve` processes behind one load balancer.
    const first = await openDatabase(schema.url);
    await migrate(first, model);
    const a = await createEngine({ model, db: first });
    const tree = await loadOrgTree(model);
    if (tree) await a.org.syncTree(tree);
    const b = await createEngine({ model, db: await openDatabase(schema.url) });
    engines = [a, b];
  }, 120_000);
  afterAll(async () => {
    for (const engine of engines ?? []) await engine.close();
    await schema?.drop();
  });

  it('hands out the last items once each when twelve households redeem them at the same moment', async () => {
    const [a] = engines;
    const buyers = await addHouseholds(a, GRID, 12);
    for (const holder of buyers) await a.points.award(ctx, SCHEME, { holder, rule: 'ST-02' }).then(() => a.points.award(ctx, SCHEME, { holder, rule: 'ST-02' }));
    await a.db.kysely.updateTable(STOCK_TABLE).set({ stock: 3 }).where('scheme_id', '=', SCHEME).where('item_code', '=', 'DH-04').execute();
    const results = await Promise.all(buyers.map((holder, i) => outcome(pick(i).points.redeem(ctx, SCHEME, { holder, item: 'DH-04' }))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'RULE_VIOLATED')).toHaveLength(9);
    expect((await a.points.items(ctx, SCHEME)).find((i) => i.code === 'DH-04')?.inStock).toBe(0);
    expect(await a.points.verify()).toEqual([]);
  });

  it('never overdraws an account that both engines debit at once', async () => {
    const [a] = engines;
    const [holder] = (await addHouseholds(a, GRID, 1)) as [string];
    for (let i = 0; i < 5; i++) await a.points.award(ctx, SCHEME, { holder, rule: 'ST-02' });
    // 25 points; a repair costs 20: ten attempts at once, one succeeds.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => outcome(pick(i).points.redeem(ctx, SCHEME, { holder, item: 'DH-05' }))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect((await a.points.account(ctx, SCHEME, holder)).balance).toBe(5);
    expect(await a.points.verify()).toEqual([]);
  });

  it('stops a rule at its cap however many awards race for it, and posts a keyed request once across engines', async () => {
    const [a] = engines;
    const [holder] = (await addHouseholds(a, GRID, 1)) as [string];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => outcome(pick(i).points.award(ctx, SCHEME, { holder, rule: 'WM-01' }))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(20);
    expect((await a.points.account(ctx, SCHEME, holder)).balance).toBe(20);
    const keyed = await Promise.all(Array.from({ length: 6 }, (_, i) => pick(i).points.award({ ...ctx, idempotencyKey: `race-${holder}` }, SCHEME, { holder, rule: 'ST-02' })));
    expect(new Set(keyed.map((p) => p.id)).size).toBe(1);
    expect((await a.points.account(ctx, SCHEME, holder)).balance).toBe(25);
    expect(await a.points.verify()).toEqual([]);
  });
});
