import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { definePlugin } from './define.ts';

const GRID = '320404001001-01';
const ctx = { actor: DEV_ACTOR };

for (const dialect of DIALECTS) {
  describe(`record hooks around a write (${dialect})`, () => {
    let fixture: FixtureEngine;
    const log: string[] = [];
    const reports: string[] = [];

    beforeAll(async () => {
      const plugins = [
        definePlugin({
          name: 'care-follow-up',
          version: '1.0.0',
          setup(api) {
            api.onRecord(['households'], {
              // Reads and writes through the services: only possible once the write committed and let go of its connection.
              async afterCreate({ actor, record, services }) {
                const stored = await services.resources.get({ actor }, 'households', record.id);
                log.push(`created ${String(stored['householderName'])} v${stored.version}`);
                if (record['careLevel'] === undefined) await services.resources.update({ actor }, 'households', record.id, { version: stored.version, careLevel: 'normal' });
              },
              afterUpdate({ before, record }) {
                log.push(`updated ${String(before['careLevel'] ?? '-')} → ${String(record['careLevel'])}`);
              },
              beforeDelete({ record }) {
                if (record['careLevel'] === 'key') throw api.reject({ careLevel: { 'zh-CN': '重点关注户不能删除', en: 'a key household cannot be deleted' } });
              },
              afterDelete({ record }) {
                log.push(`deleted ${String(record['householderName'])}`);
              },
            });
          },
        }),
        definePlugin({
          name: 'broken-mailer',
          version: '1.0.0',
          setup: (api) =>
            api.onRecord('*', {
              afterDelete() {
                throw new Error('mail server down');
              },
            }),
        }),
      ];
      fixture = await openFixtureEngine(dialect, undefined, { plugins, reportPluginError: (plugin, what, error) => reports.push(`${plugin} ${what.en}: ${(error as Error).message}`) });
    });
    afterAll(async () => {
      await fixture?.drop();
    });

    const create = (fields: Record<string, unknown>) =>
      fixture.engine.resources.create(ctx, 'households', { orgCode: GRID, address: '兰陵苑1幢', householderName: '李明', memberCount: 2, ...fields });

    it('runs after hooks once the write committed: they read and write through the services, and their own writes run the hooks too', async () => {
      const created = await create({ householderName: '李明' });
      expect(log).toEqual(['created 李明 v1', 'updated - → normal']);
      const stored = await fixture.engine.resources.get(ctx, 'households', created.id);
      expect(stored).toMatchObject({ version: 2, careLevel: 'normal' });
    });

    it('lets a before-delete hook keep a record with its field error, and reports an after hook’s error without undoing the delete', async () => {
      const kept = await create({ householderName: '王强', careLevel: 'key' });
      await expect(fixture.engine.resources.remove(ctx, 'households', kept.id, kept.version)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fieldErrors: { careLevel: [{ en: 'a key household cannot be deleted' }] },
      });
      expect((await fixture.engine.resources.get(ctx, 'households', kept.id)).id).toBe(kept.id);

      log.length = 0;
      const gone = await create({ householderName: '赵丽', careLevel: 'normal' });
      await fixture.engine.resources.remove(ctx, 'households', gone.id, gone.version);
      await expect(fixture.engine.resources.get(ctx, 'households', gone.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(log).toEqual(['created 赵丽 v1', 'deleted 赵丽']);
      expect(reports).toEqual(['broken-mailer after-write record hook: mail server down']);
    });

    it('runs no after hook of a write that was rolled back', async () => {
      log.length = 0;
      await expect(create({ memberCount: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      const keyHousehold = await create({ householderName: '孙伟', careLevel: 'key' });
      log.length = 0;
      await expect(fixture.engine.resources.remove(ctx, 'households', keyHousehold.id, keyHousehold.version)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(log).toEqual([]);
    });
  });
}
