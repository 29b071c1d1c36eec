import { idCardCheckChar } from '@zhili/schemas';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../ids/uuid.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { SignedIn, TestClient } from '../testing/sessions.ts';
import { createApp } from './app.ts';
import type { AppLogger } from './app.ts';

const GRID = '320404001001-01';
const OTHER_GRID = '320411001001-01';

function idNumber(sequence: number): string {
  const first17 = `32040419800101${String(sequence).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

interface ErrorBody {
  message: string;
  statusCode: number;
  code: string;
  errors?: Record<string, string[]>;
}

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let fixture: FixtureEngine;
    let admin: SignedIn;
    let app: TestClient;
    const logged: unknown[] = [];
    const logger: AppLogger = { error: (_message, details) => logged.push(details) };

    const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    const count = async (): Promise<number> => {
      const row = await fixture.engine.db.kysely.selectFrom('households').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const household = (overrides: Record<string, unknown> = {}) => ({
      orgCode: GRID,
      address: '兰陵苑12幢2单元301室',
      householderName: '王建国',
      memberCount: 3,
      ...overrides,
    });

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect);
      admin = await signIn(fixture.engine, { roles: [{ role: 'admin', orgCode: '320400' }] });
      // No built admin: / is the API index page.
      app = asClient(createApp(fixture.engine, { logger, adminDir: null }), admin);
    });
    afterAll(async () => {
      await fixture.drop();
    });
    beforeEach(async () => {
      await fixture.engine.db.kysely.deleteFrom('households').execute();
      logged.length = 0;
    });

    it('answers health when the database does', async () => {
      const response = await app.request('/api/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', package: { id: 'fixture-households', version: '1.2.3' }, database: { dialect } });
    });

    it('serves an index of the API at / in the request language, linking only to this server', async () => {
      const zh = await app.request('/');
      expect(zh.status).toBe(200);
      expect(zh.headers.get('content-type')).toContain('text/html');
      const page = await zh.text();
      expect(page).toContain('href="/api/r/households"');
      expect(page).toContain('资源');
      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(await (await app.request('/?locale=en')).text()).toContain('Resources');
    });

    it('round-trips a record: create, list with filter and total, get, update, stale update, delete', async () => {
      const createdResponse = await json('POST', '/api/r/households', household({ householderIdNumber: idNumber(7), careLevel: 'key', categories: ['elderly_80'] }));
      expect(createdResponse.status).toBe(201);
      const created = (await createdResponse.json()) as Record<string, unknown> & { id: string; version: number };
      expect(created).toMatchObject({ orgCode: GRID, version: 1, configVersion: '1.2.3', careLevel: 'key', categories: ['elderly_80'] });
      await json('POST', '/api/r/households', household({ address: '另一户', orgCode: OTHER_GRID }));

      const listResponse = await app.request(`/api/r/households?careLevel=key&householderName[contains]=${encodeURIComponent('建国')}&sort=-updatedAt`);
      expect(listResponse.status).toBe(200);
      const list = (await listResponse.json()) as { data: unknown[]; total: number; page: number; pageSize: number };
      expect(list).toMatchObject({ total: 1, page: 1, pageSize: 10 });
      expect(list.data).toEqual([created]);
      expect(((await (await app.request('/api/r/households?org=320411')).json()) as { total: number }).total).toBe(1);

      const getResponse = await app.request(`/api/r/households/${created.id}`);
      expect(getResponse.status).toBe(200);
      expect(await getResponse.json()).toEqual(created);

      const updatedResponse = await json('PATCH', `/api/r/households/${created.id}`, { version: 1, memberCount: 4, careLevel: null });
      expect(updatedResponse.status).toBe(200);
      const updated = (await updatedResponse.json()) as Record<string, unknown>;
      expect(updated).toMatchObject({ version: 2, memberCount: 4 });
      expect(updated).not.toHaveProperty('careLevel');

      const staleResponse = await json('PATCH', `/api/r/households/${created.id}`, { version: 1, memberCount: 5 });
      expect(staleResponse.status).toBe(409);
      expect(((await staleResponse.json()) as ErrorBody).code).toBe('CONFLICT');

      expect((await app.request(`/api/r/households/${created.id}?version=1`, { method: 'DELETE' })).status).toBe(409);
      expect((await app.request(`/api/r/households/${created.id}`, { method: 'DELETE' })).status).toBe(400);
      expect(await count()).toBe(2);
      const deleted = await app.request(`/api/r/households/${created.id}?version=2`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');
      expect((await app.request(`/api/r/households/${created.id}`)).status).toBe(404);
      expect(await count()).toBe(1);
    });

    it('rejects an invalid body with 400 and Chinese errors keyed by field path, writing nothing', async () => {
      const response = await json('POST', '/api/r/households', household({ householderIdNumber: '320404198001010012', contact: { phone: '123' } }));
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: '提交的数据未通过校验' });
      expect(body.errors?.['householderIdNumber']).toEqual(['身份证号码格式不正确或校验位错误']);
      expect(body.errors?.['contact.phone']?.[0]).toMatch(/手机号码/);

      const english = await json('POST', '/api/r/households?locale=en', household({ householderIdNumber: 'x' }));
      expect(((await english.json()) as ErrorBody).errors?.['householderIdNumber']?.[0]).toMatch(/ID number/);
      const byHeader = await json('POST', '/api/r/households', household({ memberCount: 0 }), { 'accept-language': 'en-US,en;q=0.9' });
      expect(((await byHeader.json()) as ErrorBody).message).toBe('The submitted data is invalid');
      expect(await count()).toBe(0);
    });

    it('rejects an invalid update with 400 and leaves the record as it was', async () => {
      const created = (await (await json('POST', '/api/r/households', household())).json()) as { id: string };
      const before = await (await app.request(`/api/r/households/${created.id}`)).json();
      const response = await json('PATCH', `/api/r/households/${created.id}`, { version: 1, householderIdNumber: '123' });
      expect(response.status).toBe(400);
      expect(Object.keys(((await response.json()) as ErrorBody).errors ?? {})).toEqual(['householderIdNumber']);
      const noVersion = await json('PATCH', `/api/r/households/${created.id}`, { memberCount: 2 });
      expect(((await noVersion.json()) as ErrorBody).errors).toHaveProperty('version');
      expect(await (await app.request(`/api/r/households/${created.id}`)).json()).toEqual(before);
    });

    it('rejects bad list queries with 400 naming the parameter', async () => {
      const cases: [string, string][] = [
        ['householderName[like]=王', 'householderName[like]'],
        ['nickname=王', 'nickname'],
        ['memberCount=three', 'memberCount'],
        ['memberCount[contains]=3', 'memberCount[contains]'],
        ['categories[eq]=elderly_80', 'categories[eq]'],
        ['filter=%5B%7B', 'filter'],
        ['page=0', 'page'],
        ['pageSize=500', 'pageSize'],
        ['sort=nope', 'sort'],
        ['org=000000', 'org'],
      ];
      for (const [query, key] of cases) {
        const response = await app.request(`/api/r/households?${query}`);
        expect(response.status, query).toBe(400);
        const body = (await response.json()) as ErrorBody;
        expect(body.code).toBe('BAD_REQUEST');
        expect(Object.keys(body.errors ?? {}), query).toEqual([key]);
      }
    });

    it('rejects malformed JSON, non-JSON bodies and non-object bodies without writing', async () => {
      const malformed = await app.request('/api/r/households', { method: 'POST', body: '{"address": ', headers: { 'content-type': 'application/json' } });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as ErrorBody).message).toBe('请求体不是合法的 JSON');
      const empty = await app.request('/api/r/households', { method: 'POST', headers: { 'content-type': 'application/json' } });
      expect(empty.status).toBe(400);
      const text = await app.request('/api/r/households', { method: 'POST', body: 'address=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(text.status).toBe(415);
      expect(((await text.json()) as ErrorBody).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect((await app.request('/api/r/households', { method: 'POST', body: '{}' })).status).toBe(415);
      expect((await json('POST', '/api/r/households', [household()])).status).toBe(400);
      expect((await json('POST', '/api/r/households', 'household')).status).toBe(400);
      expect((await json('POST', '/api/r/households', household(), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
      expect(await count()).toBe(1);
    });

    it('refuses a body over the limit with 413, whether or not Content-Length is sent', async () => {
      const big = household({ notes: 'x'.repeat(1024 * 1024) });
      const response = await json('POST', '/api/r/households', big);
      expect(response.status).toBe(413);
      expect(((await response.json()) as ErrorBody)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求体超过 1 MiB 的上限' });
      const small = asClient(createApp(fixture.engine, { bodyLimit: 100, logger }), admin);
      const body = JSON.stringify(household());
      const withLength = await small.request('/api/r/households', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      });
      expect(withLength.status).toBe(413);
      expect((await small.request('/api/r/households', { method: 'POST', body, headers: { 'content-type': 'application/json' } })).status).toBe(413);
      expect(await count()).toBe(0);
    });

    it('answers 404 in JSON for an unknown resource, record or route', async () => {
      for (const [method, path] of [
        ['GET', '/api/r/nope'],
        ['GET', `/api/r/nope/${uuidv7()}`],
        ['GET', `/api/r/households/${uuidv7()}`],
        ['GET', '/api/r/households/not-a-uuid'],
        ['DELETE', `/api/r/households/${uuidv7()}?version=1`],
        ['GET', '/api/nothing'],
        ['GET', '/api/r'],
      ] as const) {
        const response = await app.request(path, { method });
        expect(response.status, path).toBe(404);
        expect(((await response.json()) as ErrorBody).code).toBe('NOT_FOUND');
      }
      const create = await json('POST', '/api/r/nope', household());
      expect(create.status).toBe(404);
      const patch = await json('PATCH', `/api/r/households/${uuidv7()}`, { version: 1 });
      expect(patch.status).toBe(404);
    });

    it('hides the details of internal errors from the client and logs them with the request id', async () => {
      const failing = createApp(fixture.engine, { logger });
      failing.get('/api/boom', () => {
        throw new Error('secret detail');
      });
      failing.get('/api/teapot', () => {
        throw new HTTPException(401);
      });
      const client = asClient(failing, admin);
      const response = await client.request('/api/boom', { headers: { 'x-request-id': 'req-42' } });
      expect(response.status).toBe(500);
      expect(response.headers.get('x-request-id')).toBe('req-42');
      const text = await response.text();
      expect(text).not.toContain('secret');
      expect(JSON.parse(text)).toEqual({ message: '服务器内部错误', statusCode: 500, code: 'INTERNAL' });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ requestId: 'req-42', method: 'GET', path: '/api/boom' });
      const unauthorized = await client.request('/api/teapot');
      expect(unauthorized.status).toBe(401);
      expect(((await unauthorized.json()) as ErrorBody).code).toBe('UNAUTHORIZED');
    });

    it('gives every response a request id', async () => {
      const response = await app.request('/api/health', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
}
