/**
 * api-list: the engine's GET /api/r/households filtered by grid (a page of 20 with total) against
 * a hand-written hono + better-sqlite3 endpoint running the same SQL, on the same SQLite file with
 * 1,000,000 households, measured alternately in one run. Target: engine ≥ 0.8 × baseline.
 *
 *   npm run bench -- api-list [--db <file>] [--households N] [--rounds N] [--seconds N]
 *
 * --db reuses (or creates and keeps) a seeded database file; without it a temporary one is made.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const ROOT = resolve(import.meta.dirname, '..');
const ZHILI = join(ROOT, 'packages/engine/bin/zhili.js');
const PACKAGE = join(ROOT, 'examples/changzhou');

export async function apiList(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      db: { type: 'string' },
      households: { type: 'string', default: '1000000' },
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
    },
  });
  const households = Number(values.households);
  const rounds = Number(values.rounds);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);

  const tempDir = values.db ? null : mkdtempSync(join(tmpdir(), 'zhili-bench-'));
  const file = values.db ? resolve(values.db) : join(tempDir ?? '.', 'bench.db');
  const children: ChildProcess[] = [];
  try {
    if (!existsSync(file)) await seed(file, households);
    const grids = sampleGrids(file, 256);
    log(`数据 data: ${file}, ${grids.length} grids sampled`);

    await ensureBenchUser(file);
    const engine = await start(children, 'engine', process.execPath, [ZHILI, 'serve', PACKAGE, '--db', `sqlite:${file}`, '--port', '0'], /Listening on (http:\/\/\S+)/);
    const authorization = `Bearer ${await logIn(engine)}`;
    const baseline = await start(children, 'baseline', process.execPath, ['--import', 'tsx', join(ROOT, 'bench/api-list-baseline.ts'), file, String(await freePort())], /listening/);
    const targets = {
      engine: { base: engine, path: (code: string) => `/api/r/households?org=${code}&page=1&pageSize=20` },
      baseline: { base: baseline, path: (code: string) => `/households?grid=${code}&page=1&pageSize=20` },
    };
    await assertEquivalent(targets.engine.base + targets.engine.path(grids[0] ?? ''), targets.baseline.base + targets.baseline.path(grids[0] ?? ''), authorization);

    for (const target of Object.values(targets)) await load({ ...target, grids, seconds: 3, connections, authorization });
    const rps: Record<'engine' | 'baseline', number[]> = { engine: [], baseline: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const name of ['engine', 'baseline'] as const) {
        const target = targets[name];
        const result = await load({ ...target, grids, seconds, connections, authorization });
        rps[name].push(result);
        log(`round ${round} ${name.padEnd(8)} ${result.toFixed(0)} req/s`);
      }
    }
    const engineRps = median(rps.engine);
    const baselineRps = median(rps.baseline);
    const ratio = engineRps / baselineRps;
    log(`engine ${engineRps.toFixed(0)} req/s, baseline ${baselineRps.toFixed(0)} req/s, ratio ${ratio.toFixed(3)} (target ≥ 0.8)`);
    process.stdout.write(`RESULT engine_rps=${engineRps.toFixed(0)} baseline_rps=${baselineRps.toFixed(0)} ratio=${ratio.toFixed(3)}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

function log(line: string): void {
  process.stderr.write(`[api-list] ${line}\n`);
}

async function seed(file: string, households: number): Promise<void> {
  log(`seeding ${households.toLocaleString('en-US')} households into ${file}`);
  const code = await new Promise<number | null>((done) => {
    const child = spawn(
      process.execPath,
      [ZHILI, 'seed', PACKAGE, '--db', `sqlite:${file}`, '--scale', 'city', '--count', `households=${households}`, '--count', 'residents=0', '--count', 'visits=0'],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('exit', done);
  });
  if (code !== 0) throw new Error(`seeding failed with exit code ${code}`);
}

const BENCH_USER = 'bench-officer';
const BENCH_PASSWORD = 'bench-password';

/**
 * A civil-affairs officer (district-officer) held at the root unit, created once per database: reads
 * every record, as the baseline's unscoped SQL does, and sees personal data masked — the everyday
 * list of the admin. (A reader with pii:read also writes an audit row per request; that is
 * measured as its own cost, not hidden in this ratio.)
 */
async function ensureBenchUser(file: string): Promise<void> {
  const db = new Database(file, { readonly: true });
  let root: string;
  try {
    root = (db.prepare('SELECT code FROM zhili_org_units WHERE parent_code IS NULL ORDER BY position LIMIT 1').get() as { code: string }).code;
  } finally {
    db.close();
  }
  const zhili = (...args: string[]) =>
    new Promise<number | null>((done) => spawn(process.execPath, [ZHILI, ...args], { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', done));
  const dbArgs = ['--db', `sqlite:${file}`];
  if ((await zhili('user', 'add', PACKAGE, ...dbArgs, '--username', BENCH_USER, '--password', BENCH_PASSWORD, '--role', 'district-officer', '--org', root)) === 0) return;
  if ((await zhili('user', 'passwd', PACKAGE, ...dbArgs, '--username', BENCH_USER, '--password', BENCH_PASSWORD)) !== 0) throw new Error('cannot create the bench user');
}

async function logIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`bench login failed: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Grid codes that hold households, spread over the whole tree. */
function sampleGrids(file: string, count: number): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT u.code FROM zhili_org_units u WHERE u.level = 'grid'
           AND EXISTS (SELECT 1 FROM households h WHERE h.org_path = u.path) ORDER BY u.code`,
      )
      .all() as { code: string }[];
    const step = Math.max(1, Math.floor(rows.length / count));
    return rows.filter((_, i) => i % step === 0).slice(0, count).map((r) => r.code);
  } finally {
    db.close();
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a server process and resolves with its base URL once its output matches `ready`. */
function start(children: ChildProcess[], name: string, command: string, args: string[], ready: RegExp): Promise<string> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const port = args[args.length - 1];
  return new Promise((done, fail) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) done(match[1] ?? `http://127.0.0.1:${port}`);
    });
    child.on('exit', (code) => fail(new Error(`${name} server exited with code ${code}:\n${output}`)));
  });
}

async function assertEquivalent(engineUrl: string, baselineUrl: string, authorization: string): Promise<void> {
  const [a, b] = await Promise.all([fetch(engineUrl, { headers: { authorization } }).then((r) => r.json()), fetch(baselineUrl).then((r) => r.json())]);
  if (!isDeepStrictEqual(a, b)) {
    throw new Error(`engine and baseline answer differently:\n${JSON.stringify(a).slice(0, 800)}\n${JSON.stringify(b).slice(0, 800)}`);
  }
}

/** Requests per second over `seconds`, cycling through the grids; every request carries the engine's session (the baseline ignores it). */
async function load(options: {
  base: string;
  path: (code: string) => string;
  grids: readonly string[];
  seconds: number;
  connections: number;
  authorization: string;
}): Promise<number> {
  const { base, path, grids, seconds, connections, authorization } = options;
  let next = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: { authorization },
    requests: [
      {
        setupRequest: (request) => {
          request.path = path(grids[next++ % grids.length] ?? '');
          return request;
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${base}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return result.requests.average;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
