/**
 * Before the browser tests: builds the admin when its dist/ is stale, then starts the real engine
 * (`zhili serve examples/changzhou --seed tiny`) once per dialect the suites run on — SQLite in a
 * temporary file, and Postgres in a throwaway schema when ZHILI_PG_URL is set — and hands the tests
 * each server's URL and demo logins. Afterwards stops the servers and removes their databases.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThrowawaySchema, DIALECTS } from '@zhili/engine/testing/databases';
import type { Dialect } from '@zhili/engine';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, serveEngine } from './engine-process.ts';
import type { DemoLogin, ServedEngine } from './engine-process.ts';

/** One running engine the tests drive. */
export interface EngineTarget {
  readonly dialect: Dialect;
  readonly url: string;
  readonly logins: readonly DemoLogin[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    engines: readonly EngineTarget[];
  }
}

const PACKAGE_DIR = 'examples/changzhou';
/** The packages whose plugins' admin entries the admin is built with: the same as `npm start`'s, so that neither rebuilds for the other. */
const ADMIN_PACKAGES = ['examples/changzhou', 'examples/ningxia', 'examples/gaoxian'];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
  execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'packages/admin/build/ensure-built.ts'), ...ADMIN_PACKAGES], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });

  const dir = await mkdtemp(join(tmpdir(), 'zhili-e2e-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  const teardown = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  const start = async (dialect: Dialect): Promise<EngineTarget> => {
    let dbUrl = `sqlite:${join(dir, 'changzhou.db')}`;
    if (dialect === 'postgres') {
      const schema = createThrowawaySchema('zhili_e2e');
      // Registered before the server starts: its drop runs after the server has stopped (cleanups run in reverse).
      cleanups.push(() => schema.drop());
      dbUrl = schema.url;
    }
    const engine: ServedEngine = await serveEngine({ packageDir: PACKAGE_DIR, dbUrl, seed: 'tiny' });
    cleanups.push(() => engine.stop());
    return { dialect, url: engine.url, logins: engine.logins };
  };

  const started = await Promise.allSettled(DIALECTS.map(start));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  project.provide(
    'engines',
    started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
  );
  return teardown;
}
