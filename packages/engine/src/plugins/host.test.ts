import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createAjv, toBilingualFieldErrors } from '@zhili/schemas';
import { EngineError } from '../errors/engine-error.ts';
import { definePlugin } from './define.ts';
import { PluginError, setupPlugins } from './host.ts';
import type { GridRuleKind } from '../grids/rules/kind.ts';
import type { PluginHost } from './host.ts';
import type { PluginApi } from './types.ts';

const noop = definePlugin({ name: 'noop', version: '1.0.0', setup: () => undefined });

/** The record hook of a host, bound to no services (these tests run the before hooks only) and to a reporter that fails the test. */
const recordHook = (host: PluginHost) =>
  host.hooks(
    () => {
      throw new Error('no services in this test');
    },
    (plugin, _what, error) => {
      throw new Error(`unexpected report from ${plugin}: ${String(error)}`);
    },
  ).record;

/** A grid rule kind with nothing to find. */
const quietKind = (kind: string): GridRuleKind => ({ kind, title: { 'zh-CN': kind, en: kind }, hard: false, schema: { type: 'object', properties: {} }, evaluate: async () => ({ violations: [] }) });

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
    const hook = recordHook(host);
    expect(hook.appliesTo('households')).toBe(true);
    expect(hook.appliesTo('visits')).toBe(false);
    const stored = await hook.beforeCreate({ trx: null as never, actor: null as never, resource: { id: 'households' } as never, fields: {} });
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
    const create = (fields: Record<string, unknown>) => recordHook(host).beforeCreate({ trx: null as never, actor: null as never, resource: { id: 'x' } as never, fields });
    await expect(create({})).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { address: [{ 'zh-CN': '必须填写住址', en: 'the address is required' }] } });
    const failure = await create({ address: 'a' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).text['zh-CN']).toBe('插件 strict 的记录钩子出错');
  });

  it('adds grid rule kinds to the engine’s, and refuses a kind the engine or another plugin has, naming the owner', async () => {
    const host = await setupPlugins([definePlugin({ name: 'kinds', version: '1.0.0', setup: (api) => api.gridRuleKind(quietKind('group-visits')) })]);
    expect([...host.gridRuleKinds.keys()]).toContain('must-visit');
    expect(host.gridRuleKinds.get('group-visits')?.kind).toBe('group-visits');
    const engines = await refusal([definePlugin({ name: 'shadow', version: '1.0.0', setup: (api) => api.gridRuleKind(quietKind('must-visit')) })]);
    expect(engines.text.en).toBe("the grid rule kind must-visit is one of the engine's");
    const taken = await refusal([
      definePlugin({ name: 'first', version: '1.0.0', setup: (api) => api.gridRuleKind(quietKind('group-visits')) }),
      definePlugin({ name: 'second', version: '1.0.0', setup: (api) => api.gridRuleKind(quietKind('group-visits')) }),
    ]);
    expect(taken.plugin).toBe('second');
    expect(taken.text['zh-CN']).toBe('网格规则类型 group-visits 已由插件 first 注册');
  });

  it('collects council rule kinds, refusing one another plugin has', async () => {
    const kind = { kind: 'cross-appointment', title: { 'zh-CN': '交叉任职', en: 'Cross-appointment' }, schema: { type: 'object' }, evaluate: () => null };
    const host = await setupPlugins([definePlugin({ name: 'councils', version: '1.0.0', setup: (api) => api.councilRuleKind(kind) })]);
    expect([...host.councilRuleKinds.keys()]).toEqual(['cross-appointment']);
    const taken = await refusal([
      definePlugin({ name: 'first', version: '1.0.0', setup: (api) => api.councilRuleKind(kind) }),
      definePlugin({ name: 'second', version: '1.0.0', setup: (api) => api.councilRuleKind(kind) }),
    ]);
    expect([taken.plugin, taken.text.en]).toEqual(['second', 'the council rule kind cross-appointment is registered by plugin first already']);
    expect((await refusal([definePlugin({ name: 'bad', version: '1.0.0', setup: (api) => api.councilRuleKind({ ...kind, title: 'x' } as never) })])).text.en).toContain('a title in both languages');
  });

  it('collects points rule kinds, refusing one another plugin has or one that cannot count', async () => {
    const kind = { kind: 'tiered-hours', title: { 'zh-CN': '分段', en: 'Tiers' }, schema: { type: 'object' }, points: () => 1 };
    const host = await setupPlugins([definePlugin({ name: 'points', version: '1.0.0', setup: (api) => api.pointsRuleKind(kind) })]);
    expect([...host.pointsRuleKinds.keys()]).toEqual(['tiered-hours']);
    const taken = await refusal([
      definePlugin({ name: 'first', version: '1.0.0', setup: (api) => api.pointsRuleKind(kind) }),
      definePlugin({ name: 'second', version: '1.0.0', setup: (api) => api.pointsRuleKind(kind) }),
    ]);
    expect(taken.text.en).toBe('the points rule kind tiered-hours is registered by plugin first already');
    expect((await refusal([definePlugin({ name: 'bad', version: '1.0.0', setup: (api) => api.pointsRuleKind({ ...kind, points: 3 } as never) })])).text.en).toContain('schema and points');
  });

  it('keeps scheduled jobs with their plugin, and refuses a bad interval or a name given twice', async () => {
    const run = () => undefined;
    const host = await setupPlugins([definePlugin({ name: 'nightly', version: '1.0.0', setup: (api) => api.job('tidy', { everyMinutes: 60, run }) })]);
    expect(host.jobs.map((j) => [j.plugin, j.name, j.everyMinutes])).toEqual([['nightly', 'tidy', 60]]);
    expect((await refusal([definePlugin({ name: 'eager', version: '1.0.0', setup: (api) => api.job('spin', { everyMinutes: 0, run }) })])).text.en).toContain('runs every 1 to 10080 minutes');
    const twice = await refusal([
      definePlugin({
        name: 'twice',
        version: '1.0.0',
        setup(api) {
          api.job('tidy', { everyMinutes: 5, run });
          api.job('tidy', { everyMinutes: 10, run });
        },
      }),
    ]);
    expect(twice.text.en).toBe('the job tidy is registered already');
  });

  it('passes a before-transition or before-posting refusal through, and names the plugin of any other error', async () => {
    const host = await setupPlugins([
      definePlugin({
        name: 'guard',
        version: '1.0.0',
        setup(api) {
          api.beforeTransition('*', ({ data }) => {
            if (data['why'] === undefined) throw api.reject({ 'data.why': { 'zh-CN': '请说明理由', en: 'give a reason' } });
          });
          api.beforePosting(['renren'], () => {
            throw new RangeError('bug');
          });
        },
      }),
    ]);
    const hooks = host.hooks(
      () => ({}) as never,
      () => undefined,
    );
    expect([hooks.guardsTransitions, hooks.guardsPostings]).toEqual([true, true]);
    const event = { actor: null as never, workflow: 'w', transition: 't', caseId: 'c', resource: 'r', recordId: 'i', from: 'a', to: 'b', data: {}, at: '2026-12-06T00:00:00.000Z' };
    await expect(hooks.beforeTransition(event)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { 'data.why': [{ en: 'give a reason' }] } });
    await expect(hooks.beforeTransition({ ...event, data: { why: '…' } })).resolves.toBeUndefined();
    const posting = { actor: null as never, scheme: 'renren', kind: 'award' as const, rule: 'WM-01', item: null, holder: 'h', quantity: 1, amount: 1 };
    await expect(hooks.beforePosting(posting)).rejects.toMatchObject({ code: 'INTERNAL', text: { 'zh-CN': '插件 guard 的记账前钩子出错' } });
    await expect(hooks.beforePosting({ ...posting, scheme: 'other' })).resolves.toBeUndefined();
  });

  it('reports an after hook’s error with the plugin’s name and goes on with the next plugin', async () => {
    const seen: string[] = [];
    const reports: string[] = [];
    const host = await setupPlugins([
      definePlugin({
        name: 'flaky',
        version: '1.0.0',
        setup: (api) =>
          api.onTransition('*', () => {
            throw new Error('mail server down');
          }),
      }),
      definePlugin({ name: 'steady', version: '1.0.0', setup: (api) => api.onTransition(['need-claiming'], ({ caseId }) => void seen.push(caseId)) }),
    ]);
    const hooks = host.hooks(
      () => ({}) as never,
      (plugin, what, error) => reports.push(`${plugin}: ${what.en}: ${(error as Error).message}`),
    );
    expect(hooks.watchesTransitions).toBe(true);
    expect(hooks.watchesPostings).toBe(false);
    const event = { actor: null as never, workflow: 'need-claiming', transition: 'claim', caseId: 'c1', resource: 'resident_needs', recordId: 'r1', from: 'open', to: 'claimed', data: {}, at: '2026-12-06T00:00:00.000Z' };
    await hooks.transitionTaken(event);
    await hooks.transitionTaken({ ...event, workflow: 'other', caseId: 'c2' });
    expect(seen).toEqual(['c1']);
    expect(reports).toEqual(['flaky: transition hook: mail server down', 'flaky: transition hook: mail server down']);
  });

  it('collects formats and keywords for the engine’s ajv, refusing a name that exists or another plugin has, and a keyword ajv cannot take', async () => {
    const even = { name: 'even-digits', validate: (v: string) => /^(\d\d)+$/.test(v), message: { 'zh-CN': '应为偶数位数字', en: 'has an even number of digits' } };
    const notAfter = {
      keyword: 'x-not-after',
      type: 'string' as const,
      metaSchema: { type: 'string', format: 'date' },
      validate: (limit: unknown, data: unknown) => String(data) <= String(limit),
      message: (limit: unknown) => ({ 'zh-CN': `不能晚于 ${String(limit)}`, en: `must not be after ${String(limit)}` }),
    };
    const host = await setupPlugins([
      definePlugin({
        name: 'checks',
        version: '1.0.0',
        setup(api) {
          api.format(even);
          api.keyword(notAfter);
        },
      }),
    ]);
    const validate = createAjv({}, host.ajv).compile({
      type: 'object',
      properties: { code: { type: 'string', format: 'even-digits' }, day: { type: 'string', 'x-not-after': '2026-12-31' } },
    });
    expect(validate({ code: '1234', day: '2026-01-01' })).toBe(true);
    expect(validate({ code: '123', day: '2027-01-01' })).toBe(false);
    expect(toBilingualFieldErrors(validate.errors ?? [])).toEqual({
      code: [{ 'zh-CN': '应为偶数位数字', en: 'has an even number of digits' }],
      day: [{ 'zh-CN': '不能晚于 2026-12-31', en: 'must not be after 2026-12-31' }],
    });

    const format = (definition: object) => definePlugin({ name: 'fmt', version: '1.0.0', setup: (api) => api.format(definition as never) });
    expect((await refusal([format({ ...even, name: 'cn-id-card' })])).text.en).toBe('the format cn-id-card exists already');
    expect((await refusal([format({ ...even, name: 'email' })])).text.en).toBe('the format email exists already');
    expect((await refusal([format({ name: 'no-message', validate: () => true })])).text.en).toContain('a message in both languages');
    const twice = await refusal([format(even), definePlugin({ name: 'again', version: '1.0.0', setup: (api) => api.format(even) })]);
    expect([twice.plugin, twice.text.en]).toEqual(['again', 'the format even-digits is registered by plugin fmt already']);
    const keyword = (definition: object) => definePlugin({ name: 'kw', version: '1.0.0', setup: (api) => api.keyword(definition as never) });
    expect((await refusal([keyword({ ...notAfter, keyword: 'maximum' })])).text.en).toContain('starting x-');
    expect((await refusal([keyword({ ...notAfter, keyword: 'x-unit' })])).text.en).toBe("the keyword x-unit is one of the engine's");
    expect((await refusal([keyword({ ...notAfter, metaSchema: { type: 'no-such-type' } })])).text.en).toMatch(/^the keyword x-not-after is invalid: /);
  });
});
