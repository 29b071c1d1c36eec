/**
 * points: postings per second of the points ledger with its invariants on (balanced lines, balances
 * and caps by guarded updates, stock, append-only triggers, the audit row), on SQLite (a WAL file)
 * and on Postgres, against a baseline measured in the same run on the same database: an ordinary
 * audited record write (a visit created through the records service, one transaction and one audit
 * row). Each op runs through the in-process service; `--concurrency` requests are kept in flight.
 * The mix: awards (capped rule), deductions, redemptions (stock and a limit), in 6:1:1.
 *
 *   npm run bench -- points [--ops N] [--households N] [--concurrency N] [--pg URL] [--only sqlite|postgres]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DEV_ACTOR, openDatabase } from '@zhili/engine';
import type { Engine } from '../packages/engine/src/engine.ts';
import { openEngine } from '../packages/engine/src/runtime/open-engine.ts';
import { addHouseholds } from '../packages/engine/src/testing/grids.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGE = join(ROOT, 'examples/changzhou');
const GRID = '320402003011001';
const ctx = { actor: DEV_ACTOR };

interface Measured {
  readonly postingsPerSecond: number;
  readonly baselinePerSecond: number;
  readonly ok: boolean;
}

export async function points(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ops: { type: 'string', default: '3000' },
      households: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '8' },
      pg: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const ops = Number(values.ops);
  const households = Number(values.households);
  const concurrency = Number(values.concurrency);
  const tempDir = mkdtempSync(join(tmpdir(), 'zhili-points-bench-'));
  const pgBase = process.env['ZHILI_PG_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `zhili_points_bench_${randomBytes(4).toString('hex')}`;
  const pgUrl = values.pg ?? `${pgBase}${pgBase.includes('?') ? '&' : '?'}schema=${schema}`;
  try {
    const results: Record<string, Measured> = {};
    if (values.only !== 'postgres') results['sqlite'] = await run('sqlite', `sqlite:${join(tempDir, 'points.db')}`, { ops, households, concurrency });
    if (values.only !== 'sqlite') results['pg'] = await run('postgres', pgUrl, { ops, households, concurrency });
    const fields = Object.entries(results).flatMap(([name, m]) => [
      `${name}_postings_per_s=${m.postingsPerSecond.toFixed(0)}`,
      `${name}_baseline_writes_per_s=${m.baselinePerSecond.toFixed(0)}`,
      `${name}_ratio=${(m.postingsPerSecond / m.baselinePerSecond).toFixed(3)}`,
      `${name}_invariants=${m.ok ? 'ok' : 'BROKEN'}`,
    ]);
    process.stdout.write(`RESULT ops=${ops} concurrency=${concurrency} ${fields.join(' ')}\n`);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
    if (!values.pg && values.only !== 'sqlite') {
      const db = await openDatabase(pgBase);
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db.kysely);
      await db.close();
    }
  }
}

function log(line: string): void {
  process.stderr.write(`[points] ${line}\n`);
}

/** Runs `count` operations with `concurrency` in flight; resolves with operations per second (refused ones count: they ran their checks). */
async function throughput(count: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await op(i).catch((error: { code?: string }) => {
        if (error.code !== 'RULE_VIOLATED') throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

async function run(dialect: 'sqlite' | 'postgres', url: string, options: { ops: number; households: number; concurrency: number }): Promise<Measured> {
  log(`${dialect}: ${url}`);
  const opened = await openEngine({ packageDir: PACKAGE, dbUrl: url });
  if (!opened.ok) throw new Error('migration refused');
  const engine: Engine = opened.engine;
  try {
    const holders = await addHouseholds(engine, GRID, options.households);
    // Every account starts with enough points for the deductions and redemptions of the mix.
    for (const holder of holders) for (let i = 0; i < 4; i++) await engine.points.award(ctx, 'renren', { holder, rule: 'ST-02' });
    await engine.points.restock(ctx, 'renren', 'DH-04', { quantity: 100_000 });
    const holderOf = (i: number) => holders[i % holders.length] as string;
    const ledger = (i: number) => {
      const holder = holderOf(i);
      switch (i % 8) {
        case 6:
          return engine.points.award(ctx, 'renren', { holder, rule: 'FM-03' });
        case 7:
          return engine.points.redeem(ctx, 'renren', { holder, item: 'DH-04' });
        default:
          return engine.points.award(ctx, 'renren', { holder, rule: i % 2 === 0 ? 'ST-02' : 'WM-01' });
      }
    };
    const baseline = (i: number) =>
      engine.resources.create(ctx, 'visits', { orgCode: GRID, householdId: holderOf(i), visitorId: holderOf(i + 1), visitDate: '2026-11-23', kind: 'visit' });
    // Warm-up, then alternate: baseline, ledger, baseline, ledger; the best of each.
    await throughput(100, options.concurrency, baseline);
    await throughput(100, options.concurrency, ledger);
    const half = Math.ceil(options.ops / 2);
    const b1 = await throughput(half, options.concurrency, baseline);
    const l1 = await throughput(half, options.concurrency, (i) => ledger(i + 100));
    const b2 = await throughput(half, options.concurrency, baseline);
    const l2 = await throughput(half, options.concurrency, (i) => ledger(i + 100 + half));
    const problems = await engine.points.verify();
    log(`${dialect}: ledger ${l1.toFixed(0)} / ${l2.toFixed(0)} postings/s, baseline ${b1.toFixed(0)} / ${b2.toFixed(0)} writes/s, ${problems.length} broken invariant(s)`);
    return { postingsPerSecond: Math.max(l1, l2), baselinePerSecond: Math.max(b1, b2), ok: problems.length === 0 };
  } finally {
    await engine.close();
  }
}
