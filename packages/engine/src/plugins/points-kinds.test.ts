import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { createApp } from '../api/app.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { addHouseholds } from '../testing/grids.ts';
import { childPackageIssues } from '../testing/packages.ts';
import { asClient, signIn } from '../testing/sessions.ts';

const PACKAGE = fileURLToPath(new URL('./fixtures/points-kinds', import.meta.url));
const GRID = '320402003011001';
const SCHEME = 'volunteer-hours';
const ctx = { actor: DEV_ACTOR };

for (const dialect of DIALECTS) {
  describe(`a points rule counted by a plugin's kind (${dialect})`, () => {
    let fixture: FixtureEngine;
    let household: string;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE, { now: () => new Date('2026-11-23T02:00:00Z') });
      [household] = (await addHouseholds(fixture.engine, GRID, 1)) as [string];
    });
    afterAll(async () => {
      await fixture?.drop();
    });

    it('posts what the kind counts — 4 hours at 2 points, then 1 point an hour — with the cap counted in it', async () => {
      expect((await fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'ZY-01', quantity: 3 })).amount).toBe(6);
      expect((await fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'ZY-01', quantity: 7 })).amount).toBe(11);
      await expect(fixture.engine.points.award(ctx, SCHEME, { holder: household, rule: 'ZY-01', quantity: 2 })).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
      expect((await fixture.engine.points.account(ctx, SCHEME, household)).balance).toBe(17);
      expect(await fixture.engine.points.verify()).toEqual([]);
    });

    it('shows in the meta how the kind counts the rule', async () => {
      const app = createApp(fixture.engine, { adminDir: null });
      const client = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'community-worker', orgCode: '320402003011' }] }));
      const meta = (await (await client.request('/api/meta?locale=zh-CN')).json()) as { points: { id: string; rules: { code: string; counting: string | null }[] }[] };
      const rule = meta.points.find((s) => s.id === SCHEME)?.rules.find((r) => r.code === 'ZY-01');
      expect(rule?.counting).toBe('按时长分段计分');
    });
  });
}

describe('points rules of kinds at load', () => {
  it('refuses, at their place, a kind no plugin adds, options the kind refuses and options without a kind', async () => {
    const rule = (code: string, extra: string) =>
      `  - { code: ${code}, category: volunteering, title: 服务, points: 2, unit: hour, maxQuantity: 8, roles: [community-worker]${extra} }`;
    const more = [
      'id: more',
      'title: 更多',
      'holder: { resource: households }',
      'categories: [{ id: volunteering, title: 志愿服务 }]',
      'rules:',
      rule('A-1', ', kind: no-such-kind'),
      rule('A-2', ', kind: tiered-hours, options: { fullHours: 0, laterPoints: 1 }'),
      rule('A-3', ', options: { fullHours: 2 }'),
      '',
    ].join('\n');
    const issues = await childPackageIssues(PACKAGE, { 'points/more.yaml': more });
    expect(issues.map((i) => `${i.line} ${i.path} ${i.message.en}`)).toEqual([
      '6 /rules/0/kind unknown points rule kind "no-such-kind" (known: tiered-hours)',
      '7 /rules/1/options/fullHours tiered-hours rule A-2: must be >= 1',
      '8 /rules/2/options only a rule with a kind takes options',
    ]);
  });
});
