import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { signIn } from '../testing/sessions.ts';
import { createApp } from './app.ts';
import { acceptsGzip, resolveAdminDir } from './static.ts';

const INDEX_HTML = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd.js"></script></head><body><div id="root"></div></body></html>';
const ASSET_JS = 'console.log("admin");';

describe('serving the built admin', () => {
  let fixture: FixtureEngine;
  let folder: string;
  let adminDir: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    fixture = await openFixtureEngine('sqlite');
    folder = await mkdtemp(join(tmpdir(), 'zhili-admin-'));
    adminDir = join(folder, 'dist');
    await mkdir(join(adminDir, 'assets'), { recursive: true });
    await writeFile(join(adminDir, 'index.html'), INDEX_HTML);
    await writeFile(join(adminDir, 'assets', 'index-Ab12Cd.js'), ASSET_JS);
    await writeFile(join(adminDir, 'assets', 'index-Ab12Cd.js.gz'), gzipSync(ASSET_JS));
    await writeFile(join(adminDir, 'assets', 'index-Ef34Gh.css'), 'body{margin:0}');
    await writeFile(join(adminDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(adminDir, '.env'), 'SECRET=1');
    await writeFile(join(folder, 'secret.txt'), 'outside the admin');
    app = createApp(fixture.engine, { adminDir });
  });
  afterAll(async () => {
    await fixture.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves index.html at / without a session and without caching', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves hashed assets with their content type, cached for good', async () => {
    const script = await app.request('/assets/index-Ab12Cd.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(ASSET_JS);
    expect((await app.request('/assets/index-Ef34Gh.css')).headers.get('content-type')).toMatch(/^text\/css/);
    const icon = await app.request('/favicon.svg');
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the build\'s gzip copy to a client that accepts gzip, the plain file to one that does not', async () => {
    const gzipped = await app.request('/assets/index-Ab12Cd.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(gzipped.headers.get('vary')).toBe('accept-encoding');
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(ASSET_JS);
    const plain = await app.request('/assets/index-Ab12Cd.js', { headers: { 'accept-encoding': 'gzip;q=0, br' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('accept-encoding');
    expect(await plain.text()).toBe(ASSET_JS);
    const css = await app.request('/assets/index-Ef34Gh.css', { headers: { 'accept-encoding': 'gzip' } });
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(css.headers.get('vary')).toBeNull();
  });

  it('reads Accept-Encoding with its q-values', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await app.request('/assets/index-Ab12Cd.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(ASSET_JS.length));
    expect(await response.text()).toBe('');
  });

  it('falls back to index.html for the admin\'s own pages, but not for missing files or assets', async () => {
    for (const path of ['/households', '/r/households/edit/0193', '/login?to=%2Fhouseholds']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toBe(INDEX_HTML);
    }
    for (const path of ['/assets/index-Old00.js', '/assets/', '/missing.png', '/robots.txt']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('never leaves the folder nor shows hidden files: ../ and its encoded variants are 404', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e%252fsecret.txt',
      '/.env',
      '/%2eenv',
      '/index.html%00',
      '/%E0%A4%A',
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('outside the admin');
    }
  });

  it('never leaves the folder for a raw ../ sent over HTTP', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const fetchRaw = (path: string) =>
      new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode, body }));
        }).on('error', reject);
      });
    try {
      for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..\\secret.txt']) {
        const { status, body } = await fetchRaw(path);
        expect(status, path).toBeGreaterThanOrEqual(400);
        expect(body, path).not.toContain('outside the admin');
      }
      expect((await fetchRaw('/assets/../index.html')).body).toBe(INDEX_HTML);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('leaves /api to the API: its routes still need a session and unknown ones are JSON 404s', async () => {
    expect((await app.request('/api/meta')).status).toBe(401);
    expect((await app.request('/api')).status).toBe(401);
    const { headers } = await signIn(fixture.engine, { roles: [{ role: 'admin', orgCode: '320400' }] });
    const unknown = await app.request('/api/nothing', { headers });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await app.request('/households', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
  });

  it('keeps the API index page at / when there is no built admin', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'zhili-no-admin-'));
    try {
      expect(resolveAdminDir(empty)).toBeNull();
      expect(resolveAdminDir(null)).toBeNull();
      expect(resolveAdminDir(adminDir)).toBe(adminDir);
      const page = await createApp(fixture.engine, { adminDir: empty }).request('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/api/r/households');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
