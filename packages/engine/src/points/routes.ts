import type { BilingualText } from '@zhili/schemas';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { readJsonBody } from '../api/body.ts';
import type { AppEnv } from '../api/env.ts';
import { Problems } from '../checklists/items.ts';
import { readPaging } from '../api/paging.ts';
import type { PointsContext } from './service.ts';
import type { PostingKind } from './store.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;
const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** Parses a query: the keys allowed (besides page, pageSize and locale); unknown keys and bad pages are a 400. */
export function parsePointsQuery(params: URLSearchParams, keys: readonly string[]): { page: number; pageSize: number; values: Record<string, string> } {
  const problems = new Problems();
  const { page, pageSize } = readPaging(params, problems, { pageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE });
  const values: Record<string, string> = {};
  for (const [key, value] of params) {
    if (keys.includes(key)) values[key] = value;
    else if (!['page', 'pageSize', 'locale'].includes(key)) problems.add(key, bi(`未知的查询参数 ${key}`, `unknown query parameter ${key}`));
  }
  if (values['status'] !== undefined && !(STATUSES as readonly string[]).includes(values['status'])) {
    problems.add('status', bi('应为 pending、approved 或 rejected', 'must be pending, approved or rejected'));
  }
  problems.throwIfAny();
  return { page, pageSize, values };
}

const KINDS: readonly PostingKind[] = ['award', 'deduct', 'redeem', 'expire', 'reverse', 'time-earn', 'time-spend', 'time-donate'];

/** ?kind=redeem or ?kind=time-earn,time-spend: the posting kinds listed (required: the ledger of a scheme is listed by kind). */
function parseKinds(value: string | undefined): PostingKind[] {
  const kinds = (value ?? '').split(',').filter((k) => k !== '');
  const unknown = kinds.filter((k) => !(KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0) {
    const problems = new Problems();
    problems.add('kind', bi(`应为 ${KINDS.join('、')} 中的一个或多个（逗号分隔）`, `must be one or more of ${KINDS.join(', ')} (comma-separated)`));
    problems.throwIfAny();
  }
  return kinds as PostingKind[];
}

/** The actor, and the Idempotency-Key header when the request has one. */
function pointsContext(c: Context<AppEnv>): PointsContext {
  const key = c.req.header('idempotency-key');
  return key === undefined ? { actor: c.var.actor } : { actor: c.var.actor, idempotencyKey: key };
}

/**
 * The points API, mounted at /api/points/:scheme. Posting routes take an Idempotency-Key header.
 * - GET /accounts (?org=&building=&page=&pageSize=), GET /accounts/:holder, GET /accounts/:holder/postings;
 * - GET /postings?kind=redeem|time-earn,…&org=&page=&pageSize= (the shop's orders, the time bank's exchanges), GET /postings/:id, POST /postings/:id/reversal { reason };
 * - POST /awards { holder, rule, quantity?, memo? } — an award, or a deduction for a rule of the negative list;
 * - POST /claims, GET /claims (?status=), POST /claims/:id/decision { approve, version, comment? };
 * - GET /items, POST /items/:code/restock { quantity }, POST /redemptions { holder, item, quantity?, memo? };
 * - POST /time-bank/earn { holder, service, hours }, /time-bank/spend { holder, hours }, /time-bank/donate { holder, to, hours };
 * - POST /expiry (lapse what is due now), GET /buildings (?period=&org=) — the building totals published.
 */
export function createPointsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const points = (c: Context<AppEnv>) => c.var.engine.points;
  const query = (c: Context<AppEnv>, keys: readonly string[]) => parsePointsQuery(new URL(c.req.url).searchParams, keys);

  routes.get('/:scheme/accounts', async (c) => {
    const { page, pageSize, values } = query(c, ['org', 'building']);
    return c.json(await points(c).accounts(pointsContext(c), c.req.param('scheme'), { page, pageSize, ...values }));
  });
  routes.get('/:scheme/accounts/:holder', async (c) => c.json(await points(c).account(pointsContext(c), c.req.param('scheme'), c.req.param('holder'))));
  routes.get('/:scheme/accounts/:holder/postings', async (c) => {
    const { page, pageSize } = query(c, []);
    return c.json(await points(c).postings(pointsContext(c), c.req.param('scheme'), c.req.param('holder'), { page, pageSize }));
  });
  routes.get('/:scheme/postings', async (c) => {
    const { page, pageSize, values } = query(c, ['kind', 'org']);
    const kinds = parseKinds(values['kind']);
    return c.json(await points(c).ledger(pointsContext(c), c.req.param('scheme'), { kinds, page, pageSize, ...(values['org'] !== undefined ? { org: values['org'] } : {}) }));
  });
  routes.get('/:scheme/postings/:id', async (c) => c.json(await points(c).posting(pointsContext(c), c.req.param('scheme'), c.req.param('id'))));
  routes.post('/:scheme/postings/:id/reversal', async (c) =>
    c.json(await points(c).reverse(pointsContext(c), c.req.param('scheme'), c.req.param('id'), await readJsonBody(c)), 201),
  );
  routes.post('/:scheme/awards', async (c) => c.json(await points(c).award(pointsContext(c), c.req.param('scheme'), await readJsonBody(c)), 201));
  routes.post('/:scheme/claims', async (c) => c.json(await points(c).claim(pointsContext(c), c.req.param('scheme'), await readJsonBody(c)), 201));
  routes.get('/:scheme/claims', async (c) => {
    const { page, pageSize, values } = query(c, ['status']);
    const status = values['status'] as (typeof STATUSES)[number] | undefined;
    return c.json(await points(c).claims(pointsContext(c), c.req.param('scheme'), { page, pageSize, ...(status ? { status } : {}) }));
  });
  routes.post('/:scheme/claims/:id/decision', async (c) =>
    c.json(await points(c).decide(pointsContext(c), c.req.param('scheme'), c.req.param('id'), await readJsonBody(c))),
  );
  routes.get('/:scheme/items', async (c) => c.json({ data: await points(c).items(pointsContext(c), c.req.param('scheme')) }));
  routes.post('/:scheme/items/:code/restock', async (c) =>
    c.json(await points(c).restock(pointsContext(c), c.req.param('scheme'), c.req.param('code'), await readJsonBody(c))),
  );
  routes.post('/:scheme/redemptions', async (c) => c.json(await points(c).redeem(pointsContext(c), c.req.param('scheme'), await readJsonBody(c)), 201));
  routes.post('/:scheme/time-bank/earn', async (c) => c.json(await points(c).timeEarn(pointsContext(c), c.req.param('scheme'), await readJsonBody(c)), 201));
  routes.post('/:scheme/time-bank/spend', async (c) => c.json(await points(c).timeSpend(pointsContext(c), c.req.param('scheme'), await readJsonBody(c)), 201));
  routes.post('/:scheme/time-bank/donate', async (c) => c.json(await points(c).timeDonate(pointsContext(c), c.req.param('scheme'), await readJsonBody(c)), 201));
  routes.post('/:scheme/expiry', async (c) => c.json(await points(c).expire(pointsContext(c), c.req.param('scheme'))));
  routes.get('/:scheme/buildings', async (c) => {
    const { values } = query(c, ['period', 'org']);
    return c.json(await points(c).buildings(pointsContext(c), c.req.param('scheme'), values));
  });
  return routes;
}
