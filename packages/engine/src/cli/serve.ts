import { serve } from '@hono/node-server';
import { resolveText } from '@zhili/schemas';
import { createApp } from '../api/app.ts';
import { resolveAdminDir } from '../api/static.ts';
import { createDemoLogins } from '../auth/demo-logins.ts';
import type { DemoLogin } from '../auth/demo-logins.ts';
import type { Engine } from '../engine.ts';
import { openEngine } from '../runtime/open-engine.ts';
import { hasRecords } from '../seed/seed.ts';
import type { SeedScale } from '../seed/types.ts';
import { printMigration } from './migrate.ts';
import { say } from './output.ts';
import { seedWithProgress } from './seed.ts';
import { startEscalationScheduler } from '../workflows/scheduler.ts';
import { startExpiryScheduler } from '../points/expiry-scheduler.ts';
import { startPluginJobs } from '../plugins/jobs.ts';

export interface ServeOptions {
  readonly packageDir: string;
  readonly dbUrl: string | undefined;
  readonly port: number;
  readonly host: string;
  /** Seed demo data at this scale when the database holds no records. */
  readonly seed: SeedScale | undefined;
  /** Behind one reverse proxy: trust X-Forwarded-For and X-Forwarded-Proto (see AppOptions.trustProxy). */
  readonly trustProxy: boolean;
}

/** Prints the demo logins as a table: username, password, role, org unit. */
export function printDemoLogins(logins: readonly DemoLogin[]): void {
  if (logins.length === 0) return;
  say({ 'zh-CN': '演示账号（仅用于演示数据）:', en: 'Demo logins (demo data only):' });
  const width = Math.max(...logins.map((login) => login.username.length));
  for (const login of logins) {
    process.stdout.write(`  ${login.username.padEnd(width)}  ${login.password}  ${login.roleTitle}  ${login.orgCode} ${login.orgName}\n`);
  }
}

/** A server listening for an engine's app. */
export interface RunningServer {
  /** e.g. http://127.0.0.1:3000, with the port actually bound. */
  readonly url: string;
  /** Where the built admin is served, or null when there is none. */
  readonly adminUrl: string | null;
  /** Stops listening; the engine stays open. */
  close(): Promise<void>;
}

/**
 * Serves an engine's app (with the built admin, see resolveAdminDir: by default @zhili/admin's
 * dist when built) on `host`:`port` (0: any free port); resolves once listening.
 */
export async function startServer(
  engine: Engine,
  options: { readonly port: number; readonly host: string; readonly trustProxy: boolean; readonly adminDir?: string | null },
): Promise<RunningServer> {
  const adminDir = resolveAdminDir(options.adminDir);
  const app = createApp(engine, { trustProxy: options.trustProxy, adminDir });
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    url,
    adminUrl: adminDir ? `${url}/` : null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Prints where the server listens: the API, and the admin when one is served. */
export function printListening(running: Pick<RunningServer, 'url' | 'adminUrl'>): void {
  say({ 'zh-CN': `服务已启动:${running.url}  (API ${running.url}/api)`, en: `Listening on ${running.url}  (API ${running.url}/api)` });
  if (running.adminUrl) say({ 'zh-CN': `管理端:${running.adminUrl}`, en: `Admin: ${running.adminUrl}` });
}

/** Serves the package until SIGINT/SIGTERM; resolves with the exit code once closed. */
export async function serveCommand(options: ServeOptions): Promise<number> {
  const opened = await openEngine({ packageDir: options.packageDir, dbUrl: options.dbUrl });
  if (!opened.ok) {
    printMigration(opened.migration);
    return 1;
  }
  const { engine } = opened;
  if (opened.migration.applied.length > 0) printMigration(opened.migration);
  const { model } = engine;
  say({
    'zh-CN': `配置包 ${resolveText(model.title, 'zh-CN')}(${model.id} ${model.version}),数据库 ${engine.db.url}`,
    en: `Package ${resolveText(model.title, 'en')} (${model.id} ${model.version}), database ${engine.db.url}`,
  });
  if (options.seed && !(await hasRecords(engine))) {
    await seedWithProgress(engine, { scale: options.seed, overrides: {} });
    printDemoLogins(await createDemoLogins(engine));
  }

  const running = await startServer(engine, { port: options.port, host: options.host, trustProxy: options.trustProxy }).catch(async (error: unknown) => {
    await engine.close();
    throw error;
  });
  printListening(running);
  // Time limits of case workflows: every serving process runs the scheduler; each lapse is acted on once.
  const escalation = startEscalationScheduler({
    workflows: engine.workflows,
    onReport: (report) =>
      say({
        'zh-CN': `超时处理：上报 ${report.escalated.length}，提醒 ${report.notified.length}，自动流转 ${report.moved.length}，已在最高一级 ${report.atTop.length}`,
        en: `Time limits: ${report.escalated.length} escalated, ${report.notified.length} notified, ${report.moved.length} moved on, ${report.atTop.length} at the top already`,
      }),
    onError: (error) => console.error('escalation failed', error),
  });
  // Expiry of points schemes that have one: likewise in every process, each lapse posted once.
  const expiry = startExpiryScheduler({
    points: engine.points,
    model: engine.model,
    onReport: (reports) =>
      say({
        'zh-CN': `积分过期：${reports.map((r) => `${r.scheme} ${r.accounts} 户 ${r.points} 分`).join('；')}`,
        en: `Points lapsed: ${reports.map((r) => `${r.scheme} ${r.accounts} accounts ${r.points} points`).join('; ')}`,
      }),
    onError: (error) => console.error('points expiry failed', error),
  });

  // The plugins' scheduled jobs: likewise in every process (a job must be safe to run twice at once).
  const jobs = startPluginJobs(engine, {
    onError: (plugin, what, error) => console.error(`插件 ${plugin} 的${what['zh-CN']}出错 / plugin ${plugin}: the ${what.en} failed`, error),
  });

  return await new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void Promise.all([escalation.stop(), expiry.stop(), jobs.stop()])
        .then(() => running.close())
        .then(() => engine.close().then(() => resolve(0)));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
