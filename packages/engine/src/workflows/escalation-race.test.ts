import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { createEngine } from '../engine.ts';
import type { Engine } from '../engine.ts';
import { loadModel, loadOrgTree } from '../package/index.ts';
import { openDatabase } from '../storage/database.ts';
import { migrate } from '../storage/migrate.ts';
import { createThrowawaySchema } from '../testing/databases.ts';
import type { ThrowawaySchema } from '../testing/databases.ts';
import { EVENTS_TABLE } from './store.ts';

const PACKAGE = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const GRIDS = ['320402003011001', '320402003011002', '320402003011003'];
const CASES = 60;
/** Monday 2026-11-23 10:00 China time; the first time limit (one working day) runs out on Tuesday. */
const OPENED = new Date('2026-11-23T02:00:00Z');

describe.skipIf(!process.env['ZHILI_PG_URL'])('escalation with two engine processes on one Postgres', () => {
  let schema: ThrowawaySchema;
  let engines: Engine[];
  const ctx = { actor: DEV_ACTOR };

  beforeAll(async () => {
    schema = createThrowawaySchema('zhili_wf_race');
    const model = await loadModel(PACKAGE);
    // Two engines, each with its own connection pool, as two `zhili serve` processes behind one load balancer.
    const first = await openDatabase(schema.url);
    await migrate(first, model);
    const a = await createEngine({ model, db: first, now: () => OPENED });
    const tree = await loadOrgTree(model);
    if (tree) await a.org.syncTree(tree);
    const b = await createEngine({ model, db: await openDatabase(schema.url), now: () => OPENED });
    engines = [a, b];
    for (let i = 0; i < CASES; i++) {
      const record = await a.resources.create(ctx, 'events', { orgCode: GRIDS[i % GRIDS.length], title: `事件 ${i + 1}`, category: 'environment' });
      await a.workflows.open(ctx, 'event-loop', { record: record.id });
    }
  }, 120_000);
  afterAll(async () => {
    for (const engine of engines ?? []) await engine.close();
    await schema?.drop();
  });

  it('escalates every overdue case exactly once when both schedulers run at the same moment', async () => {
    for (const at of ['2026-11-24T03:00:00Z', '2026-11-25T04:00:00Z']) {
      const now = new Date(at);
      const [a, b] = await Promise.all(engines.map((engine) => engine.workflows.escalateOverdue(now)));
      const escalated = [...(a?.escalated ?? []), ...(b?.escalated ?? [])];
      expect(escalated).toHaveLength(CASES);
      expect(new Set(escalated).size).toBe(CASES);
    }
    const [engine] = engines;
    const rows = await engine!.db.kysely
      .selectFrom(EVENTS_TABLE)
      .select(['case_id', (eb) => eb.fn.countAll().as('n')])
      .where('kind', '=', 'escalate')
      .groupBy('case_id')
      .execute();
    expect(rows).toHaveLength(CASES);
    expect(rows.every((row) => Number(row.n) === 2)).toBe(true);
    const cases = await engine!.workflows.list(ctx, { workflow: 'event-loop', page: 1, pageSize: 200 });
    expect(cases.data.every((c) => c.orgCode === '320402003' && c.escalations === 2 && c.version === 3)).toBe(true);
  });
});
