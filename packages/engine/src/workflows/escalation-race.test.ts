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
import { TEST_PASSWORD } from '../testing/sessions.ts';
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
  let clock = OPENED;

  beforeAll(async () => {
    schema = createThrowawaySchema('zhili_wf_race');
    const model = await loadModel(PACKAGE);
    // Two engines, each with its own connection pool, as two `zhili serve` processes behind one load balancer.
    const first = await openDatabase(schema.url);
    await migrate(first, model);
    const a = await createEngine({ model, db: first, now: () => clock });
    const tree = await loadOrgTree(model);
    if (tree) await a.org.syncTree(tree);
    const b = await createEngine({ model, db: await openDatabase(schema.url), now: () => clock });
    engines = [a, b];
    await a.auth.addUser({ username: 'race-handler', password: TEST_PASSWORD, roles: [{ role: 'grid-worker', orgCode: GRIDS[0] as string }] });
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

  it('lets a user acting on an overdue case and the other engine\'s scheduler race: one of them wins, never both', async () => {
    const [a, b] = engines as [Engine, Engine];
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      clock = OPENED;
      const record = await a.resources.create(ctx, 'events', { orgCode: GRIDS[0], title: `并发 ${i}`, category: 'other' });
      const opened = await a.workflows.open(ctx, 'event-loop', { record: record.id });
      // The user acts when the scheduler runs, a day later: the case is overdue in its first stage.
      clock = new Date('2026-11-24T03:00:00Z');
      const [user, scheduler] = await Promise.allSettled([
        a.workflows.transition(ctx, opened.id, { action: 'assign', version: 1, assignee: 'race-handler' }).catch((error: { status?: number }) => {
          throw new Error(String(error.status));
        }),
        b.workflows.escalateOverdue(clock),
      ]);
      const escalated = scheduler.status === 'fulfilled' && scheduler.value.escalated.includes(opened.id);
      const assigned = user.status === 'fulfilled';
      expect(assigned !== escalated, `case ${i}: assigned ${assigned}, escalated ${escalated}`).toBe(true);
      if (!assigned) expect((user as PromiseRejectedResult).reason.message).toBe('409');
      const history = await a.workflows.history(ctx, opened.id);
      expect(history.map((e) => e.kind)).toEqual(['open', assigned ? 'transition' : 'escalate']);
      outcomes.push(assigned ? 'user' : 'scheduler');
    }
    expect(outcomes).toHaveLength(10);
  });
});
