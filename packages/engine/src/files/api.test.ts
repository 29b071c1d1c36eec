import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import type { AppEnv } from '../api/env.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';
import { FILE_MAX_BYTES } from './content.ts';

const PACKAGE = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const COMMUNITY = '320402003011';
const GRID = '320402003011001';
const OTHER_GRID = '320402003012001';

/** A 1×1 PNG: the signature, IHDR, IDAT and IEND chunks. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; message?: string };

for (const dialect of DIALECTS) {
  describe(`files over HTTP (${dialect})`, () => {
    let fixture: FixtureEngine;
    let app: Hono<AppEnv>;
    const clients = {} as Record<'grid' | 'community' | 'other', TestClient>;

    const upload = async (client: TestClient, query: string, body: Uint8Array, type: string, headers: Record<string, string> = {}) => {
      const response = await client.request(`/api/files?${query}`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
      return { status: response.status, body: (await response.json()) as Body };
    };

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE);
      app = createApp(fixture.engine, { adminDir: null });
      const as = async (role: string, orgCode: string, username: string) => asClient(app, await signIn(fixture.engine, { roles: [{ role, orgCode }], username: `${username}-${dialect}` }));
      clients.grid = await as('grid-worker', GRID, 'files-grid');
      clients.community = await as('community-worker', COMMUNITY, 'files-community');
      clients.other = await as('grid-worker', OTHER_GRID, 'files-other');
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('keeps an uploaded photo for its grid, serves it back byte for byte to the grid and the units above it, and to no one else', async () => {
      const uploaded = await upload(clients.grid, `org=${GRID}&name=${encodeURIComponent('现场照片.png')}`, PNG, 'image/png');
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({ name: '现场照片.png', contentType: 'image/png', size: PNG.length, orgCode: GRID });
      const url = uploaded.body['url'] as string;
      expect(url).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);

      for (const client of [clients.grid, clients.community]) {
        const read = await client.request(url);
        expect(read.status).toBe(200);
        expect(read.headers.get('content-type')).toBe('image/png');
        expect(read.headers.get('x-content-type-options')).toBe('nosniff');
        expect(read.headers.get('content-disposition')).toMatch(/^inline; filename="[^"]+\.png"; filename\*=UTF-8''%E7%8E%B0/);
        expect(Buffer.from(await read.arrayBuffer()).equals(PNG)).toBe(true);
      }
      expect((await clients.other.request(url)).status).toBe(404);

      // A grid worker handling a case escalated to its community attaches a file there; the community reads it.
      const upwards = await upload(clients.grid, `org=${COMMUNITY}&name=report.png`, PNG, 'image/png');
      expect(upwards.status).toBe(201);
      expect((await clients.community.request(upwards.body['url'] as string)).status).toBe(200);
      expect((await clients.grid.request(upwards.body['url'] as string)).status).toBe(200);
      expect((await clients.other.request(upwards.body['url'] as string)).status).toBe(404);

      const audit = await fixture.engine.db.kysely.selectFrom('zhili_audit').selectAll().where('resource', '=', 'files').execute();
      expect(audit.map((row) => row['record_id'])).toContain(url.split('/').at(-1));
    });

    it('refuses what it cannot keep with a reason in both languages, storing nothing', async () => {
      const count = async () => Number(((await fixture.engine.db.kysely.selectFrom('zhili_files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown }).n);
      const before = await count();
      const refused = async (status: number, query: string, body: Uint8Array, type: string, client = clients.grid) => {
        const zh = await upload(client, query, body, type);
        expect(zh.status, query).toBe(status);
        const en = await upload(client, query, body, type, { 'accept-language': 'en' });
        expect(en.body.message).not.toBe(zh.body.message);
        return zh.body;
      };
      const ok = `org=${GRID}&name=a.png`;
      expect((await refused(415, ok, Buffer.from('hello'), 'text/plain')).message).toContain('image/png');
      expect((await refused(400, ok, JPEG_START, 'image/png')).message).toContain('不是所声明的类型');
      await refused(400, ok, new Uint8Array(), 'image/png');
      expect(Object.keys((await refused(400, `org=${GRID}`, PNG, 'image/png')).errors ?? {})).toEqual(['name']);
      expect(Object.keys((await refused(400, 'name=a.png', PNG, 'image/png')).errors ?? {})).toEqual(['org']);
      expect(Object.keys((await refused(400, `org=999&name=a.png`, PNG, 'image/png')).errors ?? {})).toEqual(['org']);
      await refused(400, `org=${GRID}&name=${encodeURIComponent('../etc/passwd')}`, PNG, 'image/png');
      await refused(400, `${ok}&colour=red`, PNG, 'image/png');
      await refused(403, `org=${OTHER_GRID}&name=a.png`, PNG, 'image/png');
      const huge = new Uint8Array(FILE_MAX_BYTES + 1);
      huge.set(PNG);
      await refused(413, ok, huge, 'image/png');
      expect(await count()).toBe(before);

      expect((await clients.grid.request('/api/files/not-a-uuid')).status).toBe(404);
      expect((await clients.grid.request('/api/files/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    });
  });
}
