import type { BaseRecord, CrudFilter, CrudFilters, CrudSorting, DataProvider, LogicalFilter } from '@refinedev/core';
import { isRecord, requestJson } from './http.ts';
import type { EngineClient } from './http.ts';

/** The most records the engine answers in one page (its MAX_PAGE_SIZE). */
const MAX_PAGE_SIZE = 200;

/** Operators whose value is not compared (`address[null]=true`): kept even when the value is empty. */
const VALUELESS_OPERATORS: ReadonlySet<string> = new Set(['null', 'nnull']);

/**
 * The Refine data provider for the engine's `/api/r/:resource` routes: server-side pagination,
 * sorting and CrudFilters (sent verbatim as `filter=<JSON>`), records by ids (an `id in` filter), `meta.org` narrowing a list to an org
 * unit's subtree, and optimistic locking through the record's `version`.
 */
export function createDataProvider(client: EngineClient): DataProvider {
  const path = (resource: string, id?: string | number): string =>
    `/r/${encodeURIComponent(resource)}${id === undefined ? '' : `/${encodeURIComponent(String(id))}`}`;

  return {
    getApiUrl: () => client.apiUrl,

    getList: async ({ resource, pagination, sorters, filters, meta }) => {
      const query = listQuery({ pagination, sorters, filters, org: meta?.['org'] });
      const body = await requestJson(client, { method: 'GET', path: `${path(resource)}${query}` });
      const data = isRecord(body) && Array.isArray(body['data']) ? body['data'] : [];
      const total = isRecord(body) && typeof body['total'] === 'number' ? body['total'] : data.length;
      // The generic records are whatever the resource's schema says; Refine's TData is the caller's.
      return { data: data as never[], total };
    },

    getMany: async ({ resource, ids }) => {
      const records: unknown[] = [];
      for (let start = 0; start < ids.length; start += MAX_PAGE_SIZE) {
        const chunk = ids.slice(start, start + MAX_PAGE_SIZE).map(String);
        const query = listQuery({ pagination: { currentPage: 1, pageSize: chunk.length }, filters: [{ field: 'id', operator: 'in', value: chunk }] });
        const body = await requestJson(client, { method: 'GET', path: `${path(resource)}${query}` });
        if (isRecord(body) && Array.isArray(body['data'])) records.push(...(body['data'] as unknown[]));
      }
      return { data: records as never[] };
    },

    getOne: async ({ resource, id }) => ({ data: (await requestJson(client, { method: 'GET', path: path(resource, id) })) as never }),

    create: async ({ resource, variables }) => ({
      data: (await requestJson(client, { method: 'POST', path: path(resource), body: variables })) as never,
    }),

    update: async ({ resource, id, variables }) => ({
      data: (await requestJson(client, { method: 'PATCH', path: path(resource, id), body: variables })) as never,
    }),

    deleteOne: async ({ resource, id, variables, meta }) => {
      const version = versionOf(variables) ?? versionOf(meta);
      const query = version === undefined ? '' : `?version=${encodeURIComponent(String(version))}`;
      await requestJson(client, { method: 'DELETE', path: `${path(resource, id)}${query}` });
      return { data: { id } as BaseRecord as never };
    },
  };
}

function versionOf(value: unknown): number | string | undefined {
  if (!isRecord(value)) return undefined;
  const version = value['version'];
  return typeof version === 'number' || typeof version === 'string' ? version : undefined;
}

/** The query string of a list request, `?page=…&pageSize=…&sort=…&filter=…&org=…`, or '' when empty. */
export function listQuery(options: {
  readonly pagination?: { readonly currentPage?: number; readonly pageSize?: number; readonly mode?: 'client' | 'server' | 'off' } | undefined;
  readonly sorters?: CrudSorting | undefined;
  readonly filters?: CrudFilters | undefined;
  readonly org?: unknown;
}): string {
  const params = new URLSearchParams();
  const { pagination, sorters, filters, org } = options;
  if (pagination?.mode !== 'off') {
    if (pagination?.currentPage !== undefined) params.set('page', String(pagination.currentPage));
    if (pagination?.pageSize !== undefined) params.set('pageSize', String(pagination.pageSize));
  }
  if (sorters && sorters.length > 0) params.set('sort', sorters.map((s) => (s.order === 'desc' ? `-${s.field}` : s.field)).join(','));
  const kept = pruneFilters(filters ?? []);
  if (kept.length > 0) params.set('filter', JSON.stringify(kept));
  if (typeof org === 'string' && org !== '') params.set('org', org);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/**
 * Drops the conditions a cleared filter input leaves behind (undefined, '', []), and the groups
 * left empty: the engine rejects a comparison without a value.
 */
export function pruneFilters(filters: CrudFilters): CrudFilters {
  const out: CrudFilter[] = [];
  for (const filter of filters) {
    if ('field' in filter) {
      if (hasValue(filter)) out.push(filter);
    } else {
      const value = pruneFilters(filter.value);
      if (value.length > 0) out.push({ ...filter, value });
    }
  }
  return out;
}

function hasValue(filter: LogicalFilter): boolean {
  if (VALUELESS_OPERATORS.has(filter.operator)) return true;
  const value: unknown = filter.value;
  if (value === undefined || value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}
