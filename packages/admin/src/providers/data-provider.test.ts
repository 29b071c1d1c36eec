import type { HttpError } from '@refinedev/core';
import { describe, expect, it } from 'vitest';
import { createDataProvider, listQuery } from './data-provider.ts';
import { createCsrfTokenStore } from './http.ts';
import type { FetchFunction } from './http.ts';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

/** A fake fetch answering every call with one response, recording what was asked. */
function fakeFetch(status: number, body?: unknown): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFunction = async (url, init = {}) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch, calls };
}

function provider(fetch: FetchFunction, token: string | null = 'csrf-1') {
  const csrf = createCsrfTokenStore();
  csrf.set(token);
  return createDataProvider({ fetch, apiUrl: '/api', csrf, locale: () => 'zh-CN' });
}

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

describe('data provider', () => {
  it('gets records by ids with an id-in filter, a page per 200 ids', async () => {
    const { fetch, calls } = fakeFetch(200, { data: [{ id: 'a' }], total: 1 });
    const ids = Array.from({ length: 250 }, (_, i) => `id-${i}`);
    const result = await provider(fetch).getMany?.({ resource: 'buildings', ids });
    expect(calls).toHaveLength(2);
    const first = new URL(calls[0]?.url ?? '', 'http://x');
    expect(first.pathname).toBe('/api/r/buildings');
    expect(first.searchParams.get('pageSize')).toBe('200');
    expect(JSON.parse(first.searchParams.get('filter') ?? '')).toEqual([{ field: 'id', operator: 'in', value: ids.slice(0, 200) }]);
    const second = new URL(calls[1]?.url ?? '', 'http://x');
    expect(second.searchParams.get('pageSize')).toBe('50');
    expect(result?.data).toEqual([{ id: 'a' }, { id: 'a' }]);
  });

  it('sends pagination, sorters, filters as JSON and the org unit, and answers data and total', async () => {
    const { fetch, calls } = fakeFetch(200, { data: [{ id: 'a' }], total: 41, page: 2, pageSize: 20 });
    const result = await provider(fetch).getList({
      resource: 'households',
      pagination: { currentPage: 2, pageSize: 20, mode: 'server' },
      sorters: [{ field: 'createdAt', order: 'desc' }, { field: 'address', order: 'asc' }],
      filters: [{ field: 'memberCount', operator: 'gte', value: 3 }],
      meta: { org: '320402003011' },
    });
    expect(result).toEqual({ data: [{ id: 'a' }], total: 41 });
    const url = new URL(calls[0]?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/api/r/households');
    expect(url.searchParams.get('page')).toBe('2');
    expect(url.searchParams.get('pageSize')).toBe('20');
    expect(url.searchParams.get('sort')).toBe('-createdAt,address');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual([{ field: 'memberCount', operator: 'gte', value: 3 }]);
    expect(url.searchParams.get('org')).toBe('320402003011');
    expect(calls[0]?.init.credentials).toBe('include');
    expect(calls[0]?.init.method).toBe('GET');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(calls[0])['Accept-Language']).toBe('zh-CN');
  });

  it('leaves out cleared filter inputs and empty groups but keeps null checks', () => {
    const query = listQuery({
      filters: [
        { field: 'householdType', operator: 'eq', value: undefined },
        { field: 'name', operator: 'contains', value: '' },
        { field: 'tags', operator: 'in', value: [] },
        { operator: 'or', value: [{ field: 'x', operator: 'eq', value: undefined }] },
        { field: 'address', operator: 'null', value: true },
        { operator: 'and', value: [{ field: 'memberCount', operator: 'between', value: [1, 3] }] },
      ],
    });
    const filter = new URLSearchParams(query.slice(1)).get('filter');
    expect(JSON.parse(filter ?? '')).toEqual([
      { field: 'address', operator: 'null', value: true },
      { operator: 'and', value: [{ field: 'memberCount', operator: 'between', value: [1, 3] }] },
    ]);
  });

  it('sends no query at all when nothing narrows the list, and no paging when pagination is off', () => {
    expect(listQuery({})).toBe('');
    expect(listQuery({ pagination: { currentPage: 1, pageSize: 10, mode: 'off' }, filters: [] })).toBe('');
  });

  it('gets one record by its encoded id', async () => {
    const { fetch, calls } = fakeFetch(200, { id: 'a/b', version: 3 });
    const result = await provider(fetch).getOne({ resource: 'households', id: 'a/b' });
    expect(result.data).toEqual({ id: 'a/b', version: 3 });
    expect(calls[0]?.url).toBe('/api/r/households/a%2Fb');
  });

  it('creates with POST and the CSRF token', async () => {
    const { fetch, calls } = fakeFetch(201, { id: 'n1', version: 1 });
    const result = await provider(fetch).create({ resource: 'households', variables: { orgCode: 'g1', address: '1号' } });
    expect(result.data).toEqual({ id: 'n1', version: 1 });
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.body).toBe(JSON.stringify({ orgCode: 'g1', address: '1号' }));
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('csrf-1');
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json');
  });

  it('updates with PATCH carrying the version given in the variables', async () => {
    const { fetch, calls } = fakeFetch(200, { id: 'a', version: 4 });
    await provider(fetch).update({ resource: 'households', id: 'a', variables: { address: '2号', version: 3 } });
    expect(calls[0]?.url).toBe('/api/r/households/a');
    expect(calls[0]?.init.method).toBe('PATCH');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ address: '2号', version: 3 });
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('csrf-1');
  });

  it('deletes with the version in the query and answers the id on 204', async () => {
    const { fetch, calls } = fakeFetch(204);
    const result = await provider(fetch).deleteOne({ resource: 'households', id: 'a', variables: { version: 7 } });
    expect(result.data).toEqual({ id: 'a' });
    expect(calls[0]?.url).toBe('/api/r/households/a?version=7');
    expect(calls[0]?.init.method).toBe('DELETE');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('csrf-1');
  });

  it('maps a 400 to an HttpError whose field errors land on their paths', async () => {
    const { fetch } = fakeFetch(400, {
      message: '提交的数据未通过校验',
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      errors: { householderIdNumber: ['身份证号码格式不正确或校验位错误'] },
    });
    const error: HttpError = await provider(fetch)
      .create({ resource: 'households', variables: {} })
      .then(() => expect.fail('no error'), (e: HttpError) => e);
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('提交的数据未通过校验');
    expect(error.errors).toEqual({ householderIdNumber: ['身份证号码格式不正确或校验位错误'] });
  });

  it('maps a 409 conflict and a body that is not JSON to HttpErrors with a message', async () => {
    const conflict = await provider(fakeFetch(409, { message: '记录已被他人修改', statusCode: 409 }).fetch)
      .update({ resource: 'households', id: 'a', variables: { version: 1 } })
      .catch((e: HttpError) => e);
    expect(conflict).toMatchObject({ statusCode: 409, message: '记录已被他人修改' });
    const badGateway: FetchFunction = async () => new Response('<html>bad gateway</html>', { status: 502 });
    const proxied = await provider(badGateway).getOne({ resource: 'households', id: 'a' }).catch((e: HttpError) => e);
    expect(proxied).toMatchObject({ statusCode: 502, message: '请求失败 (HTTP 502)' });
  });

  it('maps a network failure to an HttpError with status 0', async () => {
    const offline: FetchFunction = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await provider(offline).getOne({ resource: 'households', id: 'a' }).catch((e: HttpError) => e);
    expect(error).toMatchObject({ statusCode: 0, message: '无法连接服务器，请检查网络后重试' });
  });
});
