import type { BilingualText } from '@zhili/schemas';
import type { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import type { AppEnv } from '../api/env.ts';
import type { RecordFields } from '../resources/hooks.ts';
import { definePlugin } from './define.ts';
import type { PluginApi, RecordHookArgs, RecordHooks, ZhiliPlugin } from './types.ts';

// The plugin API is a promise to plugin authors: these checks fail the type-check (and so CI) when it changes.
describe('the plugin API’s types', () => {
  it('keeps what definePlugin is given, and takes a setup that may be async', () => {
    const plugin = definePlugin({ name: 'notes', version: '1.0.0', setup: async () => undefined });
    expectTypeOf(plugin).toExtend<ZhiliPlugin>();
    expectTypeOf(plugin.name).toEqualTypeOf<'notes'>();
    expectTypeOf<ZhiliPlugin['setup']>().parameters.toEqualTypeOf<[PluginApi]>();
    expectTypeOf<ZhiliPlugin['setup']>().returns.toEqualTypeOf<void | Promise<void>>();
    // @ts-expect-error a plugin has a version
    definePlugin({ name: 'no-version', setup: () => undefined });
  });

  it('registers record hooks, routes and refusals with these signatures', () => {
    expectTypeOf<PluginApi['plugin']>().toEqualTypeOf<{ readonly name: string; readonly version: string }>();
    expectTypeOf<PluginApi['onRecord']>().parameters.toEqualTypeOf<[readonly string[] | '*', RecordHooks]>();
    expectTypeOf<PluginApi['routes']>().parameters.toEqualTypeOf<[Hono<AppEnv>]>();
    expectTypeOf<PluginApi['reject']>().parameters.toEqualTypeOf<[Readonly<Record<string, BilingualText | readonly BilingualText[]>>]>();
    expectTypeOf<PluginApi['reject']>().returns.toEqualTypeOf<Error>();
    expectTypeOf<RecordHookArgs>().toEqualTypeOf<{ readonly actor: Actor; readonly resource: string; readonly fields: RecordFields }>();
    expectTypeOf<NonNullable<RecordHooks['beforeCreate']>>().returns.toEqualTypeOf<RecordFields | Promise<RecordFields>>();
    expectTypeOf<NonNullable<RecordHooks['beforeUpdate']>>().parameters.toEqualTypeOf<[RecordHookArgs & { readonly before: RecordFields }]>();
    const api = {} as PluginApi;
    // @ts-expect-error resources are named by id, or '*' for every one
    expectTypeOf(api.onRecord).toBeCallableWith(42, {});
  });
});
