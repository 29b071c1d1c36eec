import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { definePlugin } from './define.ts';

const GAOXIAN = fileURLToPath(new URL('../../../../examples/gaoxian', import.meta.url));
const GRID = '511525101001001001';
const ctx = { actor: DEV_ACTOR };

for (const dialect of DIALECTS) {
  describe(`hooks around a workflow transition (${dialect})`, () => {
    let fixture: FixtureEngine;
    const taken: string[] = [];

    beforeAll(async () => {
      const plugins = [
        definePlugin({
          name: 'known-claimants',
          version: '1.0.0',
          setup(api) {
            api.beforeTransition(['need-claiming'], ({ transition, data }) => {
              if (transition === 'claim' && String(data['claimant']).includes('测试')) {
                throw api.reject({ 'data.claimant': { 'zh-CN': '认领方须为登记在册的单位', en: 'the claimant must be a registered organisation' } });
              }
            });
            api.onTransition(['need-claiming'], ({ transition, from, to }) => void taken.push(`${transition}: ${from} → ${to}`));
          },
        }),
      ];
      fixture = await openFixtureEngine(dialect, GAOXIAN, { plugins, now: () => new Date('2026-11-23T02:00:00Z') });
    });
    afterAll(async () => {
      await fixture?.drop();
    });

    it('lets a before-transition hook refuse a transition with a field error, leaving the case as it was, and tells the after hook of those taken', async () => {
      const { workflows } = fixture.engine;
      const opened = await workflows.open(ctx, 'need-claiming', { record: { orgCode: GRID, title: '楼道照明' } });
      await workflows.transition(ctx, opened.id, { action: 'post', version: 1 });
      await expect(workflows.transition(ctx, opened.id, { action: 'claim', version: 2, data: { claimant: '测试单位', claimantKind: 'merchant' } })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fieldErrors: { 'data.claimant': [{ en: 'the claimant must be a registered organisation' }] },
      });
      expect(await workflows.get(ctx, opened.id)).toMatchObject({ state: 'open', version: 2 });
      await workflows.transition(ctx, opened.id, { action: 'claim', version: 2, data: { claimant: '县住建局', claimantKind: 'department' } });
      expect(taken).toEqual(['post: collected → open', 'claim: open → claimed']);
    });
  });
}
