import { type Ajv2020, type AjvExtensions, type BilingualText, createAjv, type FieldSchema, type ResourceConfig } from '@zhili/schemas';
import { ALL_RESOURCES, ENGINE_RESOURCES, isStandardField, STANDARD_FIELDS } from '../model/types.ts';
import { fieldKind, INDEXABLE_STANDARD_FIELDS, operatorsFor } from './fields.ts';
import { checkChecklist } from './checklist-check.ts';
import { checkWorkflow } from './workflow-check.ts';
import { calendarProblems } from '../workflows/calendar.ts';
import { checkGrids } from './grid-check.ts';
import type { GridRuleKinds } from '../grids/rules/registry.ts';
import type { CouncilRuleKinds } from '../councils/rule-kinds.ts';
import type { PointsRuleKinds } from '../points/rule-kinds.ts';
import { checkPoints } from './points-check.ts';
import { checkCouncils } from './council-check.ts';
import type { PackageIssue } from './issues.ts';
import { issueIn } from './origin.ts';
import { checkRecordSchema } from './schema-check.ts';
import { issueAt, toPointer } from './source.ts';
import type { Layer, MergedPackage, MergedResource, MergedRole } from './types.ts';

/** Checks within one manifest that merging by id would hide: level and module ids given twice. */
export function checkManifestIds(layer: Layer): PackageIssue[] {
  const issues: PackageIssue[] = [];
  for (const key of ['levels', 'modules'] as const) {
    const seen = new Set<string>();
    for (const [i, item] of (layer.manifest[key] ?? []).entries()) {
      if (seen.has(item.id)) {
        issues.push(
          issueAt(layer.manifestSource, toPointer([key, i, 'id']), {
            'zh-CN': `${key === 'levels' ? '层级' : '模块'} id "${item.id}" 重复`,
            en: `${key === 'levels' ? 'level' : 'module'} id "${item.id}" is given twice`,
          }),
        );
      }
      seen.add(item.id);
    }
  }
  return issues;
}

/** The manifest's working calendar: real dates, ranges in order and at most a month, make-up working days on weekends and not also holidays. */
export function checkManifestCalendar(layer: Layer): PackageIssue[] {
  const calendar = layer.manifest.calendar;
  if (calendar === undefined || layer.broken.has('/calendar')) return [];
  return calendarProblems(calendar).map(({ pointer, message }) => issueAt(layer.manifestSource, `/calendar${pointer}`, message));
}

/**
 * The checks that need the merged package: every resource is complete, names levels and modules
 * that exist, and every field it names (title field, list columns, filters, sort, indexes, pii,
 * uiSchema) is one of its fields, of a kind that fits; every record schema compiles. Every role is
 * complete and names levels and resources that exist. Every checklist passes checkChecklist, every
 * workflow checkWorkflow, the grid rules checkGrids, the council sets checkCouncils, every points scheme checkPoints.
 */
export function checkCrossReferences(
  pkg: MergedPackage,
  extensions: { readonly gridRuleKinds: GridRuleKinds; readonly councilRuleKinds: CouncilRuleKinds; readonly pointsRuleKinds: PointsRuleKinds; readonly ajv: AjvExtensions },
): PackageIssue[] {
  const issues: PackageIssue[] = [];
  if (!pkg.levels.length && !pkg.brokenManifest.has('/levels')) {
    issues.push(
      issueIn(pkg.origins.manifest, '', {
        'zh-CN': '没有任何辖区层级：请在 levels 中声明，或 extends 一个声明了层级的包',
        en: 'no jurisdiction levels: declare levels, or extend a package that does',
      }),
    );
  }
  const context: Context = {
    levels: pkg.brokenManifest.has('/levels') ? null : new Set(pkg.levels.map((l) => l.id)),
    modules: pkg.brokenManifest.has('/modules') ? null : new Set(pkg.modules.map((m) => m.id)),
    ajv: createAjv({}, extensions.ajv),
  };
  for (const resource of pkg.resources) issues.push(...checkResource(resource, context));
  const resources = new Set<string>([...pkg.resources.map((r) => r.config.id), ...ENGINE_RESOURCES, ALL_RESOURCES]);
  for (const role of pkg.roles) issues.push(...checkRole({ role, levels: context.levels, resources }));
  const checklistContext = {
    levels: context.levels ? pkg.levels.map((l) => l.id) : null,
    resources: new Map(pkg.resources.map((r) => [r.config.id, r])),
    ajv: context.ajv,
  };
  for (const checklist of pkg.checklists) issues.push(...checkChecklist(checklist, checklistContext));
  const workflowContext = {
    levels: context.levels,
    roles: new Set(pkg.roles.map((r) => r.config.id)),
    resources: new Set(pkg.resources.map((r) => r.config.id)),
    ajv: context.ajv,
  };
  for (const workflow of pkg.workflows) issues.push(...checkWorkflow(workflow, workflowContext));
  issues.push(...checkGrids(pkg.grids, { levels: context.levels, resources: checklistContext.resources, ajv: context.ajv, kinds: extensions.gridRuleKinds }));
  const pointsContext = {
    roles: workflowContext.roles,
    resources: checklistContext.resources,
    workflows: new Map(pkg.workflows.map((w) => [w.config.id, w])),
    ruleKinds: extensions.pointsRuleKinds,
    ajv: context.ajv,
  };
  for (const scheme of pkg.points) issues.push(...checkPoints(scheme, pointsContext));
  const councilContext = {
    levels: context.levels,
    roles: workflowContext.roles,
    workflows: new Set(pkg.workflows.map((w) => w.config.id)),
    ruleKinds: extensions.councilRuleKinds,
    ajv: context.ajv,
  };
  issues.push(...checkCouncils(pkg.councils, councilContext));
  return issues;
}

const ROLE_REQUIRED_AFTER_MERGE = ['title', 'grants'] as const;

/** Keys a merged config still lacks; a key whose part failed the meta-schema was reported already. */
function missingAfterMerge<K extends string>(config: Partial<Record<K, unknown>>, keys: readonly K[], broken: ReadonlySet<string>): K[] {
  return keys.filter((key) => config[key] === undefined && !broken.has(`/${key}`));
}

/** A role is complete, held at a level that exists, and grants on resources that exist. */
function checkRole({ role, levels, resources }: { role: MergedRole; levels: ReadonlySet<string> | null; resources: ReadonlySet<string> }): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const { config, broken } = role;
  const id = config.id;
  const report = (pointer: string, message: BilingualText) => issues.push(issueIn(role.origin, pointer, message));
  for (const key of missingAfterMerge(config, ROLE_REQUIRED_AFTER_MERGE, broken)) {
    report('/id', { 'zh-CN': `角色 ${id} 缺少 ${key}（合并所有上级包之后仍未给出）`, en: `role ${id} has no ${key} (none of the merged packages gives one)` });
  }
  if (config.level !== undefined && levels && !levels.has(config.level)) {
    report('/level', { 'zh-CN': `角色 ${id} 的层级 "${config.level}" 不存在于 levels 中`, en: `level "${config.level}" of role ${id} is not one of the levels` });
  }
  for (const [i, grant] of (config.grants ?? []).entries()) {
    for (const [j, resource] of grant.resources.entries()) {
      if (resources.has(resource)) continue;
      report(toPointer(['grants', i, 'resources', j]), {
        'zh-CN': `角色 ${id} 授权的资源 "${resource}" 不存在（可用资源 id，或 "*" 表示全部资源）`,
        en: `resource "${resource}" granted by role ${id} does not exist (name a resource id, or "*" for every resource)`,
      });
    }
  }
  return issues;
}

interface Context {
  /** Ids that exist; null when the list itself is broken (and checks against it would only repeat that). */
  readonly levels: ReadonlySet<string> | null;
  readonly modules: ReadonlySet<string> | null;
  readonly ajv: Ajv2020;
}

const REQUIRED_AFTER_MERGE = ['title', 'level', 'schema'] as const;

/** What a name in a resource's config refers to. */
type Reference =
  | { readonly to: 'field'; readonly schema: FieldSchema }
  | { readonly to: 'standard'; readonly name: keyof typeof STANDARD_FIELDS }
  | { readonly to: 'broken' }
  | { readonly to: 'nothing' };

function checkResource(resource: MergedResource, context: Context): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const { config, broken } = resource;
  const id = config.id;
  const report = (pointer: string, message: BilingualText) => issues.push(issueIn(resource.origin, pointer, message));

  for (const key of missingAfterMerge(config, REQUIRED_AFTER_MERGE, broken)) {
    report('/id', { 'zh-CN': `资源 ${id} 缺少 ${key}（合并所有上级包之后仍未给出）`, en: `resource ${id} has no ${key} (none of the merged packages gives one)` });
  }
  if ((ENGINE_RESOURCES as readonly string[]).includes(id)) {
    report('/id', { 'zh-CN': `资源 id "${id}" 由引擎保留（${ENGINE_RESOURCES.join(', ')}）`, en: `resource id "${id}" is reserved by the engine (${ENGINE_RESOURCES.join(', ')})` });
  }
  if (config.level !== undefined && context.levels && !context.levels.has(config.level)) {
    report('/level', { 'zh-CN': `资源 ${id} 的层级 "${config.level}" 不存在于 levels 中`, en: `level "${config.level}" of resource ${id} is not one of the levels` });
  }
  if (config.module !== undefined && context.modules && !context.modules.has(config.module)) {
    report('/module', { 'zh-CN': `资源 ${id} 的模块 "${config.module}" 不存在于 modules 中`, en: `module "${config.module}" of resource ${id} is not one of the modules` });
  }
  if (!config.schema || broken.has('/schema')) return issues;

  const { properties } = config.schema;
  const fieldBroken = (name: string) => broken.has(toPointer(['schema', 'properties', name]));
  const refer = (name: string): Reference => {
    const schema = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (schema && !isStandardField(name)) return { to: 'field', schema };
    if (isStandardField(name)) return { to: 'standard', name };
    return fieldBroken(name) ? { to: 'broken' } : { to: 'nothing' };
  };
  const scalar = (ref: Reference) => ref.to === 'field' && fieldKind(ref.schema) !== 'json';

  for (const name of Object.keys(properties)) {
    if (isStandardField(name)) {
      report(toPointer(['schema', 'properties', name]), {
        'zh-CN': `字段名 "${name}" 是标准字段，资源不能再定义（标准字段：${Object.keys(STANDARD_FIELDS).join(', ')}）`,
        en: `field name "${name}" is a standard field and cannot be redefined (standard fields: ${Object.keys(STANDARD_FIELDS).join(', ')})`,
      });
    }
  }
  for (const [i, name] of (config.schema.required ?? []).entries()) {
    if (!Object.hasOwn(properties, name) && !fieldBroken(name)) {
      report(toPointer(['schema', 'required', i]), { 'zh-CN': `必填字段 "${name}" 不在 properties 中`, en: `required field "${name}" is not in properties` });
    }
  }
  for (const problem of checkRecordSchema(config.schema, (name) => isStandardField(name) || fieldBroken(name), context.ajv)) {
    report(problem.pointer, problem.message);
  }

  if (config.titleField !== undefined && !broken.has('/titleField')) {
    const ref = refer(config.titleField);
    if (ref.to !== 'broken' && !scalar(ref)) {
      report('/titleField', {
        'zh-CN': `标题字段 "${config.titleField}" 不是资源 ${id} 的顶层标量字段`,
        en: `title field "${config.titleField}" is not a top-level scalar field of resource ${id}`,
      });
    }
  }
  if (config.list && !broken.has('/list')) checkList({ config, refer, scalar, report });
  if (config.indexes && !broken.has('/indexes')) checkIndexes({ config, refer, scalar, report });
  if (config.pii && !broken.has('/pii')) checkPii({ config, refer, report });
  if (config.uiSchema && !broken.has('/uiSchema')) {
    for (const key of Object.keys(config.uiSchema)) {
      if (key.startsWith('ui:') || refer(key).to === 'field' || refer(key).to === 'broken') continue;
      report(toPointer(['uiSchema', key]), { 'zh-CN': `uiSchema 的键 "${key}" 不是资源 ${id} 的字段`, en: `uiSchema key "${key}" is not a field of resource ${id}` });
    }
  }
  return issues;
}

interface Check {
  readonly config: ResourceConfig;
  readonly refer: (name: string) => Reference;
  readonly scalar: (ref: Reference) => boolean;
  readonly report: (pointer: string, message: BilingualText) => void;
}

function checkList({ config, refer, scalar, report }: Check): void {
  const id = config.id;
  const list = config.list ?? {};
  const listed = new Set<string>();
  for (const [i, column] of (list.columns ?? []).entries()) {
    const name = typeof column === 'string' ? column : column.field;
    const at = typeof column === 'string' ? toPointer(['list', 'columns', i]) : toPointer(['list', 'columns', i, 'field']);
    const ref = refer(name);
    if (ref.to === 'nothing') {
      report(at, { 'zh-CN': `列表列 "${name}" 不是资源 ${id} 的字段`, en: `list column "${name}" is not a field of resource ${id}` });
    } else if (listed.has(name)) {
      report(at, { 'zh-CN': `列表列 "${name}" 重复`, en: `list column "${name}" is listed twice` });
    }
    listed.add(name);
    const sortable = ref.to === 'standard' ? STANDARD_FIELDS[ref.name].sortable : scalar(ref);
    if (typeof column !== 'string' && column.sortable === true && ref.to !== 'nothing' && ref.to !== 'broken' && !sortable) {
      report(toPointer(['list', 'columns', i, 'sortable']), {
        'zh-CN': `列表列 "${name}" 不能排序（只有标量字段和可排序的标准字段可以）`,
        en: `list column "${name}" cannot be sortable (only scalar fields and sortable standard fields can)`,
      });
    }
  }
  for (const [i, filter] of (list.filters ?? []).entries()) {
    const name = typeof filter === 'string' ? filter : filter.field;
    const at = typeof filter === 'string' ? toPointer(['list', 'filters', i]) : toPointer(['list', 'filters', i, 'field']);
    const ref = refer(name);
    if (ref.to === 'broken') continue;
    if (ref.to !== 'field' || !scalar(ref)) {
      report(at, { 'zh-CN': `筛选字段 "${name}" 不是资源 ${id} 的顶层标量字段`, en: `filter field "${name}" is not a top-level scalar field of resource ${id}` });
      continue;
    }
    if (typeof filter === 'string') continue;
    const kind = fieldKind(ref.schema);
    const allowed = operatorsFor(kind);
    for (const [j, operator] of (filter.operators ?? []).entries()) {
      if (!allowed.includes(operator)) {
        report(toPointer(['list', 'filters', i, 'operators', j]), {
          'zh-CN': `筛选运算符 "${operator}" 不适用于字段 "${name}"（${KIND_ZH[kind]}）`,
          en: `filter operator "${operator}" does not suit field "${name}" (${kind})`,
        });
      }
    }
  }
  for (const [i, key] of (list.defaultSort ?? []).entries()) {
    const ref = refer(key.field);
    const ok = ref.to === 'broken' || scalar(ref) || (ref.to === 'standard' && STANDARD_FIELDS[ref.name].sortable);
    if (!ok) {
      report(toPointer(['list', 'defaultSort', i, 'field']), {
        'zh-CN': `默认排序字段 "${key.field}" 不是资源 ${id} 的标量字段或可排序的标准字段`,
        en: `default sort field "${key.field}" is not a scalar field or sortable standard field of resource ${id}`,
      });
    }
  }
}

const KIND_ZH = { text: '文本', integer: '整数', number: '数值', boolean: '布尔', json: 'JSON' } as const;

function checkIndexes({ config, refer, scalar, report }: Check): void {
  const seen = new Set<string>();
  for (const [i, index] of (config.indexes ?? []).entries()) {
    for (const [j, name] of index.fields.entries()) {
      const ref = refer(name);
      const ok = ref.to === 'broken' || scalar(ref) || (INDEXABLE_STANDARD_FIELDS as readonly string[]).includes(name);
      if (!ok) {
        report(toPointer(['indexes', i, 'fields', j]), {
          'zh-CN': `索引字段 "${name}" 不是资源 ${config.id} 的标量字段（或标准字段 orgPath、createdAt、updatedAt）`,
          en: `index field "${name}" is not a scalar field of resource ${config.id} (nor the standard field orgPath, createdAt or updatedAt)`,
        });
      }
    }
    const key = index.fields.join(',');
    if (seen.has(key)) {
      report(toPointer(['indexes', i]), { 'zh-CN': `索引 (${key}) 重复`, en: `index (${key}) is given twice` });
    }
    seen.add(key);
  }
}

function checkPii({ config, refer, report }: Omit<Check, 'scalar'>): void {
  const seen = new Set<string>();
  for (const [i, pii] of (config.pii ?? []).entries()) {
    const ref = refer(pii.field);
    if (ref.to !== 'broken' && (ref.to !== 'field' || fieldKind(ref.schema) !== 'text')) {
      report(toPointer(['pii', i, 'field']), {
        'zh-CN': `个人信息字段 "${pii.field}" 不是资源 ${config.id} 的顶层字符串字段`,
        en: `pii field "${pii.field}" is not a top-level string field of resource ${config.id}`,
      });
    } else if (seen.has(pii.field)) {
      report(toPointer(['pii', i, 'field']), { 'zh-CN': `个人信息字段 "${pii.field}" 重复`, en: `pii field "${pii.field}" is given twice` });
    }
    seen.add(pii.field);
  }
}
