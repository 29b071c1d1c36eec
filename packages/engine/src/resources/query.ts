/**
 * The list query syntax of `GET /api/r/:resource`.
 *
 * Parameters (all optional; several filters are combined with AND):
 *
 *   field=value                 equal (same as field[eq]=value)
 *   field[op]=value             op is one of Refine's CrudOperators:
 *                                 eq ne lt lte gt gte                   compare one value
 *                                 in nin                                one of / none of a list
 *                                 between nbetween                      within / outside [a, b], bounds included
 *                                 contains ncontains                    substring, case-insensitive
 *                                 containss ncontainss                  substring, case-sensitive
 *                                 startswith nstartswith startswiths nstartswiths
 *                                 endswith nendswith endswiths nendswiths  (…s = case-sensitive)
 *                                 null nnull                            is / is not empty; the value is `true` (or empty)
 *                                 ina nina                              array containment: no list-filterable field is an
 *                                                                       array, so these are always rejected
 *                             A list (in, nin: one or more values; between, nbetween: exactly two) is
 *                             comma-separated in one parameter (`status[in]=a,b`), or one value per
 *                             parameter when the parameter is repeated (`status[in]=a&status[in]=b`, no
 *                             splitting: the way to pass a value holding a comma).
 *                             Negated operators (ne nin nbetween ncontains… nnull excepted) also match
 *                             records where the field is empty.
 *   filter=<JSON>               Refine CrudFilters verbatim: an array of
 *                               { "field": f, "operator": op, "value": v }  and
 *                               { "operator": "or" | "and", "value": [ …CrudFilters ] }  (nested, at most
 *                               5 levels, 50 conditions). Lists are JSON arrays; an empty group is no
 *                               condition. Lets a Refine data provider send every Refine filter as
 *                               `filter=JSON.stringify(filters)`.
 *   sort=field,-other           sort keys in order; a leading minus sorts descending. Default: the
 *                               resource's list.defaultSort. `id` is always appended as the last key.
 *   page=N                      1-based page number. Default 1.
 *   pageSize=N                  rows per page, 1–200. Default: the resource's list.pageSize.
 *   org=<org unit code>         only records in that org unit's subtree (always within the actor's scopes).
 *   locale=zh-CN|en             language of messages (read by the HTTP layer, not a filter).
 *
 * Filterable and sortable fields: the resource's top-level scalar fields (text, integer, number,
 * boolean; not JSON objects or arrays) and the standard fields id, orgPath, version, createdAt,
 * createdBy, updatedAt, updatedBy (timestamps are ISO-8601 UTC text, so lt/gt compare them
 * correctly). A field named like a parameter above (page, sort …) is filtered with the
 * `field[eq]=` or JSON form. Values are converted by the field's kind: integers (`-12`), numbers
 * (`3.5`, `1e3`), booleans (`true`, `false`), text as given. Text operators (contains …) apply
 * to text fields only; lt/lte/gt/gte/between to text, integer and number fields.
 *
 * Anything else is a 400 BAD_REQUEST whose `errors` are keyed by the offending parameter: an
 * unknown parameter or field, a JSON field, an unknown operator or one that does not suit the
 * field, a value that does not convert, malformed JSON, a page or page size out of range, a
 * parameter given twice where one is expected. Nothing is silently ignored.
 */
import type { BilingualText } from '@zhili/schemas';
import { errors } from '../errors/engine-error.ts';
import type { CompiledResource, StorageKind } from '../model/types.ts';
import { STANDARD_FIELDS } from '../model/types.ts';

/** Refine's CrudOperators for one field (the logical `or` / `and` are separate). */
export const FIELD_OPERATORS = [
  'eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'ina', 'nina',
  'contains', 'ncontains', 'containss', 'ncontainss',
  'startswith', 'nstartswith', 'startswiths', 'nstartswiths',
  'endswith', 'nendswith', 'endswiths', 'nendswiths',
  'between', 'nbetween', 'null', 'nnull',
] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

export type ComparisonOperator = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';
export type ListOperator = 'in' | 'nin';
export type RangeOperator = 'between' | 'nbetween';
export type NullOperator = 'null' | 'nnull';
export type TextMatchOperator = Exclude<FieldOperator, ComparisonOperator | ListOperator | RangeOperator | NullOperator | 'ina' | 'nina'>;

/** The scalar storage kinds: the ones a query can filter and sort on. */
export type ScalarKind = Exclude<StorageKind, 'json'>;
export type ScalarValue = string | number | boolean;

/** A filterable, sortable field as the query sees it. */
export interface QueryField {
  /** Name in the API (camelCase). */
  readonly name: string;
  /** Column in the resource's table. */
  readonly column: string;
  readonly kind: ScalarKind;
}

export type Condition =
  | { readonly field: QueryField; readonly operator: ComparisonOperator; readonly value: ScalarValue }
  | { readonly field: QueryField; readonly operator: ListOperator; readonly values: readonly ScalarValue[] }
  | { readonly field: QueryField; readonly operator: RangeOperator; readonly range: readonly [ScalarValue, ScalarValue] }
  | { readonly field: QueryField; readonly operator: NullOperator }
  | { readonly field: QueryField; readonly operator: TextMatchOperator; readonly value: string };

export interface LogicalFilter {
  readonly operator: 'and' | 'or';
  readonly filters: readonly FilterNode[];
}

export type FilterNode = Condition | LogicalFilter;

export interface SortTerm {
  readonly field: QueryField;
  readonly order: 'asc' | 'desc';
}

/** A parsed, validated list request. */
export interface ListQuery {
  /** Combined with AND. */
  readonly filters: readonly FilterNode[];
  /** The requested sort, or the resource's default; the id tiebreaker is added by the SQL layer. */
  readonly sort: readonly SortTerm[];
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
  /** Org unit code whose subtree the list is narrowed to, or null. */
  readonly org: string | null;
}

/** Largest page size a request may ask for. */
export const MAX_PAGE_SIZE = 200;
const MAX_FILTER_DEPTH = 5;
const MAX_CONDITIONS = 50;
/** Values per in/nin list; with MAX_CONDITIONS this stays under SQLite's bound-parameter limit. */
const MAX_LIST_VALUES = 500;

/** Query parameters that are not filters. */
export const RESERVED_PARAMETERS = ['filter', 'sort', 'page', 'pageSize', 'org', 'locale'] as const;
const RESERVED_SET: ReadonlySet<string> = new Set(RESERVED_PARAMETERS);
const BRACKET = /^([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]$/;

const COMPARISON: ReadonlySet<string> = new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']);
const ORDERED: ReadonlySet<string> = new Set(['lt', 'lte', 'gt', 'gte', 'between', 'nbetween']);
const TEXT_MATCH: ReadonlySet<string> = new Set(FIELD_OPERATORS.filter((op) => /(contains|startswith|endswith)s?$/.test(op)));
const OPERATOR_SET: ReadonlySet<string> = new Set(FIELD_OPERATORS);

export function isFieldOperator(value: unknown): value is FieldOperator {
  return typeof value === 'string' && OPERATOR_SET.has(value);
}

export function isTextMatchOperator(operator: FieldOperator): operator is TextMatchOperator {
  return TEXT_MATCH.has(operator);
}

const fieldCache = new WeakMap<CompiledResource, ReadonlyMap<string, QueryField | 'json'>>();

/** The fields of a resource a query may name, by API name; JSON fields map to 'json'. */
function queryFields(resource: CompiledResource): ReadonlyMap<string, QueryField | 'json'> {
  let fields = fieldCache.get(resource);
  if (!fields) {
    const map = new Map<string, QueryField | 'json'>();
    for (const [name, standard] of Object.entries(STANDARD_FIELDS)) {
      if (standard.sortable && standard.column !== null) map.set(name, { name, column: standard.column, kind: standard.kind });
    }
    for (const field of resource.fields) {
      map.set(field.name, field.kind === 'json' ? 'json' : { name: field.name, column: field.name, kind: field.kind });
    }
    fields = map;
    fieldCache.set(resource, fields);
  }
  return fields;
}

/** Every field a list query may filter and sort on: the sortable standard fields, then the scalar fields. */
export function queryableFields(resource: CompiledResource): QueryField[] {
  return [...queryFields(resource).values()].filter((field): field is QueryField => field !== 'json');
}

/** Looks up a field by API name for filtering or sorting; undefined when it may not be used. */
export function findQueryField(resource: CompiledResource, name: string): QueryField | undefined {
  const field = queryFields(resource).get(name);
  return field === 'json' ? undefined : field;
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

class Issues {
  readonly byKey: Record<string, BilingualText[]> = {};
  add(key: string, text: BilingualText): void {
    (this.byKey[key] ??= []).push(text);
  }
  get empty(): boolean {
    return Object.keys(this.byKey).length === 0;
  }
}

/** Where a value came from, for messages: `name[contains]` or `filter[2].value`. */
interface Origin {
  /** The query parameter errors are keyed by. */
  readonly key: string;
  /** Prefix naming the place within the parameter, '' for a plain parameter. */
  readonly at: string;
}

function say(origin: Origin, text: BilingualText): BilingualText {
  return origin.at ? bi(`${origin.at}：${text['zh-CN']}`, `${origin.at}: ${text.en}`) : text;
}

/**
 * Parses the query string of a list request against a resource.
 * @throws EngineError BAD_REQUEST listing every problem, keyed by query parameter.
 */
export function parseListQuery(resource: CompiledResource, params: URLSearchParams): ListQuery {
  const issues = new Issues();
  const filters: FilterNode[] = [];
  let conditions = 0;
  const countCondition = (origin: Origin): boolean => {
    conditions++;
    if (conditions === MAX_CONDITIONS + 1) {
      issues.add(origin.key, bi(`筛选条件不能超过 ${MAX_CONDITIONS} 个`, `at most ${MAX_CONDITIONS} filter conditions are allowed`));
    }
    return conditions <= MAX_CONDITIONS;
  };

  const keys = [...new Set(params.keys())];
  for (const key of keys) {
    const values = params.getAll(key);
    if (RESERVED_SET.has(key)) {
      if (values.length > 1) issues.add(key, bi(`参数 ${key} 只能出现一次`, `the parameter ${key} may appear only once`));
      continue;
    }
    const bracket = BRACKET.exec(key);
    const name = bracket ? (bracket[1] ?? '') : key;
    const operatorText = bracket ? (bracket[2] ?? '') : 'eq';
    const origin: Origin = { key, at: '' };
    const field = resolveField(resource, name, origin, issues, { unknownIsParameter: !bracket });
    if (!isFieldOperator(operatorText)) {
      issues.add(key, unknownOperator(operatorText));
      continue;
    }
    if (!field || !countCondition(origin)) continue;
    const condition = buildCondition({ field, operator: operatorText, raw: urlValue(operatorText, values), origin, issues });
    if (condition) filters.push(condition);
  }

  const filterParam = params.get('filter');
  if (filterParam !== null) {
    const parsed = parseJson(filterParam);
    if (parsed === undefined) {
      issues.add('filter', bi('不是合法的 JSON', 'is not valid JSON'));
    } else {
      const nodes = jsonFilters({ resource, value: parsed, path: 'filter', depth: 1, issues, countCondition });
      if (nodes) filters.push(...nodes);
    }
  }

  const sortParam = params.get('sort');
  const sort = sortParam === null ? defaultSort(resource) : parseSort(resource, sortParam, issues);
  const page = parsePositiveInteger(params.get('page'), 'page', issues) ?? 1;
  const pageSize = parsePositiveInteger(params.get('pageSize'), 'pageSize', issues) ?? resource.list.pageSize;
  if (pageSize > MAX_PAGE_SIZE) issues.add('pageSize', bi(`每页最多 ${MAX_PAGE_SIZE} 条`, `must be at most ${MAX_PAGE_SIZE}`));
  if (Number.isSafeInteger(page) && !Number.isSafeInteger((page - 1) * pageSize)) {
    issues.add('page', bi('页码过大', 'is too large'));
  }
  const org = params.get('org');
  if (org === '') issues.add('org', bi('组织机构代码不能为空', 'the org unit code must not be empty'));

  if (!issues.empty) {
    throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), issues.byKey);
  }
  return { filters, sort, page, pageSize, org: org || null };
}

function unknownOperator(operator: string): BilingualText {
  return bi(
    `未知的筛选运算符“${operator}”；可用：${FIELD_OPERATORS.join(' ')}`,
    `unknown filter operator "${operator}"; use one of: ${FIELD_OPERATORS.join(' ')}`,
  );
}

function resolveField(
  resource: CompiledResource,
  name: string,
  origin: Origin,
  issues: Issues,
  options: { unknownIsParameter: boolean },
): QueryField | undefined {
  const field = queryFields(resource).get(name);
  if (field === 'json') {
    issues.add(origin.key, say(origin, bi(`字段“${name}”以 JSON 存储，不能用于筛选或排序`, `the field "${name}" is stored as JSON and cannot be filtered or sorted on`)));
    return undefined;
  }
  if (!field) {
    issues.add(
      origin.key,
      say(
        origin,
        options.unknownIsParameter
          ? bi(`未知的查询参数“${name}”`, `unknown query parameter "${name}"`)
          : bi(`资源 ${resource.id} 没有可筛选的字段“${name}”`, `the resource ${resource.id} has no filterable field "${name}"`),
      ),
    );
  }
  return field;
}

/** The raw value of a URL filter: one string, or a list for the list and range operators. */
function urlValue(operator: FieldOperator, values: readonly string[]): unknown {
  const multi = operator === 'in' || operator === 'nin' || operator === 'between' || operator === 'nbetween' || operator === 'ina' || operator === 'nina';
  if (!multi) return values.length === 1 ? values[0] : values;
  if (values.length > 1) return values;
  return (values[0] ?? '').split(',');
}

interface ConditionInput {
  readonly field: QueryField;
  readonly operator: FieldOperator;
  /** A string or a list of strings from the URL, or any JSON value from the filter parameter. */
  readonly raw: unknown;
  readonly origin: Origin;
  readonly issues: Issues;
}

function buildCondition(input: ConditionInput): Condition | undefined {
  const { field, operator, raw, origin, issues } = input;
  const fail = (text: BilingualText): undefined => {
    issues.add(origin.key, say(origin, text));
    return undefined;
  };
  if (!operatorSuits(operator, field.kind)) {
    return fail(
      bi(
        `运算符 ${operator} 不适用于${KIND_NAMES[field.kind]['zh-CN']}字段“${field.name}”`,
        `the operator ${operator} does not apply to the ${KIND_NAMES[field.kind].en} field "${field.name}"`,
      ),
    );
  }
  const coerce = (value: unknown): ScalarValue | undefined => {
    const result = coerceValue(field.kind, value);
    if (result === undefined) {
      issues.add(
        origin.key,
        say(origin, bi(`“${display(value)}”不是有效的${KIND_NAMES[field.kind]['zh-CN']}`, `"${display(value)}" is not a valid ${KIND_NAMES[field.kind].en}`)),
      );
    }
    return result;
  };

  switch (operator) {
    case 'null':
    case 'nnull':
      if (raw === true || raw === 'true' || raw === '' || raw === null || raw === undefined) return { field, operator };
      return fail(bi(`运算符 ${operator} 的值只能是 true`, `the value of the operator ${operator} must be true`));
    case 'in':
    case 'nin': {
      const list = Array.isArray(raw) ? (raw as unknown[]) : undefined;
      if (!list || list.length === 0) return fail(bi(`运算符 ${operator} 需要至少一个值`, `the operator ${operator} needs at least one value`));
      if (list.length > MAX_LIST_VALUES) return fail(bi(`列表最多 ${MAX_LIST_VALUES} 个值`, `a list holds at most ${MAX_LIST_VALUES} values`));
      const values = list.map(coerce);
      return values.every((v) => v !== undefined) ? { field, operator, values: values as ScalarValue[] } : undefined;
    }
    case 'between':
    case 'nbetween': {
      if (!Array.isArray(raw) || raw.length !== 2) return fail(bi(`运算符 ${operator} 需要恰好两个值`, `the operator ${operator} needs exactly two values`));
      const low = coerce(raw[0]);
      const high = coerce(raw[1]);
      return low !== undefined && high !== undefined ? { field, operator, range: [low, high] } : undefined;
    }
    default: {
      if (Array.isArray(raw)) return fail(bi(`运算符 ${operator} 只接受一个值`, `the operator ${operator} takes a single value`));
      const value = coerce(raw);
      if (value === undefined) return undefined;
      if (COMPARISON.has(operator)) return { field, operator: operator as ComparisonOperator, value };
      return { field, operator: operator as TextMatchOperator, value: value as string };
    }
  }
}

const KIND_NAMES: Readonly<Record<ScalarKind, BilingualText>> = {
  text: bi('文本', 'text'),
  integer: bi('整数', 'integer'),
  number: bi('数值', 'number'),
  boolean: bi('布尔', 'boolean'),
};

/** Which operators suit a kind: text matching on text only, ordering not on booleans, array containment on none. */
export function operatorSuits(operator: FieldOperator, kind: ScalarKind): boolean {
  if (operator === 'ina' || operator === 'nina') return false;
  if (TEXT_MATCH.has(operator)) return kind === 'text';
  if (ORDERED.has(operator)) return kind !== 'boolean';
  return true;
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Converts a URL string or JSON value to a field's kind; undefined when it does not convert. */
export function coerceValue(kind: ScalarKind, value: unknown): ScalarValue | undefined {
  switch (kind) {
    case 'text':
      if (typeof value === 'string') return value;
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && INTEGER.test(value.trim()) ? Number(value) : NaN;
      return Number.isSafeInteger(n) ? n : undefined;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return value === 'true' ? true : value === 'false' ? false : undefined;
  }
}

function display(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface JsonFilterInput {
  readonly resource: CompiledResource;
  readonly value: unknown;
  /** Where `value` sits, e.g. filter[1].value. */
  readonly path: string;
  readonly depth: number;
  readonly issues: Issues;
  readonly countCondition: (origin: Origin) => boolean;
}

/** Refine CrudFilters (an array) → filter nodes; undefined after recording issues. */
function jsonFilters(input: JsonFilterInput): FilterNode[] | undefined {
  const { value, path, depth, issues } = input;
  if (!Array.isArray(value)) {
    issues.add('filter', say({ key: 'filter', at: path }, bi('应为筛选条件数组', 'must be an array of filters')));
    return undefined;
  }
  if (depth > MAX_FILTER_DEPTH) {
    issues.add('filter', say({ key: 'filter', at: path }, bi(`嵌套不能超过 ${MAX_FILTER_DEPTH} 层`, `nesting is limited to ${MAX_FILTER_DEPTH} levels`)));
    return undefined;
  }
  const nodes: FilterNode[] = [];
  let ok = true;
  value.forEach((item: unknown, index) => {
    const node = jsonFilter({ ...input, value: item, path: `${path}[${index}]` });
    if (node) nodes.push(node);
    else ok = false;
  });
  return ok ? nodes : undefined;
}

function jsonFilter(input: JsonFilterInput): FilterNode | undefined {
  const { resource, value, path, depth, issues } = input;
  const origin: Origin = { key: 'filter', at: path };
  if (!isObject(value)) {
    issues.add('filter', say(origin, bi('应为对象 { field, operator, value }', 'must be an object { field, operator, value }')));
    return undefined;
  }
  const operator = value['operator'];
  if (operator === 'or' || operator === 'and') {
    const filters = jsonFilters({ ...input, value: value['value'], path: `${path}.value`, depth: depth + 1 });
    return filters ? { operator, filters } : undefined;
  }
  if (!isFieldOperator(operator)) {
    issues.add('filter', say(origin, typeof operator === 'string' ? unknownOperator(operator) : bi('缺少运算符 operator', 'the operator is missing')));
    return undefined;
  }
  const name = value['field'];
  if (typeof name !== 'string') {
    issues.add('filter', say(origin, bi('缺少字段名 field', 'the field is missing')));
    return undefined;
  }
  const field = resolveField(resource, name, origin, issues, { unknownIsParameter: false });
  if (!field || !input.countCondition(origin)) return undefined;
  return buildCondition({ field, operator, raw: value['value'], origin: { key: 'filter', at: `${path}.value` }, issues });
}

function defaultSort(resource: CompiledResource): SortTerm[] {
  return resource.list.defaultSort.flatMap((key) => {
    const field = findQueryField(resource, key.field);
    return field ? [{ field, order: key.order }] : [];
  });
}

function parseSort(resource: CompiledResource, text: string, issues: Issues): SortTerm[] {
  const terms: SortTerm[] = [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const item = part.trim();
    const descending = item.startsWith('-');
    const name = descending ? item.slice(1) : item;
    if (!name) {
      issues.add('sort', bi('排序字段不能为空', 'a sort key is empty'));
      continue;
    }
    const field = resolveField(resource, name, { key: 'sort', at: '' }, issues, { unknownIsParameter: false });
    if (!field) continue;
    if (seen.has(name)) {
      issues.add('sort', bi(`排序字段“${name}”重复`, `the sort key "${name}" is repeated`));
      continue;
    }
    seen.add(name);
    terms.push({ field, order: descending ? 'desc' : 'asc' });
  }
  return terms;
}

function parsePositiveInteger(text: string | null, key: string, issues: Issues): number | undefined {
  if (text === null) return undefined;
  const n = INTEGER.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    issues.add(key, bi(`“${display(text)}”不是正整数`, `"${display(text)}" is not a positive integer`));
    return undefined;
  }
  return n;
}
