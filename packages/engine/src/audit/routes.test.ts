import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import { DEV_ACTOR } from '../actor/actor.ts';
import { createApp } from '../api/app.ts';
import type { AppEnv } from '../api/env.ts';
import { locale, provideEngine, requestId } from '../api/middleware.ts';
import { toEngineError } from '../errors/engine-error.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import type { AuditPage } from './log.ts';
import { createAuditRoutes } from './routes.ts';

const TIANNING = '/320400/320404/';
const GRID_1 = '/320400/320404/320404001/320404001001/320404001001-01/';
const XINBEI_GRID = '/320400/320411/320411001/320411001001/320411001001-01/';

const ACTORS: Readonly<Record<string, Actor>> = {
  dev: DEV_ACTOR,
  tianning: { ...DEV_ACTOR, id: 'tianning', username: 'tianning', kind: 'user', grants: { audit: { read: [{ path: TIANNING, subtree: true }] } } },
  nobody: { ...DEV_ACTOR, id: 'nobody', username: 'nobody', kind: 'user', grants: { households: { read: [{ path: '/', subtree: true }] } } },
};

/**
 * The audit routes behind the API's middleware, acting as the actor named in X-Test-Actor, with an
 * error handler of the API's shape: the routes apart from authentication, which the auth suite covers.
 */
function auditApp(fixture: FixtureEngine): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const actAs = createMiddleware<AppEnv>(async (c, next) => {
    c.set('actor', ACTORS[c.req.header('x-test-actor') ?? 'dev'] ?? DEV_ACTOR);
    await next();
  });
  app.use(requestId, provideEngine(fixture.engine), locale, actAs);
  app.route('/api/audit', createAuditRoutes());
  app.onError((thrown, c) => {
    const error = toEngineError(thrown);
    return c.json(error.toJSON(c.var.locale), error.status as ContentfulStatusCode);
  });
  return app;
}

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let fixture: FixtureEngine;
    let app: Hono<AppEnv>;
    const get = (query: string, actor = 'dev') => app.request(`/api/audit${query}`, { headers: { 'x-test-actor': actor } });

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect);
      app = auditApp(fixture);
      const { audit, db } = fixture.engine;
      await audit.append(db.kysely, { actor: DEV_ACTOR, action: 'create', resource: 'households', recordId: 'a', orgPath: GRID_1 });
      await audit.append(db.kysely, { actor: DEV_ACTOR, action: 'update', resource: 'households', recordId: 'b', orgPath: XINBEI_GRID });
      await audit.append(db.kysely, { actor: DEV_ACTOR, action: 'login' });
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('is mounted at GET /api/audit by the API', () => {
      expect(createApp(fixture.engine).routes.some((route) => route.method === 'GET' && route.path === '/api/audit')).toBe(true);
    });

    it('lists the rows newest first, as a page', async () => {
      const response = await get('');
      expect(response.status).toBe(200);
      const page = (await response.json()) as AuditPage;
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(page.data.map((entry) => [entry.seq, entry.action, entry.orgPath])).toEqual([
        [3, 'login', null],
        [2, 'update', XINBEI_GRID],
        [1, 'create', GRID_1],
      ]);
      const filtered = (await (await get('?action=update&resource=households&from=2000-01-01&to=2999-12-31T00:00:00%2B08:00&pageSize=1')).json()) as AuditPage;
      expect(filtered.data.map((entry) => entry.recordId)).toEqual(['b']);
    });

    it("shows only the rows within the actor's grants for audit, and refuses an actor without one", async () => {
      const page = (await (await get('', 'tianning')).json()) as AuditPage;
      expect(page.data.map((entry) => entry.seq)).toEqual([1]);
      expect(page.total).toBe(1);
      const refused = await get('', 'nobody');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN', message: '无权查看审计日志' });
    });

    it('answers a bad query with 400 and the problems keyed by parameter, in the request language', async () => {
      const response = await get('?action=erase&from=yesterday&pageSize=500&colour=red&resource=a&resource=b');
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; errors: Record<string, string[]> };
      expect(body.code).toBe('BAD_REQUEST');
      expect(Object.keys(body.errors).sort()).toEqual(['action', 'colour', 'from', 'pageSize', 'resource']);
      const chinese = (await (await get('?page=0&locale=zh-CN')).json()) as { message: string; errors: Record<string, string[]> };
      expect(chinese.message).toBe('查询参数有误');
      expect(chinese.errors['page']).toEqual(['应为正整数']);
    });
  });
}
