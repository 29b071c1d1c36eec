import type { Actor, ScopeGrant } from '../actor/actor.ts';
import { grantCovers } from '../actor/actor.ts';

/** Every scope where the actor may read something, over all resources ('*' included). */
export function readScopes(actor: Actor): readonly ScopeGrant[] {
  return Object.values(actor.grants).flatMap((actions) => actions.read ?? []);
}

/**
 * Whether an org unit is visible to an actor reading within `scopes`: it lies within one of them,
 * or is an ancestor of one (so a grid worker sees the path from the root down to the grid).
 */
export function unitVisible(scopes: readonly ScopeGrant[], unitPath: string): boolean {
  return scopes.some((scope) => grantCovers(scope, unitPath) || scope.path.startsWith(unitPath));
}
