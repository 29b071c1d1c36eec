import { resolveText } from '@zhili/schemas';
import type { BilingualText, Locale } from '@zhili/schemas';
import { Hono } from 'hono';
import { readJsonBody } from '../api/body.ts';
import type { AppEnv } from '../api/env.ts';
import type { FileUpload } from '../api/middleware.ts';
import { errors } from '../errors/engine-error.ts';
import { localizeRecordSchema } from '../resources/schema.ts';
import { parseAdmissionQuery } from './admission.ts';
import { parseClaimQuery } from './claims.ts';
import { CHECKLIST_KINDS } from './kinds.ts';
import type { PublicChecklist, VersionRef } from './service.ts';
import { attachmentDisposition, XLSX_MAX_BYTES, XLSX_TYPE } from './xlsx.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/**
 * The checklist API, mounted at /api:
 * - /checklists: GET / (list), GET /:id, GET /:id/versions, GET /:id/versions/:ref (a number,
 *   `draft` or `current`), GET /:id/diff?from=&to=; the draft: POST /:id/draft (201), DELETE
 *   /:id/draft?revision=, POST /:id/draft/items (201), PATCH and DELETE (?revision=)
 *   /:id/draft/items/:code, POST /:id/draft/reorder; POST /:id/publish; Excel: GET
 *   /:id/export.xlsx?version= (current by default) and POST /:id/draft/import?revision= (the .xlsx
 *   file as the raw body, Content-Type XLSX_TYPE, see CHECKLIST_UPLOADS); the claims of a needs list:
 *   GET /:id/claims (?org=&item=&status=), GET /:id/claims/summary?org=, POST /:id/claims (201),
 *   POST /:id/claims/:claim/done and /withdraw.
 * - /admission-requests: GET / (?checklist=&status=&overdue=true), POST / (201), GET /:id,
 *   POST /:id/decision.
 * - /public/checklists: GET / and GET /:id — the version in force of public checklists, without
 *   login, texts in the request's locale.
 */
export function createChecklistRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/checklists', async (c) => c.json({ data: await c.var.engine.checklists.list({ actor: c.var.actor }) }));

  routes.get('/checklists/:id', async (c) => c.json(await c.var.engine.checklists.get({ actor: c.var.actor }, c.req.param('id'))));

  routes.get('/checklists/:id/versions', async (c) => c.json({ data: await c.var.engine.checklists.versions({ actor: c.var.actor }, c.req.param('id')) }));

  routes.get('/checklists/:id/versions/:ref', async (c) =>
    c.json(await c.var.engine.checklists.version({ actor: c.var.actor }, c.req.param('id'), parseRef(c.req.param('ref'), 'ref'))),
  );

  routes.get('/checklists/:id/diff', async (c) => {
    const from = c.req.query('from');
    const to = c.req.query('to');
    const refs = { ...(from !== undefined ? { from: parseRef(from, 'from') } : {}), ...(to !== undefined ? { to: parseRef(to, 'to') } : {}) };
    return c.json(await c.var.engine.checklists.diff({ actor: c.var.actor }, c.req.param('id'), refs));
  });

  routes.post('/checklists/:id/draft', async (c) => c.json(await c.var.engine.checklists.createDraft({ actor: c.var.actor }, c.req.param('id')), 201));

  routes.delete('/checklists/:id/draft', async (c) => {
    await c.var.engine.checklists.discardDraft({ actor: c.var.actor }, c.req.param('id'), parseRevision(c.req.query('revision')));
    return c.body(null, 204);
  });

  routes.post('/checklists/:id/draft/items', async (c) =>
    c.json(await c.var.engine.checklists.addItem({ actor: c.var.actor }, c.req.param('id'), await readJsonBody(c)), 201),
  );

  routes.patch('/checklists/:id/draft/items/:code', async (c) =>
    c.json(await c.var.engine.checklists.updateItem({ actor: c.var.actor }, c.req.param('id'), c.req.param('code'), await readJsonBody(c))),
  );

  routes.delete('/checklists/:id/draft/items/:code', async (c) =>
    c.json(await c.var.engine.checklists.retireItem({ actor: c.var.actor }, c.req.param('id'), c.req.param('code'), parseRevision(c.req.query('revision')))),
  );

  routes.post('/checklists/:id/draft/reorder', async (c) =>
    c.json(await c.var.engine.checklists.reorder({ actor: c.var.actor }, c.req.param('id'), await readJsonBody(c))),
  );

  routes.post('/checklists/:id/publish', async (c) =>
    c.json(await c.var.engine.checklists.publish({ actor: c.var.actor }, c.req.param('id'), await readJsonBody(c))),
  );

  routes.get('/checklists/:id/export.xlsx', async (c) => {
    const version = c.req.query('version');
    const ref = version === undefined ? 'current' : parseRef(version, 'version');
    const file = await c.var.engine.checklists.exportWorkbook({ actor: c.var.actor }, c.req.param('id'), ref);
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': attachmentDisposition(file.filename, file.asciiFilename),
      'Cache-Control': 'no-store',
    });
  });

  routes.post('/checklists/:id/draft/import', async (c) => {
    if ((c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() !== XLSX_TYPE) {
      throw errors.badRequest(bi('请上传 Excel 文件（.xlsx）作为请求体', 'Upload an Excel file (.xlsx) as the request body'));
    }
    const content = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await c.var.engine.checklists.importWorkbook({ actor: c.var.actor }, c.req.param('id'), { content, revision: parseRevision(c.req.query('revision')) }));
  });

  routes.get('/checklists/:id/claims', async (c) =>
    c.json({ data: await c.var.engine.claims.list({ actor: c.var.actor }, c.req.param('id'), parseClaimQuery(new URL(c.req.url).searchParams)) }),
  );

  routes.get('/checklists/:id/claims/summary', async (c) => {
    const org = c.req.query('org');
    return c.json({ data: await c.var.engine.claims.summary({ actor: c.var.actor }, c.req.param('id'), org !== undefined ? { org } : {}) });
  });

  routes.post('/checklists/:id/claims', async (c) => c.json(await c.var.engine.claims.claim({ actor: c.var.actor }, c.req.param('id'), await readJsonBody(c)), 201));

  routes.post('/checklists/:id/claims/:claim/done', async (c) =>
    c.json(await c.var.engine.claims.markDone({ actor: c.var.actor }, c.req.param('id'), c.req.param('claim'), await readJsonBody(c))),
  );

  routes.post('/checklists/:id/claims/:claim/withdraw', async (c) =>
    c.json(await c.var.engine.claims.withdraw({ actor: c.var.actor }, c.req.param('id'), c.req.param('claim'), await readJsonBody(c))),
  );

  routes.get('/admission-requests', async (c) =>
    c.json({ data: await c.var.engine.admission.list({ actor: c.var.actor }, parseAdmissionQuery(new URL(c.req.url).searchParams)) }),
  );

  routes.post('/admission-requests', async (c) => c.json(await c.var.engine.admission.submit({ actor: c.var.actor }, await readJsonBody(c)), 201));

  routes.get('/admission-requests/:id', async (c) => c.json(await c.var.engine.admission.get({ actor: c.var.actor }, c.req.param('id'))));

  routes.post('/admission-requests/:id/decision', async (c) =>
    c.json(await c.var.engine.admission.decide({ actor: c.var.actor }, c.req.param('id'), await readJsonBody(c))),
  );

  routes.get('/public/checklists', async (c) => {
    const { engine, locale } = c.var;
    const shown = Object.values(engine.model.checklists).filter((checklist) => checklist.public);
    const data = await Promise.all(shown.map(async (checklist) => publicView(await engine.checklists.publicVersion(checklist.id), locale, false)));
    return c.json({ data });
  });

  routes.get('/public/checklists/:id', async (c) => c.json(publicView(await c.var.engine.checklists.publicVersion(c.req.param('id')), c.var.locale, true)));

  return routes;
}

/** The routes that take a file rather than JSON: the Excel import of a checklist's draft. */
export const CHECKLIST_UPLOADS: readonly FileUpload[] = [{ path: /^\/api\/checklists\/[^/]+\/draft\/import$/, type: XLSX_TYPE, maxBytes: XLSX_MAX_BYTES }];

/** A public checklist in one locale: what it is, the version in force and (when asked) its active items. */
function publicView({ checklist, version }: PublicChecklist, locale: Locale, withItems: boolean): Record<string, unknown> {
  const active = version.items.filter((item) => item.status === 'active');
  return {
    id: checklist.id,
    title: resolveText(checklist.title, locale),
    description: checklist.description === null ? null : resolveText(checklist.description, locale),
    kind: checklist.kind,
    kindTitle: CHECKLIST_KINDS[checklist.kind][locale],
    version: version.version,
    effectiveFrom: version.effectiveFrom,
    publishedAt: version.publishedAt,
    note: version.note,
    itemCount: active.length,
    ...(withItems
      ? {
          itemSchema: localizeRecordSchema(checklist.itemSchema, locale),
          items: active.map((item) => ({ code: item.code, title: resolveText(item.title, locale), attributes: item.attributes })),
        }
      : {}),
  };
}

/** A version reference in a path or query: a version number, `draft` or `current`. */
function parseRef(text: string, name: string): VersionRef {
  if (text === 'draft' || text === 'current') return text;
  const version = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), {
      [name]: [bi('应为版本号（正整数）、draft 或 current', 'must be a version number (a positive integer), draft or current')],
    });
  }
  return version;
}

/** ?revision=N of a DELETE: the draft revision the client saw (the service checks it). */
function parseRevision(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
