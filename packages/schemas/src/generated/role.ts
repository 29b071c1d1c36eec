/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/role.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';

/**
 * An action on records: read (list and get), create, update, delete, or pii:read (see personal information unmasked). Two more act on the engine's checklists: publish (on checklists: publish a new version) and approve (on admission_requests: approve or reject a request). On checklists, update edits drafts; on admission_requests, create submits a request.
 */
export type RoleAction = 'read' | 'create' | 'update' | 'delete' | 'pii:read' | 'publish' | 'approve';
/**
 * Where a grant applies: own-node-and-below is the unit the role is held at and its whole subtree; own-node is that unit only; own-grid is the unit's subtree when the unit is a grid (or below) and nothing otherwise; all is the whole tree.
 */
export type RoleScope = 'own-node-and-below' | 'own-node' | 'own-grid' | 'all';

/**
 * A role (roles/*.yaml, one role per file): what its holders may do, on which resources, where. Users hold roles at an org unit; each grant's scope is resolved against that unit. A file whose id names a role of a parent package replaces the keys it gives (grants as a whole).
 */
export interface RoleConfig {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * Identifier of the role in kebab-case, e.g. "grid-worker". Users' role assignments name it.
   */
  id: string;
  /**
   * Name of the role, e.g. 网格员. Required once the package layers are merged.
   */
  title?: Text;
  /**
   * Who holds the role and what it is for, shown in the admin.
   */
  description?: Text;
  /**
   * Id of the jurisdiction level (manifest levels) at which the role is normally held, e.g. "grid". Used to pick demo users and by the admin when assigning the role. When absent, the role is normally held at the top of the tree.
   */
  level?: string;
  /**
   * What holders of the role may do. Anything no grant allows is denied. Required once the package layers are merged; an empty list grants nothing.
   */
  grants?: RoleGrant[];
}
/**
 * Permission to perform some actions on some resources within a scope.
 */
export interface RoleGrant {
  /**
   * Ids of the resources the grant covers, or "*" for every resource. The engine's own may be named too: "audit" (the audit trail), "checklists" (checklist drafts and publication), "admission_requests" (admission requests), "checklist_claims" (claims of needs-list items: create records a claim, update marks it done or withdraws it).
   *
   * @minItems 1
   */
  resources: [string, ...string[]];
  /**
   * The actions granted.
   *
   * @minItems 1
   */
  actions: [RoleAction, ...RoleAction[]];
  scope?: RoleScope;
}
