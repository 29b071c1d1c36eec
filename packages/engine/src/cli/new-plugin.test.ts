import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../testing/cli.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const work = mkdtempSync(join(tmpdir(), 'zhili-new-plugin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('zhili new plugin', () => {
  it('scaffolds a plugin and its test into a package, lists it in the manifest keeping its comments, and the test passes', async () => {
    // A package of its own, outside the repository, that reaches the engine through node_modules as an installed one would.
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    const base = relative(work, join(ROOT, 'packages/engine/src/resources/fixtures/households'));
    writeFileSync(join(work, 'zhili.yaml'), `# 测试配置包 — a comment that stays\nid: scaffolded\ntitle: 新插件测试\nversion: 0.1.0\nextends: [${JSON.stringify(base)}]\n`);

    const created = await run('new', 'plugin', 'hello-desk', work);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created the plugin hello-desk');
    expect(existsSync(join(work, 'plugins/hello-desk.ts'))).toBe(true);
    expect(existsSync(join(work, 'test/hello-desk.test.ts'))).toBe(true);
    const manifest = readFileSync(join(work, 'zhili.yaml'), 'utf8');
    expect(manifest).toContain('# 测试配置包 — a comment that stays');
    expect(manifest).toMatch(/plugins: \[ plugins\/hello-desk\.ts \]/);
    expect((await run('validate', work)).code).toBe(0);

    // The test it wrote runs green, on Postgres too when the suites here do.
    const vitest = join(ROOT, 'node_modules/.bin/vitest');
    const { stdout } = await promisify(execFile)(vitest, ['run', '--root', work], { cwd: work, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    // Without the colour codes vitest may print all the same.
    expect(stdout.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+\d+ passed \(\d+\)/);
  }, 150_000);

  it('refuses a bad name, a folder without a package and a plugin that exists, changing nothing', async () => {
    expect((await run('new', 'plugin', 'Hello Desk', work)).code).toBe(2);
    const elsewhere = mkdtempSync(join(tmpdir(), 'zhili-no-package-'));
    try {
      expect((await run('new', 'plugin', 'hello', elsewhere)).code).toBe(2);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    const before = readFileSync(join(work, 'zhili.yaml'), 'utf8');
    const again = await run('new', 'plugin', 'hello-desk', work);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    expect(readFileSync(join(work, 'zhili.yaml'), 'utf8')).toBe(before);
    expect((await run('new', 'widget', 'x', work)).code).toBe(2);
  });
});
