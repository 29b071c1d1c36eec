import type { ResourceProps } from '@refinedev/core';
import type { AdminMeta, AdminWorkflow, ResourcePermissions } from '@zhili/schemas';

/** The Refine resource of the audit trail page (not a record resource: no show, create or edit). */
export const AUDIT_PAGE = 'audit';

/**
 * The Refine resource of the checklists pages (清单): the list and one checklist's page. Not
 * `checklists`: a package may name a module so (@zhili/base's 清单与准入), and a Refine name is one entry.
 */
export const CHECKLISTS_PAGE = 'zhili-checklists';

/** The Refine resource of the grid dashboard (网格看板) and a grid's page. */
export const GRIDS_PAGE = 'zhili-grids';

/** The Refine resource of the case pages (案卷办理): the board with the actor's to-do, and one case's page. */
export const CASES_PAGE = 'zhili-cases';

/** The Refine resource of the council pages (议事协商): bodies and proposals, and one proposal's page. */
export const COUNCILS_PAGE = 'zhili-councils';

/** The Refine resource of the points pages (积分): a scheme's tabs, and one account's page. */
export const POINTS_PAGE = 'zhili-points';

const NONE: ResourcePermissions = { read: false, create: false, update: false, delete: false, piiRead: false };

/** What the actor may do with a resource, nothing when the meta does not say. */
export function permissionsFor(meta: AdminMeta, resource: string): ResourcePermissions {
  return meta.permissions[resource] ?? NONE;
}

/**
 * The workflows whose cases the actor may see: it may read the workflow's resource somewhere. The
 * workflows of council procedures are left out: their proposals have pages of their own.
 */
export function readableWorkflows(meta: AdminMeta): readonly AdminWorkflow[] {
  const councils = new Set(meta.councils.procedures.map((p) => p.workflow));
  return meta.workflows.filter((w) => !councils.has(w.id) && permissionsFor(meta, w.resource).read);
}

/**
 * Refine resources from the meta: one per module (the menu's groups, in the modules' order), then
 * one per resource the actor may read, under its module, with routes only for the actions it may
 * take anywhere; then the cases when the actor may read a workflow's resource; the councils when the
 * package has bodies and the actor may read them; the points when the actor may read a scheme; the grid dashboard
 * when the package has grid rules and the actor may read compliance; the checklists when the actor may see one (a public one, or any with a read grant);
 * the pages of the package's plugins the actor has; last, the audit trail when the actor may read it.
 */
export function refineResources(
  meta: AdminMeta,
  labels: { readonly audit: string; readonly cases: string; readonly councils: string; readonly points: string; readonly checklists: string; readonly grids: string },
  pluginPages: readonly { readonly resource: string; readonly route: string; readonly label: string }[] = [],
): ResourceProps[] {
  const readable = meta.resources.filter((r) => permissionsFor(meta, r.id).read);
  const usedModules = new Set(readable.map((r) => r.module));
  const modules: ResourceProps[] = [...meta.modules]
    .sort((a, b) => a.order - b.order)
    .filter((m) => usedModules.has(m.id))
    .map((m) => ({ name: m.id, meta: { label: m.title } }));
  const known = new Set(meta.modules.map((m) => m.id));
  const resources: ResourceProps[] = readable.map((r) => {
    const can = permissionsFor(meta, r.id);
    const base = `/r/${r.id}`;
    return {
      name: r.id,
      list: base,
      show: `${base}/show/:id`,
      ...(can.create ? { create: `${base}/create` } : {}),
      ...(can.update ? { edit: `${base}/edit/:id` } : {}),
      meta: { label: r.title, canDelete: can.delete, ...(r.module !== null && known.has(r.module) ? { parent: r.module } : {}) },
    };
  });
  const checklistsVisible = meta.checklists.some((c) => c.public || meta.checklistPermissions[c.id]?.readDrafts === true);
  const checklists: ResourceProps[] = checklistsVisible ? [{ name: CHECKLISTS_PAGE, list: '/checklists', show: '/checklists/:id', meta: { label: labels.checklists } }] : [];
  const audit: ResourceProps[] = meta.capabilities.readAudit ? [{ name: AUDIT_PAGE, list: '/audit', meta: { label: labels.audit } }] : [];
  const grids: ResourceProps[] =
    meta.grids !== null && meta.capabilities.readGrids ? [{ name: GRIDS_PAGE, list: '/grids', show: '/grids/:code', meta: { label: labels.grids } }] : [];
  const casesVisible = readableWorkflows(meta).length > 0;
  const cases: ResourceProps[] = casesVisible ? [{ name: CASES_PAGE, list: '/cases', show: '/cases/:id', meta: { label: labels.cases } }] : [];
  const councils: ResourceProps[] =
    meta.councils.bodies.length > 0 && meta.councils.permissions.read ? [{ name: COUNCILS_PAGE, list: '/councils', show: '/councils/proposals/:id', meta: { label: labels.councils } }] : [];
  const points: ResourceProps[] = meta.points.some((s) => meta.pointsPermissions[s.id]?.read === true)
    ? [{ name: POINTS_PAGE, list: '/points', show: '/points/:scheme/accounts/:holder', meta: { label: labels.points } }]
    : [];
  const plugins: ResourceProps[] = pluginPages.map((page) => ({ name: page.resource, list: page.route, meta: { label: page.label } }));
  return [...modules, ...resources, ...cases, ...councils, ...points, ...grids, ...checklists, ...plugins, ...audit];
}
