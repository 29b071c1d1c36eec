import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../runtime/open-engine.ts';
import { runCli as run } from '../testing/cli.ts';

const CHANGZHOU = join(resolve(import.meta.dirname, '../../../..'), 'examples/changzhou');
/** 钟楼区五星街道三堡街社区第一网格. */
const GRID = '320404001012001';
const work = mkdtempSync(join(tmpdir(), 'zhili-user-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


describe('zhili user', () => {
  const db = `sqlite:${join(work, 'users.db')}`;

  async function canLogIn(username: string, password: string): Promise<boolean> {
    const opened = await openEngine({ packageDir: CHANGZHOU, dbUrl: db });
    if (!opened.ok) throw new Error('migration refused');
    try {
      await opened.engine.auth.login({ username, password, ip: '127.0.0.1' });
      return true;
    } catch {
      return false;
    } finally {
      await opened.engine.close();
    }
  }

  it('adds a user with a role at an org unit, who can then log in', async () => {
    const added = await run('user', 'add', CHANGZHOU, '--db', db, '--username', 'chenxiuying', '--password', 'first-password', '--display-name', '陈秀英', '--role', 'grid-worker', '--org', GRID);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`grid-worker@${GRID}`);
    expect(await canLogIn('chenxiuying', 'first-password')).toBe(true);
    const listed = await run('user', 'list', CHANGZHOU, '--db', db);
    expect(listed.stdout).toContain(`chenxiuying\t陈秀英\tgrid-worker@${GRID}`);
  });

  it('sets a password and disables a user', async () => {
    expect((await run('user', 'passwd', CHANGZHOU, '--db', db, '--username', 'chenxiuying', '--password', 'second-password')).code).toBe(0);
    expect(await canLogIn('chenxiuying', 'first-password')).toBe(false);
    expect(await canLogIn('chenxiuying', 'second-password')).toBe(true);
    expect((await run('user', 'disable', CHANGZHOU, '--db', db, '--username', 'chenxiuying')).code).toBe(0);
    expect(await canLogIn('chenxiuying', 'second-password')).toBe(false);
    expect((await run('user', 'list', CHANGZHOU, '--db', db)).stdout).toContain('disabled');
  });

  it('refuses a taken username, an unknown role or unit and a short password with exit 1, naming each problem', async () => {
    const taken = await run('user', 'add', CHANGZHOU, '--db', db, '--username', 'chenxiuying', '--password', 'another-password');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('is taken');
    const invalid = await run('user', 'add', CHANGZHOU, '--db', db, '--username', 'liming', '--password', 'short', '--role', 'emperor', '--org', '000');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('password:');
    expect(invalid.stderr).toContain('roles.0.role: 没有角色“emperor”');
    expect(invalid.stderr).toContain('roles.0.orgCode:');
    expect((await run('user', 'disable', CHANGZHOU, '--db', db, '--username', 'nobody')).code).toBe(1);
  });

  it('exits 2 on a missing option, unpaired roles or an unknown subcommand', async () => {
    expect((await run('user', 'add', CHANGZHOU, '--db', db, '--username', 'x1')).code).toBe(2);
    expect((await run('user', 'add', CHANGZHOU, '--db', db, '--username', 'x1', '--password', 'long-enough', '--role', 'admin')).code).toBe(2);
    expect((await run('user', 'remove', CHANGZHOU, '--db', db)).code).toBe(2);
    expect((await run('user', 'list')).code).toBe(2);
  });
});
