import { resolveText } from '@zhili/schemas';
import type { AdminChecklist, AdminGrids, AdminWorkflow, AdminMeta, AdminResource, BilingualText, Locale, MetaRecordSchema, ResourcePermissions, Text } from '@zhili/schemas';
import { Hono } from 'hono';
import type { Action, Actor } from '../actor/actor.ts';
import { grantsFor } from '../actor/actor.ts';
import { AUDIT_RESOURCE } from '../audit/log.ts';
import type { OrgLookup } from '../authz/grants.ts';
import { checklistPermissions } from '../checklists/authority.ts';
import { CHECKLIST_KINDS, CLAIMANT_KINDS } from '../checklists/kinds.ts';
import type { GridRuleKinds } from '../grids/rules/registry.ts';
import type { PluginHost } from '../plugins/host.ts';
import { GRIDS_RESOURCE } from '../grids/service.ts';
import type { CompiledChecklist, CompiledGrids, CompiledModel, CompiledResource, CompiledWorkflow, StandardField } from '../model/types.ts';
import { isStandardField } from '../model/types.ts';
import { localizeRecordSchema, localizeUiSchema } from '../resources/schema.ts';
import { localizeTransition } from '../workflows/routes.ts';
import { adminPoints, pointsPermissions } from '../points/meta.ts';
import { councilsMeta } from '../councils/meta.ts';
import type { AppEnv } from './env.ts';

/** Titles of the standard fields, for list columns and API documentation. */
export const STANDARD_FIELD_TITLES: Readonly<Record<StandardField, BilingualText>> = {
  id: { 'zh-CN': '编号', en: 'ID' },
  orgCode: { 'zh-CN': '所属单位', en: 'Org unit' },
  orgPath: { 'zh-CN': '单位路径', en: 'Org path' },
  version: { 'zh-CN': '版本', en: 'Version' },
  createdAt: { 'zh-CN': '创建时间', en: 'Created at' },
  createdBy: { 'zh-CN': '创建人', en: 'Created by' },
  updatedAt: { 'zh-CN': '更新时间', en: 'Updated at' },
  updatedBy: { 'zh-CN': '更新人', en: 'Updated by' },
  configVersion: { 'zh-CN': '配置版本', en: 'Config version' },
};

/**
 * The admin-facing part of the model in one locale, built key by key from an explicit list so
 * that nothing server-only (file paths, the model hash, index names) goes out.
 */
export function buildAdminMeta(
  model: CompiledModel,
  options: { readonly locale: Locale; readonly actor: Actor; readonly org: OrgLookup; readonly plugins: Pick<PluginHost, 'plugins' | 'gridRuleKinds' | 'councilRuleKinds' | 'pointsRuleKinds'> },
): AdminMeta {
  const { locale, actor, org } = options;
  const shared = modelMeta(model, locale, options.plugins);
  return {
    ...shared,
    plugins: options.plugins.plugins,
    actor: { id: actor.id, username: actor.username, displayName: actor.displayName, assignments: actor.assignments },
    permissions: Object.fromEntries(shared.resources.map((r) => [r.id, permissionsOf(actor, r.id)])),
    capabilities: {
      readAudit: grantsFor(actor, AUDIT_RESOURCE, 'read').length > 0,
      readGrids: model.grids !== null && grantsFor(actor, GRIDS_RESOURCE, 'read').length > 0,
      maintainGrids: model.grids !== null && grantsFor(actor, GRIDS_RESOURCE, 'update').length > 0,
    },
    checklistPermissions: Object.fromEntries(Object.values(model.checklists).map((checklist) => [checklist.id, checklistPermissions({ actor, model, org, checklist })])),
    pointsPermissions: Object.fromEntries(Object.values(model.points).map((scheme) => [scheme.id, pointsPermissions(actor, scheme)])),
    councils: councilsMeta(model, { locale, actor, ruleKinds: options.plugins.councilRuleKinds }),
  };
}

/** What the actor may do with one resource anywhere. */
export function permissionsOf(actor: Actor, resource: string): ResourcePermissions {
  const any = (action: Action): boolean => grantsFor(actor, resource, action).length > 0;
  return { read: any('read'), create: any('create'), update: any('update'), delete: any('delete'), piiRead: any('pii:read') };
}

type ModelMeta = Omit<AdminMeta, 'actor' | 'permissions' | 'checklistPermissions' | 'pointsPermissions' | 'capabilities' | 'councils' | 'plugins'>;

/** The actor-independent part, per model and locale, built once: the model never changes. */
const modelMetaCache = new WeakMap<CompiledModel, Map<Locale, ModelMeta>>();

function modelMeta(model: CompiledModel, locale: Locale, plugins: Pick<PluginHost, 'gridRuleKinds' | 'pointsRuleKinds'>): ModelMeta {
  let byLocale = modelMetaCache.get(model);
  if (!byLocale) {
    byLocale = new Map();
    modelMetaCache.set(model, byLocale);
  }
  const cached = byLocale.get(locale);
  if (cached) return cached;
  const text = (value: Text): string => resolveText(value, locale);
  const meta: ModelMeta = {
    locale,
    package: {
      id: model.id,
      title: text(model.title),
      description: model.description === null ? null : text(model.description),
      version: model.version,
      packages: model.packages.map((p) => ({ name: p.name, id: p.id, version: p.version })),
    },
    levels: model.levels.map((level) => ({
      id: level.id,
      title: text(level.title),
      description: level.description === null ? null : text(level.description),
      depth: level.depth,
    })),
    modules: model.modules.map((m) => ({ id: m.id, title: text(m.title), order: m.order, icon: m.icon })),
    roles: Object.values(model.roles).map((role) => ({ id: role.id, title: text(role.title), description: role.description === null ? null : text(role.description), level: role.level })),
    resources: Object.values(model.resources).map((resource) => adminResource(resource, locale)),
    checklists: Object.values(model.checklists).map((checklist) => adminChecklist(checklist, locale)),
    grids: model.grids === null ? null : adminGrids(model.grids, locale, plugins.gridRuleKinds),
    workflows: Object.values(model.workflows).map((workflow) => adminWorkflow(workflow, locale)),
    points: Object.values(model.points).map((scheme) => adminPoints(scheme, locale, plugins.pointsRuleKinds)),
  };
  byLocale.set(locale, meta);
  return meta;
}

function adminResource(resource: CompiledResource, locale: Locale): AdminResource {
  const fieldTitle = (name: string): string => {
    if (isStandardField(name)) return STANDARD_FIELD_TITLES[name][locale];
    const field = resource.fields.find((f) => f.name === name);
    return field ? resolveText(field.title, locale) : name;
  };
  return {
    id: resource.id,
    title: resolveText(resource.title, locale),
    description: resource.description === null ? null : resolveText(resource.description, locale),
    module: resource.module,
    level: resource.level,
    titleField: resource.titleField,
    // The record schema validated against the resource meta-schema, with its texts now strings.
    schema: localizeRecordSchema(resource.schema, locale) as MetaRecordSchema,
    uiSchema: localizeUiSchema(resource.uiSchema, locale),
    list: {
      columns: resource.list.columns.map((column) => ({
        field: column.field,
        title: column.title === null ? fieldTitle(column.field) : resolveText(column.title, locale),
        width: column.width,
        sortable: column.sortable,
      })),
      filters: resource.list.filters.map((filter) => ({ field: filter.field, title: fieldTitle(filter.field), operators: [...filter.operators] })),
      defaultSort: resource.list.defaultSort.map((key) => ({ field: key.field, order: key.order })),
      pageSize: resource.list.pageSize,
    },
    pii: resource.pii.map((p) => p.field),
  };
}

function adminGrids(grids: CompiledGrids, locale: Locale, kinds: GridRuleKinds): AdminGrids {
  return {
    title: resolveText(grids.title, locale),
    description: grids.description === null ? null : resolveText(grids.description, locale),
    level: grids.level,
    households: grids.households.resource,
    staff: grids.staff.resource,
    visits: grids.visits.resource,
    staffRoleField: grids.staff.roleField,
    rules: grids.rules.map((rule) => {
      const kind = kinds.get(rule.kind);
      return { id: rule.id, kind: rule.kind, title: resolveText(rule.title ?? kind?.title ?? rule.id, locale), hard: kind?.hard ?? false };
    }),
  };
}

function adminChecklist(checklist: CompiledChecklist, locale: Locale): AdminChecklist {
  return {
    id: checklist.id,
    title: resolveText(checklist.title, locale),
    description: checklist.description === null ? null : resolveText(checklist.description, locale),
    kind: checklist.kind,
    kindTitle: CHECKLIST_KINDS[checklist.kind][locale],
    owner: checklist.owner,
    public: checklist.public,
    itemSchema: localizeRecordSchema(checklist.itemSchema, locale) as MetaRecordSchema,
    itemUiSchema: localizeUiSchema(checklist.itemUiSchema, locale),
    admission: checklist.admission,
    claiming:
      checklist.claiming === null
        ? null
        : {
            level: checklist.claiming.level,
            claimantKinds: checklist.claiming.claimantKinds.map((id) => ({ id, title: CLAIMANT_KINDS[id][locale] })),
            multiple: checklist.claiming.multiple,
          },
  };
}

function adminWorkflow(workflow: CompiledWorkflow, locale: Locale): AdminWorkflow {
  const text = (value: Text): string => resolveText(value, locale);
  return {
    id: workflow.id,
    title: text(workflow.title),
    description: workflow.description === null ? null : text(workflow.description),
    resource: workflow.resource,
    initial: workflow.initial,
    openRoles: workflow.open.roles,
    states: workflow.states.map((state) => ({
      id: state.id,
      title: text(state.title),
      description: state.description === null ? null : text(state.description),
      final: state.final,
      timeLimit: state.timeLimit === null ? null : { duration: state.timeLimit.duration, calendar: state.timeLimit.calendar },
      onExpiry: state.onExpiry,
    })),
    transitions: workflow.transitions.map((transition) => {
      const localized = localizeTransition(workflow, transition, locale);
      return { ...localized, form: localized.form as MetaRecordSchema | null };
    }),
    evaluation: workflow.evaluation,
  };
}

/** GET /api/meta?locale=zh-CN|en. */
export function createMetaRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', (c) => c.json(buildAdminMeta(c.var.engine.model, { locale: c.var.locale, actor: c.var.actor, org: c.var.engine.org, plugins: c.var.engine.plugins })));
  return routes;
}
