import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { openEngine } from '../runtime/open-engine.ts';
import { runCli } from '../testing/cli.ts';
import { addHouseholds } from '../testing/grids.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));

describe('zhili points verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-points-cli-'));
  const url = `sqlite:${join(dir, 'changzhou.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a balance that drifted from its postings', async () => {
    const opened = await openEngine({ packageDir: CHANGZHOU, dbUrl: url });
    if (!opened.ok) throw new Error('migration refused');
    const { engine } = opened;
    const [holder] = (await addHouseholds(engine, '320402003011001', 1)) as [string];
    await engine.points.award({ actor: DEV_ACTOR }, 'renren', { holder, rule: 'LZ-01' });
    await engine.points.redeem({ actor: DEV_ACTOR }, 'renren', { holder, item: 'DH-05' }).catch(() => undefined);
    await engine.close();
    expect(await runCli('points', 'verify', CHANGZHOU, '--db', url)).toMatchObject({ code: 0, stdout: expect.stringContaining('积分账本一致') });

    const again = await openEngine({ packageDir: CHANGZHOU, dbUrl: url });
    if (!again.ok) throw new Error('migration refused');
    await again.engine.db.kysely.updateTable('zhili_points_accounts').set({ balance: 500 }).where('holder_id', '=', holder).execute();
    await again.engine.close();
    const drifted = await runCli('points', 'verify', CHANGZHOU, '--db', url);
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain('balance-drift');
    expect(drifted.stderr).toContain('breaks 1 invariant');
  });

  it('says how to call it', async () => {
    expect(await runCli('points', 'check', CHANGZHOU)).toMatchObject({ code: 2, stderr: expect.stringContaining('zhili points verify') });
  });
});
