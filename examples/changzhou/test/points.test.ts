import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '@zhili/engine';
import { addHouseholds, DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './changzhou.ts';

/** A grid of 三堡街社区 (钟楼区五星街道), where 人人社区 began. */
const GRID = '320404001012001';
const SCHEME = 'renren';
const ctx = { actor: DEV_ACTOR };

for (const dialect of DIALECTS) {
  describe(`Changzhou 人人社区 points (${dialect})`, () => {
    let fixture: FixtureEngine;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR, { now: () => new Date('2026-11-20T02:00:00Z') });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('keeps points per household across the four areas, redeems them at the 人人兑换铺, and pays service to the elderly in time coins', async () => {
      const { engine } = fixture;
      const [household, neighbour] = (await addHouseholds(engine, GRID, 2)) as [string, string];
      // 文明守约、履职自治、社团活动、志愿服务
      await engine.points.award(ctx, SCHEME, { holder: household, rule: 'WM-02' });
      await engine.points.award(ctx, SCHEME, { holder: household, rule: 'LZ-02' });
      await engine.points.award(ctx, SCHEME, { holder: household, rule: 'ST-02' });
      const claim = await engine.points.claim(ctx, SCHEME, { holder: household, rule: 'ZY-01', quantity: 8 });
      await engine.points.decide(ctx, SCHEME, claim.id, { approve: true, version: claim.version });
      expect((await engine.points.account(ctx, SCHEME, household)).balance).toBe(5 + 10 + 5 + 16);
      // 负面行为清单
      await engine.points.award(ctx, SCHEME, { holder: household, rule: 'FM-03' });
      await engine.points.redeem(ctx, SCHEME, { holder: household, item: 'DH-01' });
      expect((await engine.points.account(ctx, SCHEME, household)).balance).toBe(1);
      // 时间银行
      await engine.points.timeEarn(ctx, SCHEME, { holder: household, service: 'SJ-05', hours: 4 });
      await engine.points.timeDonate(ctx, SCHEME, { holder: household, to: neighbour, hours: 4 });
      expect((await engine.points.account(ctx, SCHEME, neighbour)).timeBalance).toBe(4);
      expect(await engine.points.verify()).toEqual([]);
    });

    it('refuses a household a second bag of rice in one month', async () => {
      const { engine } = fixture;
      const [household] = (await addHouseholds(engine, GRID, 1)) as [string];
      // 楼道长履职 is capped at 10 a month: the second award of the month is refused.
      await engine.points.award(ctx, SCHEME, { holder: household, rule: 'LZ-02' });
      await expect(engine.points.award(ctx, SCHEME, { holder: household, rule: 'LZ-02' })).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
      for (let i = 0; i < 12; i++) await engine.points.award(ctx, SCHEME, { holder: household, rule: 'ST-02' });
      expect((await engine.points.account(ctx, SCHEME, household)).balance).toBe(70);
      await engine.points.redeem(ctx, SCHEME, { holder: household, item: 'DH-02' });
      await expect(engine.points.redeem(ctx, SCHEME, { holder: household, item: 'DH-02' })).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
      expect((await engine.points.account(ctx, SCHEME, household)).balance).toBe(10);
    });
  });
}
