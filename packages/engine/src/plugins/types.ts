import type { BilingualText, FormatDefinition, KeywordDefinition, Locale, PointsPosting, PointsPostingKind } from '@zhili/schemas';
import type { Hono } from 'hono';
import type { Actor } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import type { CouncilRuleKind } from '../councils/rule-kinds.ts';
import type { GridRuleKind } from '../grids/rules/kind.ts';
import type { PointsRuleKind } from '../points/rule-kinds.ts';
import type { RecordFields } from '../resources/hooks.ts';
import type { ResourceRecord } from '../resources/service.ts';
import type { TransitionEvent } from '../workflows/service.ts';

/**
 * A plugin: a name (lower-case letters, digits and hyphens; it owns /api/plugins/<name>), a semver
 * version, and `setup`, which registers what the plugin adds through the API it is given and does
 * nothing else. Config packages list plugins by module in zhili.yaml (`plugins`); they set up in
 * that order, parents' first.
 */
export interface ZhiliPlugin {
  /** Unique among the package's plugins; names its routes' path and its admin entry. */
  readonly name: string;
  /** A semantic version, e.g. 1.0.0. */
  readonly version: string;
  /** Registers what the plugin adds, synchronously or by a promise; a throw stops start-up, naming the plugin. */
  setup(api: PluginApi): void | Promise<void>;
}

/**
 * The engine's services as plugins get them: each call takes the actor it acts for and is
 * checked against that actor's grants. No database handle, no sessions or passwords, no audit
 * writer: a plugin writes through the services, and the services audit.
 */
export type PluginServices = Omit<Engine, 'db' | 'close' | 'plugins' | 'auth' | 'audit'>;

/** The hono environment of a plugin's routes: the signed-in user, the request's language and the services. */
export type PluginEnv = {
  Variables: {
    /** The signed-in user; every route of a plugin is behind the sign-in. */
    actor: Actor;
    /** The language of the request's messages. */
    locale: Locale;
    /** The request's id (X-Request-Id). */
    requestId: string;
    /** The engine's services, each taking the actor. */
    services: PluginServices;
  };
};

/** What a plugin may register. Registration happens in setup only; afterwards the API refuses. */
export interface PluginApi {
  /** The plugin being set up. */
  readonly plugin: { readonly name: string; readonly version: string };
  /**
   * Hooks on record writes of the resources named (or every resource with '*'), in the plugins'
   * order. Before hooks run inside the write's transaction: a before-create or before-update hook
   * answers the fields to store (or the same object); any before hook may refuse the write with
   * {@link PluginApi.reject}, and then nothing is stored. After hooks run once the write has
   * committed; their errors are reported with the plugin's name and do not undo the write.
   */
  onRecord(resources: readonly string[] | '*', hooks: RecordHooks): void;
  /** A hook run after a transition of the workflows named (or every workflow) has committed, including transitions taken on expiry. */
  onTransition(workflows: readonly string[] | '*', hook: (args: TransitionHookArgs) => void | Promise<void>): void;
  /**
   * A hook run inside the transaction of a transition a user takes (of the workflows named, or
   * every one), after its form was checked and before anything is written: throw
   * {@link PluginApi.reject} to refuse it (400, the messages under `data.<field>` or wherever they
   * point). Not run for transitions the engine takes (expiry, a council's vote). No services: the
   * transaction holds the database.
   */
  beforeTransition(workflows: readonly string[] | '*', hook: (args: BeforeTransitionArgs) => void | Promise<void>): void;
  /** A hook run after a posting to the ledger of the points schemes named (or every scheme) has committed. */
  onPosting(schemes: readonly string[] | '*', hook: (args: PostingHookArgs) => void | Promise<void>): void;
  /**
   * A hook run inside the transaction of a posting requested by a user or a job (not an expiry),
   * before anything is written: throw {@link PluginApi.reject} to refuse it. No services.
   */
  beforePosting(schemes: readonly string[] | '*', hook: (args: BeforePostingArgs) => void | Promise<void>): void;
  /** A grid rule kind that the package's grid rules may name in `kind`. A name the engine or another plugin has is refused. */
  gridRuleKind(kind: GridRuleKind): void;
  /** A kind of composition rule council bodies may name in their `rules`, checked on every change of a roster like the engine's own. A name another plugin has is refused. */
  councilRuleKind(kind: CouncilRuleKind): void;
  /** A way of counting a points rule's points (from the quantity and the rule's options) that points rules may name in `kind`. A name another plugin has is refused. */
  pointsRuleKind(kind: PointsRuleKind): void;
  /**
   * A string format field schemas may name (`format: <name>`), checked by every ajv of the engine.
   * Keep the definition in a module of its own and register it in the plugin's admin entry too,
   * so that forms in the browser refuse what the server refuses. A name that exists is refused.
   */
  format(definition: FormatDefinition): void;
  /** A validation keyword (x-…) field schemas may use, checked by every ajv of the engine; shared with the admin entry like a format. */
  keyword(definition: KeywordDefinition): void;
  /** Routes, mounted at /api/plugins/<name> behind the engine's sign-in: `c.var.actor` is the user, `c.var.services` the services, each taking the actor. */
  routes(app: Hono<PluginEnv>): void;
  /**
   * A job `zhili serve` runs every `everyMinutes` minutes and once at start, one run at a time,
   * as the plugin's own system actor (plugin:<name>). Every serving process runs it: a job must be
   * safe to run twice at once (post with idempotency keys, act on a guarded state).
   */
  job(name: string, job: { readonly everyMinutes: number; run(args: JobArgs): void | Promise<void> }): void;
  /** An error that refuses a write: 400 with these messages under their fields (dotted paths), in Chinese and English. */
  reject(fieldErrors: Readonly<Record<string, BilingualText | readonly BilingualText[]>>): Error;
}

/** The record a hook sees: whose write, of which resource, and the record's own fields. */
export interface RecordHookArgs {
  /** Who writes. */
  readonly actor: Actor;
  /** The resource's id. */
  readonly resource: string;
  /** The record's own fields (no id, version or org): those it will be stored with. */
  readonly fields: RecordFields;
}

/** What an after hook sees: whose write, of which resource, and the services to act through. */
export interface AfterRecordArgs {
  /** Who wrote. */
  readonly actor: Actor;
  /** The resource's id. */
  readonly resource: string;
  /** The services, to act as the actor (or read what was written). */
  readonly services: PluginServices;
}

/** A plugin's hooks on the writes of records; each is optional. */
export interface RecordHooks {
  /** Before a new record is stored. */
  beforeCreate?(args: RecordHookArgs): RecordFields | Promise<RecordFields>;
  /** Before an update is stored: `before` are the stored fields, `fields` those it will have. */
  beforeUpdate?(args: RecordHookArgs & { readonly before: RecordFields }): RecordFields | Promise<RecordFields>;
  /** Before a record is deleted: throw {@link PluginApi.reject} to keep it. */
  beforeDelete?(args: { readonly actor: Actor; readonly resource: string; readonly record: ResourceRecord }): void | Promise<void>;
  /** After a record was created (each record of a bulk insert too). */
  afterCreate?(args: AfterRecordArgs & { readonly record: ResourceRecord }): void | Promise<void>;
  /** After a record was updated. */
  afterUpdate?(args: AfterRecordArgs & { readonly before: ResourceRecord; readonly record: ResourceRecord }): void | Promise<void>;
  /** After a record was deleted: `record` is the record as it was. */
  afterDelete?(args: AfterRecordArgs & { readonly record: ResourceRecord }): void | Promise<void>;
}

/** A transition that was taken, and the services to act through. */
export interface TransitionHookArgs extends TransitionEvent {
  /** The services, to act as the actor. */
  readonly services: PluginServices;
}

/** A transition about to be taken. */
export type BeforeTransitionArgs = TransitionEvent;

/** A posting about to be written. */
export interface BeforePostingArgs {
  /** Who posts: a user, or a plugin's job. */
  readonly actor: Actor;
  /** The points scheme's id. */
  readonly scheme: string;
  readonly kind: PointsPostingKind;
  /** The rule (an award or deduction), or null. */
  readonly rule: string | null;
  /** The item (a redemption), or null. */
  readonly item: string | null;
  /** The holder the posting is about. */
  readonly holder: string | null;
  readonly quantity: number;
  /** Points (or coins) it would move. */
  readonly amount: number;
}

/** A posting that was written. */
export interface PostingHookArgs {
  /** Who posted: a user, the system (expiry), or a plugin's job. */
  readonly actor: Actor;
  /** The points scheme's id. */
  readonly scheme: string;
  /** The posting as written: kind, rule or item, amount, holder and its balanced lines. */
  readonly posting: PointsPosting;
  /** The services, to act as the actor. */
  readonly services: PluginServices;
}

/** What a scheduled job runs with. */
export interface JobArgs {
  /** The plugin's system actor (plugin:<name>): every grant, everywhere; the audit log names the plugin. */
  readonly actor: Actor;
  /** The services, to act as that actor. */
  readonly services: PluginServices;
  /** When the run started. */
  readonly now: Date;
}
