import { Hono } from 'hono';
import type { AppEnv } from '../api/env.ts';
import { parseAuditQuery } from './query.ts';

/**
 * The audit log, mounted at /api/audit: GET / lists rows newest first, within the actor's grants
 * for `audit` / `read` (query syntax in audit/query.ts; 403 without any such grant).
 */
export function createAuditRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const { engine, actor } = c.var;
    return c.json(await engine.audit.list({ actor }, parseAuditQuery(new URL(c.req.url).searchParams)));
  });

  return routes;
}
