import type { BilingualText } from '@zhili/schemas';
import { resolveText } from '@zhili/schemas';
import { errors } from '../errors/engine-error.ts';
import type { CompiledResource } from '../model/types.ts';
import type { FieldCipher } from '../pii/cipher.ts';
import { hashColumn } from '../pii/cipher.ts';
import type { Condition, FilterNode, ListQuery, ScalarValue, SortTerm } from './query.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** The names of the resource's pii fields a list query filters or sorts on. */
export function piiFieldsQueried(resource: CompiledResource, query: ListQuery): Set<string> {
  const pii = new Set(resource.pii.map((p) => p.field));
  const used = new Set<string>();
  const visit = (node: FilterNode): void => {
    if ('filters' in node) node.filters.forEach(visit);
    else if (pii.has(node.field.name)) used.add(node.field.name);
  };
  query.filters.forEach(visit);
  for (const term of query.sort) if (pii.has(term.field.name)) used.add(term.field.name);
  return used;
}

/**
 * The filters of a list over a resource whose pii fields are encrypted at rest. An equality on a
 * pii field compares the keyed hash column, or the plain value of a row written before the key
 * was set: eq and in match either, ne and nin neither; null and nnull look at the column itself.
 * Any other operator cannot work on ciphertext and is a 400 naming the field.
 */
export function encryptedFilters(resource: CompiledResource, filters: readonly FilterNode[], cipher: FieldCipher): FilterNode[] {
  const pii = new Set(resource.pii.map((p) => p.field));
  const refused: Record<string, BilingualText[]> = {};
  const rewrite = (node: FilterNode): FilterNode => {
    if ('filters' in node) return { operator: node.operator, filters: node.filters.map(rewrite) };
    if (!pii.has(node.field.name)) return node;
    const hashed = { name: node.field.name, column: hashColumn(node.field.column), kind: 'text' as const };
    const hash = (value: ScalarValue): string => cipher.hash(String(value));
    switch (node.operator) {
      case 'eq':
      case 'ne': {
        const byHash: Condition = { field: hashed, operator: node.operator, value: hash(node.value) };
        return { operator: node.operator === 'eq' ? 'or' : 'and', filters: [byHash, node] };
      }
      case 'in':
      case 'nin': {
        const byHash: Condition = { field: hashed, operator: node.operator, values: node.values.map(hash) };
        return { operator: node.operator === 'in' ? 'or' : 'and', filters: [byHash, node] };
      }
      case 'null':
      case 'nnull':
        return node;
      default:
        (refused[node.field.name] ??= []).push(
          bi(
            `${node.field.name} 是加密存储的个人信息，只能按是否相等（eq、in、ne、nin）或是否为空筛选，不能用“${node.operator}”`,
            `${node.field.name} is personal data encrypted at rest: it can be filtered by equality (eq, in, ne, nin) or emptiness only, not by "${node.operator}"`,
          ),
        );
        return node;
    }
  };
  const rewritten = filters.map(rewrite);
  if (Object.keys(refused).length > 0) {
    throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), refused);
  }
  return rewritten;
}

/**
 * The sort of a list over a resource whose pii fields are encrypted: ciphertext has no useful
 * order, so a requested sort on one is a 400, while the resource's default sort simply leaves
 * those keys out (the id tiebreaker keeps pages stable).
 */
export function encryptedSort(resource: CompiledResource, sort: readonly SortTerm[]): SortTerm[] {
  const pii = new Set(resource.pii.map((p) => p.field));
  const onPii = sort.filter((term) => pii.has(term.field.name));
  if (onPii.length === 0) return [...sort];
  const isDefault =
    sort.length === resource.list.defaultSort.length &&
    sort.every((term, i) => term.field.name === resource.list.defaultSort[i]?.field && term.order === resource.list.defaultSort[i]?.order);
  if (!isDefault) {
    const title = resource.title;
    throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), {
      sort: onPii.map((term) =>
        bi(
          `${resolveText(title, 'zh-CN')}的 ${term.field.name} 是加密存储的个人信息，不能按它排序`,
          `${term.field.name} of ${resolveText(title, 'en')} is personal data encrypted at rest and cannot be sorted on`,
        ),
      ),
    });
  }
  return sort.filter((term) => !pii.has(term.field.name));
}
