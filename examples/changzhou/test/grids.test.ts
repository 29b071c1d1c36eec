import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '@zhili/engine';
import { addHouseholds, addStaff, addVisits, DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './changzhou.ts';

/** Grids of 三堡街社区 (钟楼区五星街道). */
const GRID_1 = '320404001012001';
const GRID_2 = '320404001012002';
const ctx = { actor: DEV_ACTOR };

/** A full 1+3+X team on a grid: the responsible social worker, three grid workers and a volunteer. */
async function team(fixture: FixtureEngine, grid: string, withSocialWorker = true): Promise<{ socialWorker: string | null; workers: string[] }> {
  const socialWorker = withSocialWorker ? await addStaff(fixture.engine, grid, 'social_worker') : null;
  const workers = [await addStaff(fixture.engine, grid, 'full_time'), await addStaff(fixture.engine, grid, 'part_time'), await addStaff(fixture.engine, grid, 'part_time')];
  await addStaff(fixture.engine, grid, 'volunteer');
  return { socialWorker, workers };
}

for (const dialect of DIALECTS) {
  describe(`Changzhou grid rules (${dialect})`, () => {
    let fixture: FixtureEngine;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR, { now: () => new Date('2026-11-20T02:00:00Z') });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('holds a worker with 299 visits in the year below the 300 a year, and one with 300 not', async () => {
      const { engine } = fixture;
      const households = await addHouseholds(engine, GRID_1, 30);
      const { socialWorker, workers } = await team(fixture, GRID_1);
      const [short = '', ...others] = workers;
      await addVisits(engine, { gridCode: GRID_1, visitorId: short, households, count: 299, from: '2025-03-01' });
      for (const id of [socialWorker ?? '', ...others]) await addVisits(engine, { gridCode: GRID_1, visitorId: id, households, count: 300, from: '2025-05-01' });
      const report = await engine.grids.compliance(ctx, { org: GRID_1, period: '2025' });
      const quota = report.workers.flatMap((w) => w.violations).filter((v) => v.rule === 'yearly-visits');
      expect(quota.map((v) => v.subject.id)).toEqual([short]);
      expect(quota[0]).toMatchObject({ hard: false, figures: { visits: 299, required: 300 } });
      expect(quota[0]?.message['zh-CN']).toBe(`王小明（网格 ${GRID_1}）: 299 / 300 次走访`);
      expect(report.grids.flatMap((g) => g.violations).filter((v) => v.kind === 'staffing')).toEqual([]);
    });

    it('holds a grid without its responsible social worker to break 1+3+X', async () => {
      const { engine } = fixture;
      await addHouseholds(engine, GRID_2, 5);
      await team(fixture, GRID_2, false);
      const report = await engine.grids.compliance(ctx, { org: GRID_2, period: '2026' });
      const missing = report.grids.flatMap((g) => g.violations).filter((v) => v.rule === 'responsible-social-worker');
      expect(missing).toHaveLength(1);
      expect(missing[0]).toMatchObject({ subject: { type: 'grid', code: GRID_2 }, figures: { staff: 0, min: 1 } });
      expect(missing[0]?.message['zh-CN']).toBe(`网格 ${GRID_2}（第二网格）: 责任社工 0 人 < 至少 1 人`);
    });

    it('lists the four cadences as not checked, for want of a resource that records them', async () => {
      const report = await fixture.engine.grids.compliance(ctx, { org: GRID_2 });
      const cadences = report.rules.filter((r) => r.kind === 'cadence');
      expect(cadences.map((r) => r.note?.['zh-CN'])).toEqual([
        '日巡查：每天一次（没有记录它的资源，不作核查）',
        '周督查：每周一次（没有记录它的资源，不作核查）',
        '月总结：每月一次（没有记录它的资源，不作核查）',
        '季结清：每季度一次（没有记录它的资源，不作核查）',
      ]);
    });
  });
}
