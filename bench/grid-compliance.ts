/**
 * grid-compliance: the grid rules of Changzhou evaluated city-wide (7,514 grids) and for one
 * community, on SQLite and on Postgres, over city-scale data: `zhili seed --scale city` (about
 * 2,000,000 households with their buildings and grid staff), then a year of visits loaded in bulk
 * by SQL — about 300 by each of the ~30,000 grid workers, ~9,000,000 in all, as an import would
 * load them: with the counters' triggers removed, then `zhili grids rebuild`. Targets: city ≤ 5 s,
 * one community ≤ 200 ms.
 *
 *   npm run bench -- grid-compliance [--households N] [--rounds N] [--sqlite FILE] [--pg URL] [--keep] [--only sqlite|postgres]
 *
 * --households sizes the data (default 2,000,000; smaller for a quick run). --sqlite and --pg
 * reuse (or create) a database; without them a temporary file and a throwaway schema on
 * $ZHILI_PG_URL (default postgres://postgres@127.0.0.1:5432/test) are made and dropped unless
 * --keep is given. --only prepares and measures one database (and prints no RESULT line).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { COUNTER_TABLES, DEV_ACTOR, openDatabase, removeCounterTriggers, type Database } from '@zhili/engine';
import { openEngine } from '../packages/engine/src/runtime/open-engine.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ZHILI = join(ROOT, 'packages/engine/bin/zhili.js');
const PACKAGE = join(ROOT, 'examples/changzhou');
/** The city and the community measured (钟楼区五星街道三堡街社区). */
const CITY = '320400';
const COMMUNITY = '320404001012';
/** The year of visits loaded, and the day compliance is evaluated on. */
const YEAR = '2026';
const VISIT_DAYS = 324;
/** Roles that make visits (the 1 + 3 of 1+3+X). */
const VISITORS = ['social_worker', 'full_time', 'part_time'];

interface Measured {
  readonly households: number;
  readonly visits: number;
  readonly cityMs: number;
  readonly communityMs: number;
}

export async function gridCompliance(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      households: { type: 'string', default: '2000000' },
      rounds: { type: 'string', default: '3' },
      sqlite: { type: 'string' },
      pg: { type: 'string' },
      keep: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const households = Number(values.households);
  const rounds = Number(values.rounds);
  const tempDir = values.sqlite || values.only === 'postgres' ? null : mkdtempSync(join(tmpdir(), 'zhili-grid-bench-'));
  const sqliteFile = values.sqlite ? resolve(values.sqlite) : join(tempDir ?? '.', 'grids.db');
  const pgBase = process.env['ZHILI_PG_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `zhili_grid_bench_${randomBytes(4).toString('hex')}`;
  const pgUrl = values.pg ?? `${pgBase}${pgBase.includes('?') ? '&' : '?'}schema=${schema}`;
  try {
    if (values.only === 'postgres') {
      await run('postgres', pgUrl, households, rounds);
      return;
    }
    const sqlite = await run('sqlite', `sqlite:${sqliteFile}`, households, rounds);
    log(`sqlite file ${(statSync(sqliteFile).size / 1e9).toFixed(2)} GB`);
    if (values.only === 'sqlite') return;
    const pg = await run('postgres', pgUrl, households, rounds);
    process.stdout.write(
      `RESULT households=${sqlite.households} visits=${sqlite.visits} sqlite_city_s=${(sqlite.cityMs / 1000).toFixed(2)} sqlite_community_ms=${sqlite.communityMs.toFixed(0)} ` +
        `pg_city_s=${(pg.cityMs / 1000).toFixed(2)} pg_community_ms=${pg.communityMs.toFixed(0)}\n`,
    );
  } finally {
    if (!values.keep) {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      if (!values.pg) {
        const db = await openDatabase(pgBase);
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db.kysely);
        await db.close();
      }
    }
  }
}

function log(line: string): void {
  process.stderr.write(`[grid-compliance] ${line}\n`);
}

function zhili(...args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ZHILI, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`zhili ${args[0]} exited with ${code}`))));
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function count(db: Database, table: string): Promise<number> {
  const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function run(dialect: 'sqlite' | 'postgres', url: string, households: number, rounds: number): Promise<Measured> {
  log(`${dialect}: ${url}`);
  let db = await openDatabase(url);
  const has = (table: string): Promise<boolean> =>
    db.kysely
      .selectFrom(table)
      .select('id')
      .limit(1)
      .execute()
      .then((rows) => rows.length > 0)
      .catch(() => false);
  const [seeded, visited] = [await has('households'), await has('visits')];
  await db.close();
  if (!seeded) {
    log(`${dialect}: seeding ${households.toLocaleString('en-US')} households (zhili seed --scale city)`);
    const [, seedMs] = await timed(() => zhili('seed', PACKAGE, '--db', url, '--scale', 'city', '--count', `households=${households}`, '--count', 'residents=0', '--count', 'visits=0'));
    log(`${dialect}: seeded in ${(seedMs / 1000).toFixed(0)} s`);
  }
  if (!visited) {
    db = await openDatabase(url);
    await removeCounterTriggers(db);
    const [loaded, loadMs] = await timed(() => loadVisits(db));
    log(`${dialect}: ${loaded.toLocaleString('en-US')} visits loaded by SQL in ${(loadMs / 1000).toFixed(0)} s`);
    await db.close();
    const [, rebuildMs] = await timed(() => zhili('grids', 'rebuild', PACKAGE, '--db', url));
    log(`${dialect}: counters rebuilt in ${(rebuildMs / 1000).toFixed(1)} s`);
    db = await openDatabase(url);
    await sql.raw('analyze').execute(db.kysely);
    await db.close();
  }

  const opened = await openEngine({ packageDir: PACKAGE, dbUrl: url });
  if (!opened.ok) throw new Error(`${dialect}: migration refused`);
  const { engine } = opened;
  try {
    // Opening the engine rebuilds the counters when their triggers changed: fresh statistics for the planner.
    for (const table of Object.values(COUNTER_TABLES)) await sql.raw(`analyze ${table}`).execute(engine.db.kysely);
    const sizes = {
      grids: engine.org.all().filter((u) => u.level === 'grid').length,
      households: await count(engine.db, 'households'),
      staff: await count(engine.db, 'grid_staff'),
      visits: await count(engine.db, 'visits'),
      counterRows: await count(engine.db, 'zhili_grid_visit_counts'),
    };
    log(`${dialect}: data ${JSON.stringify(sizes)}`);
    const ctx = { actor: DEV_ACTOR };
    const measure = async (org: string): Promise<number> => {
      const times: number[] = [];
      let violations = 0;
      for (let round = 0; round <= rounds; round++) {
        const [report, ms] = await timed(() => engine.grids.compliance(ctx, { org, period: YEAR }));
        violations = report.counts.violations;
        if (round > 0) times.push(ms);
      }
      const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
      log(`${dialect}: compliance of ${org}: ${median.toFixed(0)} ms (median of ${times.map((t) => t.toFixed(0)).join(', ')}), ${violations} violations`);
      return median;
    };
    const cityMs = await measure(CITY);
    const communityMs = await measure(COMMUNITY);
    const [, summaryMs] = await timed(() => engine.grids.summary(ctx, { org: CITY, period: YEAR }));
    log(`${dialect}: city summary (dashboard) ${summaryMs.toFixed(0)} ms`);
    return { households: sizes.households, visits: sizes.visits, cityMs, communityMs };
  } finally {
    await engine.close();
  }
}

/**
 * A year of visits by every serving grid worker, in one INSERT … SELECT (CROSS JOIN keeps SQLite's
 * loops in order: workers, then their visits, then the household looked up): each worker makes
 * 240–359 visits (300 on average) to households of their own grid, on days spread over the year
 * up to the evaluation day.
 */
async function loadVisits(db: Database): Promise<number> {
  const pg = db.dialect === 'postgres';
  const roles = VISITORS.map((r) => `'${r}'`).join(', ');
  await sql.raw(`drop table if exists bench_grid_households`).execute(db.kysely);
  await sql
    .raw(
      `create ${pg ? 'unlogged ' : ''}table bench_grid_households as
       select org_path, id, row_number() over (partition by org_path order by id) as rn from households`,
    )
    .execute(db.kysely);
  await sql.raw(`create index bench_grid_households_rn on bench_grid_households (org_path, rn)`).execute(db.kysely);
  const numbers = pg ? 'generate_series(0, 359) as k(k)' : '(with recursive k(k) as (select 0 union all select k + 1 from k where k < 359) select k from k) k';
  const hash = pg ? `(abs(hashtext(s.id)::bigint) % 1000003)` : `unicode(substr(s.id, 36, 1)) * 1031 + unicode(substr(s.id, 35, 1)) * 97 + unicode(substr(s.id, 34, 1)) * 7 + unicode(substr(s.id, 33, 1))`;
  // Ids in insertion order (UUIDv7-shaped), so that the primary key grows at its end.
  const uuid = pg ? `'019a0000-0000-7000-8000-' || lpad(to_hex(row_number() over ()), 12, '0')` : `printf('019a0000-0000-7000-8000-%012x', row_number() over ())`;
  const day = pg ? `(date '${YEAR}-01-01' + ((k.k * 37 + w.h) % ${VISIT_DAYS})::int)::text` : `date('${YEAR}-01-01', '+' || ((k.k * 37 + w.h) % ${VISIT_DAYS}) || ' days')`;
  const now = new Date().toISOString();
  const before = await count(db, 'visits');
  // As bulk loaders do: the secondary indexes are dropped during the load and built again after it.
  const indexes = pg
    ? (await sql<{ ddl: string; name: string }>`select indexdef as ddl, indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'visits' and indexname not like '%pkey'`.execute(db.kysely)).rows
    : (await sql<{ ddl: string; name: string }>`select sql as ddl, name from sqlite_master where type = 'index' and tbl_name = 'visits' and sql is not null`.execute(db.kysely)).rows;
  if (!pg) await sql.raw('pragma cache_size = -2000000').execute(db.kysely);
  for (const index of indexes) await sql.raw(`drop index "${index.name}"`).execute(db.kysely);
  await sql
    .raw(
      `insert into visits (id, org_path, version, created_at, created_by, updated_at, updated_by, config_version, "visitDate", "householdId", "visitorId", kind, purpose, "needsFollowUp")
       select ${uuid}, w.org_path, 1, '${now}', 'bench', '${now}', 'bench', 'bench', ${day}, h.id, w.id, 'visit', 'routine', ${pg ? 'false' : '0'}
       from (select s.id, s.org_path, ${hash} as h, g.n from grid_staff s join (select org_path, count(*) as n from households group by org_path) g on g.org_path = s.org_path
             where s.role in (${roles}) and s.status = 'active') w
       cross join ${numbers}
       cross join bench_grid_households h
       where k.k < 240 + (w.h % 120) and h.org_path = w.org_path and h.rn = 1 + ((k.k * 7919 + w.h) % w.n)`,
    )
    .execute(db.kysely);
  await sql.raw(`drop table bench_grid_households`).execute(db.kysely);
  for (const index of indexes) await sql.raw(index.ddl).execute(db.kysely);
  return (await count(db, 'visits')) - before;
}

