import type { Action, Actor, Grants, RoleAssignment, ScopeGrant } from '../actor/actor.ts';
import type { CompiledModel, RoleScope } from '../model/types.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import { ROOT_PATH } from '../org/path.ts';
import { deepFreeze } from '../package/compile.ts';

/** The level whose units (and those below) an `own-grid` grant applies to. */
export const GRID_LEVEL = 'grid';

/** What authorization needs of the org tree: a unit by its code. */
export type OrgLookup = Pick<OrgService, 'byCode'>;

/** A role held at an org unit, as users' role assignments store it. */
export interface HeldRole {
  readonly role: string;
  readonly orgCode: string;
}

/**
 * Resolves role assignments into the actor's grants: for every grant of every role held, the
 * scope resolved against the unit the role is held at — `all` is the whole tree,
 * `own-node-and-below` the unit's subtree, `own-node` the unit alone, `own-grid` the unit's subtree
 * when the unit is at the grid level or below and nothing otherwise. Unknown roles and org codes
 * grant nothing. Scopes another scope of the same resource and action covers are dropped.
 */
export function buildGrants({ model, org, assignments }: { model: CompiledModel; org: OrgLookup; assignments: readonly HeldRole[] }): Grants {
  const collected = new Map<string, Map<Action, ScopeGrant[]>>();
  for (const assignment of assignments) {
    const role = Object.hasOwn(model.roles, assignment.role) ? model.roles[assignment.role] : undefined;
    const unit = org.byCode(assignment.orgCode);
    if (!role || !unit) continue;
    for (const grant of role.grants) {
      const scope = resolveScope({ model, unit, scope: grant.scope });
      if (!scope) continue;
      for (const resource of grant.resources) {
        const byAction = collected.get(resource) ?? new Map<Action, ScopeGrant[]>();
        collected.set(resource, byAction);
        for (const action of grant.actions) byAction.set(action, [...(byAction.get(action) ?? []), scope]);
      }
    }
  }
  const grants: Record<string, Partial<Record<Action, readonly ScopeGrant[]>>> = {};
  for (const [resource, byAction] of collected) {
    grants[resource] = Object.fromEntries([...byAction].map(([action, scopes]) => [action, minimalScopes(scopes)]));
  }
  return deepFreeze(grants);
}

/**
 * The actor of a signed-in user: the assignments whose role and org unit exist (with the unit's
 * path), and the grants they resolve to.
 */
export function buildActor({ model, org, user, assignments, sessionId }: {
  model: CompiledModel;
  org: OrgLookup;
  user: { readonly id: string; readonly username: string; readonly displayName: string };
  assignments: readonly HeldRole[];
  sessionId: string | null;
}): Actor {
  const held: RoleAssignment[] = [];
  for (const { role, orgCode } of assignments) {
    const unit = org.byCode(orgCode);
    if (!unit || !Object.hasOwn(model.roles, role)) continue;
    if (held.some((h) => h.role === role && h.orgCode === orgCode)) continue;
    held.push({ role, orgCode, orgPath: unit.path });
  }
  return deepFreeze({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: 'user',
    assignments: held,
    grants: buildGrants({ model, org, assignments: held }),
    sessionId,
  });
}

/** Where a grant of the given scope applies for a role held at `unit`; null when nowhere. */
export function resolveScope({ model, unit, scope }: { model: CompiledModel; unit: OrgUnitRecord; scope: RoleScope }): ScopeGrant | null {
  switch (scope) {
    case 'all':
      return { path: ROOT_PATH, subtree: true };
    case 'own-node-and-below':
      return { path: unit.path, subtree: true };
    case 'own-node':
      return { path: unit.path, subtree: false };
    case 'own-grid': {
      const grid = model.levels.find((l) => l.id === GRID_LEVEL);
      const level = model.levels.find((l) => l.id === unit.level);
      return grid && level && level.depth >= grid.depth ? { path: unit.path, subtree: true } : null;
    }
  }
}

/** The scopes none of the others covers, duplicates removed, shortest paths first. */
function minimalScopes(scopes: readonly ScopeGrant[]): ScopeGrant[] {
  const sorted = [...scopes].sort((a, b) => a.path.length - b.path.length || Number(b.subtree) - Number(a.subtree));
  const kept: ScopeGrant[] = [];
  for (const scope of sorted) {
    const covered = kept.some((k) => (k.subtree ? scope.path.startsWith(k.path) : !scope.subtree && scope.path === k.path));
    if (!covered) kept.push(scope);
  }
  return kept;
}
