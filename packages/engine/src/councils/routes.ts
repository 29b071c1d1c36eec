import type { BilingualText, CouncilOutcome, CouncilProposal, CouncilResolution, CouncilRoster, Locale } from '@zhili/schemas';
import { Hono } from 'hono';
import { readJsonBody } from '../api/body.ts';
import type { AppEnv } from '../api/env.ts';
import { Problems } from '../checklists/items.ts';
import { readPaging } from '../api/paging.ts';
import type { Outcome } from './arithmetic.ts';
import type { Proposal, PublicResolution, Roster } from './service.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });
const MAX_PAGE_SIZE = 200;

/** Parses ?org=&procedure=&page=&pageSize= of the proposal list. */
function parseProposalQuery(params: URLSearchParams): { org?: string; procedure?: string; page: number; pageSize: number } {
  const problems = new Problems();
  const { page, pageSize } = readPaging(params, problems, { pageSize: 20, maxPageSize: MAX_PAGE_SIZE });
  for (const key of params.keys()) if (!['org', 'procedure', 'page', 'pageSize', 'locale'].includes(key)) problems.add(key, bi(`未知的查询参数 ${key}`, `unknown query parameter ${key}`));
  problems.throwIfAny();
  return { ...(params.get('org') !== null ? { org: params.get('org') as string } : {}), ...(params.get('procedure') !== null ? { procedure: params.get('procedure') as string } : {}), page, pageSize };
}

const localizeOutcome = (outcome: Outcome, locale: Locale): CouncilOutcome => ({ ...outcome, explanation: outcome.explanation[locale] });

/** A proposal in one locale: each meeting's explanation resolved. */
function localizeProposal(proposal: Proposal, locale: Locale): CouncilProposal {
  return { ...proposal, meetings: proposal.meetings.map((m) => ({ ...m, outcome: localizeOutcome(m.outcome, locale) })) };
}

/** A roster in one locale: the rules it breaks as text. */
function localizeRoster(roster: Roster, locale: Locale): CouncilRoster {
  return { ...roster, violations: roster.violations.map((v) => ({ rule: v.rule, message: v.message[locale] })) };
}

function localizeResolution(resolution: PublicResolution, locale: Locale): CouncilResolution {
  return {
    ...resolution,
    procedure: { id: resolution.procedure.id, title: resolution.procedure.title[locale] },
    body: { id: resolution.body.id, title: resolution.body.title[locale] },
    outcome: localizeOutcome(resolution.outcome, locale),
  };
}

/**
 * The council API, mounted at /api:
 * - /councils/units/:org/bodies: GET — every body of the unit's level there, with its roster;
 * - /councils/units/:org/bodies/:body: GET the roster; PUT { version, termStart?, members } replaces
 *   it (422 with the composition rules it breaks);
 * - /councils/units/:org/procedures/:procedure/proposals: POST { title, content, proposers?, comment? } (201);
 * - /councils/proposals: GET ?org=&procedure=&page=&pageSize=; /councils/proposals/:id: GET;
 * - /councils/proposals/:id/meetings: POST { version, heldAt, attendance | counts } — the outcome is
 *   computed and moves the proposal's case; other stage moves go through /api/cases/:caseId/transitions;
 * - /public/councils/resolutions: GET ?org= and GET /:id — adopted resolutions in their publication
 *   period, without login.
 */
export function createCouncilRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const ctx = (c: { var: AppEnv['Variables'] }) => ({ actor: c.var.actor });

  routes.get('/councils/units/:org/bodies', async (c) => c.json({ data: (await c.var.engine.councils.bodiesAt(ctx(c), c.req.param('org'))).map((r) => localizeRoster(r, c.var.locale)) }));
  routes.get('/councils/units/:org/bodies/:body', async (c) => c.json(localizeRoster(await c.var.engine.councils.roster(ctx(c), c.req.param('body'), c.req.param('org')), c.var.locale)));
  routes.put('/councils/units/:org/bodies/:body', async (c) =>
    c.json(localizeRoster(await c.var.engine.councils.saveRoster(ctx(c), c.req.param('body'), c.req.param('org'), await readJsonBody(c)), c.var.locale)),
  );
  routes.post('/councils/units/:org/procedures/:procedure/proposals', async (c) => {
    const proposal = await c.var.engine.councils.propose(ctx(c), c.req.param('procedure'), c.req.param('org'), await readJsonBody(c));
    return c.json(localizeProposal(proposal, c.var.locale), 201);
  });
  routes.get('/councils/proposals', async (c) => {
    const page = await c.var.engine.councils.proposals(ctx(c), parseProposalQuery(new URL(c.req.url).searchParams));
    return c.json({ data: page.data.map((p) => localizeProposal(p, c.var.locale)), total: page.total });
  });
  routes.get('/councils/proposals/:id', async (c) => c.json(localizeProposal(await c.var.engine.councils.proposal(ctx(c), c.req.param('id')), c.var.locale)));
  routes.post('/councils/proposals/:id/meetings', async (c) =>
    c.json(localizeProposal(await c.var.engine.councils.recordMeeting(ctx(c), c.req.param('id'), await readJsonBody(c)), c.var.locale)),
  );

  routes.get('/public/councils/resolutions', async (c) => {
    const org = c.req.query('org');
    const data = await c.var.engine.councils.publicResolutions(org !== undefined ? { org } : {});
    return c.json({ data: data.map((r) => localizeResolution(r, c.var.locale)) });
  });
  routes.get('/public/councils/resolutions/:id', async (c) => c.json(localizeResolution(await c.var.engine.councils.publicResolution(c.req.param('id')), c.var.locale)));

  return routes;
}
