import { join } from 'node:path';
import { META_SCHEMAS } from '@zhili/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, allows, grantsFor } from '../actor/actor.ts';
import type { CompiledModel, CompiledRole } from '../model/types.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import { loadOrgService } from '../org/service.ts';
import { loadModel } from '../package/compile.ts';
import { migrate } from '../storage/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../testing/databases.ts';
import { fixtureModel } from '../testing/model-fixtures.ts';
import { buildActor, buildGrants, type OrgLookup } from './grants.ts';

const role = (id: string, grants: CompiledRole['grants'], level: string | null = null): CompiledRole => ({ id, title: id, description: null, level, grants });

const model = fixtureModel({
  levels: ['city', 'district', 'street', 'community', 'grid', 'building'],
  resources: [{ id: 'households', level: 'grid', fields: [] }, { id: 'visits', level: 'grid', fields: [] }],
  roles: {
    everywhere: role('everywhere', [{ resources: ['*'], actions: ['read'], scope: 'all' }]),
    below: role('below', [{ resources: ['households'], actions: ['read', 'update'], scope: 'own-node-and-below' }]),
    node: role('node', [{ resources: ['households'], actions: ['read'], scope: 'own-node' }]),
    grid: role('grid', [{ resources: ['households', 'visits'], actions: ['create', 'pii:read'], scope: 'own-grid' }], 'grid'),
  },
});

/** A small tree: city 1 > district 11 > street 111 > community 1111 > grids 11111, 11112 > building 111111. */
const UNITS: OrgUnitRecord[] = [
  ['1', 'city', null],
  ['11', 'district', '1'],
  ['111', 'street', '11'],
  ['1111', 'community', '111'],
  ['11111', 'grid', '1111'],
  ['11112', 'grid', '1111'],
  ['111111', 'building', '11111'],
].map(([code, level, parentCode]) => ({ code: code as string, name: code as string, level: level as string, kind: null, parentCode: parentCode ?? null, path: '', depth: 0 }));
for (const unit of UNITS) {
  const parent = UNITS.find((u) => u.code === unit.parentCode);
  Object.assign(unit, { path: `${parent?.path ?? '/'}${unit.code}/`, depth: parent ? parent.depth + 1 : 0 });
}
const org: OrgLookup = { byCode: (code) => UNITS.find((u) => u.code === code) };
const pathOf = (code: string) => org.byCode(code)?.path ?? '';

describe('buildGrants', () => {
  it('resolves all to the whole tree, own-node-and-below to the subtree, own-node to the unit alone', () => {
    expect(buildGrants({ model, org, assignments: [{ role: 'everywhere', orgCode: '1111' }] })).toEqual({ '*': { read: [{ path: '/', subtree: true }] } });
    expect(buildGrants({ model, org, assignments: [{ role: 'below', orgCode: '111' }] })).toEqual({
      households: { read: [{ path: '/1/11/111/', subtree: true }], update: [{ path: '/1/11/111/', subtree: true }] },
    });
    expect(buildGrants({ model, org, assignments: [{ role: 'node', orgCode: '1111' }] })).toEqual({
      households: { read: [{ path: '/1/11/111/1111/', subtree: false }] },
    });
  });

  it('resolves own-grid to the subtree of a grid or a unit below it, and to nothing above the grid level', () => {
    const atGrid = buildGrants({ model, org, assignments: [{ role: 'grid', orgCode: '11111' }] });
    expect(atGrid).toEqual({
      households: { create: [{ path: pathOf('11111'), subtree: true }], 'pii:read': [{ path: pathOf('11111'), subtree: true }] },
      visits: { create: [{ path: pathOf('11111'), subtree: true }], 'pii:read': [{ path: pathOf('11111'), subtree: true }] },
    });
    expect(buildGrants({ model, org, assignments: [{ role: 'grid', orgCode: '111111' }] }).households?.create).toEqual([{ path: pathOf('111111'), subtree: true }]);
    expect(buildGrants({ model, org, assignments: [{ role: 'grid', orgCode: '1111' }] })).toEqual({});
    expect(buildGrants({ model, org, assignments: [{ role: 'grid', orgCode: '1' }] })).toEqual({});
  });

  it('grants nothing for own-grid when the model has no grid level', () => {
    const noGrid = fixtureModel({ levels: ['city', 'district'], resources: [], roles: model.roles });
    const units: OrgLookup = { byCode: (code) => (code === '1' ? { ...UNITS[0], level: 'district' } as OrgUnitRecord : undefined) };
    expect(buildGrants({ model: noGrid, org: units, assignments: [{ role: 'grid', orgCode: '1' }] })).toEqual({});
  });

  it('skips unknown roles and org codes', () => {
    const grants = buildGrants({
      model,
      org,
      assignments: [
        { role: 'nobody', orgCode: '1' },
        { role: 'everywhere', orgCode: 'no-such-unit' },
        { role: 'toString', orgCode: '1' },
      ],
    });
    expect(grants).toEqual({});
  });

  it('unions several assignments and drops a scope another one covers', () => {
    const grants = buildGrants({
      model,
      org,
      assignments: [
        { role: 'node', orgCode: '11111' },
        { role: 'below', orgCode: '1111' },
        { role: 'node', orgCode: '11112' },
        { role: 'below', orgCode: '1111' },
        { role: 'node', orgCode: '111' },
      ],
    });
    expect(grants.households?.read).toEqual([
      { path: '/1/11/111/', subtree: false },
      { path: '/1/11/111/1111/', subtree: true },
    ]);
    expect(grants.households?.update).toEqual([{ path: '/1/11/111/1111/', subtree: true }]);
  });

  it('returns frozen grants', () => {
    const grants = buildGrants({ model, org, assignments: [{ role: 'below', orgCode: '111' }] });
    expect(Object.isFrozen(grants)).toBe(true);
    expect(Object.isFrozen(grants.households?.read)).toBe(true);
  });
});

describe('buildActor', () => {
  const user = { id: '0190a5c8-0000-7000-8000-000000000001', username: 'wang', displayName: '王芳' };

  it('builds a user actor with the assignments that exist, their org paths, and their grants', () => {
    const actor = buildActor({
      model,
      org,
      user,
      assignments: [
        { role: 'grid', orgCode: '11111' },
        { role: 'grid', orgCode: '11111' },
        { role: 'nobody', orgCode: '11111' },
        { role: 'node', orgCode: 'gone' },
      ],
      sessionId: 'session-1',
    });
    expect(actor).toMatchObject({ ...user, kind: 'user', sessionId: 'session-1' });
    expect(actor.assignments).toEqual([{ role: 'grid', orgCode: '11111', orgPath: '/1/11/111/1111/11111/' }]);
    expect(allows(actor, 'households', 'create', pathOf('111111'))).toBe(true);
    expect(allows(actor, 'households', 'create', pathOf('11112'))).toBe(false);
    expect(allows(actor, 'households', 'read', pathOf('11111'))).toBe(false);
    expect(Object.isFrozen(actor)).toBe(true);
  });

  it('gives a user without assignments no grant at all', () => {
    const actor = buildActor({ model, org, user, assignments: [], sessionId: null });
    expect(actor.grants).toEqual({});
    for (const action of ACTIONS) expect(grantsFor(actor, 'households', action)).toEqual([]);
  });
});

describe('role grants', () => {
  it('name the actions the actor contract knows, no more and no fewer', () => {
    expect(META_SCHEMAS.role.$defs.roleAction.enum).toEqual([...ACTIONS]);
  });
});

describe('the shipped roles on the Changzhou package', () => {
  let db: TestDatabase;
  let changzhou: CompiledModel;
  let tree: OrgService;
  beforeAll(async () => {
    changzhou = await loadModel(join(import.meta.dirname, '../../../../examples/changzhou'));
    db = await createTestDatabase('sqlite');
    await migrate(db, changzhou);
    tree = await loadOrgService(db, changzhou);
    await tree.syncTree([
      {
        code: '320400',
        name: '常州市',
        level: 'city',
        children: [
          {
            code: '320404',
            name: '钟楼区',
            level: 'district',
            children: [
              {
                code: '320404001',
                name: '南大街街道',
                level: 'street',
                children: [
                  {
                    code: '320404001001',
                    name: '西新桥社区',
                    level: 'community',
                    children: [
                      { code: '320404001001-01', name: '第一网格', level: 'grid' },
                      { code: '320404001001-02', name: '第二网格', level: 'grid' },
                    ],
                  },
                ],
              },
            ],
          },
          { code: '320402', name: '天宁区', level: 'district' },
        ],
      },
    ]);
  });
  afterAll(async () => {
    await db.drop();
  });

  const actorAt = (roleId: string, orgCode: string) =>
    buildActor({ model: changzhou, org: tree, user: { id: roleId, username: roleId, displayName: roleId }, assignments: [{ role: roleId, orgCode }], sessionId: null });
  const at = (code: string) => tree.byCode(code)?.path ?? '';

  it('are the six base roles and the 1+3+X responsible social worker, each held at a level of the package', () => {
    expect(Object.keys(changzhou.roles)).toEqual(['admin', 'community-worker', 'council-supervisor', 'district-officer', 'grid-worker', 'street-admin', 'responsible-social-worker']);
    const levels = changzhou.levels.map((l) => l.id);
    for (const r of Object.values(changzhou.roles)) if (r.level !== null) expect(levels).toContain(r.level);
  });

  it('let a grid worker work in their grid, see its residents in full, and nothing next door', () => {
    const worker = actorAt('grid-worker', '320404001001-01');
    const own = at('320404001001-01');
    const next = at('320404001001-02');
    for (const action of ['read', 'create', 'update', 'pii:read'] as const) expect(allows(worker, 'residents', action, own)).toBe(true);
    expect(allows(worker, 'residents', 'delete', own)).toBe(false);
    expect(allows(worker, 'residents', 'read', next)).toBe(false);
    expect(allows(worker, 'grid_staff', 'update', own)).toBe(false);
    expect(allows(worker, 'audit', 'read', own)).toBe(false);
  });

  it('give a grid worker assigned above the grid level no own-grid grant', () => {
    expect(actorAt('grid-worker', '320404001001').grants).toEqual({});
  });

  it('let a district officer read everything in the district, the audit trail included, and change nothing', () => {
    const officer = actorAt('district-officer', '320404');
    const grid = at('320404001001-01');
    for (const resource of [...Object.keys(changzhou.resources), 'audit']) expect(allows(officer, resource, 'read', grid)).toBe(true);
    expect(allows(officer, 'households', 'read', at('320402'))).toBe(false);
    for (const action of ['create', 'update', 'delete', 'pii:read'] as const) expect(allows(officer, 'households', action, grid)).toBe(false);
  });

  it('let a street admin manage grid staff but not see residents in full; only admin and grid-level roles read pii', () => {
    const street = actorAt('street-admin', '320404001');
    const grid = at('320404001001-01');
    expect(allows(street, 'grid_staff', 'delete', grid)).toBe(true);
    expect(allows(street, 'residents', 'pii:read', grid)).toBe(false);
    expect(allows(actorAt('admin', '320400'), 'residents', 'pii:read', at('320402'))).toBe(true);
    expect(allows(actorAt('responsible-social-worker', '320404001001-01'), 'grid_staff', 'pii:read', grid)).toBe(true);
  });
});
