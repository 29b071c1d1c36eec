import type { BilingualText, FormatDefinition, KeywordDefinition, Locale, PointsPosting } from '@zhili/schemas';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import type { CouncilRuleContext, CouncilRuleKind } from '../councils/rule-kinds.ts';
import type { GridRuleKind } from '../grids/rules/kind.ts';
import type { PointsRuleContext, PointsRuleKind } from '../points/rule-kinds.ts';
import type { RecordFields } from '../resources/hooks.ts';
import type { ResourceRecord } from '../resources/service.ts';
import { definePlugin } from './define.ts';
import type { AfterRecordArgs, BeforePostingArgs, BeforeTransitionArgs, JobArgs, PluginApi, PluginEnv, PluginServices, PostingHookArgs, RecordHookArgs, RecordHooks, TransitionHookArgs, ZhiliPlugin } from './types.ts';

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
    expectTypeOf<PluginEnv['Variables']>().toEqualTypeOf<{ actor: Actor; locale: Locale; requestId: string; services: PluginServices }>();
    expectTypeOf<PluginApi['reject']>().parameters.toEqualTypeOf<[Readonly<Record<string, BilingualText | readonly BilingualText[]>>]>();
    expectTypeOf<PluginApi['reject']>().returns.toEqualTypeOf<Error>();
    expectTypeOf<RecordHookArgs>().toEqualTypeOf<{ readonly actor: Actor; readonly resource: string; readonly fields: RecordFields }>();
    expectTypeOf<NonNullable<RecordHooks['beforeCreate']>>().returns.toEqualTypeOf<RecordFields | Promise<RecordFields>>();
    expectTypeOf<NonNullable<RecordHooks['beforeUpdate']>>().parameters.toEqualTypeOf<[RecordHookArgs & { readonly before: RecordFields }]>();
    const api = {} as PluginApi;
    expectTypeOf(api.routes).toBeCallableWith(new Hono<PluginEnv>());
    // @ts-expect-error resources are named by id, or '*' for every one
    expectTypeOf(api.onRecord).toBeCallableWith(42, {});
  });

  it('hands plugins the services without a database handle, sessions or the audit writer', () => {
    expectTypeOf<PluginServices>().toEqualTypeOf<Omit<Engine, 'db' | 'close' | 'plugins' | 'auth' | 'audit'>>();
    expectTypeOf<PluginServices>().not.toHaveProperty('db');
    expectTypeOf<AfterRecordArgs>().toEqualTypeOf<{ readonly actor: Actor; readonly resource: string; readonly services: PluginServices }>();
  });

  it('registers delete and after hooks, transition and posting hooks, rule kinds and jobs with these signatures', () => {
    expectTypeOf<NonNullable<RecordHooks['beforeDelete']>>().parameters.toEqualTypeOf<[{ readonly actor: Actor; readonly resource: string; readonly record: ResourceRecord }]>();
    expectTypeOf<NonNullable<RecordHooks['afterCreate']>>().parameters.toEqualTypeOf<[AfterRecordArgs & { readonly record: ResourceRecord }]>();
    expectTypeOf<NonNullable<RecordHooks['afterUpdate']>>().parameters.toEqualTypeOf<[AfterRecordArgs & { readonly before: ResourceRecord; readonly record: ResourceRecord }]>();
    expectTypeOf<NonNullable<RecordHooks['afterDelete']>>().returns.toEqualTypeOf<void | Promise<void>>();
    expectTypeOf<PluginApi['onTransition']>().parameters.toEqualTypeOf<[readonly string[] | '*', (args: TransitionHookArgs) => void | Promise<void>]>();
    expectTypeOf<TransitionHookArgs>().toHaveProperty('data').toEqualTypeOf<Readonly<Record<string, unknown>>>();
    expectTypeOf<PluginApi['beforeTransition']>().parameters.toEqualTypeOf<[readonly string[] | '*', (args: BeforeTransitionArgs) => void | Promise<void>]>();
    expectTypeOf<BeforeTransitionArgs>().not.toHaveProperty('services');
    expectTypeOf<PluginApi['beforePosting']>().parameters.toEqualTypeOf<[readonly string[] | '*', (args: BeforePostingArgs) => void | Promise<void>]>();
    expectTypeOf<BeforePostingArgs>().toHaveProperty('amount').toEqualTypeOf<number>();
    expectTypeOf<PluginApi['onPosting']>().parameters.toEqualTypeOf<[readonly string[] | '*', (args: PostingHookArgs) => void | Promise<void>]>();
    expectTypeOf<PostingHookArgs>().toHaveProperty('posting').toEqualTypeOf<PointsPosting>();
    expectTypeOf<PluginApi['gridRuleKind']>().parameters.toEqualTypeOf<[GridRuleKind]>();
    expectTypeOf<PluginApi['councilRuleKind']>().parameters.toEqualTypeOf<[CouncilRuleKind]>();
    expectTypeOf<CouncilRuleKind['evaluate']>().parameters.toEqualTypeOf<[CouncilRuleContext]>();
    expectTypeOf<CouncilRuleKind['evaluate']>().returns.toEqualTypeOf<BilingualText | null>();
    expectTypeOf<PluginApi['pointsRuleKind']>().parameters.toEqualTypeOf<[PointsRuleKind]>();
    expectTypeOf<PointsRuleKind['points']>().parameters.toEqualTypeOf<[PointsRuleContext]>();
    expectTypeOf<PointsRuleKind['points']>().returns.toEqualTypeOf<number>();
    expectTypeOf<PluginApi['format']>().parameters.toEqualTypeOf<[FormatDefinition]>();
    expectTypeOf<PluginApi['keyword']>().parameters.toEqualTypeOf<[KeywordDefinition]>();
    expectTypeOf<PluginApi['job']>().parameters.toEqualTypeOf<[string, { readonly everyMinutes: number; run(args: JobArgs): void | Promise<void> }]>();
    expectTypeOf<JobArgs>().toEqualTypeOf<{ readonly actor: Actor; readonly services: PluginServices; readonly now: Date }>();
  });
});
