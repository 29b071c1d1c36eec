/**
 * Who is acting. Every service call takes one; there is no query path without it. Until the auth
 * issue lands every HTTP request acts as {@link DEV_ACTOR}.
 */
export interface Actor {
  /** User id, or a fixed id for built-in actors ("system", "dev"). */
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly kind: 'user' | 'system' | 'dev';
  /** Role ids the actor holds. */
  readonly roles: readonly string[];
  /**
   * Org paths (materialized, e.g. "/320400/320404/") within which the actor may read and write;
   * "/" is the whole tree. A record is in scope when its org_path starts with one of them.
   */
  readonly scopes: readonly string[];
}

/** The built-in development actor: an administrator over the whole tree. */
export const DEV_ACTOR: Actor = Object.freeze({
  id: 'dev',
  username: 'dev',
  displayName: '开发者 Developer',
  kind: 'dev',
  roles: Object.freeze(['admin']),
  scopes: Object.freeze(['/']),
});

/** The actor of engine-internal work: seeding, migrations, background jobs. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  id: 'system',
  username: 'system',
  displayName: '系统 System',
  kind: 'system',
  roles: Object.freeze(['admin']),
  scopes: Object.freeze(['/']),
});

/** Whether an org path lies within one of the actor's scopes. */
export function inScope(actor: Actor, orgPath: string): boolean {
  return actor.scopes.some((scope) => orgPath.startsWith(scope));
}
