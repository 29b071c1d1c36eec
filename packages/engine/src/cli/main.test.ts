import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../testing/cli.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const CHANGZHOU = join(ROOT, 'examples/changzhou');
const BROKEN = join(ROOT, 'packages/engine/src/package/fixtures/broken');
const work = mkdtempSync(join(tmpdir(), 'zhili-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


describe('zhili CLI', () => {
  it('prints the usage and exits 2 without a command', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('zhili validate <pkg>');
  });

  it('exits 2 on an unknown command, an unknown option or a bad scale', async () => {
    expect((await run('frobnicate', CHANGZHOU)).code).toBe(2);
    expect((await run('validate', CHANGZHOU, '--colour')).code).toBe(2);
    expect((await run('seed', CHANGZHOU, '--scale', 'huge')).code).toBe(2);
    expect((await run('migrate', CHANGZHOU, '--db', 'mysql://localhost/x')).code).toBe(2);
  });

  it('accepts examples/changzhou', async () => {
    const result = await run('validate', CHANGZHOU);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('reports every issue of a broken package with file:line:column in Chinese and English, and exits 1', async () => {
    const result = await run('validate', BROKEN);
    expect(result.code).toBe(1);
    const located = result.stderr.split('\n').filter((line) => /\.(ya?ml|json):\d+:\d+/.test(line));
    expect(located.length).toBeGreaterThan(3);
    expect(result.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(result.stderr).toMatch(/invalid package: \d+ issue/);
  });

  it('does not start a package whose plugin fails its setup, and names the plugin in both languages at its manifest entry', async () => {
    const pkg = join(work, 'broken-plugin');
    mkdirSync(join(pkg, 'plugins'), { recursive: true });
    const base = relative(pkg, join(ROOT, 'packages/engine/src/resources/fixtures/households'));
    writeFileSync(join(pkg, 'zhili.yaml'), `id: broken-plugin\ntitle: 坏插件\nversion: 0.1.0\nextends: [${JSON.stringify(base)}]\nplugins: [plugins/broken.mjs]\n`);
    writeFileSync(join(pkg, 'plugins/broken.mjs'), "export default { name: 'broken', version: '1.0.0', setup() { throw new Error('no settings'); } };\n");
    for (const result of [await run('validate', pkg), await run('serve', pkg, '--db', `sqlite:${join(work, 'broken-plugin.db')}`, '--port', '0')]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('插件 broken 无法启用：setup 出错：no settings');
      expect(result.stderr).toContain('plugin broken cannot be enabled: setup failed: no settings');
      expect(result.stderr).toMatch(/broken-plugin\/zhili\.yaml:5:\d+ +\/plugins\/0/);
    }
  });

  it('migrates, seeds an empty database once, and refuses to seed it twice', async () => {
    const db = `sqlite:${join(work, 'seed.db')}`;
    expect((await run('migrate', CHANGZHOU, '--db', db)).code).toBe(0);
    const seeded = await run('seed', CHANGZHOU, '--db', db, '--scale', 'tiny');
    expect(seeded.stderr).not.toContain('Error');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('households');
    const again = await run('seed', CHANGZHOU, '--db', db, '--scale', 'tiny');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('empty database');
    expect((await run('migrate', CHANGZHOU, '--db', db)).stdout).toContain('up to date');
  });

  it('refuses a destructive migration, names the resource and field, and changes nothing', async () => {
    const file = join(work, 'destructive.db');
    const child = join(work, 'child');
    mkdirSync(join(child, 'resources'), { recursive: true });
    writeFileSync(
      join(child, 'zhili.yaml'),
      `id: child\ntitle: 子包\nversion: 0.1.0\nextends: ["${relative(child, CHANGZHOU)}"]\n`,
    );
    writeFileSync(
      join(child, 'resources/households.yaml'),
      'id: households\nschema:\n  type: object\n  properties:\n    petCount: { type: integer, title: 宠物数量 }\n',
    );
    expect((await run('migrate', child, '--db', `sqlite:${file}`)).code).toBe(0);
    const refused = await run('migrate', CHANGZHOU, '--db', `sqlite:${file}`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('households');
    expect(refused.stderr).toContain('petCount');
    const raw = new BetterSqlite3(file, { readonly: true });
    const columns = raw.prepare(`SELECT name FROM pragma_table_info('households')`).all() as { name: string }[];
    raw.close();
    expect(columns.map((c) => c.name)).toContain('petCount');
  });
});
