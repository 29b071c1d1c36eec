import type { BilingualText } from '@zhili/schemas';
import type { Hono } from 'hono';
import type { Actor } from '../actor/actor.ts';
import type { AppEnv } from '../api/env.ts';
import type { RecordFields } from '../resources/hooks.ts';

/**
 * A plugin: a name (lower-case letters, digits and hyphens; it owns /api/plugins/<name>), a semver
 * version, and `setup`, which registers what the plugin adds through the API it is given and does
 * nothing else. Config packages list plugins by module in zhili.yaml (`plugins`); they set up in
 * that order, parents' first.
 */
export interface ZhiliPlugin {
  readonly name: string;
  readonly version: string;
  setup(api: PluginApi): void | Promise<void>;
}

/** What a plugin may register. Registration happens in setup only; afterwards the API refuses. */
export interface PluginApi {
  /** The plugin being set up. */
  readonly plugin: { readonly name: string; readonly version: string };
  /**
   * Hooks on record writes of the resources named (or every resource with '*'), run inside the
   * write's transaction in the plugins' order. A before hook answers the fields to store (or the
   * same object) or rejects the write with {@link PluginApi.reject}; then nothing is stored.
   */
  onRecord(resources: readonly string[] | '*', hooks: RecordHooks): void;
  /** Routes, mounted at /api/plugins/<name> behind the engine's sign-in: `c.var.actor` is the user, `c.var.engine` the services, each taking the actor. */
  routes(app: Hono<AppEnv>): void;
  /** An error that refuses a write: 400 with these messages under their fields (dotted paths), in Chinese and English. */
  reject(fieldErrors: Readonly<Record<string, BilingualText | readonly BilingualText[]>>): Error;
}

/** The record a hook sees: whose write, of which resource, and the record's own fields. */
export interface RecordHookArgs {
  readonly actor: Actor;
  readonly resource: string;
  readonly fields: RecordFields;
}

export interface RecordHooks {
  /** Before a new record is stored. */
  beforeCreate?(args: RecordHookArgs): RecordFields | Promise<RecordFields>;
  /** Before an update is stored: `before` are the stored fields, `fields` those it will have. */
  beforeUpdate?(args: RecordHookArgs & { readonly before: RecordFields }): RecordFields | Promise<RecordFields>;
}
