import type { BilingualText } from '@zhili/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../api/env.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import type { RecordFields, RecordWriteHook } from '../resources/hooks.ts';
import type { PluginApi, RecordHooks, ZhiliPlugin } from './types.ts';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** A plugin that cannot be set up: which, and why, in both languages. Start-up stops on it. */
export class PluginError extends Error {
  readonly plugin: string;
  readonly text: BilingualText;
  constructor(plugin: string, text: BilingualText, options: { cause?: unknown } = {}) {
    super(`plugin ${plugin}: ${text.en}`, { cause: options.cause });
    this.name = 'PluginError';
    this.plugin = plugin;
    this.text = text;
  }
}

/** What the plugins of a package registered, in their order, as the engine uses it. */
export interface PluginHost {
  /** The plugins set up, in order. */
  readonly plugins: readonly { readonly name: string; readonly version: string }[];
  /** The plugins' record hooks as one hook of the records service. */
  readonly recordHook: RecordWriteHook;
  /** Each plugin's routes, to mount at /api/plugins/<name>. */
  readonly routes: readonly { readonly plugin: string; readonly app: Hono<AppEnv> }[];
}

interface Registered {
  readonly plugin: string;
  readonly resources: readonly string[] | '*';
  readonly hooks: RecordHooks;
}

/**
 * Sets the plugins up in order. Each gets an API bound to it; what it registers is kept under its
 * name. Refused, with the plugin named: a malformed plugin (name, version, setup), a name another
 * plugin has, registering after setup, and a setup that throws.
 */
export async function setupPlugins(plugins: readonly unknown[]): Promise<PluginHost> {
  const registered: Registered[] = [];
  const routes: { plugin: string; app: Hono<AppEnv> }[] = [];
  const names = new Set<string>();
  const set: { name: string; version: string }[] = [];
  for (const candidate of plugins) {
    const plugin = checkShape(candidate);
    if (names.has(plugin.name)) {
      throw new PluginError(plugin.name, { 'zh-CN': `插件名 ${plugin.name} 已被另一个插件使用`, en: `the name ${plugin.name} is taken by another plugin` });
    }
    names.add(plugin.name);
    let open = true;
    const during = (what: string) => {
      if (!open) throw new PluginError(plugin.name, { 'zh-CN': `只能在 setup 中注册（${what}）`, en: `registers only during setup (${what})` });
    };
    const api: PluginApi = {
      plugin: { name: plugin.name, version: plugin.version },
      onRecord(resources, hooks) {
        during('onRecord');
        registered.push({ plugin: plugin.name, resources: resources === '*' ? '*' : [...resources], hooks });
      },
      routes(app) {
        during('routes');
        if (routes.some((r) => r.plugin === plugin.name)) {
          throw new PluginError(plugin.name, { 'zh-CN': '路由只能注册一次', en: 'registers its routes once' });
        }
        routes.push({ plugin: plugin.name, app });
      },
      reject(fieldErrors) {
        return errors.validation(Object.fromEntries(Object.entries(fieldErrors).map(([path, messages]) => [path, Array.isArray(messages) ? messages : [messages]])) as Record<string, BilingualText[]>);
      },
    };
    try {
      await plugin.setup(api);
    } catch (error) {
      if (error instanceof PluginError) throw error;
      throw new PluginError(plugin.name, { 'zh-CN': `setup 出错：${String((error as Error)?.message ?? error)}`, en: `setup failed: ${String((error as Error)?.message ?? error)}` }, { cause: error });
    } finally {
      open = false;
    }
    set.push({ name: plugin.name, version: plugin.version });
  }
  return { plugins: set, recordHook: recordHook(registered), routes };
}

/** The registered hooks as one records-service hook: in the plugins' order, a plugin's error other than a refusal reported with its name. */
function recordHook(registered: readonly Registered[]): RecordWriteHook {
  const applies = (r: Registered, resource: string) => r.resources === '*' || r.resources.includes(resource);
  const run = async (plugin: string, call: () => RecordFields | Promise<RecordFields>): Promise<RecordFields> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw new EngineError('INTERNAL', { 'zh-CN': `插件 ${plugin} 的记录钩子出错`, en: `The record hook of plugin ${plugin} failed` }, { cause: error });
    }
  };
  return {
    appliesTo: (resource) => registered.some((r) => applies(r, resource)),
    async beforeCreate({ actor, resource, fields }) {
      let out = fields;
      for (const r of registered) {
        const hook = r.hooks.beforeCreate;
        if (hook && applies(r, resource.id)) out = await run(r.plugin, () => hook({ actor, resource: resource.id, fields: out }));
      }
      return out;
    },
    async beforeUpdate({ actor, resource, before, fields }) {
      let out = fields;
      for (const r of registered) {
        const hook = r.hooks.beforeUpdate;
        if (hook && applies(r, resource.id)) out = await run(r.plugin, () => hook({ actor, resource: resource.id, before, fields: out }));
      }
      return out;
    },
  };
}

function checkShape(candidate: unknown): ZhiliPlugin {
  const c = (typeof candidate === 'object' && candidate !== null ? candidate : {}) as Partial<Record<keyof ZhiliPlugin, unknown>>;
  const name = typeof c.name === 'string' ? c.name : '?';
  if (typeof c.name !== 'string' || !NAME.test(c.name)) {
    throw new PluginError(name, { 'zh-CN': '插件名应为小写字母开头，由小写字母、数字和连字符组成', en: 'a plugin name is lower-case letters, digits and hyphens, starting with a letter' });
  }
  if (typeof c.version !== 'string' || !SEMVER.test(c.version)) {
    throw new PluginError(name, { 'zh-CN': '插件版本应为语义化版本号（如 1.0.0）', en: 'a plugin version is a semantic version (e.g. 1.0.0)' });
  }
  if (typeof c.setup !== 'function') throw new PluginError(name, { 'zh-CN': '插件缺少 setup 函数', en: 'the plugin has no setup function' });
  return candidate as ZhiliPlugin;
}

/** A host with no plugins. */
export const NO_PLUGINS: PluginHost = { plugins: [], recordHook: { appliesTo: () => false, beforeCreate: async ({ fields }) => fields, beforeUpdate: async ({ fields }) => fields }, routes: [] };
