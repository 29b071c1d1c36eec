import { type Ajv2020, type BilingualText, type FieldSchema, type GridRulesConfig, toBilingualFieldErrors } from '@zhili/schemas';
import type { GridRuleKinds } from '../grids/rules/registry.ts';
import type { RuleCheckContext } from '../grids/rules/kind.ts';
import type { CompiledGrids } from '../grids/types.ts';
import type { PackageIssue } from './issues.ts';
import { issueIn } from './origin.ts';
import { toPointer } from './source.ts';
import type { LoadedGrids, MergedGrids, MergedResource } from './types.ts';

/** The defaults of the data bindings: the base package's households, grid_staff and visits. */
export const GRID_DEFAULTS = {
  level: 'grid',
  households: { resource: 'households' },
  staff: { resource: 'grid_staff', roleField: 'role', nameField: 'name', statusField: 'status', activeStatuses: ['active'] },
  visits: { resource: 'visits', householdField: 'householdId', visitorField: 'visitorId', dateField: 'visitDate' },
} as const;

/** Keys of a rule that are not its kind's options. */
const RULE_KEYS: ReadonlySet<string> = new Set(['id', 'kind', 'title', 'source']);

export interface GridContext {
  readonly levels: ReadonlySet<string> | null;
  readonly resources: ReadonlyMap<string, MergedResource>;
  readonly ajv: Ajv2020;
  /** The rule kinds rules may name: the engine's and the package's plugins'. */
  readonly kinds: GridRuleKinds;
}

/** A field's JSON type, the first one when it allows several. */
function typeOf(schema: FieldSchema | undefined): string | undefined {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return Array.isArray(type) ? String(type[0]) : typeof type === 'string' ? type : undefined;
}

/** The enum values of a text field (const of oneOf entries, or enum), or null when it takes any text. */
function enumValues(schema: FieldSchema | undefined): string[] | null {
  const node = schema as { enum?: unknown[]; oneOf?: { const?: unknown }[] } | undefined;
  if (node?.enum) return node.enum.map(String);
  if (node?.oneOf) return node.oneOf.map((entry) => String(entry.const));
  return null;
}

/** A rule's own options: the rule without id, kind, title and source. */
export function ruleOptions(rule: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule).filter(([key]) => !RULE_KEYS.has(key)));
}

/**
 * The checks of the grid rules after merging: one rule set at most; it has a title; its level
 * exists; the resources it reads exist at that level with fields of the right types; every rule
 * has an id of its own and a registered kind, its options are valid against that kind's schema and
 * pass the kind's own checks (roles named are values of the staff role field, …).
 */
export function checkGrids(all: readonly MergedGrids[], context: GridContext): PackageIssue[] {
  const issues: PackageIssue[] = [];
  for (const extra of all.slice(1)) {
    issues.push(
      issueIn(extra.origin, '/id', {
        'zh-CN': `一个配置包只能有一套网格规则（已有 ${all[0]?.config.id}）`,
        en: `a package has one grid rule set at most (${all[0]?.config.id} is one already)`,
      }),
    );
  }
  const grids = all[0];
  if (!grids) return issues;
  const { config, broken } = grids;
  const report = (pointer: string, message: BilingualText) => issues.push(issueIn(grids.origin, pointer, message));
  if (config.title === undefined && !broken.has('/title')) {
    report('/id', { 'zh-CN': `网格规则 ${config.id} 缺少 title（合并所有上级包之后仍未给出）`, en: `grid rule set ${config.id} has no title (none of the merged packages gives one)` });
  }
  const level = config.level ?? GRID_DEFAULTS.level;
  if (context.levels && !context.levels.has(level)) {
    report('/level', { 'zh-CN': `网格层级 "${level}" 不存在于 levels 中`, en: `grid level "${level}" is not one of the levels` });
  }

  const fieldsOf = (id: string): Map<string, FieldSchema> | null => {
    const resource = context.resources.get(id);
    return resource?.config.schema ? new Map(Object.entries(resource.config.schema.properties).flatMap(([name, schema]) => (schema ? [[name, schema] as const] : []))) : null;
  };
  const bindings = {
    households: { ...GRID_DEFAULTS.households, ...config.households },
    staff: { ...GRID_DEFAULTS.staff, ...config.staff },
    visits: { ...GRID_DEFAULTS.visits, ...config.visits },
  };
  const resourceOk = (key: 'households' | 'staff' | 'visits'): Map<string, FieldSchema> | null => {
    if (broken.has(`/${key}`)) return null;
    const id = bindings[key].resource;
    const resource = context.resources.get(id);
    if (!resource) {
      report(`/${key}`, { 'zh-CN': `网格规则读取的资源 "${id}" 不存在`, en: `resource "${id}" the grid rules read does not exist` });
      return null;
    }
    if (resource.config.level !== undefined && resource.config.level !== level) {
      report(`/${key}`, {
        'zh-CN': `资源 ${id} 的层级是 "${resource.config.level}"，网格规则要求它在网格层级 "${level}"`,
        en: `resource ${id} is at level "${resource.config.level}"; the grid rules need it at the grid level "${level}"`,
      });
    }
    return fieldsOf(id);
  };
  const needField = (key: 'households' | 'staff' | 'visits', fields: Map<string, FieldSchema> | null, field: string, option: string, type: string) => {
    if (!fields) return;
    const actual = typeOf(fields.get(field));
    if (actual === type) return;
    report(toPointer([key, option]), {
      'zh-CN': `资源 ${bindings[key].resource} 没有${type === 'boolean' ? '布尔' : '文本'}字段 "${field}"（${option}）`,
      en: `resource ${bindings[key].resource} has no ${type} field "${field}" (${option})`,
    });
  };
  const households = resourceOk('households');
  if (bindings.households.mustVisitField) needField('households', households, bindings.households.mustVisitField, 'mustVisitField', 'boolean');
  const staff = resourceOk('staff');
  for (const option of ['roleField', 'nameField', 'statusField'] as const) needField('staff', staff, bindings.staff[option], option, 'string');
  const visits = resourceOk('visits');
  for (const option of ['householdField', 'visitorField', 'dateField'] as const) needField('visits', visits, bindings.visits[option], option, 'string');

  const ruleContext: RuleCheckContext = {
    staffRoles: staff ? enumValues(staff.get(bindings.staff.roleField)) : null,
    hasMustVisitField: Boolean(bindings.households.mustVisitField),
    fieldsOf: (id) => {
      const fields = fieldsOf(id);
      return fields ? new Map([...fields].map(([name, schema]) => [name, typeOf(schema) ?? 'unknown'])) : null;
    },
    staffResource: bindings.staff.resource,
  };
  const seen = new Set<string>();
  for (const [i, rule] of (config.rules ?? []).entries()) {
    const at = (pointer: string) => toPointer(['rules', i]) + pointer;
    if (seen.has(rule.id)) report(at('/id'), { 'zh-CN': `规则 id "${rule.id}" 重复`, en: `rule id "${rule.id}" is given twice` });
    seen.add(rule.id);
    const kind = context.kinds.get(rule.kind);
    if (!kind) {
      const known = [...context.kinds.keys()];
      report(at('/kind'), {
        'zh-CN': `未知的网格规则类型 "${rule.kind}"（可用：${known.join('、')}）`,
        en: `unknown grid rule kind "${rule.kind}" (known: ${known.join(', ')})`,
      });
      continue;
    }
    const options = ruleOptions(rule);
    const validate = context.ajv.compile({ ...kind.schema, additionalProperties: false, properties: { ...(kind.schema['properties'] as object | undefined) } });
    if (!validate(options)) {
      for (const [path, messages] of Object.entries(toBilingualFieldErrors(validate.errors ?? []))) {
        const pointer = path === '' || path === '$' ? '' : `/${path.split('.').join('/')}`;
        for (const message of messages) {
          report(at(pointer), { 'zh-CN': `${rule.kind} 规则 ${rule.id}：${message['zh-CN']}`, en: `${rule.kind} rule ${rule.id}: ${message.en}` });
        }
      }
      continue;
    }
    for (const problem of kind.check?.(options, ruleContext) ?? []) {
      report(at(problem.pointer), { 'zh-CN': `${rule.kind} 规则 ${rule.id}：${problem.message['zh-CN']}`, en: `${rule.kind} rule ${rule.id}: ${problem.message.en}` });
    }
  }
  return issues;
}

/** The grid rules with their defaults, for the compiled model. */
export function compileGrids(grids: Pick<LoadedGrids, 'config' | 'sourceFile'>): CompiledGrids {
  const config: GridRulesConfig & { title: NonNullable<GridRulesConfig['title']> } = grids.config;
  return {
    id: config.id,
    title: config.title,
    description: config.description ?? null,
    level: config.level ?? GRID_DEFAULTS.level,
    households: { resource: config.households?.resource ?? GRID_DEFAULTS.households.resource, mustVisitField: config.households?.mustVisitField ?? null },
    staff: { ...GRID_DEFAULTS.staff, ...config.staff },
    visits: { ...GRID_DEFAULTS.visits, ...config.visits },
    rules: (config.rules ?? []).map((rule) => ({
      id: rule.id,
      kind: rule.kind,
      title: rule.title ?? null,
      source: rule.source ?? null,
      options: ruleOptions(rule),
    })),
    sourceFile: grids.sourceFile,
  };
}
