import type { ChecklistConfig, ChecklistItem, Index, Level, Locale, Module, PiiField, RecordSchema, ResourceConfig } from '@zhili/schemas';
import type { PackageRef } from '../model/types.ts';
import { childOrigin, type Origin } from './origin.ts';
import type { SourceFile } from './source.ts';
import type {
  ChecklistFile,
  CouncilFile,
  GridFile,
  Layer,
  MergedChecklist,
  MergedCouncils,
  MergedGrids,
  MergedPoints,
  MergedPackage,
  MergedResource,
  MergedRole,
  MergedWorkflow,
  PointsFile,
  ResourceFile,
  RoleFile,
  WorkflowFile,
} from './types.ts';

/**
 * Merges the layers of an extends chain (parents first, the loaded package last) into one package,
 * keeping the origin of every merged part. Manifest: levels replaced as a whole by the nearest
 * package that gives them; modules merged by id; calendars kept in layer order (compileCalendars joins them); org tree and demo data from the nearest package
 * that has them. Resources: merged by id with the rules of resource.schema.json. Roles: merged by
 * id, the keys a child gives replacing the parent's (grants as a whole). Checklists: merged by id
 * with the rules of checklist.schema.json. Workflows: merged by id like roles (states and transitions as a whole). Grid rule sets: merged by id, the keys a child gives replacing
 * the parent's (rules as a whole). Council sets and points schemes: likewise (bodies and procedures, rules and catalogue, as a whole).
 */
export function mergeLayers(layers: readonly Layer[]): MergedPackage {
  const leaf = layers.at(-1);
  if (!leaf) throw new Error('mergeLayers needs at least one layer');

  let levels: { value: Level[]; origin: Origin } | null = null;
  const modules = new Map<string, { value: Module; origin: Origin }>();
  let locale: Locale | undefined;
  let orgTreeFile: string | null = null;
  let demoDataModule: string | null = null;
  const brokenManifest = new Set<string>([...leaf.broken]);
  const resources = new Map<string, MergedResource>();
  const roles = new Map<string, MergedRole>();
  const checklists = new Map<string, MergedChecklist>();
  const workflows = new Map<string, MergedWorkflow>();
  const grids = new Map<string, MergedGrids>();
  const points = new Map<string, MergedPoints>();
  const councils = new Map<string, MergedCouncils>();

  for (const layer of layers) {
    const { manifest, manifestSource: source } = layer;
    if (manifest.levels) levels = { value: manifest.levels, origin: { source, pointer: '/levels' } };
    for (const [i, module] of (manifest.modules ?? []).entries()) {
      modules.set(module.id, { value: module, origin: { source, pointer: `/modules/${i}` } });
    }
    locale = manifest.locale ?? locale;
    orgTreeFile = layer.orgTreeFile ?? orgTreeFile;
    demoDataModule = layer.demoDataModule ?? demoDataModule;
    for (const part of ['/levels', '/modules']) if (layer.broken.has(part)) brokenManifest.add(part);
    for (const file of layer.resources) {
      const base = resources.get(file.config.id);
      resources.set(file.config.id, base ? mergeResource(base, file) : declare(file));
    }
    for (const file of layer.roles) {
      const base = roles.get(file.config.id);
      roles.set(file.config.id, base ? mergeKeys(base, file) : declare(file));
    }
    for (const file of layer.checklists) {
      const base = checklists.get(file.config.id);
      checklists.set(file.config.id, base ? mergeChecklist(base, file) : { ...declare(file), origin: checklistFileOrigin(file) });
    }
    for (const file of layer.workflows) {
      const base = workflows.get(file.config.id);
      workflows.set(file.config.id, base ? mergeKeys(base, file) : declare(file));
    }
    for (const file of layer.grids) {
      const base = grids.get(file.config.id);
      grids.set(file.config.id, base ? mergeKeys(base, file) : declare(file));
    }
    for (const file of layer.points) {
      const base = points.get(file.config.id);
      points.set(file.config.id, base ? mergeKeys(base, file) : declare(file));
    }
    for (const file of layer.councils) {
      const base = councils.get(file.config.id);
      councils.set(file.config.id, base ? mergeKeys(base, file) : declare(file));
    }
  }

  const packages: PackageRef[] = layers.map((l) => ({
    name: l.name,
    id: l.manifest.id ?? l.name,
    version: l.manifest.version ?? '0.0.0',
    dir: l.dir,
  }));
  return {
    dir: leaf.dir,
    manifest: leaf.manifest,
    locale: locale ?? 'zh-CN',
    packages,
    levels: levels?.value ?? [],
    calendars: layers.map((l) => l.manifest.calendar),
    modules: [...modules.values()].map((m) => m.value),
    resources: [...resources.values()],
    roles: [...roles.values()],
    checklists: [...checklists.values()],
    workflows: [...workflows.values()],
    grids: [...grids.values()],
    points: [...points.values()],
    councils: [...councils.values()],
    orgTreeFile,
    demoDataModule,
    pluginModules: [...new Set(layers.flatMap((l) => l.pluginModules))],
    adminPluginModules: [...new Set(layers.flatMap((l) => l.adminPluginModules))],
    origins: {
      manifest: { source: leaf.manifestSource, pointer: '' },
      levels: levels?.origin ?? null,
      modules: new Map([...modules].map(([id, m]) => [id, m.origin])),
    },
    brokenManifest,
  };
}

/** The first file declaring a resource, role or checklist: everything in it comes from that file. */
function declare<F extends ResourceFile | RoleFile | ChecklistFile | WorkflowFile | GridFile | CouncilFile | PointsFile>(file: F): { config: F['config']; origin: Origin; sourceFile: string; broken: ReadonlySet<string> } {
  return { config: file.config, origin: { source: file.source, pointer: '' }, sourceFile: file.source.path, broken: file.broken };
}

/** A part of a merged value and where it was written. */
interface Traced<T> {
  readonly value: T;
  readonly origin: Origin;
}

/**
 * Merges a child package's file into a resource: keys given replace the parent's, except
 * schema.properties (per field), schema.required (union), pii (per field) and indexes (union).
 */
export function mergeResource(base: MergedResource, file: ResourceFile): MergedResource {
  const child = file.config;
  const childRoot: Origin = { source: file.source, pointer: '' };
  const config: Record<string, unknown> = { ...base.config };
  const children = new Map<string, Origin>();
  for (const key of Object.keys(base.config)) children.set(key, childOrigin(base.origin, key));

  for (const [key, value] of Object.entries(child)) {
    if (key === 'id') continue;
    children.set(key, childOrigin(childRoot, key));
    config[key] = value;
  }
  if (base.config.schema && child.schema) {
    const schema = mergeSchema(
      { value: base.config.schema, origin: childOrigin(base.origin, 'schema') },
      { value: child.schema, origin: childOrigin(childRoot, 'schema') },
    );
    config['schema'] = schema.value;
    children.set('schema', schema.origin);
  }
  if (base.config.pii && child.pii) {
    const pii = mergeByKey(trace(base.config.pii, childOrigin(base.origin, 'pii')), trace(child.pii, childOrigin(childRoot, 'pii')), (p: PiiField) => p.field);
    config['pii'] = pii.map((p) => p.value);
    children.set('pii', listOrigin(childOrigin(childRoot, 'pii'), pii));
  }
  if (base.config.indexes && child.indexes) {
    const indexes = mergeByKey(trace(base.config.indexes, childOrigin(base.origin, 'indexes')), trace(child.indexes, childOrigin(childRoot, 'indexes')), indexKey, 'keep');
    config['indexes'] = indexes.map((i) => i.value);
    children.set('indexes', listOrigin(childOrigin(childRoot, 'indexes'), indexes));
  }
  return {
    config: config as unknown as ResourceConfig,
    origin: { source: base.origin.source, pointer: base.origin.pointer, children },
    sourceFile: base.sourceFile,
    broken: new Set([...base.broken, ...file.broken]),
  };
}

/** Merges a child package's file into a role, workflow or grid rule set: every key it gives replaces the parent's. */
export function mergeKeys<M extends MergedRole | MergedWorkflow | MergedGrids | MergedCouncils | MergedPoints>(base: M, file: { readonly source: SourceFile; readonly config: M['config']; readonly broken: ReadonlySet<string> }): M {
  const childRoot: Origin = { source: file.source, pointer: '' };
  const children = new Map<string, Origin>();
  for (const key of Object.keys(base.config)) children.set(key, childOrigin(base.origin, key));
  for (const key of Object.keys(file.config)) if (key !== 'id') children.set(key, childOrigin(childRoot, key));
  return {
    ...base,
    config: { ...base.config, ...file.config },
    origin: { source: base.origin.source, pointer: base.origin.pointer, children },
    sourceFile: base.sourceFile,
    broken: new Set([...base.broken, ...file.broken]),
  };
}

/**
 * Merges a child package's file into a checklist: keys given replace the parent's, except
 * itemSchema (merged like a resource's record schema) and items (merged by code: a child item
 * replaces the parent's item of its code in place, new codes are appended).
 */
export function mergeChecklist(base: MergedChecklist, file: ChecklistFile): MergedChecklist {
  const child = file.config;
  const childRoot = checklistFileOrigin(file);
  const config: Record<string, unknown> = { ...base.config };
  const children = new Map<string, Origin>();
  for (const key of Object.keys(base.config)) children.set(key, childOrigin(base.origin, key));
  for (const [key, value] of Object.entries(child)) {
    if (key === 'id') continue;
    children.set(key, childOrigin(childRoot, key));
    config[key] = value;
  }
  if (base.config.itemSchema && child.itemSchema) {
    const schema = mergeSchema(
      { value: base.config.itemSchema, origin: childOrigin(base.origin, 'itemSchema') },
      { value: child.itemSchema, origin: childOrigin(childRoot, 'itemSchema') },
    );
    config['itemSchema'] = schema.value;
    children.set('itemSchema', schema.origin);
  }
  if (base.config.items && child.items) {
    const items = mergeByKey(trace(base.config.items, childOrigin(base.origin, 'items')), trace(child.items, childOrigin(childRoot, 'items')), (i: ChecklistItem) => i.code);
    config['items'] = items.map((i) => i.value);
    children.set('items', listOrigin(childOrigin(childRoot, 'items'), items));
  }
  return {
    config: config as unknown as ChecklistConfig,
    origin: { source: base.origin.source, pointer: base.origin.pointer, children },
    sourceFile: base.sourceFile,
    broken: new Set([...base.broken, ...file.broken]),
  };
}

/**
 * Where the parts of a checklist file were written. Items that failed validation were left out of
 * the file's config, so the items after one sit at a later place in the file than in the list.
 */
export function checklistFileOrigin(file: ChecklistFile): Origin {
  const root: Origin = { source: file.source, pointer: '' };
  const removed = new Set([...file.broken].flatMap((pointer) => /^\/items\/(\d+)$/.exec(pointer)?.[1] ?? []).map(Number));
  if (removed.size === 0) return root;
  const kept: number[] = [];
  for (let i = 0; kept.length < (file.config.items ?? []).length; i++) if (!removed.has(i)) kept.push(i);
  const items: Origin = {
    source: file.source,
    pointer: '/items',
    children: new Map(kept.map((place, i) => [String(i), { source: file.source, pointer: `/items/${place}` }])),
  };
  return { ...root, children: new Map([['items', items]]) };
}

function mergeSchema(base: Traced<RecordSchema>, child: Traced<RecordSchema>): Traced<RecordSchema> {
  const children = new Map<string, Origin>();
  for (const key of Object.keys(base.value)) children.set(key, childOrigin(base.origin, key));
  for (const key of Object.keys(child.value)) children.set(key, childOrigin(child.origin, key));

  const properties: RecordSchema['properties'] = { ...base.value.properties };
  const propertyOrigins = new Map<string, Origin>();
  for (const name of Object.keys(base.value.properties)) propertyOrigins.set(name, childOrigin(childOrigin(base.origin, 'properties'), name));
  for (const [name, field] of Object.entries(child.value.properties)) {
    properties[name] = field;
    propertyOrigins.set(name, childOrigin(childOrigin(child.origin, 'properties'), name));
  }
  children.set('properties', { ...childOrigin(child.origin, 'properties'), children: propertyOrigins });

  const schema: RecordSchema = { ...base.value, ...child.value, properties };
  if (base.value.required || child.value.required) {
    const required = mergeByKey(
      trace(base.value.required ?? [], childOrigin(base.origin, 'required')),
      trace(child.value.required ?? [], childOrigin(child.origin, 'required')),
      (name: string) => name,
      'keep',
    );
    schema.required = required.map((r) => r.value);
    children.set('required', listOrigin(childOrigin(child.value.required ? child.origin : base.origin, 'required'), required));
  }
  return { value: schema, origin: { ...child.origin, children } };
}

function trace<T>(items: readonly T[], origin: Origin): Traced<T>[] {
  return items.map((value, i) => ({ value, origin: childOrigin(origin, i) }));
}

/**
 * Parent items in their order, then the child's new ones. A child item with the key of a parent
 * item replaces it in place ('replace'), or is dropped as a duplicate ('keep').
 */
function mergeByKey<T>(base: Traced<T>[], child: Traced<T>[], key: (item: T) => string, same: 'replace' | 'keep' = 'replace'): Traced<T>[] {
  const out = [...base];
  for (const item of child) {
    const at = out.findIndex((o) => key(o.value) === key(item.value));
    if (at < 0) out.push(item);
    else if (same === 'replace') out[at] = item;
  }
  return out;
}

function listOrigin(origin: Origin, items: readonly Traced<unknown>[]): Origin {
  return { ...origin, children: new Map(items.map((item, i) => [String(i), item.origin])) };
}

function indexKey(index: Index): string {
  return JSON.stringify([index.fields, index.unique ?? false]);
}
