import type { BilingualText } from '@zhili/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../api/env.ts';
import type { FileUpload } from '../api/middleware.ts';
import { Problems } from '../checklists/items.ts';
import { attachmentDisposition } from '../checklists/xlsx.ts';
import { FILE_MAX_BYTES, FILE_TYPES } from './content.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** POST /api/files takes the file as its raw body, in one of the kept types. */
export const FILE_UPLOADS: readonly FileUpload[] = FILE_TYPES.map((f) => ({ path: /^\/api\/files$/, type: f.type, maxBytes: FILE_MAX_BYTES }));

/**
 * Files, mounted at /api/files: POST ?org=<unit>&name=<file name> with the file as the raw body
 * (Content-Type its type) → 201 { id, name, contentType, size, sha256, orgCode, uploadedAt, url };
 * GET /:id → the file, shown inline, never sniffed into another type.
 */
export function createFileRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const problems = new Problems();
    for (const key of params.keys()) if (!['org', 'name', 'locale'].includes(key)) problems.add(key, bi(`未知的查询参数 ${key}`, `unknown query parameter ${key}`));
    const org = params.get('org');
    const name = params.get('name');
    if (org === null || org === '') problems.add('org', bi('必须给出文件所属的组织单位（?org=）', 'the org unit the file is for is required (?org=)'));
    if (name === null || name === '') problems.add('name', bi('必须给出文件名（?name=）', 'the file name is required (?name=)'));
    problems.throwIfAny();
    const content = new Uint8Array(await c.req.arrayBuffer());
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return c.json(await c.var.engine.files.upload({ actor: c.var.actor }, { org: org as string, name: name as string, contentType, content }), 201);
  });

  routes.get('/:id', async (c) => {
    const { file, content } = await c.var.engine.files.read({ actor: c.var.actor }, c.req.param('id'));
    return c.body(content.slice().buffer, 200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': attachmentDisposition(file.name, `${file.id}.${FILE_TYPES.find((f) => f.type === file.contentType)?.extension ?? 'bin'}`).replace(/^attachment/, 'inline'),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'private, max-age=86400, immutable',
    });
  });

  return routes;
}
