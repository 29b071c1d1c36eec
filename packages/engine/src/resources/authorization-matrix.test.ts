import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Actor } from '../actor/actor.ts';
import { SYSTEM_ACTOR } from '../actor/actor.ts';
import { buildActor } from '../authz/grants.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { CompiledModel, CompiledResource } from '../model/types.ts';
import type { OrgUnitRecord } from '../org/service.ts';
import { seedDemoData } from '../seed/seed.ts';
import { DIALECTS } from '../testing/databases.ts';
import { openFixtureEngine } from './fixtures/fixture-engine.ts';
import type { FixtureEngine } from './fixtures/fixture-engine.ts';
import { parseListQuery } from './query.ts';
import type { RecordInput, ResourceRecord } from './service.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
/** Where every role is held (at the ancestor of its level): 钟楼区五星街道三堡街社区第一网格. */
const HOME_GRID = '320404001012001';
/** A grid of 天宁区: outside every role's jurisdiction but admin's. */
const AWAY_GRID = '320402003011001';
const PLACEMENTS = ['in-scope', 'out-of-scope'] as const;
/** Records of the resources the tiny seed has none of: a task pushed down citing an item of the base list of assisting duties. */
const UNSEEDED_TEMPLATES: Readonly<Record<string, RecordInput>> = {
  community_tasks: {
    title: '入户核查出租房屋',
    issuingDepartment: '区公安分局',
    deadline: '2026-12-31',
    fundingSource: '区公安分局专项经费',
    admission: { checklist: 'assisting-duties', item: 'XZ-01' },
  },
  events: { title: '楼道堆放杂物', category: 'safety', location: '3 栋 2 单元' },
};
type Placement = (typeof PLACEMENTS)[number];

/** What happened when an actor tried one action on one record: allowed, or the error code. */
type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'masked';
type Row = Record<'list' | 'get' | 'pii:read' | 'create' | 'update' | 'delete', Outcome>;

/**
 * Whether the role's config lets a holder (at the home grid's ancestor of the role's level) do an
 * action on a record at the home grid (in scope) or the away grid. Read off the compiled roles
 * directly, independently of the grant resolution under test.
 */
function configAllows(model: CompiledModel, role: string, resource: string, action: Action, placement: Placement): boolean {
  const compiled = model.roles[role];
  if (!compiled) throw new Error(`no role ${role}`);
  return compiled.grants.some((grant) => {
    if (!grant.resources.includes(resource) && !grant.resources.includes('*')) return false;
    if (!grant.actions.includes(action)) return false;
    switch (grant.scope) {
      case 'all':
        return true;
      case 'own-node-and-below':
        return placement === 'in-scope';
      case 'own-grid':
        return placement === 'in-scope' && compiled.level === 'grid';
      case 'own-node':
        return placement === 'in-scope' && compiled.level === model.resources[resource]?.level;
    }
  });
}

/** The outcomes the role's config calls for. */
function expectedRow(model: CompiledModel, role: string, resource: CompiledResource, placement: Placement): Row {
  const may = (action: Action): boolean => configAllows(model, role, resource.id, action, placement);
  const anywhere = (action: Action): boolean => PLACEMENTS.some((p) => configAllows(model, role, resource.id, action, p));
  const denied = (action: Action): Outcome => (!anywhere(action) ? 'FORBIDDEN' : may('read') || may(action) ? 'FORBIDDEN' : 'NOT_FOUND');
  const read: Outcome = may('read') ? 'ok' : anywhere('read') ? 'NOT_FOUND' : 'FORBIDDEN';
  return {
    list: read,
    get: read,
    'pii:read': read !== 'ok' ? read : resource.pii.length === 0 || may('pii:read') ? 'ok' : 'masked',
    create: may('create') ? 'ok' : 'FORBIDDEN',
    update: may('update') ? 'ok' : denied('update'),
    delete: may('delete') ? 'ok' : denied('delete'),
  };
}

async function outcome(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    await work();
    return 'ok';
  } catch (error) {
    if (error instanceof EngineError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) return error.code;
    throw error;
  }
}

for (const dialect of DIALECTS) {
  describe(`authorization matrix over examples/changzhou (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    /** Per resource, the fields of a seeded record, to write copies of. */
    const templates = new Map<string, RecordInput>();
    const system = { actor: SYSTEM_ACTOR };

    const unitOf = (code: string): OrgUnitRecord => {
      const unit = engine.org.byCode(code);
      if (!unit) throw new Error(`no org unit ${code}`);
      return unit;
    };
    /** The role's holder: at the home grid's ancestor of the role's level, at the root for a role without one. */
    const holder = (role: string): Actor => {
      const level = engine.model.roles[role]?.level ?? null;
      let unit = unitOf(HOME_GRID);
      while (level === null ? unit.parentCode !== null : unit.level !== level) unit = unitOf(unit.parentCode ?? '');
      return buildActor({
        model: engine.model,
        org: engine.org,
        user: { id: `user-${role}`, username: role, displayName: role },
        assignments: [{ role, orgCode: unit.code }],
        sessionId: null,
      });
    };
    /** The unit a record of the resource attaches to: the home or away grid, or its ancestor at the resource's level. */
    const placedAt = (resource: string, placement: Placement): string => {
      const level = engine.model.resources[resource]?.level;
      let unit = unitOf(placement === 'in-scope' ? HOME_GRID : AWAY_GRID);
      while (unit.level !== level && unit.parentCode !== null) unit = unitOf(unit.parentCode);
      return unit.code;
    };
    const copyAt = (resource: string, placement: Placement): RecordInput => ({ ...templates.get(resource), orgCode: placedAt(resource, placement) });

    /** What the actor can do with fresh records of the resource at the placement. */
    async function observedRow(actor: Actor, resource: CompiledResource, placement: Placement): Promise<Row> {
      const ctx = { actor };
      const target: ResourceRecord = await engine.resources.create(system, resource.id, copyAt(resource.id, placement));
      const orgCode = placedAt(resource.id, placement);
      const list = await outcome(async () => {
        const page = await engine.resources.list(ctx, resource.id, parseListQuery(resource, new URLSearchParams(`org=${orgCode}&pageSize=200`)));
        if (!page.data.some((record) => record.id === target.id)) throw new EngineError('NOT_FOUND', { 'zh-CN': '不在列表中', en: 'not listed' });
      });
      let seen: ResourceRecord | undefined;
      const get = await outcome(async () => {
        seen = await engine.resources.get(ctx, resource.id, target.id);
      });
      const pii: Outcome = get !== 'ok' ? get : resource.pii.every((p) => seen?.[p.field] === target[p.field]) ? 'ok' : 'masked';
      const create = await outcome(() => engine.resources.create(ctx, resource.id, copyAt(resource.id, placement)));
      const update = await outcome(() => engine.resources.update(ctx, resource.id, target.id, { version: target.version }));
      const version = update === 'ok' ? target.version + 1 : target.version;
      const remove = await outcome(() => engine.resources.remove(ctx, resource.id, target.id, version));
      return { list, get, 'pii:read': pii, create, update, delete: remove };
    }

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, CHANGZHOU);
      engine = fixture.engine;
      await seedDemoData(engine, { scale: 'tiny' });
      for (const resource of Object.values(engine.model.resources)) {
        const [record] = (await engine.resources.list(system, resource.id, parseListQuery(resource, new URLSearchParams('pageSize=1')))).data;
        const unseeded = UNSEEDED_TEMPLATES[resource.id];
        if (unseeded) {
          templates.set(resource.id, unseeded);
          continue;
        }
        if (!record) throw new Error(`the tiny seed has no ${resource.id}`);
        const fields: Record<string, unknown> = {};
        for (const field of resource.fields) if (record[field.name] !== undefined) fields[field.name] = record[field.name];
        templates.set(resource.id, fields);
      }
    }, 120_000);
    afterAll(async () => {
      await fixture.drop();
    });

    it('covers every base role and every resource, with pii in the templates', () => {
      expect(Object.keys(engine.model.roles)).toEqual(
        expect.arrayContaining(['grid-worker', 'community-worker', 'street-admin', 'district-officer', 'admin']),
      );
      expect([...templates.keys()].sort()).toEqual(['buildings', 'community_tasks', 'events', 'grid_staff', 'households', 'residents', 'visits']);
      for (const resource of Object.values(engine.model.resources)) {
        if (resource.pii.length > 0) expect(resource.pii.some((p) => templates.get(resource.id)?.[p.field] !== undefined)).toBe(true);
      }
    });

    it('reads the roles as their descriptions say', () => {
      const households = engine.model.resources['households'];
      if (!households) throw new Error('households');
      const row = (role: string, placement: Placement) => expectedRow(engine.model, role, households, placement);
      expect(row('grid-worker', 'in-scope')).toEqual({ list: 'ok', get: 'ok', 'pii:read': 'ok', create: 'ok', update: 'ok', delete: 'FORBIDDEN' });
      expect(row('grid-worker', 'out-of-scope')).toEqual({
        list: 'NOT_FOUND', get: 'NOT_FOUND', 'pii:read': 'NOT_FOUND', create: 'FORBIDDEN', update: 'NOT_FOUND', delete: 'FORBIDDEN',
      });
      expect(row('district-officer', 'in-scope')).toEqual({ list: 'ok', get: 'ok', 'pii:read': 'masked', create: 'FORBIDDEN', update: 'FORBIDDEN', delete: 'FORBIDDEN' });
      expect(row('street-admin', 'in-scope')).toMatchObject({ 'pii:read': 'masked', update: 'FORBIDDEN', delete: 'ok' });
      expect(row('admin', 'out-of-scope')).toEqual({ list: 'ok', get: 'ok', 'pii:read': 'ok', create: 'ok', update: 'ok', delete: 'ok' });
    });

    for (const role of ['grid-worker', 'community-worker', 'street-admin', 'district-officer', 'admin', 'responsible-social-worker']) {
      it(`enforces ${role} on every resource, in and out of scope, for every action`, async () => {
        expect(engine.model.roles[role]).toBeDefined();
        const actor = holder(role);
        const observed: Record<string, Row> = {};
        const expected: Record<string, Row> = {};
        for (const resource of Object.values(engine.model.resources)) {
          for (const placement of PLACEMENTS) {
            observed[`${resource.id} ${placement}`] = await observedRow(actor, resource, placement);
            expected[`${resource.id} ${placement}`] = expectedRow(engine.model, role, resource, placement);
          }
        }
        expect(observed).toEqual(expected);
      }, 60_000);
    }
  });
}
