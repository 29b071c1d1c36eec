import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { ACTIONS, allows, DEV_ACTOR, grantsFor, SYSTEM_ACTOR } from './actor.ts';

const gridWorker: Actor = {
  id: 'u1',
  username: 'wang',
  displayName: '王网格',
  kind: 'user',
  assignments: [{ role: 'grid-worker', orgCode: '320404001001-01', orgPath: '/320400/320404/320404001/320404001001/320404001001-01/' }],
  grants: {
    households: { read: [{ path: '/320400/320404/', subtree: true }], update: [{ path: '/320400/320404/320404001/', subtree: false }] },
    '*': { read: [{ path: '/320400/320411/', subtree: true }] },
  },
  sessionId: 's1',
};

describe('grants', () => {
  it('unites the grants for the resource with those for every resource', () => {
    expect(grantsFor(gridWorker, 'households', 'read')).toEqual([
      { path: '/320400/320404/', subtree: true },
      { path: '/320400/320411/', subtree: true },
    ]);
    expect(grantsFor(gridWorker, 'residents', 'read')).toEqual([{ path: '/320400/320411/', subtree: true }]);
    expect(grantsFor(gridWorker, 'residents', 'delete')).toEqual([]);
    expect(grantsFor(gridWorker, 'toString', 'read')).toEqual([{ path: '/320400/320411/', subtree: true }]);
  });

  it('allows a subtree grant below its unit and a single-unit grant at that unit only', () => {
    expect(allows(gridWorker, 'households', 'read', '/320400/320404/320404001/')).toBe(true);
    expect(allows(gridWorker, 'households', 'read', '/320400/320402/')).toBe(false);
    expect(allows(gridWorker, 'households', 'update', '/320400/320404/320404001/')).toBe(true);
    expect(allows(gridWorker, 'households', 'update', '/320400/320404/320404001/320404001001/')).toBe(false);
    expect(allows(gridWorker, 'households', 'delete', '/320400/320404/')).toBe(false);
  });

  it('lets the built-in actors do everything everywhere', () => {
    for (const actor of [DEV_ACTOR, SYSTEM_ACTOR]) {
      for (const action of ACTIONS) expect(allows(actor, 'anything', action, '/1/2/')).toBe(true);
      expect(actor.sessionId).toBeNull();
    }
  });
});
