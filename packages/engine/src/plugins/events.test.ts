import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { addHouseholds } from '../testing/grids.ts';
import { definePlugin } from './define.ts';
import { startPluginJobs } from './jobs.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const GRID = '320402003011001';
const SCHEME = 'renren';
const ctx = { actor: DEV_ACTOR };

for (const dialect of DIALECTS) {
  describe(`plugins told of postings, and their scheduled jobs (${dialect})`, () => {
    let fixture: FixtureEngine;
    let household: string;
    const told: string[] = [];
    const reports: string[] = [];

    beforeAll(async () => {
      const plugins = [
        definePlugin({
          name: 'ledger-watch',
          version: '1.0.0',
          setup(api) {
            // Reads the balance through the services once the posting committed: the posting is in it.
            api.onPosting([SCHEME], async ({ actor, posting, services }) => {
              const account = posting.holder ? await services.points.account({ actor }, SCHEME, posting.holder) : null;
              told.push(`${posting.kind} ${posting.rule ?? posting.item ?? ''} ${posting.amount} by ${actor.id} → ${account?.balance ?? '-'}`);
            });
          },
        }),
        definePlugin({
          name: 'no-deductions-on-sunday',
          version: '1.0.0',
          setup(api) {
            api.beforePosting([SCHEME], ({ kind, rule, amount }) => {
              if (kind === 'deduct' && amount > 10) throw api.reject({ rule: { 'zh-CN': `扣分 ${String(rule)} 须经居民议事会`, en: `deducting ${String(rule)} takes the residents' council` } });
            });
          },
        }),
        definePlugin({
          name: 'monthly-bonus',
          version: '1.0.0',
          setup(api) {
            api.job('tidy-award', {
              everyMinutes: 60,
              async run({ actor, services }) {
                await services.points.award({ actor }, SCHEME, { holder: household, rule: 'WM-01', memo: '定时任务' });
              },
            });
            api.job('failing', {
              everyMinutes: 60,
              run() {
                throw new Error('no mail server');
              },
            });
          },
        }),
      ];
      fixture = await openFixtureEngine(dialect, CHANGZHOU, { plugins, now: () => new Date('2026-11-23T02:00:00Z') });
      [household] = (await addHouseholds(fixture.engine, GRID, 1)) as [string];
    });
    afterAll(async () => {
      await fixture?.drop();
    });

    it('tells a posting hook of each posting of its scheme once it committed, and not of a refused one', async () => {
      await fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'LZ-01' });
      await fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'LZ-01' });
      await fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'FM-02' });
      await expect(fixture.engine.points.redeem(ctx, SCHEME, { holder: household, item: 'DH-01' })).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
      expect(told).toEqual(['award LZ-01 5 by dev → 5', 'award LZ-01 5 by dev → 10', 'deduct FM-02 10 by dev → 0']);
    });

    it('lets a before-posting hook refuse a posting with its field error, writing nothing', async () => {
      told.length = 0;
      const before = (await fixture.engine.points.account(ctx, SCHEME, household)).balance;
      await fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'LZ-01' });
      await expect(fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'FM-01' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fieldErrors: { rule: [{ 'zh-CN': '扣分 FM-01 须经居民议事会' }] },
      });
      expect((await fixture.engine.points.account(ctx, SCHEME, household)).balance).toBe(before + 5);
      expect(told).toEqual([`award LZ-01 5 by dev → ${before + 5}`]);
      expect(await fixture.engine.points.verify()).toEqual([]);
    });

    it('runs the jobs at start as the plugin’s own actor, and reports a failing job with the plugin’s name', async () => {
      told.length = 0;
      const jobs = startPluginJobs(fixture.engine, { onError: (plugin, what, error) => reports.push(`${plugin} ${what.en}: ${(error as Error).message}`) });
      await jobs.stop();
      expect(told).toEqual(['award WM-01 1 by plugin:monthly-bonus → 6']);
      expect(reports).toEqual(['monthly-bonus scheduled job failing: no mail server']);
      const postings = await fixture.engine.points.postings(ctx, SCHEME, household, { page: 1, pageSize: 1 });
      expect(postings.data[0]).toMatchObject({ rule: 'WM-01', memo: '定时任务', actor: { id: 'plugin:monthly-bonus' } });
    });
  });
}
