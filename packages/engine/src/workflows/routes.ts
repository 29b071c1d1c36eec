import { resolveText } from '@zhili/schemas';
import type { BilingualText, CaseAction, CaseEvent, CaseHistoryEntry, Locale } from '@zhili/schemas';
import { Hono } from 'hono';
import { readJsonBody } from '../api/body.ts';
import type { AppEnv } from '../api/env.ts';
import { Problems } from '../checklists/items.ts';
import { readPaging } from '../api/paging.ts';
import type { CompiledTransition, CompiledWorkflow } from '../model/types.ts';
import { localizeRecordSchema, localizeUiSchema } from '../resources/schema.ts';
import type { CaseQuery } from './service.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;
/** `locale` is the locale middleware's. */
const QUERY_KEYS = ['workflow', 'state', 'assignee', 'org', 'record', 'overdue', 'actionable', 'closed', 'page', 'pageSize', 'locale'];

/** Parses the query of GET /api/cases; unknown or malformed values are a 400. */
export function parseCaseQuery(params: URLSearchParams): CaseQuery {
  const problems = new Problems();
  const { page, pageSize } = readPaging(params, problems, { pageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE });
  const flag = (key: string): { [key]?: boolean } => {
    const raw = params.get(key);
    if (raw === null) return {};
    if (raw !== 'true' && raw !== 'false') problems.add(key, bi('应为 true 或 false', 'must be true or false'));
    return { [key]: raw === 'true' };
  };
  const flags = { ...flag('overdue'), ...flag('actionable'), ...flag('closed') };
  for (const key of params.keys()) if (!QUERY_KEYS.includes(key)) problems.add(key, bi(`未知的查询参数 ${key}`, `unknown query parameter ${key}`));
  problems.throwIfAny();
  const optional = (key: string) => (params.get(key) !== null ? { [key]: params.get(key) as string } : {});
  return {
    ...optional('workflow'),
    ...optional('state'),
    ...optional('assignee'),
    ...optional('org'),
    ...optional('record'),
    ...flags,
    page,
    pageSize,
  };
}

/** Parses ?org=&from=&to= of the metrics: from and to are ISO dates or date-times. */
export function parseMetricsQuery(params: URLSearchParams): { org?: string; from?: string; to?: string } {
  const problems = new Problems();
  const out: { org?: string; from?: string; to?: string } = {};
  for (const key of params.keys()) if (!['org', 'from', 'to', 'locale'].includes(key)) problems.add(key, bi(`未知的查询参数 ${key}`, `unknown query parameter ${key}`));
  const org = params.get('org');
  if (org !== null) out.org = org;
  for (const key of ['from', 'to'] as const) {
    const raw = params.get(key);
    if (raw === null) continue;
    const at = new Date(raw);
    if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(at.getTime())) problems.add(key, bi('必须是 ISO 8601 日期或时间，如 2026-11-01', 'must be an ISO 8601 date or date-time, e.g. 2026-11-01'));
    else out[key] = at.toISOString();
  }
  problems.throwIfAny();
  return out;
}

/** A transition as the admin renders it: texts and form in one locale. */
export function localizeTransition(workflow: CompiledWorkflow, transition: CompiledTransition, locale: Locale): CaseAction {
  const to = workflow.states.find((s) => s.id === transition.to);
  return {
    id: transition.id,
    title: resolveText(transition.title, locale),
    description: transition.description === null ? null : resolveText(transition.description, locale),
    from: [...transition.from],
    to: transition.to,
    toTitle: to ? resolveText(to.title, locale) : transition.to,
    roles: [...transition.roles],
    jurisdiction: transition.jurisdiction,
    form: transition.form ? localizeRecordSchema(transition.form, locale) : null,
    uiSchema: localizeUiSchema(transition.uiSchema, locale),
    comment: transition.comment,
    attachmentRequired: transition.attachmentRequired,
    assign: transition.assign,
  };
}

function localizeEvent(event: CaseEvent, locale: Locale): CaseHistoryEntry {
  return { ...event, reason: event.reason === null ? null : event.reason[locale] };
}

/**
 * The workflow API, mounted at /api:
 * - /workflows/:workflow/cases: POST (201) opens a case on a record;
 * - /workflows/:workflow/metrics: GET ?org=&from=&to= — figures per unit (counts by state, on-time
 *   rate, mean handling time, satisfaction);
 * - /cases: GET (?workflow=&state=&assignee=<user id>|me&org=&record=&overdue=&actionable=&closed=true|false&page=&pageSize=);
 *   GET /:id; GET /:id/actions (what the actor may do now, with forms); GET /:id/assignees?action=
 *   (who an assigning action may name); POST /:id/transitions
 *   { action, version, data?, comment?, attachments?, assignee? }; GET /:id/history.
 */
export function createWorkflowRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/workflows/:workflow/cases', async (c) =>
    c.json(await c.var.engine.workflows.open({ actor: c.var.actor }, c.req.param('workflow'), await readJsonBody(c)), 201),
  );

  routes.get('/workflows/:workflow/metrics', async (c) =>
    c.json({ data: await c.var.engine.workflows.metrics({ actor: c.var.actor }, c.req.param('workflow'), parseMetricsQuery(new URL(c.req.url).searchParams)) }),
  );

  routes.get('/cases', async (c) => c.json(await c.var.engine.workflows.list({ actor: c.var.actor }, parseCaseQuery(new URL(c.req.url).searchParams))));

  routes.get('/cases/:id', async (c) => c.json(await c.var.engine.workflows.get({ actor: c.var.actor }, c.req.param('id'))));

  routes.get('/cases/:id/actions', async (c) => {
    const engine = c.var.engine;
    const found = await engine.workflows.get({ actor: c.var.actor }, c.req.param('id'));
    const workflow = engine.model.workflows[found.workflow];
    const actions = await engine.workflows.actions({ actor: c.var.actor }, found.id);
    return c.json({ data: workflow ? actions.map((t) => localizeTransition(workflow, t, c.var.locale)) : [] });
  });

  routes.get('/cases/:id/assignees', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const problems = new Problems();
    for (const key of params.keys()) if (!['action', 'locale'].includes(key)) problems.add(key, bi(`未知的查询参数 ${key}`, `unknown query parameter ${key}`));
    const action = params.get('action');
    if (action === null || action === '') problems.add('action', bi('必须给出操作编号', 'the action is required'));
    problems.throwIfAny();
    return c.json({ data: await c.var.engine.workflows.assignees({ actor: c.var.actor }, c.req.param('id'), action as string) });
  });

  routes.post('/cases/:id/transitions', async (c) =>
    c.json(await c.var.engine.workflows.transition({ actor: c.var.actor }, c.req.param('id'), await readJsonBody(c))),
  );

  routes.get('/cases/:id/history', async (c) =>
    c.json({ data: (await c.var.engine.workflows.history({ actor: c.var.actor }, c.req.param('id'))).map((e) => localizeEvent(e, c.var.locale)) }),
  );

  return routes;
}
