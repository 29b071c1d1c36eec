import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error.ts';
import { definePlugin } from './define.ts';
import { PluginError, setupPlugins } from './host.ts';
import type { PluginApi } from './types.ts';

const noop = definePlugin({ name: 'noop', version: '1.0.0', setup: () => undefined });

/** The PluginError a setup of these plugins stops with. */
async function refusal(plugins: readonly unknown[]): Promise<PluginError> {
  const error = await setupPlugins(plugins).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PluginError)) throw new Error(`expected a PluginError, got ${String(error)}`);
  return error;
}

describe('setupPlugins', () => {
  it('sets plugins up in the declared order and runs their record hooks in that order', async () => {
    const order: string[] = [];
    const tagging = (name: string) =>
      definePlugin({
        name,
        version: '1.0.0',
        setup(api) {
          order.push(name);
          api.onRecord(['households'], { beforeCreate: ({ fields }) => ({ ...fields, tags: [...((fields['tags'] as string[]) ?? []), name] }) });
        },
      });
    const host = await setupPlugins([tagging('first'), noop, tagging('second')]);
    expect(order).toEqual(['first', 'second']);
    expect(host.plugins.map((p) => p.name)).toEqual(['first', 'noop', 'second']);
    expect(host.recordHook.appliesTo('households')).toBe(true);
    expect(host.recordHook.appliesTo('visits')).toBe(false);
    const stored = await host.recordHook.beforeCreate({ trx: null as never, actor: null as never, resource: { id: 'households' } as never, fields: {} });
    expect(stored['tags']).toEqual(['first', 'second']);
  });

  it('refuses a name another plugin has, a malformed plugin and a failing setup, naming the plugin', async () => {
    expect((await refusal([noop, noop])).plugin).toBe('noop');
    expect((await refusal([{ name: 'Bad Name', version: '1.0.0', setup: () => undefined }])).text.en).toContain('lower-case');
    expect((await refusal([{ name: 'no-version', version: 'one', setup: () => undefined }])).plugin).toBe('no-version');
    expect((await refusal([{ name: 'no-setup', version: '1.0.0' }])).text['zh-CN']).toContain('setup');
    const failing = await refusal([definePlugin({ name: 'broken', version: '1.0.0', setup: () => { throw new Error('no config'); } })]);
    expect(failing.plugin).toBe('broken');
    expect(failing.text.en).toBe('setup failed: no config');
  });

  it('takes registrations during setup only, and one set of routes per plugin', async () => {
    let kept: PluginApi | null = null;
    await setupPlugins([definePlugin({ name: 'late', version: '1.0.0', setup: (api) => void (kept = api) })]);
    expect(() => kept?.onRecord('*', {})).toThrow(PluginError);
    const twice = await refusal([
      definePlugin({
        name: 'twice',
        version: '1.0.0',
        setup(api) {
          api.routes(new Hono());
          api.routes(new Hono());
        },
      }),
    ]);
    expect(twice.text.en).toBe('registers its routes once');
  });

  it('passes a hook’s refusal through as the field errors it names, and reports another failure with the plugin’s name', async () => {
    const host = await setupPlugins([
      definePlugin({
        name: 'strict',
        version: '1.0.0',
        setup(api) {
          api.onRecord('*', {
            beforeCreate: ({ fields }) => {
              if (fields['address'] === undefined) throw api.reject({ address: { 'zh-CN': '必须填写住址', en: 'the address is required' } });
              throw new TypeError('bug');
            },
          });
        },
      }),
    ]);
    const create = (fields: Record<string, unknown>) => host.recordHook.beforeCreate({ trx: null as never, actor: null as never, resource: { id: 'x' } as never, fields });
    await expect(create({})).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { address: [{ 'zh-CN': '必须填写住址', en: 'the address is required' }] } });
    const failure = await create({ address: 'a' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).text['zh-CN']).toBe('插件 strict 的记录钩子出错');
  });
});
