import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '@zhili/engine';
import { addHouseholds, addStaff, addVisits, DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './gaoxian.ts';

/** Old-compound grids of 硕勋社区 (kind old) and a new one (kind new). */
const OLD_GRID = '511525101001001001';
const OLD_GRID_2 = '511525101001001002';
const NEW_GRID = '511525101001003001';
const ctx = { actor: DEV_ACTOR };

for (const dialect of DIALECTS) {
  describe(`Gaoxian grid rules (${dialect})`, () => {
    let fixture: FixtureEngine;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR, { now: () => new Date('2026-11-20T02:00:00Z') });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('holds a 151-household grid in an old compound to be over its cap of 150, and 150 or a 300-household new one not', async () => {
      const { engine } = fixture;
      await addHouseholds(engine, OLD_GRID, 151);
      await addHouseholds(engine, OLD_GRID_2, 150);
      await addHouseholds(engine, NEW_GRID, 300);
      const report = await engine.grids.compliance(ctx, { org: '511525101001', period: '2026' });
      const caps = report.grids.flatMap((g) => g.violations).filter((v) => v.rule === 'household-cap');
      expect(caps).toHaveLength(1);
      expect(caps[0]).toMatchObject({
        kind: 'household-cap',
        hard: true,
        subject: { type: 'grid', code: OLD_GRID },
        figures: { households: 151, cap: 150, gridType: 'old' },
      });
      expect(caps[0]?.message['zh-CN']).toBe(`网格 ${OLD_GRID}（第一网格）: 151 户 > 上限 150`);
      expect(caps[0]?.message.en).toBe(`Grid ${OLD_GRID} (第一网格): 151 households > cap 150`);
    });

    it('refuses to move a household into a full old-compound grid (hard rule), with the rule in the message', async () => {
      const { engine } = fixture;
      const [moving] = await addHouseholds(engine, NEW_GRID, 1);
      await expect(engine.grids.maintenance.moveHouseholds(ctx, { households: [moving], to: OLD_GRID_2 })).rejects.toMatchObject({
        code: 'RULE_VIOLATED',
        status: 422,
        text: { 'zh-CN': expect.stringContaining('151 户 > 上限 150') },
      });
      const report = await engine.grids.compliance(ctx, { org: OLD_GRID_2 });
      expect(report.counts.households).toBe(150);
      expect(report.grids.flatMap((g) => g.violations).filter((v) => v.rule === 'household-cap')).toEqual([]);
    });

    it('counts each comprehensive grid worker against 200 visits a month, and a worker without recorded pay against the 1,650 yuan floor', async () => {
      const { engine } = fixture;
      const grid = '511525101001003002';
      const households = await addHouseholds(engine, grid, 20);
      const short = await addStaff(engine, grid, 'comprehensive', { monthlyPay: 1800 });
      const enough = await addStaff(engine, grid, 'comprehensive', { monthlyPay: 1650 });
      const unpaid = await addStaff(engine, grid, 'comprehensive');
      await addVisits(engine, { gridCode: grid, visitorId: short, households, count: 199, from: '2026-03-01' });
      await addVisits(engine, { gridCode: grid, visitorId: enough, households, count: 200, from: '2026-03-01' });
      await addVisits(engine, { gridCode: grid, visitorId: unpaid, households, count: 200, from: '2026-03-01' });
      const report = await engine.grids.compliance(ctx, { org: grid, period: '2026-03' });
      const quota = report.workers.flatMap((w) => w.violations).filter((v) => v.rule === 'monthly-visits');
      expect(quota.map((v) => v.subject.id)).toEqual([short]);
      expect(quota[0]?.figures).toMatchObject({ visits: 199, required: 200 });
      expect(quota[0]?.message['zh-CN']).toBe(`王小明（网格 ${grid}）: 199 / 200 次走访（2026-03）`);
      const pay = report.workers.flatMap((w) => w.violations).filter((v) => v.rule === 'worker-pay');
      expect(pay.map((v) => v.subject.id)).toEqual([unpaid]);
      expect(pay[0]?.message['zh-CN']).toContain('月工资报酬 未登记');
    });
  });
}
