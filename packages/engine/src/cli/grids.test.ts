import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database.ts';
import { runCli } from '../testing/cli.ts';

const GAOXIAN = fileURLToPath(new URL('../../../../examples/gaoxian', import.meta.url));

describe('zhili grids rebuild|verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-grids-cli-'));
  const url = `sqlite:${join(dir, 'gaoxian.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds counters that drifted from the records, and rebuilds them', async () => {
    expect((await runCli('seed', GAOXIAN, '--db', url, '--scale', 'tiny')).code).toBe(0);
    expect(await runCli('grids', 'verify', GAOXIAN, '--db', url)).toMatchObject({ code: 0, stdout: expect.stringContaining('网格计数与记录一致') });
    const db = await openDatabase(url);
    await db.kysely.updateTable('zhili_grid_household_counts').set({ households: 9999 }).execute();
    await db.close();
    const drifted = await runCli('grids', 'verify', GAOXIAN, '--db', url);
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain('run zhili grids rebuild');
    expect(await runCli('grids', 'rebuild', GAOXIAN, '--db', url)).toMatchObject({ code: 0, stdout: expect.stringContaining('The grid counters are rebuilt') });
    expect((await runCli('grids', 'verify', GAOXIAN, '--db', url)).code).toBe(0);
  });

  it('says how to call it', async () => {
    expect(await runCli('grids', 'count', GAOXIAN)).toMatchObject({ code: 2, stderr: expect.stringContaining('zhili grids rebuild|verify') });
  });
});
