import { Hono } from 'hono';
import { sql } from 'kysely';
import { EngineError } from '../errors/engine-error.ts';
import type { AppEnv } from './env.ts';

/** GET /api/health: 200 when the database answers, 503 when it does not. */
export function createHealthRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', async (c) => {
    const { engine } = c.var;
    const started = performance.now();
    try {
      await sql`select 1`.execute(engine.db.kysely);
    } catch (cause) {
      throw new EngineError('UNAVAILABLE', { 'zh-CN': '数据库无响应', en: 'The database does not answer' }, { cause });
    }
    return c.json({
      status: 'ok',
      package: { id: engine.model.id, version: engine.model.version },
      database: { dialect: engine.db.dialect, milliseconds: Math.round((performance.now() - started) * 100) / 100 },
    });
  });
  return routes;
}
