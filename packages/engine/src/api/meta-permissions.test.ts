import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import { DEV_ACTOR } from '../actor/actor.ts';
import { loadModel } from '../package/index.ts';
import { FIXTURE_PACKAGE } from '../resources/fixtures/fixture-engine.ts';
import { buildAdminMeta } from './meta.ts';

const GRID = '/320400/320404/320404001/320404001001/320404001001-01/';
/** The fixture package has no checklists, so no org unit is ever looked up. */
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
    const meta = buildAdminMeta(await loadModel(FIXTURE_PACKAGE), { locale: 'en', actor: gridWorker, org });
    expect(meta.actor).toEqual({ id: 'u-1', username: 'wang', displayName: '王网格', assignments: gridWorker.assignments });
  });

  it('marks an action allowed when the actor holds any grant for it, an empty grant list being none', async () => {
    const model = await loadModel(FIXTURE_PACKAGE);
    expect(buildAdminMeta(model, { locale: 'en', actor: gridWorker, org }).permissions).toEqual({
      households: { read: true, create: false, update: true, delete: false, piiRead: false },
    });
    expect(buildAdminMeta(model, { locale: 'zh-CN', actor: DEV_ACTOR, org }).permissions).toEqual({
      households: { read: true, create: true, update: true, delete: true, piiRead: true },
    });
    const wildcard: Actor = { ...gridWorker, grants: { '*': { 'pii:read': [{ path: '/', subtree: true }] } } };
    expect(buildAdminMeta(model, { locale: 'en', actor: wildcard, org }).permissions['households']).toMatchObject({ read: false, piiRead: true });
  });

  it('says whether the actor may read the audit trail anywhere', async () => {
    const model = await loadModel(FIXTURE_PACKAGE);
    expect(buildAdminMeta(model, { locale: 'en', actor: gridWorker, org }).capabilities).toEqual({ readAudit: false });
    const auditor: Actor = { ...gridWorker, grants: { ...gridWorker.grants, audit: { read: [{ path: GRID, subtree: true }] } } };
    expect(buildAdminMeta(model, { locale: 'en', actor: auditor, org }).capabilities).toEqual({ readAudit: true });
  });
});
