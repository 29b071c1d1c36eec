import type { BilingualText } from '@zhili/schemas';
import { Hono } from 'hono';
import { errors } from '../errors/engine-error.ts';
import { parseListQuery } from '../resources/query.ts';
import type { RecordInput } from '../resources/service.ts';
import { readJsonBody } from './body.ts';
import type { AppEnv } from './env.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/**
 * Generic CRUD for every resource, mounted at /api/r:
 * GET /:resource (list; query syntax in resources/query.ts), GET /:resource/:id,
 * POST /:resource (201), PATCH /:resource/:id (version in the body), DELETE /:resource/:id?version=N (204).
 */
export function createRecordRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/:resource', async (c) => {
    const { engine, actor } = c.var;
    const resource = engine.resources.describe(c.req.param('resource'));
    const query = parseListQuery(resource, new URL(c.req.url).searchParams);
    return c.json(await engine.resources.list({ actor }, resource.id, query));
  });

  routes.get('/:resource/:id', async (c) => {
    const { engine, actor } = c.var;
    return c.json(await engine.resources.get({ actor }, c.req.param('resource'), c.req.param('id')));
  });

  routes.post('/:resource', async (c) => {
    const { engine, actor } = c.var;
    const resource = engine.resources.describe(c.req.param('resource'));
    const record = await engine.resources.create({ actor }, resource.id, asRecordInput(await readJsonBody(c)));
    return c.json(record, 201);
  });

  routes.patch('/:resource/:id', async (c) => {
    const { engine, actor } = c.var;
    const resource = engine.resources.describe(c.req.param('resource'));
    const patch = asRecordInput(await readJsonBody(c));
    return c.json(await engine.resources.update({ actor }, resource.id, c.req.param('id'), patch));
  });

  routes.delete('/:resource/:id', async (c) => {
    const { engine, actor } = c.var;
    const resource = engine.resources.describe(c.req.param('resource'));
    await engine.resources.remove({ actor }, resource.id, c.req.param('id'), parseVersion(c.req.query('version')));
    return c.body(null, 204);
  });

  return routes;
}

/** A JSON body that is an object; anything else (an array, a string, null) is a 400. */
function asRecordInput(body: unknown): RecordInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.validation({ $: [bi('请求体必须是 JSON 对象', 'the request body must be a JSON object')] });
  }
  return body as RecordInput;
}

function parseVersion(text: string | undefined): number {
  const version = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), {
      version: [bi('必须提供记录的当前版本号（正整数），如 ?version=3', "the record's current version (a positive integer) is required, e.g. ?version=3")],
    });
  }
  return version;
}
