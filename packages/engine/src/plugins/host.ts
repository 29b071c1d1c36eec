import { ANNOTATION_KEYWORDS, createAjv } from '@zhili/schemas';
import type { AjvExtensions, BilingualText, FormatDefinition, KeywordDefinition, PointsPosting } from '@zhili/schemas';
import { Hono } from 'hono';
import type { Actor } from '../actor/actor.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import { NO_COUNCIL_RULE_KINDS, type CouncilRuleKind, type CouncilRuleKinds } from '../councils/rule-kinds.ts';
import type { GridRuleKind } from '../grids/rules/kind.ts';
import { NO_POINTS_RULE_KINDS, type PointsRuleKind, type PointsRuleKinds } from '../points/rule-kinds.ts';
import { BUILT_IN_GRID_RULE_KINDS, type GridRuleKinds } from '../grids/rules/registry.ts';
import type { RecordFields, RecordWriteHook } from '../resources/hooks.ts';
import type { PostingRequest } from '../points/service.ts';
import type { TransitionEvent } from '../workflows/service.ts';
import type { BeforePostingArgs, BeforeTransitionArgs, JobArgs, PluginApi, PluginEnv, PluginServices, RecordHooks, TransitionHookArgs, PostingHookArgs, ZhiliPlugin } from './types.ts';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const KEYWORD = /^x-[a-z][a-z0-9-]{0,62}$/;
/** Formats every ajv instance has already: zhili's and ajv-formats'. */
const KNOWN_FORMATS: ReadonlySet<string> = new Set(Object.keys(createAjv().formats));
/** A week: the longest interval of a scheduled job. */
const MAX_JOB_MINUTES = 7 * 24 * 60;

/** A plugin that cannot be set up: which, from which module (when known), and why, in both languages. Start-up stops on it. */
export class PluginError extends Error {
  readonly plugin: string;
  readonly module: string | null;
  readonly text: BilingualText;
  constructor(plugin: string, text: BilingualText, options: { cause?: unknown; module?: string | null } = {}) {
    super(`plugin ${plugin}: ${text.en}`, { cause: options.cause });
    this.name = 'PluginError';
    this.plugin = plugin;
    this.module = options.module ?? null;
    this.text = text;
  }
}

/** A scheduled job a plugin registered. */
export interface PluginJob {
  readonly plugin: string;
  readonly name: string;
  readonly everyMinutes: number;
  run(args: JobArgs): void | Promise<void>;
}

/** Where the plugins' hooks report an error they cannot return to anyone (after hooks, jobs): which plugin, doing what. */
export type PluginErrorReporter = (plugin: string, what: BilingualText, error: unknown) => void;

/** The plugins' hooks, bound to the engine's services. */
export interface BoundHooks {
  /** The record hooks, as one hook of the records service. */
  readonly record: RecordWriteHook;
  /** Runs the before-transition hooks, in the transition's transaction: a refusal passes through, another error names the plugin. */
  beforeTransition(event: TransitionEvent): Promise<void>;
  /** Runs the before-posting hooks, in the posting's transaction, likewise. */
  beforePosting(event: PostingRequest): Promise<void>;
  /** Runs the transition hooks of a committed transition. */
  transitionTaken(event: TransitionEvent): Promise<void>;
  /** Runs the posting hooks of a committed posting. */
  posted(event: { readonly actor: Actor; readonly posting: PointsPosting }): Promise<void>;
  /** Whether any plugin has a transition hook, or a posting hook (the engine skips collecting events otherwise). */
  readonly watchesTransitions: boolean;
  readonly watchesPostings: boolean;
  /** Whether any plugin has a before-transition hook, or a before-posting hook. */
  readonly guardsTransitions: boolean;
  readonly guardsPostings: boolean;
}

/** What the plugins of a package registered, in their order, as the engine uses it. */
export interface PluginHost {
  /** The plugins set up, in order. */
  readonly plugins: readonly { readonly name: string; readonly version: string }[];
  /** The grid rule kinds the package's rules may name: the engine's, then the plugins'. */
  readonly gridRuleKinds: GridRuleKinds;
  /** The kinds of council bodies' rules the package's plugins add. */
  readonly councilRuleKinds: CouncilRuleKinds;
  /** The kinds of points rules the package's plugins add. */
  readonly pointsRuleKinds: PointsRuleKinds;
  /** Each plugin's routes, to mount at /api/plugins/<name>. */
  readonly routes: readonly { readonly plugin: string; readonly app: Hono<PluginEnv> }[];
  /** The plugins' scheduled jobs (see startPluginJobs). */
  readonly jobs: readonly PluginJob[];
  /** The plugins' string formats and validation keywords, for every ajv instance of the engine (and, through their admin entries, of the browser). */
  readonly ajv: AjvExtensions;
  /** The hooks, bound to the services they hand to plugins (called once the engine is assembled) and to where their errors go. */
  hooks(services: () => PluginServices, report: PluginErrorReporter): BoundHooks;
}

type Scope = readonly string[] | '*';

interface Registered<H> {
  readonly plugin: string;
  readonly scope: Scope;
  readonly hook: H;
}

const inScope = (scope: Scope, id: string): boolean => scope === '*' || scope.includes(id);

/**
 * Sets the plugins up in order. Each gets an API bound to it; what it registers is kept under its
 * name. Refused, with the plugin named: a malformed plugin (name, version, setup), a name another
 * plugin has, a grid rule kind or job name taken already, registering after setup, and a setup
 * that throws.
 */
export async function setupPlugins(plugins: readonly unknown[]): Promise<PluginHost> {
  return setupModules(plugins.map((plugin) => ({ plugin, module: null })));
}

/** {@link setupPlugins}, each plugin with the module it came from, for the errors. */
export async function setupModules(entries: readonly { readonly plugin: unknown; readonly module: string | null }[]): Promise<PluginHost> {
  const records: Registered<RecordHooks>[] = [];
  const transitions: Registered<(args: TransitionHookArgs) => void | Promise<void>>[] = [];
  const postings: Registered<(args: PostingHookArgs) => void | Promise<void>>[] = [];
  const transitionGuards: Registered<(args: BeforeTransitionArgs) => void | Promise<void>>[] = [];
  const postingGuards: Registered<(args: BeforePostingArgs) => void | Promise<void>>[] = [];
  const routes: { plugin: string; app: Hono<PluginEnv> }[] = [];
  const jobs: PluginJob[] = [];
  const kinds = new Map<string, GridRuleKind>(BUILT_IN_GRID_RULE_KINDS);
  const kindOwners = new Map<string, string>();
  const councilKinds = new Map<string, CouncilRuleKind>();
  const pointsKinds = new Map<string, PointsRuleKind>();
  const formats: FormatDefinition[] = [];
  const keywords: KeywordDefinition[] = [];
  const ajvOwners = new Map<string, string>();
  const set: { name: string; version: string }[] = [];
  for (const entry of entries) {
    const plugin = checkShape(entry.plugin, entry.module);
    const fail = (text: BilingualText): PluginError => new PluginError(plugin.name, text, { module: entry.module });
    if (set.some((p) => p.name === plugin.name)) throw fail({ 'zh-CN': `插件名 ${plugin.name} 已被另一个插件使用`, en: `the name ${plugin.name} is taken by another plugin` });
    let open = true;
    const during = (what: string) => {
      if (!open) throw fail({ 'zh-CN': `只能在 setup 中注册（${what}）`, en: `registers only during setup (${what})` });
    };
    const scope = (given: Scope, what: string): Scope => {
      if (given === '*') return '*';
      if (!Array.isArray(given) || given.some((id) => typeof id !== 'string')) {
        throw fail({ 'zh-CN': `${what} 的范围应为编号列表或 '*'`, en: `${what} takes a list of ids or '*'` });
      }
      return [...given];
    };
    /** Keeps a hook of the plugin on the ids it names (or '*'). */
    const hookOn = <H>(list: Registered<H>[], method: string, ids: Scope, hook: H): void => {
      during(method);
      list.push({ plugin: plugin.name, scope: scope(ids, method), hook });
    };
    /** Adds a council or points rule kind: well formed (a name, a title in both languages, a schema and its function), and a name no other plugin has. */
    const addKind = <K extends { readonly kind: string; readonly title: BilingualText; readonly schema: object }>(
      into: Map<string, K>,
      kind: K,
      fn: keyof K & string,
      what: { readonly owner: string; readonly zh: string; readonly en: string },
    ): void => {
      if (typeof kind?.kind !== 'string' || !NAME.test(kind.kind) || typeof kind[fn] !== 'function' || typeof kind.schema !== 'object' || !isBilingual(kind.title)) {
        throw fail({ 'zh-CN': `${what.zh}需要 kind（小写字母、数字和连字符）、中英文 title、schema 和 ${fn}`, en: `a ${what.en} needs kind (lower-case letters, digits and hyphens), a title in both languages, schema and ${fn}` });
      }
      const owner = kindOwners.get(`${what.owner}:${kind.kind}`);
      if (owner) throw fail({ 'zh-CN': `${what.zh} ${kind.kind} 已由插件 ${owner} 注册`, en: `the ${what.en} ${kind.kind} is registered by plugin ${owner} already` });
      into.set(kind.kind, kind);
      kindOwners.set(`${what.owner}:${kind.kind}`, plugin.name);
    };
    const api: PluginApi = {
      plugin: { name: plugin.name, version: plugin.version },
      onRecord: (resources, hooks) => hookOn(records, 'onRecord', resources, hooks),
      onTransition: (workflows, hook) => hookOn(transitions, 'onTransition', workflows, hook),
      onPosting: (schemes, hook) => hookOn(postings, 'onPosting', schemes, hook),
      beforeTransition: (workflows, hook) => hookOn(transitionGuards, 'beforeTransition', workflows, hook),
      beforePosting: (schemes, hook) => hookOn(postingGuards, 'beforePosting', schemes, hook),
      gridRuleKind(kind) {
        during('gridRuleKind');
        if (typeof kind?.kind !== 'string' || !NAME.test(kind.kind) || typeof kind.evaluate !== 'function' || typeof kind.schema !== 'object') {
          throw fail({ 'zh-CN': '网格规则类型需要 kind（小写字母、数字和连字符）、schema 和 evaluate', en: 'a grid rule kind needs kind (lower-case letters, digits and hyphens), schema and evaluate' });
        }
        if (kinds.has(kind.kind)) {
          const owner = kindOwners.get(kind.kind);
          throw fail(
            owner
              ? { 'zh-CN': `网格规则类型 ${kind.kind} 已由插件 ${owner} 注册`, en: `the grid rule kind ${kind.kind} is registered by plugin ${owner} already` }
              : { 'zh-CN': `网格规则类型 ${kind.kind} 是引擎自带的类型`, en: `the grid rule kind ${kind.kind} is one of the engine's` },
          );
        }
        kinds.set(kind.kind, kind);
        kindOwners.set(kind.kind, plugin.name);
      },
      format(definition) {
        during('format');
        const name = definition?.name;
        if (typeof name !== 'string' || !NAME.test(name) || typeof definition.validate !== 'function' || !isBilingual(definition.message)) {
          throw fail({ 'zh-CN': '格式需要 name（小写字母、数字和连字符）、validate 和中英文 message', en: 'a format needs name (lower-case letters, digits and hyphens), validate and a message in both languages' });
        }
        if (KNOWN_FORMATS.has(name)) throw fail({ 'zh-CN': `格式 ${name} 是已有的格式`, en: `the format ${name} exists already` });
        const owner = ajvOwners.get(`format:${name}`);
        if (owner) throw fail({ 'zh-CN': `格式 ${name} 已由插件 ${owner} 注册`, en: `the format ${name} is registered by plugin ${owner} already` });
        ajvOwners.set(`format:${name}`, plugin.name);
        formats.push(definition);
      },
      keyword(definition) {
        during('keyword');
        const name = definition?.keyword;
        if (typeof name !== 'string' || !KEYWORD.test(name) || typeof definition.validate !== 'function' || typeof definition.message !== 'function' || typeof definition.metaSchema !== 'object') {
          throw fail({ 'zh-CN': '关键字需要 keyword（以 x- 开头）、metaSchema、validate 和 message', en: 'a keyword needs keyword (starting x-), metaSchema, validate and message' });
        }
        if ((ANNOTATION_KEYWORDS as readonly string[]).includes(name)) throw fail({ 'zh-CN': `关键字 ${name} 是引擎自带的`, en: `the keyword ${name} is one of the engine's` });
        const owner = ajvOwners.get(`keyword:${name}`);
        if (owner) throw fail({ 'zh-CN': `关键字 ${name} 已由插件 ${owner} 注册`, en: `the keyword ${name} is registered by plugin ${owner} already` });
        try {
          createAjv({}, { keywords: [definition] });
        } catch (error) {
          throw fail({ 'zh-CN': `关键字 ${name} 无效：${String((error as Error)?.message ?? error)}`, en: `the keyword ${name} is invalid: ${String((error as Error)?.message ?? error)}` });
        }
        ajvOwners.set(`keyword:${name}`, plugin.name);
        keywords.push(definition);
      },
      councilRuleKind(kind) {
        during('councilRuleKind');
        addKind(councilKinds, kind, 'evaluate', { owner: 'council', zh: '议事机构规则类型', en: 'council rule kind' });
      },
      pointsRuleKind(kind) {
        during('pointsRuleKind');
        addKind(pointsKinds, kind, 'points', { owner: 'points', zh: '积分规则类型', en: 'points rule kind' });
      },
      routes(app) {
        during('routes');
        if (routes.some((r) => r.plugin === plugin.name)) throw fail({ 'zh-CN': '路由只能注册一次', en: 'registers its routes once' });
        routes.push({ plugin: plugin.name, app });
      },
      job(name, job) {
        during('job');
        if (typeof name !== 'string' || !NAME.test(name)) throw fail({ 'zh-CN': `任务名 ${String(name)} 应由小写字母、数字和连字符组成`, en: `the job name ${String(name)} should be lower-case letters, digits and hyphens` });
        if (jobs.some((j) => j.plugin === plugin.name && j.name === name)) throw fail({ 'zh-CN': `任务 ${name} 已注册`, en: `the job ${name} is registered already` });
        if (!Number.isInteger(job?.everyMinutes) || job.everyMinutes < 1 || job.everyMinutes > MAX_JOB_MINUTES) {
          throw fail({ 'zh-CN': `任务 ${name} 的间隔应为 1 到 ${MAX_JOB_MINUTES} 之间的整数分钟`, en: `the job ${name} runs every 1 to ${MAX_JOB_MINUTES} minutes (a whole number)` });
        }
        if (typeof job.run !== 'function') throw fail({ 'zh-CN': `任务 ${name} 缺少 run 函数`, en: `the job ${name} has no run function` });
        jobs.push({ plugin: plugin.name, name, everyMinutes: job.everyMinutes, run: job.run.bind(job) });
      },
      reject(fieldErrors) {
        return errors.validation(Object.fromEntries(Object.entries(fieldErrors).map(([path, messages]) => [path, Array.isArray(messages) ? messages : [messages]])) as Record<string, BilingualText[]>);
      },
    };
    try {
      await plugin.setup(api);
    } catch (error) {
      if (error instanceof PluginError) throw error;
      const reason = String((error as Error)?.message ?? error);
      throw new PluginError(plugin.name, { 'zh-CN': `setup 出错：${reason}`, en: `setup failed: ${reason}` }, { cause: error, module: entry.module });
    } finally {
      open = false;
    }
    set.push({ name: plugin.name, version: plugin.version });
  }
  return {
    plugins: set,
    gridRuleKinds: kinds,
    councilRuleKinds: councilKinds,
    pointsRuleKinds: pointsKinds,
    routes,
    jobs,
    ajv: { formats, keywords },
    hooks: (services, report) => bindHooks({ records, transitions, postings, transitionGuards, postingGuards }, services, report),
  };
}

/** The hooks as the engine runs them: in the plugins' order, each error named by its plugin. */
function bindHooks(
  registered: {
    readonly records: readonly Registered<RecordHooks>[];
    readonly transitions: readonly Registered<(args: TransitionHookArgs) => void | Promise<void>>[];
    readonly postings: readonly Registered<(args: PostingHookArgs) => void | Promise<void>>[];
    readonly transitionGuards: readonly Registered<(args: BeforeTransitionArgs) => void | Promise<void>>[];
    readonly postingGuards: readonly Registered<(args: BeforePostingArgs) => void | Promise<void>>[];
  },
  services: () => PluginServices,
  report: PluginErrorReporter,
): BoundHooks {
  const { records, transitions, postings, transitionGuards, postingGuards } = registered;
  const recordHookName = { 'zh-CN': '记录钩子', en: 'record hook' };
  /** A before hook: a refusal (EngineError) passes as it is; anything else is an internal error naming the plugin. */
  const before = async <T>(plugin: string, call: () => T | Promise<T>, what: BilingualText = recordHookName): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw new EngineError('INTERNAL', { 'zh-CN': `插件 ${plugin} 的${what['zh-CN']}出错`, en: `The ${what.en} of plugin ${plugin} failed` }, { cause: error });
    }
  };
  /** An after hook: the write is done, so an error is reported, not thrown. */
  const after = async (plugin: string, what: BilingualText, call: () => void | Promise<void>): Promise<void> => {
    try {
      await call();
    } catch (error) {
      report(plugin, what, error);
    }
  };
  const recordsOf = (resource: string) => records.filter((r) => inScope(r.scope, resource));
  const afterRecord = { 'zh-CN': '记录写入后的钩子', en: 'after-write record hook' };
  const record: RecordWriteHook = {
    appliesTo: (resource) => recordsOf(resource).length > 0,
    async beforeCreate({ actor, resource, fields }) {
      let out: RecordFields = fields;
      for (const r of recordsOf(resource.id)) {
        const hook = r.hook.beforeCreate;
        if (hook) out = await before(r.plugin, () => hook.call(r.hook, { actor, resource: resource.id, fields: out }));
      }
      return out;
    },
    async beforeUpdate({ actor, resource, before: stored, fields }) {
      let out: RecordFields = fields;
      for (const r of recordsOf(resource.id)) {
        const hook = r.hook.beforeUpdate;
        if (hook) out = await before(r.plugin, () => hook.call(r.hook, { actor, resource: resource.id, before: stored, fields: out }));
      }
      return out;
    },
    async beforeDelete({ actor, resource, before: stored }) {
      for (const r of recordsOf(resource.id)) {
        const hook = r.hook.beforeDelete;
        if (hook) await before(r.plugin, () => hook.call(r.hook, { actor, resource: resource.id, record: stored }));
      }
    },
    async afterCreate({ actor, resource, record: stored }) {
      for (const r of recordsOf(resource.id)) {
        const hook = r.hook.afterCreate;
        if (hook) await after(r.plugin, afterRecord, () => hook.call(r.hook, { actor, resource: resource.id, record: stored, services: services() }));
      }
    },
    async afterUpdate({ actor, resource, before: was, record: stored }) {
      for (const r of recordsOf(resource.id)) {
        const hook = r.hook.afterUpdate;
        if (hook) await after(r.plugin, afterRecord, () => hook.call(r.hook, { actor, resource: resource.id, before: was, record: stored, services: services() }));
      }
    },
    async afterDelete({ actor, resource, before: was }) {
      for (const r of recordsOf(resource.id)) {
        const hook = r.hook.afterDelete;
        if (hook) await after(r.plugin, afterRecord, () => hook.call(r.hook, { actor, resource: resource.id, record: was, services: services() }));
      }
    },
  };
  return {
    record,
    watchesTransitions: transitions.length > 0,
    watchesPostings: postings.length > 0,
    guardsTransitions: transitionGuards.length > 0,
    guardsPostings: postingGuards.length > 0,
    async beforeTransition(event) {
      for (const r of transitionGuards) {
        if (inScope(r.scope, event.workflow)) await before(r.plugin, () => r.hook(event), { 'zh-CN': '流转前钩子', en: 'before-transition hook' });
      }
    },
    async beforePosting(event) {
      for (const r of postingGuards) {
        if (inScope(r.scope, event.scheme)) await before(r.plugin, () => r.hook(event), { 'zh-CN': '记账前钩子', en: 'before-posting hook' });
      }
    },
    async transitionTaken(event) {
      for (const r of transitions) {
        if (inScope(r.scope, event.workflow)) {
          await after(r.plugin, { 'zh-CN': '流程流转钩子', en: 'transition hook' }, () => r.hook({ ...event, services: services() }));
        }
      }
    },
    async posted({ actor, posting }) {
      for (const r of postings) {
        if (inScope(r.scope, posting.scheme)) {
          await after(r.plugin, { 'zh-CN': '积分记账钩子', en: 'posting hook' }, () => r.hook({ actor, scheme: posting.scheme, posting, services: services() }));
        }
      }
    },
  };
}

function checkShape(candidate: unknown, module: string | null): ZhiliPlugin {
  const c = (typeof candidate === 'object' && candidate !== null ? candidate : {}) as Partial<Record<keyof ZhiliPlugin, unknown>>;
  const name = typeof c.name === 'string' ? c.name : '?';
  const fail = (text: BilingualText) => new PluginError(name, text, { module });
  if (typeof c.name !== 'string' || !NAME.test(c.name)) {
    throw fail({ 'zh-CN': '插件名应为小写字母开头，由小写字母、数字和连字符组成', en: 'a plugin name is lower-case letters, digits and hyphens, starting with a letter' });
  }
  if (typeof c.version !== 'string' || !SEMVER.test(c.version)) {
    throw fail({ 'zh-CN': '插件版本应为语义化版本号（如 1.0.0）', en: 'a plugin version is a semantic version (e.g. 1.0.0)' });
  }
  if (typeof c.setup !== 'function') throw fail({ 'zh-CN': '插件缺少 setup 函数', en: 'the plugin has no setup function' });
  return candidate as ZhiliPlugin;
}

const isBilingual = (value: unknown): value is BilingualText =>
  typeof value === 'object' && value !== null && typeof (value as BilingualText)['zh-CN'] === 'string' && typeof (value as BilingualText).en === 'string';

/** A host with no plugins: the engine's rule kinds, no hooks, routes, jobs, formats or keywords. */
export const NO_PLUGINS: PluginHost = {
  plugins: [],
  gridRuleKinds: BUILT_IN_GRID_RULE_KINDS,
  councilRuleKinds: NO_COUNCIL_RULE_KINDS,
  pointsRuleKinds: NO_POINTS_RULE_KINDS,
  routes: [],
  jobs: [],
  ajv: {},
  hooks: () => ({
    record: { appliesTo: () => false, beforeCreate: async ({ fields }) => fields, beforeUpdate: async ({ fields }) => fields },
    watchesTransitions: false,
    watchesPostings: false,
    guardsTransitions: false,
    guardsPostings: false,
    beforeTransition: async () => {},
    beforePosting: async () => {},
    transitionTaken: async () => {},
    posted: async () => {},
  }),
};
