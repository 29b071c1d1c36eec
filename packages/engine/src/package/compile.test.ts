import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FieldSchema } from '@zhili/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompiledLevel } from '../model/types.ts';
import { canonicalJson, compile, compileField, indexName, loadModel } from './compile.ts';
import { PackageError } from './issues.ts';
import { loadPackage } from './load.ts';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

async function loaded(name: string) {
  const result = await loadPackage(fixture(name));
  if (!result.ok) throw new Error('fixture should load');
  return result.pkg;
}

describe('compile', () => {
  it('gives levels their depth and modules their default order, sorted', async () => {
    const model = await loadModel(fixture('valid-child'));
    expect(model.levels.map((l) => [l.id, l.depth, l.description])).toEqual([
      ['city', 0, null],
      ['district', 1, null],
      ['community', 2, null],
      ['grid', 3, null],
    ]);
    expect(model.modules.map((m) => [m.id, m.order, m.icon])).toEqual([
      ['grid', 5, 'ApartmentOutlined'],
      ['basic', 10, null],
      ['council', 100, null],
    ]);
    expect(model.id).toBe('fixture-child');
    expect(model.version).toBe('2.1.0');
    expect(model.locale).toBe('zh-CN');
    expect(model.description).toBeNull();
  });

  it('applies list defaults: first six scalar columns, enum and date filters, newest first, 20 a page', async () => {
    const model = await loadModel(fixture('valid-parent'));
    const households = model.resources['households'];
    expect(households?.list.columns.map((c) => c.field)).toEqual(['address', 'householderName', 'idNumber', 'memberCount', 'householdType', 'registeredOn']);
    expect(households?.list.columns.every((c) => c.sortable && c.title === null && c.width === null)).toBe(true);
    expect(households?.list.filters).toEqual([
      { field: 'householdType', operators: ['eq', 'in', 'nin'] },
      { field: 'registeredOn', operators: ['between', 'gte', 'lte', 'eq'] },
    ]);
    expect(households?.list.defaultSort).toEqual([{ field: 'createdAt', order: 'desc' }]);
    expect(households?.list.pageSize).toBe(20);
    expect(households?.titleField).toBe('address');
    expect(households?.module).toBe('basic');
    expect(households?.uiSchema).toEqual({});
    expect(households?.pii).toEqual([
      { field: 'idNumber', mask: 'id-number', sensitive: false },
      { field: 'householderName', mask: 'name', sensitive: false },
    ]);
  });

  it('keeps configured list settings and fills what they leave out', async () => {
    const model = await loadModel(fixture('valid-child'));
    const households = model.resources['households'];
    expect(households?.titleField).toBe('householderName');
    expect(households?.list.filters).toEqual([
      { field: 'householdType', operators: ['eq', 'in', 'nin'] },
      { field: 'address', operators: ['contains'] },
      { field: 'registeredOn', operators: ['between', 'gte', 'lte', 'eq'] },
    ]);
    expect(households?.list.defaultSort).toEqual([{ field: 'updatedAt', order: 'desc' }]);
    expect(households?.list.pageSize).toBe(50);
    const buildings = model.resources['buildings'];
    expect(buildings?.list.columns).toEqual([
      { field: 'name', title: null, width: null, sortable: true },
      { field: 'floors', title: null, width: 80, sortable: true },
      { field: 'createdAt', title: null, width: null, sortable: true },
    ]);
    expect(buildings?.list.defaultSort).toEqual([{ field: 'name', order: 'asc' }]);
  });

  it("compiles roles with their defaults: description and level null, a grant's scope own-node-and-below", async () => {
    const model = await loadModel(fixture('valid-child'));
    expect(Object.keys(model.roles)).toEqual(['admin', 'grid-worker', 'council-clerk']);
    expect(model.roles['admin']).toEqual({
      id: 'admin',
      title: '系统管理员',
      description: null,
      level: null,
      grants: [{ resources: ['*', 'audit'], actions: ['read', 'create', 'update', 'delete', 'pii:read'], scope: 'all' }],
    });
    expect(model.roles['grid-worker']?.grants).toEqual([{ resources: ['households', 'meetings'], actions: ['read', 'update'], scope: 'own-node-and-below' }]);
    expect(model.roles['council-clerk']).toMatchObject({ level: 'community', grants: [{ scope: 'own-node' }] });
    expect(Object.isFrozen(model.roles['admin']?.grants[0]?.actions)).toBe(true);
  });

  it('derives each field kind from its JSON type', () => {
    const kind = (schema: FieldSchema) => compileField({ name: 'f', schema, required: false });
    expect(kind({ type: 'string' })).toMatchObject({ kind: 'text', scalar: true, title: 'f', format: null, enumValues: null });
    expect(kind({ type: ['string', 'null'], format: 'date' })).toMatchObject({ kind: 'text', format: 'date' });
    expect(kind({ type: 'integer' }).kind).toBe('integer');
    expect(kind({ type: ['integer', 'null'] }).kind).toBe('integer');
    expect(kind({ type: 'number' }).kind).toBe('number');
    expect(kind({ type: 'boolean' }).kind).toBe('boolean');
    expect(kind({ type: 'object' })).toMatchObject({ kind: 'json', scalar: false });
    expect(kind({ type: 'array', items: { type: 'string' } })).toMatchObject({ kind: 'json', scalar: false });
    expect(kind({ type: ['string', 'integer'] }).kind).toBe('json');
    expect(kind({ type: 'string', enum: ['a', 'b', null] }).enumValues).toEqual(['a', 'b']);
    expect(kind({ type: 'integer', oneOf: [{ const: 1, title: '一' }, { const: 2, title: '二' }] })).toMatchObject({ kind: 'integer', enumValues: [1, 2] });
    expect(kind({ oneOf: [{ const: 'x' }, { const: 'y' }] })).toMatchObject({ kind: 'text', enumValues: ['x', 'y'] });
  });

  it('names configured indexes by their columns and adds the org-path + default-sort index', async () => {
    const model = await loadModel(fixture('valid-child'));
    expect(model.resources['households']?.indexes).toEqual([
      { name: 'ix_households_householdType', columns: ['householdType'], unique: false },
      { name: 'ix_households_phone', columns: ['phone'], unique: true },
      { name: 'ix_households_org_sort', columns: ['org_path', 'updated_at', 'id'], unique: false },
    ]);
    expect(model.resources['meetings']?.indexes).toEqual([{ name: 'ix_meetings_org_sort', columns: ['org_path', 'created_at', 'id'], unique: false }]);
  });

  it('keeps index names within 63 characters, distinct by a hash', () => {
    const long = indexName('community_service_records', ['householderIdentityNumber', 'registrationDate', 'org_path']);
    const other = indexName('community_service_records', ['householderIdentityNumber', 'registrationDate', 'created_at']);
    expect(long.length).toBe(63);
    expect(long).toMatch(/^ix_community_service_records_householder\w*_[0-9a-f]{8}$/);
    expect(other).not.toBe(long);
    expect(indexName('t', ['a', 'b'])).toBe('ix_t_a_b');
  });

  it('deep-freezes the model and leaves the loaded package unfrozen', async () => {
    const pkg = await loaded('valid-child');
    const model = compile(pkg);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.resources['households']?.fields[0]?.schema)).toBe(true);
    expect(Object.isFrozen(model.resources['households']?.list.columns)).toBe(true);
    expect(Object.isFrozen(pkg.resources[0]?.config.schema)).toBe(false);
    expect(() => {
      (model.levels as CompiledLevel[]).push({ id: 'x', title: 'x', description: null, depth: 9 });
    }).toThrow(TypeError);
  });

  it('hashes the model, not where it lies on disk', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'zhili-hash-'));
    cleanups.push(copy);
    await cp(fixture('valid-parent'), join(copy, 'valid-parent'), { recursive: true });
    await cp(fixture('valid-child'), join(copy, 'valid-child'), { recursive: true });
    const here = await loadModel(fixture('valid-child'));
    const there = await loadModel(join(copy, 'valid-child'));
    expect(there.hash).toBe(here.hash);
    expect(here.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadModel(fixture('valid-parent'))).hash).not.toBe(here.hash);
  });

  it('writes canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"e":2,"f":1}]},"b":1}');
  });

  it('throws every issue at once from loadModel', async () => {
    const error = await loadModel(fixture('broken')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).issues.length).toBeGreaterThan(20);
    expect((error as PackageError).message).toContain('zhili.yaml:4:1  /colour');
  });
});

const cleanups: string[] = [];
afterAll(async () => {
  for (const dir of cleanups) await rm(dir, { recursive: true, force: true });
});
