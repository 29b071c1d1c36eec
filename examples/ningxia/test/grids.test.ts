import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '@zhili/engine';
import { addHouseholds, addStaff, addVisits, DIALECTS, openFixtureEngine, type FixtureEngine } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './ningxia.ts';

/** Villager groups (the grids) of one village. */
const GROUP_1 = '640121104205001';
const GROUP_2 = '640121104205002';
const ctx = { actor: DEV_ACTOR };

for (const dialect of DIALECTS) {
  describe(`Ningxia grid rules (${dialect})`, () => {
    let fixture: FixtureEngine;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR, { now: () => new Date('2026-11-20T02:00:00Z') });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('holds a villager-group grid with three grid workers to break the 1–2 rule, and one with two not', async () => {
      const { engine } = fixture;
      for (let i = 0; i < 3; i++) await addStaff(engine, GROUP_1, 'part_time');
      for (let i = 0; i < 2; i++) await addStaff(engine, GROUP_2, 'part_time');
      await addStaff(engine, GROUP_2, 'volunteer');
      const report = await engine.grids.compliance(ctx, { org: '640121104205' });
      const staffing = report.grids.flatMap((g) => g.violations).filter((v) => v.rule === 'grid-workers');
      expect(staffing.map((v) => v.subject.code)).toContain(GROUP_1);
      expect(staffing.filter((v) => v.subject.code === GROUP_2)).toEqual([]);
      const three = staffing.find((v) => v.subject.code === GROUP_1);
      expect(three).toMatchObject({ hard: true, figures: { staff: 3, max: 2 } });
      expect(three?.message['zh-CN']).toBe(`网格 ${GROUP_1}（第一村民小组）: 网格员 3 人 > 至多 2 人`);
    });

    it('refuses a third grid worker on a group through grid maintenance, and assigns a second', async () => {
      const { engine } = fixture;
      const grid = '640121104205003';
      const first = await addStaff(engine, grid, 'part_time');
      const second = await addStaff(engine, GROUP_2, 'part_time', { status: 'left' });
      const third = await addStaff(engine, GROUP_1, 'part_time');
      const result = await engine.grids.maintenance.assignStaff(ctx, grid, { staff: second });
      expect(result.caused.filter((v) => v.rule === 'grid-workers')).toEqual([]);
      await expect(engine.grids.maintenance.assignStaff(ctx, grid, { staff: third })).rejects.toMatchObject({ code: 'RULE_VIOLATED', status: 422 });
      const staff = await engine.db.kysely.selectFrom('grid_staff').select(['id', 'org_path']).where('id', 'in', [first, second, third]).execute();
      expect(staff.filter((s) => String(s.org_path).endsWith(`/${grid}/`))).toHaveLength(2);
    });

    it('reports must-visit households not visited for a month, and the 2018 coverage target as missed while grids have no households', async () => {
      const { engine } = fixture;
      await addHouseholds(engine, GROUP_2, 3, { mustVisit: true });
      const report = await engine.grids.compliance(ctx, { org: '640121104205', period: '2026' });
      const due = report.grids.flatMap((g) => g.violations).find((v) => v.rule === 'special-groups' && v.subject.code === GROUP_2);
      expect(due).toMatchObject({ figures: { households: 3, neverVisited: 3, intervalDays: 30 } });
      expect(due?.message['zh-CN']).toBe(`网格 ${GROUP_2}（第二村民小组）: 3 户重点走访对象 30 天以上未经本组网格员走访（其中 3 户本组网格员从未走访）`);
      const target = report.units.flatMap((u) => u.violations).find((v) => v.rule === 'coverage-2018');
      expect(target?.figures).toMatchObject({ target: 1, by: '2018-06-30' });
    });

    it('counts a special-group household as visited only by a grid worker of its own villager group (the own-group-visits plugin)', async () => {
      const { engine } = fixture;
      const group = '640121104205004';
      const [byNeighbour, byVolunteer, byOwn] = await addHouseholds(engine, group, 3, { mustVisit: true });
      const neighbour = await addStaff(engine, '640121104205005', 'part_time');
      const volunteer = await addStaff(engine, group, 'volunteer');
      const own = await addStaff(engine, group, 'grid_leader');
      await addVisits(engine, { gridCode: group, visitorId: neighbour, households: [byNeighbour as string], count: 1, from: '2026-11-10' });
      await addVisits(engine, { gridCode: group, visitorId: volunteer, households: [byVolunteer as string], count: 1, from: '2026-11-11' });
      await addVisits(engine, { gridCode: group, visitorId: own, households: [byOwn as string], count: 1, from: '2026-11-12' });
      const report = await engine.grids.compliance(ctx, { org: group });
      const own4 = report.grids.flatMap((g) => g.violations).find((v) => v.rule === 'special-groups');
      expect(own4).toMatchObject({ kind: 'own-group-visit', figures: { households: 2, neverVisited: 2, intervalDays: 30 } });
      expect(report.rules.find((r) => r.id === 'special-groups')).toMatchObject({ title: { 'zh-CN': '本组网格员定期重点走访特殊群体' }, violations: 1 });

      await addVisits(engine, { gridCode: group, visitorId: own, households: [byNeighbour as string, byVolunteer as string], count: 2, from: '2026-11-13' });
      const after = await engine.grids.compliance(ctx, { org: group });
      expect(after.grids.flatMap((g) => g.violations).filter((v) => v.rule === 'special-groups')).toEqual([]);
    });
  });
}
