import { createAjv, idCardCheckChar } from '@zhili/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { createApp } from './app.ts';
import { isPublicRoute } from './middleware.ts';

type Json = { [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `$ref` in a document with the JSON pointer of the object holding it. */
function refs(value: unknown, pointer = ''): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => refs(item, `${pointer}/${i}`));
  if (!isObject(value)) return [];
  const own = typeof value['$ref'] === 'string' ? [{ at: pointer, ref: value['$ref'] }] : [];
  return [...own, ...Object.entries(value).flatMap(([key, child]) => refs(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`))];
}

function resolvePointer(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const segment of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** Pointers of every schema in the document: component schemas, and each `schema` of a parameter, body or response. */
function schemaPointers(value: unknown, pointer = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => schemaPointers(item, `${pointer}/${i}`));
  if (!isObject(value)) return [];
  const own = isObject(value['schema']) ? [`${pointer}/schema`] : [];
  return [...own, ...Object.entries(value).flatMap(([key, child]) => (key === 'schema' ? [] : schemaPointers(child, `${pointer}/${key.replace(/\//g, '~1')}`)))];
}

describe('GET /api/openapi.json', () => {
  let fixture: FixtureEngine;
  let document: Json;
  beforeAll(async () => {
    fixture = await openFixtureEngine('sqlite');
    const response = await createApp(fixture.engine).request('/api/openapi.json');
    expect(response.status).toBe(200);
    document = JSON.parse(await response.text()) as Json;
  });
  afterAll(async () => {
    await fixture.drop();
  });

  it('is an OpenAPI 3.1 document with every route of the API', () => {
    expect(document['openapi']).toBe('3.1.0');
    expect(document['info']).toMatchObject({ title: '测试配置包', version: '1.2.3' });
    const paths = document['paths'] as Json;
    expect(Object.keys(paths).sort()).toEqual([
      '/api/admission-requests',
      '/api/admission-requests/{id}',
      '/api/admission-requests/{id}/decision',
      '/api/audit',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/actions',
      '/api/cases/{id}/assignees',
      '/api/cases/{id}/history',
      '/api/cases/{id}/transitions',
      '/api/checklists',
      '/api/checklists/{id}',
      '/api/checklists/{id}/claims',
      '/api/checklists/{id}/claims/summary',
      '/api/checklists/{id}/claims/{claim}/done',
      '/api/checklists/{id}/claims/{claim}/withdraw',
      '/api/checklists/{id}/diff',
      '/api/checklists/{id}/draft',
      '/api/checklists/{id}/draft/import',
      '/api/checklists/{id}/draft/items',
      '/api/checklists/{id}/draft/items/{code}',
      '/api/checklists/{id}/draft/reorder',
      '/api/checklists/{id}/export.xlsx',
      '/api/checklists/{id}/publish',
      '/api/checklists/{id}/versions',
      '/api/checklists/{id}/versions/{ref}',
      '/api/councils/proposals',
      '/api/councils/proposals/{id}',
      '/api/councils/proposals/{id}/meetings',
      '/api/councils/units/{org}/bodies',
      '/api/councils/units/{org}/bodies/{body}',
      '/api/councils/units/{org}/procedures/{procedure}/proposals',
      '/api/files',
      '/api/files/{id}',
      '/api/health',
      '/api/meta',
      '/api/openapi.json',
      '/api/org/units',
      '/api/org/units/{code}',
      '/api/public/checklists',
      '/api/public/checklists/{id}',
      '/api/public/councils/resolutions',
      '/api/public/councils/resolutions/{id}',
      '/api/r/households',
      '/api/r/households/{id}',
      '/api/workflows/{workflow}/cases',
      '/api/workflows/{workflow}/metrics',
    ]);
    expect(Object.keys(paths['/api/r/households'] as Json)).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/r/households/{id}'] as Json)).toEqual(['parameters', 'get', 'patch', 'delete']);
    const operationIds = Object.values(paths).flatMap((item) => Object.values(item as Json).flatMap((op) => (isObject(op) && typeof op['operationId'] === 'string' ? [op['operationId']] : [])));
    expect(operationIds).toHaveLength(58);
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('declares the bearer and cookie sessions, and waives them exactly on the public routes', () => {
    expect(document['security']).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(Object.keys((document['components'] as { securitySchemes: Json }).securitySchemes)).toEqual(['bearer', 'cookie']);
    const open = Object.entries(document['paths'] as Json).flatMap(([path, item]) =>
      Object.entries(item as Json).flatMap(([method, op]) => (isObject(op) && Array.isArray(op['security']) && op['security'].length === 0 ? [`${method.toUpperCase()} ${path}`] : [])),
    );
    expect(open.sort()).toEqual([
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /api/public/checklists',
      'GET /api/public/checklists/{id}',
      'GET /api/public/councils/resolutions',
      'GET /api/public/councils/resolutions/{id}',
      'POST /api/auth/login',
    ]);
    for (const route of open) expect(isPublicRoute(route.split(' ')[0] ?? '', route.split(' ')[1] ?? ''), route).toBe(true);
  });

  it('resolves every $ref', () => {
    const all = refs(document);
    expect(all.length).toBeGreaterThan(20);
    for (const { at, ref } of all) {
      expect(ref.startsWith('#/'), `${at}: ${ref}`).toBe(true);
      expect(resolvePointer(document, ref.slice(1)), `${at}: ${ref}`).toBeDefined();
    }
  });

  it('holds only schemas that compile, with the formats the server validates with', () => {
    const ajv = createAjv({ strict: false });
    ajv.addSchema(document, 'openapi.json');
    const pointers = schemaPointers(document);
    const components = Object.keys((document['components'] as { schemas: Json }).schemas).map((name) => `/components/schemas/${name}`);
    expect(components).toEqual(expect.arrayContaining(['/components/schemas/households', '/components/schemas/households.create', '/components/schemas/Error']));
    for (const pointer of [...components, ...pointers]) {
      expect(ajv.getSchema(`openapi.json#${pointer}`), pointer).toBeTypeOf('function');
    }
  });

  it('describes a record, its create and patch bodies and its page from the record schema', () => {
    const ajv = createAjv({ strict: false });
    ajv.addSchema(document, 'openapi.json');
    const schema = (name: string) => ajv.getSchema(`openapi.json#/components/schemas/${name}`)!;
    const first17 = '32040419800101007';
    const valid = { orgCode: '320404001001-01', address: '兰陵苑', householderName: '王建国', memberCount: 3, householderIdNumber: first17 + idCardCheckChar(first17) };
    expect(schema('households.create')(valid)).toBe(true);
    expect(schema('households.create')({ ...valid, householderIdNumber: '320404198001010012' })).toBe(false);
    expect(schema('households.create')({ ...valid, orgCode: undefined })).toBe(false);
    expect(schema('households.create')({ ...valid, nickname: 'x' })).toBe(false);
    expect(schema('households.patch')({ version: 2, careLevel: null })).toBe(true);
    expect(schema('households.patch')({ careLevel: 'key' })).toBe(false);
    const record = {
      id: '018bcfe5-6800-7fff-bfff-ffffffffffff',
      orgCode: '320404001001-01',
      orgPath: '/320400/320404/320404001/320404001001/320404001001-01/',
      version: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      createdBy: 'dev',
      updatedAt: '2024-01-01T00:00:00.000Z',
      updatedBy: 'dev',
      configVersion: '1.2.3',
      address: '兰陵苑',
      householderName: '王建国',
      memberCount: 3,
    };
    expect(schema('households.page')({ data: [record], total: 1, page: 1, pageSize: 10 })).toBe(true);
    expect(schema('households')({ ...record, version: undefined })).toBe(false);
    expect(schema('Error')({ message: '提交的数据未通过校验', statusCode: 400, code: 'VALIDATION_FAILED', errors: { memberCount: ['应当大于或等于 1'] } })).toBe(true);
  });

  it('documents the list parameters, one filter parameter per filterable field', () => {
    const list = ((document['paths'] as Json)['/api/r/households'] as { get: { parameters: Json[] } }).get.parameters;
    const names = list.map((p) => (typeof p['$ref'] === 'string' ? p['$ref'].split('/').at(-1) : p['name']));
    expect(names).toEqual(expect.arrayContaining(['page', 'pageSize', 'sort', 'filter', 'org', 'locale', 'householderName', 'memberCount', 'rented', 'updatedAt']));
    expect(names).not.toContain('categories');
    const memberCount = list.find((p) => p['name'] === 'memberCount') as { style: string; schema: { properties: Json } };
    expect(memberCount.style).toBe('deepObject');
    expect(Object.keys(memberCount.schema.properties)).not.toContain('contains');
    expect(memberCount.schema.properties['between']).toEqual({ type: 'string' });
  });

  it('resolves its texts in the request locale', async () => {
    const response = await createApp(fixture.engine).request('/api/openapi.json?locale=en');
    const english = (await response.json()) as Json;
    expect(english['info']).toMatchObject({ title: 'Test package' });
    expect(JSON.stringify(english)).toContain('List Household records');
  });
});
