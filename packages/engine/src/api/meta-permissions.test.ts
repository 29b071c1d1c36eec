import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import { NO_PLUGINS } from '../plugins/host.ts';
import { DEV_ACTOR } from '../actor/actor.ts';
import { loadModel } from '../package/index.ts';
import { FIXTURE_PACKAGE } from '../resources/fixtures/fixture-engine.ts';
import { buildAdminMeta } from './meta.ts';

/** examples/changzhou: a package with grid rules. */
const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const GRID = '/320400/320404/320404001/320404001001/320404001001-01/';
/** No org unit is ever found: checklist authority is beside the point here. */
const org = { byCode: () => undefined };

const gridWorker: Actor = {
  id: 'u-1',
  username: 'wang',
  displayName: '王网格',
  kind: 'user',
  assignments: [{ role: 'grid-worker', orgCode: '320404001001-01', orgPath: GRID }],
  grants: { households: { read: [{ path: GRID, subtree: true }], update: [{ path: GRID, subtree: true }], delete: [] } },
  sessionId: 's-1',
};

describe('/api/meta permissions', () => {
  it('names the actor with its role assignments and nothing else about it', async () => {
    const meta = buildAdminMeta(await loadModel(FIXTURE_PACKAGE), { locale: 'en', actor: gridWorker, org, plugins: NO_PLUGINS });
    expect(meta.actor).toEqual({ id: 'u-1', username: 'wang', displayName: '王网格', assignments: gridWorker.assignments });
  });

  it('marks an action allowed when the actor holds any grant for it, an empty grant list being none', async () => {
    const model = await loadModel(FIXTURE_PACKAGE);
    expect(buildAdminMeta(model, { locale: 'en', actor: gridWorker, org, plugins: NO_PLUGINS }).permissions).toEqual({
      households: { read: true, create: false, update: true, delete: false, piiRead: false },
    });
    expect(buildAdminMeta(model, { locale: 'zh-CN', actor: DEV_ACTOR, org, plugins: NO_PLUGINS }).permissions).toEqual({
      households: { read: true, create: true, update: true, delete: true, piiRead: true },
    });
    const wildcard: Actor = { ...gridWorker, grants: { '*': { 'pii:read': [{ path: '/', subtree: true }] } } };
    expect(buildAdminMeta(model, { locale: 'en', actor: wildcard, org, plugins: NO_PLUGINS }).permissions['households']).toMatchObject({ read: false, piiRead: true });
  });

  it('says whether the actor may read the audit trail anywhere', async () => {
    const model = await loadModel(FIXTURE_PACKAGE);
    expect(buildAdminMeta(model, { locale: 'en', actor: gridWorker, org, plugins: NO_PLUGINS }).capabilities).toMatchObject({ readAudit: false });
    const auditor: Actor = { ...gridWorker, grants: { ...gridWorker.grants, audit: { read: [{ path: GRID, subtree: true }] } } };
    expect(buildAdminMeta(model, { locale: 'en', actor: auditor, org, plugins: NO_PLUGINS }).capabilities).toMatchObject({ readAudit: true });
  });

  it('says whether the actor may read and maintain grids, only when the package has grid rules', async () => {
    const model = await loadModel(FIXTURE_PACKAGE);
    const gridsGrants = { read: [{ path: GRID, subtree: true }], update: [{ path: GRID, subtree: true }] };
    const keeper: Actor = { ...gridWorker, grants: { ...gridWorker.grants, grids: gridsGrants } };
    const withRules = await loadModel(CHANGZHOU);
    expect(buildAdminMeta(withRules, { locale: 'en', actor: keeper, org, plugins: NO_PLUGINS }).capabilities).toMatchObject({ readGrids: true, maintainGrids: true });
    expect(buildAdminMeta(withRules, { locale: 'en', actor: { ...gridWorker, grants: { ...gridWorker.grants, grids: { read: gridsGrants.read } } }, org, plugins: NO_PLUGINS }).capabilities).toMatchObject({
      readGrids: true,
      maintainGrids: false,
    });
    expect(model.grids).toBeNull();
    expect(buildAdminMeta(model, { locale: 'en', actor: keeper, org, plugins: NO_PLUGINS }).capabilities).toMatchObject({ readGrids: false, maintainGrids: false });
    const grids = buildAdminMeta(withRules, { locale: 'zh-CN', actor: keeper, org, plugins: NO_PLUGINS }).grids;
    expect(grids).toMatchObject({ level: 'grid', households: 'households', staff: 'grid_staff', visits: 'visits', staffRoleField: 'role' });
    expect(grids?.rules.find((r) => r.kind === 'household-cap')).toMatchObject({ hard: true });
    expect(grids?.rules.find((r) => r.kind === 'visit-quota')).toMatchObject({ hard: false });
  });
});
