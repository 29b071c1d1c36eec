import { createHash } from 'node:crypto';
import type { ClaimantKind, FieldSchema, Index, ListColumn, ListFilter, PiiField, WorkflowJurisdiction } from '@zhili/schemas';
import {
  type CompiledChecklist,
  type CompiledField,
  type CompiledIndex,
  type CompiledLevel,
  type CompiledListColumn,
  type CompiledListFilter,
  type CompiledModel,
  type CompiledModule,
  type CompiledResource,
  type CompiledRole,
  type CompiledSortKey,
  type CompiledJurisdiction,
  type CompiledWorkflow,
  isStandardField,
  STANDARD_FIELDS,
} from '../model/types.ts';
import { CLAIMANT_KINDS } from '../checklists/kinds.ts';
import { parseDuration } from '../workflows/time.ts';
import { fromStates } from './workflow-check.ts';
import { compileCalendars } from '../workflows/calendar.ts';
import { compileGrids } from './grid-check.ts';
import { compilePoints } from './points-check.ts';
import { compileCouncils } from '../councils/compile.ts';
import { columnOf, defaultOperators, fieldEnumValues, fieldKind, isDateField } from './fields.ts';
import { PackageError } from './issues.ts';
import { loadPackage } from './load.ts';
import type { PluginHost } from '../plugins/host.ts';
import type { LoadedChecklist, LoadedPackage, LoadedResource, LoadedRole, LoadedWorkflow } from './types.ts';

/** Longest identifier PostgreSQL keeps (it truncates longer ones silently). */
const MAX_IDENTIFIER = 63;
/** Columns the list shows when its config names none. */
const DEFAULT_COLUMN_COUNT = 6;
const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_SORT: readonly CompiledSortKey[] = [{ field: 'createdAt', order: 'desc' }];
const DEFAULT_MODULE_ORDER = 100;
const DEFAULT_GRANT_SCOPE = 'own-node-and-below';

/**
 * Compiles a loaded package into the model the engine runs on: every default applied, index
 * names derived, a content hash, the whole deep-frozen. Pure: the same package gives the same model.
 */
export function compile(pkg: LoadedPackage): CompiledModel {
  // Copies, so that freezing the model leaves the caller's package untouched.
  const { manifest, levels: authoredLevels, modules: authoredModules } = structuredClone({
    manifest: pkg.manifest,
    levels: pkg.levels,
    modules: pkg.modules,
  });
  const levels: CompiledLevel[] = authoredLevels.map((level, depth) => ({
    id: level.id,
    title: level.title,
    description: level.description ?? null,
    depth,
  }));
  const modules: CompiledModule[] = authoredModules
    .map((m) => ({ id: m.id, title: m.title, order: m.order ?? DEFAULT_MODULE_ORDER, icon: m.icon ?? null }))
    .sort((a, b) => a.order - b.order);
  const resources: Record<string, CompiledResource> = {};
  for (const resource of pkg.resources) {
    resources[resource.config.id] = compileResource({ config: structuredClone(resource.config), sourceFile: resource.sourceFile });
  }
  const roles: Record<string, CompiledRole> = {};
  for (const role of pkg.roles) roles[role.config.id] = compileRole(structuredClone(role.config));
  const checklists: Record<string, CompiledChecklist> = {};
  for (const checklist of pkg.checklists) {
    checklists[checklist.config.id] = compileChecklist({ config: structuredClone(checklist.config), sourceFile: checklist.sourceFile }, resources);
  }
  const workflows: Record<string, CompiledWorkflow> = {};
  for (const workflow of pkg.workflows) {
    workflows[workflow.config.id] = compileWorkflow({ config: structuredClone(workflow.config), sourceFile: workflow.sourceFile });
  }
  // Each council procedure runs as a workflow of its own (council-<id>), after the package's workflows.
  const councils = compileCouncils(structuredClone(pkg.councils.map((c) => ({ config: c.config, sourceFile: c.sourceFile }))));
  Object.assign(workflows, councils.workflows);

  const withoutHash: Omit<CompiledModel, 'hash'> = {
    id: manifest.id,
    title: manifest.title,
    description: manifest.description ?? null,
    version: manifest.version,
    locale: pkg.locale,
    packages: pkg.packages.map((p) => ({ ...p })),
    levels,
    calendar: compileCalendars(pkg.calendars),
    modules,
    resources,
    roles,
    checklists,
    workflows,
    grids: pkg.grids[0] ? compileGrids(structuredClone({ config: pkg.grids[0].config, sourceFile: pkg.grids[0].sourceFile })) : null,
    points: Object.fromEntries(pkg.points.map((p) => [p.config.id, compilePoints(structuredClone({ config: p.config, sourceFile: p.sourceFile }))])),
    councils: councils.councils,
    orgTreeFile: pkg.orgTreeFile,
    demoDataModule: pkg.demoDataModule,
    pluginModules: pkg.pluginModules,
    adminPluginModules: pkg.adminPluginModules,
  };
  return deepFreeze({ ...withoutHash, hash: modelHash(withoutHash) });
}

/** Loads and compiles a package with its plugins set up; throws PackageError with every issue when it is invalid (a plugin that cannot be set up is one). */
export async function loadPackageModel(dir: string): Promise<{ readonly model: CompiledModel; readonly plugins: PluginHost }> {
  const result = await loadPackage(dir);
  if (!result.ok) throw new PackageError(result.issues);
  return { model: compile(result.pkg), plugins: result.plugins };
}

/** Loads and compiles a package (see loadPackageModel), for what needs the model only. */
export async function loadModel(dir: string): Promise<CompiledModel> {
  return (await loadPackageModel(dir)).model;
}

function compileResource(resource: Pick<LoadedResource, 'config' | 'sourceFile'>): CompiledResource {
  const { config } = resource;
  const required = new Set(config.schema.required ?? []);
  const fields = Object.entries(config.schema.properties).flatMap(([name, schema]) =>
    schema ? [compileField({ name, schema, required: required.has(name) })] : [],
  );
  const byName = new Map(fields.map((f) => [f.name, f]));
  const columns = compileColumns(config.list?.columns, fields, byName);
  const defaultSort = config.list?.defaultSort?.map((k) => ({ field: k.field, order: k.order ?? 'asc' })) ?? DEFAULT_SORT;
  return {
    id: config.id,
    table: config.id,
    title: config.title,
    description: config.description ?? null,
    module: config.module ?? null,
    level: config.level,
    titleField: config.titleField ?? defaultTitleField(columns, fields, byName),
    schema: config.schema,
    uiSchema: config.uiSchema ?? {},
    fields,
    list: {
      columns,
      filters: compileFilters(config.list?.filters, fields, byName),
      defaultSort,
      pageSize: config.list?.pageSize ?? DEFAULT_PAGE_SIZE,
    },
    indexes: [...(config.indexes ?? []).map((i) => compileIndex(config.id, i)), standardIndex(config.id, defaultSort)],
    pii: (config.pii ?? []).map((p: PiiField) => ({ field: p.field, mask: p.mask, sensitive: p.sensitive ?? false })),
    sourceFile: resource.sourceFile,
  };
}

function compileRole(config: LoadedRole['config']): CompiledRole {
  return {
    id: config.id,
    title: config.title,
    description: config.description ?? null,
    level: config.level ?? null,
    grants: config.grants.map((g) => ({ resources: g.resources, actions: g.actions, scope: g.scope ?? DEFAULT_GRANT_SCOPE })),
  };
}

/**
 * A checklist with its defaults: public unless it says otherwise, no items, and admission's target
 * levels those of the resources it admits.
 */
function compileChecklist(checklist: Pick<LoadedChecklist, 'config' | 'sourceFile'>, resources: Readonly<Record<string, CompiledResource>>): CompiledChecklist {
  const { config } = checklist;
  const admission = config.admission;
  return {
    id: config.id,
    title: config.title,
    description: config.description ?? null,
    kind: config.kind,
    owner: config.owner,
    public: config.public ?? true,
    itemSchema: config.itemSchema,
    itemUiSchema: config.itemUiSchema ?? {},
    items: (config.items ?? []).map((item) => ({ code: item.code, title: item.title, attributes: item.attributes ?? {} })),
    admission: admission
      ? {
          resources: admission.resources,
          approverLevel: admission.approverLevel,
          decisionDays: admission.decisionDays,
          targetLevels: admission.targetLevels ?? [...new Set(admission.resources.flatMap((id) => (resources[id] ? [resources[id].level] : [])))],
          assessment: admission.assessment ?? null,
        }
      : null,
    claiming: config.claiming
      ? { level: config.claiming.level, claimantKinds: config.claiming.claimantKinds ?? (Object.keys(CLAIMANT_KINDS) as ClaimantKind[]), multiple: config.claiming.multiple ?? false }
      : null,
    sourceFile: checklist.sourceFile,
  };
}

/** Open jurisdiction: anyone on the record's branch. Transitions: at the case's unit or above. */
const DEFAULT_OPEN_UNIT = 'branch';
const DEFAULT_TRANSITION_UNIT = 'case-or-above';

function compileJurisdiction(jurisdiction: WorkflowJurisdiction | undefined, unit: CompiledJurisdiction['unit']): CompiledJurisdiction {
  return { unit: jurisdiction?.unit ?? unit, level: jurisdiction?.level ?? null };
}

/** A workflow with its defaults: comments optional, no attachment or assignee required, escalation on expiry, evaluation bounds from its form. */
function compileWorkflow(workflow: Pick<LoadedWorkflow, 'config' | 'sourceFile'>): CompiledWorkflow {
  const { config } = workflow;
  const transitions = config.transitions.map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description ?? null,
    from: [...fromStates(t.from)],
    to: t.to,
    roles: t.roles,
    jurisdiction: compileJurisdiction(t.jurisdiction, DEFAULT_TRANSITION_UNIT),
    form: t.form ?? null,
    uiSchema: t.uiSchema ?? {},
    comment: t.comment ?? 'optional',
    attachmentRequired: t.attachmentRequired ?? false,
    assign: t.assign ?? false,
  }));
  const evaluation = config.evaluation;
  const scoreField = evaluation ? transitions.find((t) => t.id === evaluation.transition)?.form?.properties[evaluation.field] : undefined;
  return {
    id: config.id,
    title: config.title,
    description: config.description ?? null,
    resource: config.resource,
    initial: config.initial,
    open: { roles: config.open.roles, jurisdiction: compileJurisdiction(config.open.jurisdiction, DEFAULT_OPEN_UNIT) },
    states: config.states.map((state) => {
      // The meta-schema's pattern guarantees the duration parses.
      const parts = state.timeLimit ? parseDuration(state.timeLimit.duration) : null;
      return {
        id: state.id,
        title: state.title,
        description: state.description ?? null,
        final: state.final ?? false,
        timeLimit: state.timeLimit && parts ? { duration: state.timeLimit.duration, calendar: state.timeLimit.calendar ?? 'calendar', ...parts } : null,
        onExpiry: state.timeLimit ? { action: state.onExpiry?.action ?? 'escalate', transition: state.onExpiry?.transition ?? null } : null,
      };
    }),
    transitions,
    evaluation:
      evaluation && scoreField
        ? { transition: evaluation.transition, field: evaluation.field, min: scoreField.minimum ?? 1, max: scoreField.maximum ?? 5 }
        : null,
    sourceFile: workflow.sourceFile,
  };
}

/** A top-level field: its storage kind from the JSON type, its choices from enum or oneOf consts. */
export function compileField({ name, schema, required }: { name: string; schema: FieldSchema; required: boolean }): CompiledField {
  const kind = fieldKind(schema);
  return {
    name,
    title: schema.title ?? name,
    kind,
    required,
    scalar: kind !== 'json',
    format: schema.format ?? null,
    enumValues: fieldEnumValues(schema),
    schema,
  };
}

/** Configured columns, or the first six scalar fields. Sortable by default when the column is a scalar or a sortable standard field. */
function compileColumns(
  configured: readonly (string | ListColumn)[] | undefined,
  fields: readonly CompiledField[],
  byName: ReadonlyMap<string, CompiledField>,
): CompiledListColumn[] {
  const columns = configured ?? fields.filter((f) => f.scalar).slice(0, DEFAULT_COLUMN_COUNT).map((f) => f.name);
  return columns.map((column) => {
    const c: ListColumn = typeof column === 'string' ? { field: column } : column;
    const sortable = isStandardField(c.field) ? STANDARD_FIELDS[c.field].sortable : (byName.get(c.field)?.scalar ?? false);
    return { field: c.field, title: c.title ?? null, width: c.width ?? null, sortable: c.sortable ?? sortable };
  });
}

/** The first text column of the list, else the first text field; null when the resource has none. */
function defaultTitleField(columns: readonly CompiledListColumn[], fields: readonly CompiledField[], byName: ReadonlyMap<string, CompiledField>): string | null {
  const isText = (name: string) => byName.get(name)?.kind === 'text';
  return columns.find((c) => isText(c.field))?.field ?? fields.find((f) => f.kind === 'text')?.name ?? null;
}

/** Configured filters (operators by kind when not given), or one per enum or date field. */
function compileFilters(
  configured: readonly (string | ListFilter)[] | undefined,
  fields: readonly CompiledField[],
  byName: ReadonlyMap<string, CompiledField>,
): CompiledListFilter[] {
  const filters = configured ?? fields.filter((f) => f.scalar && (f.enumValues || isDateField(f.schema))).map((f) => f.name);
  return filters.map((filter) => {
    const f: ListFilter = typeof filter === 'string' ? { field: filter } : filter;
    const schema = byName.get(f.field)?.schema ?? {};
    return { field: f.field, operators: f.operators ?? defaultOperators(schema) };
  });
}

function compileIndex(table: string, index: Index): CompiledIndex {
  const columns = index.fields.map(columnOf);
  return { name: indexName(table, columns), columns, unique: index.unique ?? false };
}

/** The index that makes a jurisdiction's first page an index scan: (org_path, default sort …, id). */
function standardIndex(table: string, defaultSort: readonly CompiledSortKey[]): CompiledIndex {
  const sortColumns = defaultSort.map((k) => columnOf(k.field)).filter((c) => c !== 'org_path' && c !== 'id');
  return { name: limitIdentifier(`ix_${table}_org_sort`), columns: ['org_path', ...new Set(sortColumns), 'id'], unique: false };
}

/** `ix_<table>_<columns>`, shortened with a hash when longer than PostgreSQL allows. */
export function indexName(table: string, columns: readonly string[]): string {
  return limitIdentifier(`ix_${table}_${columns.join('_')}`);
}

function limitIdentifier(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}`;
}

/** SHA-256 of the model's canonical JSON, without the absolute paths (which differ between machines). */
function modelHash(model: Omit<CompiledModel, 'hash'>): string {
  const portable = {
    ...model,
    packages: model.packages.map(({ dir: _dir, ...rest }) => rest),
    orgTreeFile: null,
    demoDataModule: null,
    pluginModules: [],
    adminPluginModules: [],
    resources: Object.fromEntries(Object.entries(model.resources).map(([id, { sourceFile: _file, ...rest }]) => [id, rest])),
    checklists: Object.fromEntries(Object.entries(model.checklists).map(([id, { sourceFile: _file, ...rest }]) => [id, rest])),
    workflows: Object.fromEntries(Object.entries(model.workflows).map(([id, { sourceFile: _file, ...rest }]) => [id, rest])),
    grids: model.grids ? { ...model.grids, sourceFile: null } : null,
    points: Object.fromEntries(Object.entries(model.points).map(([id, { sourceFile: _file, ...rest }]) => [id, rest])),
    councils: {
      bodies: Object.fromEntries(Object.entries(model.councils.bodies).map(([id, { sourceFile: _file, ...rest }]) => [id, rest])),
      procedures: Object.fromEntries(Object.entries(model.councils.procedures).map(([id, { sourceFile: _file, ...rest }]) => [id, rest])),
    },
  };
  return createHash('sha256').update(canonicalJson(portable)).digest('hex');
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Freezes a value and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
