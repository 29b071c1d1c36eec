import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { isPublicRoute, PUBLIC_ROUTES } from '../api/middleware.ts';
import { uuidv7 } from '../ids/uuid.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { signIn, TEST_PASSWORD } from '../testing/sessions.ts';

const SAMPLE_PARAMS: Readonly<Record<string, string>> = { resource: 'households', id: uuidv7() };

/** A concrete path for a route pattern: every :param replaced by a sample value. */
function concrete(pattern: string): string {
  return pattern.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'sample');
}

for (const dialect of DIALECTS) {
  describe(`every route needs a session but the public ones (${dialect})`, () => {
    let fixture: FixtureEngine;
    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect);
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('walks every registered route: 401 without a session except login, health, OpenAPI and the index', async () => {
      const app = createApp(fixture.engine);
      const { user } = await signIn(fixture.engine, { roles: [{ role: 'admin', orgCode: '320400' }] });
      // A session per route: the walk passes POST /api/auth/logout, which ends the one it comes with.
      const freshToken = async () => (await fixture.engine.auth.login({ username: user.username, password: TEST_PASSWORD, ip: '127.0.0.1' })).token;
      // Middleware is registered for ALL methods on wildcard paths; a handler registered for ALL would escape the walk.
      expect(app.routes.filter((route) => route.method === 'ALL' && !route.path.endsWith('*'))).toEqual([]);
      const routes = app.routes.filter((route) => route.method !== 'ALL');
      expect(routes.length).toBeGreaterThanOrEqual(12);

      const reachable: string[] = [];
      for (const route of routes) {
        const path = concrete(route.path);
        const init = (headers: Record<string, string> = {}): RequestInit => ({
          method: route.method,
          ...(route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT'
            ? { body: '{}', headers: { 'content-type': 'application/json', ...headers } }
            : { headers }),
        });
        const anonymous = await app.request(path, init());
        const label = `${route.method} ${route.path}`;
        if (anonymous.status === 401) {
          expect(isPublicRoute(route.method, path), label).toBe(false);
          expect(((await anonymous.json()) as { code: string }).code, label).toBe('UNAUTHORIZED');
          const forged = await app.request(path, init({ authorization: `Bearer ${'F'.repeat(43)}`, cookie: `zhili_session=${'F'.repeat(43)}` }));
          expect(forged.status, `${label} with a forged token`).toBe(401);
          const signedIn = await app.request(path, init({ authorization: `Bearer ${await freshToken()}` }));
          expect(signedIn.status, `${label} signed in`).not.toBe(401);
        } else {
          expect(isPublicRoute(route.method, path), label).toBe(true);
          reachable.push(label);
        }
      }
      expect(reachable.sort()).toEqual([
        'GET /',
        'GET /api/health',
        'GET /api/openapi.json',
        'GET /api/public/checklists',
        'GET /api/public/checklists/:id',
        'GET /api/public/councils/resolutions',
        'GET /api/public/councils/resolutions/:id',
        'POST /api/auth/login',
      ]);
      // A password login per route (scrypt): the walk grows with the API, past the default timeout on a busy machine.
    }, 90_000);

    it('keeps /api/public/ open for publications, and nothing else under /api', async () => {
      // No built admin, whose files would answer /index.html.
      const app = createApp(fixture.engine, { adminDir: null });
      expect(PUBLIC_ROUTES.filter((route) => route.prefix).map((route) => route.path)).toEqual(['/api/public/']);
      expect((await app.request('/api/public/notices')).status).toBe(404);
      for (const path of ['/api/nothing', '/api/publicity', '/api/health/', '/api/auth/login/../me', '/index.html']) {
        expect((await app.request(path)).status, path).toBe(401);
      }
      expect((await app.request('/api/auth/login')).status).toBe(401);
      expect((await app.request('/api/health', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    });
  });
}
