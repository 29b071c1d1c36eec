import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';
import type { ScopeGrant } from '../actor/actor.ts';
import { ROOT_PATH, subtreeRange } from '../org/path.ts';
import type { Dialect } from '../storage/database.ts';
import { toDbValue } from '../storage/values.ts';
import type { Condition, FilterNode, QueryField, ScalarValue, SortTerm, TextMatchOperator } from './query.ts';

type Predicate = RawBuilder<SqlBool>;

const TRUE: Predicate = sql<SqlBool>`1 = 1`;
const FALSE: Predicate = sql<SqlBool>`1 = 0`;

/** AND of predicates; null when there are none (no WHERE needed). */
export function allOf(predicates: readonly (Predicate | null)[]): Predicate | null {
  const present = predicates.filter((p): p is Predicate => p !== null);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0] ?? null;
  return sql<SqlBool>`(${sql.join(present, sql` and `)})`;
}

function anyOf(predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 0) return FALSE;
  if (predicates.length === 1) return predicates[0] ?? FALSE;
  return sql<SqlBool>`(${sql.join(predicates, sql` or `)})`;
}

/**
 * Records whose org_path one of the scope grants covers: a subtree as a range scan on the org_path
 * index (never LIKE, which neither dialect turns into an index range for a parameter), a single
 * unit by equality. null = unrestricted (a grant of the whole tree); no grants match nothing.
 */
export function scopePredicate(grants: readonly ScopeGrant[], column = 'org_path'): Predicate | null {
  if (grants.some((grant) => grant.subtree && grant.path === ROOT_PATH)) return null;
  const ref = sql.ref(column);
  return anyOf(
    grants.map((grant) => {
      if (!grant.subtree) return sql<SqlBool>`${ref} = ${grant.path}`;
      const range = subtreeRange(grant.path);
      return sql<SqlBool>`(${ref} >= ${range.from} and ${ref} < ${range.to})`;
    }),
  );
}

/** Rows whose `column` (an org path) the grants cover: {@link scopePredicate}, or no condition when they cover everything. */
export function grantsPredicate(grants: readonly ScopeGrant[], column = 'org_path'): Predicate {
  return scopePredicate(grants, column) ?? TRUE;
}

/**
 * Records in the subtree of the unit at `path`. For a unit without children that is exactly the
 * unit's own records, so the predicate is an equality: the (org_path, sort…, id) index then yields
 * rows already in order, and a page stops after pageSize rows instead of sorting the whole unit.
 */
export function subtreePredicate(path: string, options: { readonly leaf: boolean; readonly column?: string }): Predicate {
  const ref = sql.ref(options.column ?? 'org_path');
  if (options.leaf) return sql<SqlBool>`${ref} = ${path}`;
  const range = subtreeRange(path);
  return sql<SqlBool>`(${ref} >= ${range.from} and ${ref} < ${range.to})`;
}

/** The filter tree as one predicate (the top-level list combined with AND); null when empty. */
export function filtersPredicate(filters: readonly FilterNode[], dialect: Dialect): Predicate | null {
  return allOf(filters.map((node) => nodePredicate(node, dialect)));
}

function nodePredicate(node: FilterNode, dialect: Dialect): Predicate {
  if (!('filters' in node)) return conditionPredicate(node, dialect);
  // An empty group is no condition: what a form means when every field of an "or" group is cleared.
  if (node.filters.length === 0) return TRUE;
  const children = node.filters.map((child) => nodePredicate(child, dialect));
  return node.operator === 'and' ? (allOf(children) ?? TRUE) : anyOf(children);
}

function conditionPredicate(condition: Condition, dialect: Dialect): Predicate {
  const column = sql.ref(condition.field.column);
  const value = (v: ScalarValue): unknown => toDbValue(condition.field.kind, v, dialect);
  // A negated condition also matches records where the field is empty: "not 高龄老人" includes
  // households with no category, as a person reading the filter expects.
  const orEmpty = (predicate: Predicate): Predicate => sql<SqlBool>`(${column} is null or ${predicate})`;
  switch (condition.operator) {
    case 'eq':
      return sql<SqlBool>`${column} = ${value(condition.value)}`;
    case 'ne':
      return orEmpty(sql<SqlBool>`${column} <> ${value(condition.value)}`);
    case 'lt':
      return sql<SqlBool>`${column} < ${value(condition.value)}`;
    case 'lte':
      return sql<SqlBool>`${column} <= ${value(condition.value)}`;
    case 'gt':
      return sql<SqlBool>`${column} > ${value(condition.value)}`;
    case 'gte':
      return sql<SqlBool>`${column} >= ${value(condition.value)}`;
    case 'in':
      return sql<SqlBool>`${column} in (${sql.join(condition.values.map(value))})`;
    case 'nin':
      return orEmpty(sql<SqlBool>`${column} not in (${sql.join(condition.values.map(value))})`);
    case 'between':
      return sql<SqlBool>`(${column} >= ${value(condition.range[0])} and ${column} <= ${value(condition.range[1])})`;
    case 'nbetween':
      return orEmpty(sql<SqlBool>`(${column} < ${value(condition.range[0])} or ${column} > ${value(condition.range[1])})`);
    case 'null':
      return sql<SqlBool>`${column} is null`;
    case 'nnull':
      return sql<SqlBool>`${column} is not null`;
    default:
      return textMatch(condition.field, condition.operator, condition.value, dialect);
  }
}

/** Escapes LIKE's wildcards (% and _) and its escape character (\) so a value matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escapes GLOB's wildcards (* ? [) as one-character classes. */
export function escapeGlob(value: string): string {
  return value.replace(/[*?[]/g, (c) => `[${c}]`);
}

const TEXT_MATCHES: Readonly<
  Record<TextMatchOperator, { readonly at: 'anywhere' | 'start' | 'end'; readonly caseSensitive: boolean; readonly negated: boolean }>
> = {
  contains: { at: 'anywhere', caseSensitive: false, negated: false },
  ncontains: { at: 'anywhere', caseSensitive: false, negated: true },
  containss: { at: 'anywhere', caseSensitive: true, negated: false },
  ncontainss: { at: 'anywhere', caseSensitive: true, negated: true },
  startswith: { at: 'start', caseSensitive: false, negated: false },
  nstartswith: { at: 'start', caseSensitive: false, negated: true },
  startswiths: { at: 'start', caseSensitive: true, negated: false },
  nstartswiths: { at: 'start', caseSensitive: true, negated: true },
  endswith: { at: 'end', caseSensitive: false, negated: false },
  nendswith: { at: 'end', caseSensitive: false, negated: true },
  endswiths: { at: 'end', caseSensitive: true, negated: false },
  nendswiths: { at: 'end', caseSensitive: true, negated: true },
};

/**
 * A substring, prefix or suffix match. Case-insensitive: LIKE on SQLite (which folds ASCII case
 * only; Chinese has none), ILIKE on Postgres. Case-sensitive: instr() or GLOB on SQLite, LIKE on
 * Postgres. The value is escaped, so "50%" matches only "50%".
 */
function textMatch(field: QueryField, operator: TextMatchOperator, value: string, dialect: Dialect): Predicate {
  const column = sql.ref(field.column);
  const { at, caseSensitive, negated } = TEXT_MATCHES[operator];
  const like = escapeLike(value);
  const pattern = at === 'anywhere' ? `%${like}%` : at === 'start' ? `${like}%` : `%${like}`;
  let match: Predicate;
  if (!caseSensitive) {
    match =
      dialect === 'postgres'
        ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
        : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
  } else if (dialect === 'postgres') {
    match = sql<SqlBool>`${column} like ${pattern} escape '\\'`;
  } else if (at === 'anywhere') {
    match = sql<SqlBool>`instr(${column}, ${value}) > 0`;
  } else {
    const glob = escapeGlob(value);
    match = sql<SqlBool>`${column} glob ${at === 'start' ? `${glob}*` : `*${glob}`}`;
  }
  return negated ? sql<SqlBool>`(${column} is null or not (${match}))` : sql<SqlBool>`(${match})`;
}

/**
 * ORDER BY terms: the requested sort with `id` appended as the tiebreaker that makes pages stable.
 * The tiebreaker follows the last key's direction, so that an index ending in (…, key, id) serves
 * the whole order in one scan, forwards or backwards.
 */
export function orderByTerms(sort: readonly SortTerm[]): RawBuilder<unknown> {
  const terms = sort.map((term) => sql`${sql.ref(term.field.column)} ${sql.raw(term.order)}`);
  if (!sort.some((term) => term.field.column === 'id')) terms.push(sql`id ${sql.raw(sort.at(-1)?.order ?? 'asc')}`);
  return sql.join(terms);
}
