import type { BilingualText } from '@zhili/schemas';
import { Hono } from 'hono';
import { readJsonBody } from '../api/body.ts';
import type { AppEnv } from '../api/env.ts';
import { errors } from '../errors/engine-error.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/**
 * The grid API, mounted at /api/grids: GET /compliance?org=&period=&limit= (violations per grid,
 * worker and unit), GET /summary?org=&period= (the dashboard's figures of a unit and the units
 * under it); maintenance: POST /move-households, POST /:code/split, POST /:code/merge, POST
 * /:code/staff, DELETE /:code/staff/:id?status=.
 */
export function createGridRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/compliance', async (c) => {
    const limit = c.req.query('limit');
    return c.json(
      await c.var.engine.grids.compliance({ actor: c.var.actor }, { ...scopeQuery(c.req.query('org'), c.req.query('period')), ...(limit !== undefined ? { limit: parseLimit(limit) } : {}) }),
    );
  });

  routes.get('/summary', async (c) => c.json(await c.var.engine.grids.summary({ actor: c.var.actor }, scopeQuery(c.req.query('org'), c.req.query('period')))));

  routes.post('/move-households', async (c) => c.json(await c.var.engine.grids.maintenance.moveHouseholds({ actor: c.var.actor }, await readJsonBody(c))));

  routes.post('/:code/split', async (c) => c.json(await c.var.engine.grids.maintenance.split({ actor: c.var.actor }, c.req.param('code'), await readJsonBody(c)), 201));

  routes.post('/:code/merge', async (c) => c.json(await c.var.engine.grids.maintenance.merge({ actor: c.var.actor }, c.req.param('code'), await readJsonBody(c))));

  routes.post('/:code/staff', async (c) => c.json(await c.var.engine.grids.maintenance.assignStaff({ actor: c.var.actor }, c.req.param('code'), await readJsonBody(c))));

  routes.delete('/:code/staff/:id', async (c) =>
    c.json(await c.var.engine.grids.maintenance.removeStaff({ actor: c.var.actor }, c.req.param('code'), c.req.param('id'), c.req.query('status'))),
  );

  return routes;
}

function scopeQuery(org: string | undefined, period: string | undefined): { org?: string; period?: string } {
  return { ...(org !== undefined && org !== '' ? { org } : {}), ...(period !== undefined && period !== '' ? { period } : {}) };
}

function parseLimit(text: string): number {
  const limit = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(limit)) {
    throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), { limit: [bi('应为正整数', 'must be a positive whole number')] });
  }
  return limit;
}
