import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR, SYSTEM_ACTOR } from '../actor/actor.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { addHouseholds, addStaff } from '../testing/grids.ts';

const PATROLS = fileURLToPath(new URL('./fixtures/patrols', import.meta.url));
const GRID = '320404001012001';

for (const dialect of DIALECTS) {
  describe(`cadences backed by records (${dialect})`, () => {
    let fixture: FixtureEngine;
    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PATROLS, { now: () => new Date('2026-11-20T02:00:00Z') });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('counts the weeks (from Monday) and months of the period with a matching record on each grid', async () => {
      const { engine } = fixture;
      const [household = ''] = await addHouseholds(engine, GRID, 1);
      const visitor = await addStaff(engine, GRID, 'full_time');
      const visit = (visitDate: string, kind: string) => ({ orgCode: GRID, householdId: household, visitorId: visitor, visitDate, kind });
      await engine.resources.insertMany({ actor: SYSTEM_ACTOR }, 'visits', [visit('2026-03-02', 'patrol'), visit('2026-03-08', 'patrol'), visit('2026-03-09', 'patrol'), visit('2026-03-20', 'visit')]);
      const report = await engine.grids.compliance({ actor: DEV_ACTOR }, { org: GRID, period: '2026-03' });
      const violations = report.grids.find((g) => g.code === GRID)?.violations ?? [];
      expect(violations.find((v) => v.rule === 'weekly-patrol')).toMatchObject({ figures: { periodsDone: 2, periods: 6, every: 'week' } });
      expect(violations.find((v) => v.rule === 'weekly-patrol')?.message['zh-CN']).toBe(`网格 ${GRID}（第一网格）: 周巡查 2 / 6 周有记录`);
      expect(violations.filter((v) => v.rule === 'monthly-patrol')).toEqual([]);
      expect(report.rules.find((r) => r.id === 'weekly-patrol')?.note).toBeNull();
    });
  });
}
