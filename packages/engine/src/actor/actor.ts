/**
 * The actions a grant can allow on a resource; `pii:read` unmasks the resource's personal data,
 * `publish` publishes a checklist version, `approve` decides an admission request.
 */
export const ACTIONS = ['read', 'create', 'update', 'delete', 'pii:read', 'publish', 'approve'] as const;
export type Action = (typeof ACTIONS)[number];

/** Where a grant applies: one org unit (subtree false) or its whole subtree; { path: '/', subtree: true } is everywhere. */
export interface ScopeGrant {
  /** Materialized org path, e.g. "/320400/320404/"; "/" is the root of the tree. */
  readonly path: string;
  readonly subtree: boolean;
}

/** A role held at an org unit. */
export interface RoleAssignment {
  readonly role: string;
  readonly orgCode: string;
  readonly orgPath: string;
}

/** Per resource id ('*' = every resource), per action: where the actor may act. Absent = never. */
export type Grants = Readonly<Record<string, Readonly<Partial<Record<Action, readonly ScopeGrant[]>>>>>;

/**
 * Who is acting. Every service call takes one; there is no query path without it. What the actor
 * may do is in `grants`, resolved from its role assignments when the actor is built.
 */
export interface Actor {
  /** User id, or a fixed id for built-in actors ("system", "dev"). */
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly kind: 'user' | 'system' | 'dev';
  readonly assignments: readonly RoleAssignment[];
  readonly grants: Grants;
  /** The session the request came with (for audit); null for built-in actors and bearer-less calls. */
  readonly sessionId: string | null;
}

/** The root path, as a grant: everywhere. */
const EVERYWHERE: readonly ScopeGrant[] = Object.freeze([Object.freeze({ path: '/', subtree: true })]);

/** Grants of a built-in actor: every action on every resource everywhere. */
const ALL_GRANTS: Grants = Object.freeze({
  '*': Object.freeze(Object.fromEntries(ACTIONS.map((action) => [action, EVERYWHERE]))),
});

const NO_GRANTS: readonly ScopeGrant[] = Object.freeze([]);

/** Where the actor may perform `action` on `resource`: its grants for the resource and for '*'. */
export function grantsFor(actor: Actor, resource: string, action: Action): readonly ScopeGrant[] {
  const specific = Object.hasOwn(actor.grants, resource) ? actor.grants[resource]?.[action] : undefined;
  const wildcard = Object.hasOwn(actor.grants, '*') ? actor.grants['*']?.[action] : undefined;
  if (!specific || specific.length === 0) return wildcard ?? NO_GRANTS;
  if (!wildcard || wildcard.length === 0) return specific;
  return [...specific, ...wildcard];
}

/** Whether a scope grant covers a record or unit at `orgPath`. */
export function grantCovers(grant: ScopeGrant, orgPath: string): boolean {
  return grant.subtree ? orgPath.startsWith(grant.path) : orgPath === grant.path;
}

/** Whether the actor may perform `action` on `resource` at the org unit `orgPath`. */
export function allows(actor: Actor, resource: string, action: Action, orgPath: string): boolean {
  return grantsFor(actor, resource, action).some((grant) => grantCovers(grant, orgPath));
}

/** A built-in actor: everything, everywhere, and no session. */
function builtIn(kind: 'dev' | 'system', displayName: string): Actor {
  return Object.freeze({ id: kind, username: kind, displayName, kind, assignments: Object.freeze([]), grants: ALL_GRANTS, sessionId: null });
}

/** The built-in development actor: everything, everywhere. Only tests and CLI tools use it, explicitly. */
export const DEV_ACTOR: Actor = builtIn('dev', '开发者 Developer');

/** The actor of engine-internal work: seeding, migrations, background jobs. */
export const SYSTEM_ACTOR: Actor = builtIn('system', '系统 System');

/** The actor of a plugin's scheduled jobs: the system's grants, under the plugin's name (plugin:<name>) in the audit log. */
export function pluginActor(plugin: string): Actor {
  return Object.freeze({
    id: `plugin:${plugin}`,
    username: `plugin:${plugin}`,
    displayName: `插件 ${plugin} Plugin ${plugin}`,
    kind: 'system',
    assignments: Object.freeze([]),
    grants: ALL_GRANTS,
    sessionId: null,
  });
}
