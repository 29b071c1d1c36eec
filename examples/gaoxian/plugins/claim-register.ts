import { Hono } from 'hono';
import { definePlugin, parseListQuery } from '@zhili/engine';
import type { Actor, PluginEnv, PluginServices } from '@zhili/engine';
import { usccFormat } from './uscc.ts';

/** The resource of the needs, and the workflow that claims and meets them (workflows/need-claiming.yaml). */
const NEEDS = 'resident_needs';
const WORKFLOW = 'need-claiming';
export const CLAIMANT_KINDS = ['department', 'merchant', 'organisation'] as const;

/** The day (China Standard Time) of an instant. */
const chinaDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Sets (or, with null, clears) fields of a need, as the actor, on the version read just before. */
async function patchNeed(services: PluginServices, actor: Actor, id: string, fields: Readonly<Record<string, string | null>>): Promise<void> {
  const need = await services.resources.get({ actor }, NEEDS, id);
  await services.resources.update({ actor }, NEEDS, id, { version: need.version, ...fields });
}

/** How many needs the actor may see match the query (a list of one row, for its total). */
async function count(services: PluginServices, actor: Actor, params: Record<string, string>): Promise<number> {
  const resource = services.model.resources[NEEDS];
  if (!resource) throw new Error(`the package has no ${NEEDS} resource`);
  const query = parseListQuery(resource, new URLSearchParams({ ...params, pageSize: '1' }));
  return (await services.resources.list({ actor }, NEEDS, query)).total;
}

/**
 * Gaoxian's 社区协调 + 社会认领 (seeds/004): residents' needs the community cannot meet are posted and
 * claimed by departments, businesses and social organisations ("主动认领项目50余件"). The
 * workflow records a claim in the case's history; this plugin keeps it on the need itself — who
 * claimed it, when, and when the claimant met it — so the needs list shows and filters by claimant,
 * and GET /api/plugins/claim-register?org= counts the claims by kind of claimant. It adds the format
 * cn-uscc (统一社会信用代码) the claim form checks the claimant's code with.
 */
export default definePlugin({
  name: 'claim-register',
  version: '1.0.0',
  setup(api) {
    api.format(usccFormat);
    api.onTransition([WORKFLOW], async ({ actor, transition, from, recordId, data, at, services }) => {
      const today = chinaDay(new Date(at));
      if (transition === 'claim') {
        await patchNeed(services, actor, recordId, { claimant: String(data['claimant']), claimantKind: String(data['claimantKind']), claimedOn: today, metOn: null });
      } else if (transition === 'withdraw') {
        await patchNeed(services, actor, recordId, { claimant: null, claimantKind: null, claimedOn: null });
      } else if (transition === 'complete' && from === 'claimed') {
        await patchNeed(services, actor, recordId, { metOn: today });
      }
    });

    const app = new Hono<PluginEnv>();
    app.get('/', async (c) => {
      const org = c.req.query('org');
      const scope: Record<string, string> = org === undefined ? {} : { org };
      const byKind = [];
      for (const kind of CLAIMANT_KINDS) {
        byKind.push({
          kind,
          claimed: await count(c.var.services, c.var.actor, { ...scope, 'claimantKind[eq]': kind }),
          met: await count(c.var.services, c.var.actor, { ...scope, 'claimantKind[eq]': kind, 'metOn[nnull]': 'true' }),
        });
      }
      return c.json({
        org: org ?? null,
        claimed: byKind.reduce((sum, k) => sum + k.claimed, 0),
        met: byKind.reduce((sum, k) => sum + k.met, 0),
        byKind,
      });
    });
    api.routes(app);
  },
});
