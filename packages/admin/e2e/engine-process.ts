/**
 * The real engine as a child process: `zhili serve <pkg> --db <url> --port 0 --seed <scale>`, the way
 * a user starts it, with the demo logins it prints read back from its output.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ZHILI_BIN = fileURLToPath(new URL('../../engine/bin/zhili.js', import.meta.url));

/** A demo login printed by `zhili serve --seed`: one per role, held at the first unit of the role's level. */
export interface DemoLogin {
  readonly username: string;
  readonly password: string;
  readonly roleTitle: string;
  readonly orgCode: string;
  readonly orgName: string;
}

export interface ServedEngine {
  /** e.g. http://127.0.0.1:41234 (the admin at `/`, the API at `/api`). */
  readonly url: string;
  readonly logins: readonly DemoLogin[];
  /** SIGTERM, then waits for the process to close the database and exit. */
  stop(): Promise<void>;
}

/** `  grid-worker  zhili-demo  网格员  320402003011001 第一网格` (see printDemoLogins). */
const LOGIN_LINE = /^ {2}(\S+) +(\S+) {2}(\S+) {2}(\d+) (.+)$/;
const LISTENING = /Listening on (http:\/\/\S+)/;
const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/** Starts `zhili serve` on a free port and resolves once /api/health answers. */
export async function serveEngine(options: { readonly packageDir: string; readonly dbUrl: string; readonly seed: 'tiny' | 'demo' }): Promise<ServedEngine> {
  const child = spawn(process.execPath, [ZHILI_BIN, 'serve', options.packageDir, '--db', options.dbUrl, '--port', '0', '--seed', options.seed], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`zhili serve did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
      let pending = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output.push(chunk);
        pending += chunk;
        const match = LISTENING.exec(pending);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`zhili serve exited with ${String(code)} before listening`));
      });
    });
    await waitForHealth(url);
    const logins = output
      .join('')
      .split('\n')
      .flatMap((line) => {
        const m = LOGIN_LINE.exec(line);
        return m ? [{ username: m[1] ?? '', password: m[2] ?? '', roleTitle: m[3] ?? '', orgCode: m[4] ?? '', orgName: m[5] ?? '' }] : [];
      });
    if (logins.length === 0) throw new Error('zhili serve printed no demo logins (was the database empty?)');
    return { url, logins, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw new Error(`${(error as Error).message}\n--- zhili serve output ---\n${output.join('')}`, { cause: error });
  }
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${url}/api/health`).catch(() => null);
    if (response?.ok) return;
    if (Date.now() > deadline) throw new Error(`${url}/api/health did not answer 200`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
