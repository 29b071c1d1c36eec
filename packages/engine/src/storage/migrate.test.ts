import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadModel } from '../package/index.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import type { TestDatabase } from '../testing/databases.ts';
import { fixtureModel } from '../testing/model-fixtures.ts';
import type { FixtureField, FixtureResource } from '../testing/model-fixtures.ts';
import { introspectTables } from './introspect.ts';
import { openDatabase } from './database.ts';
import { engineMigrations } from './engine-migrations.ts';
import { migrate } from './migrate.ts';

const BASE_PACKAGE = fileURLToPath(new URL('../../../base', import.meta.url));

const HOUSEHOLD_FIELDS: readonly FixtureField[] = [
  { name: 'address', kind: 'text', required: true },
  { name: 'size', kind: 'integer' },
  { name: 'area', kind: 'number' },
  { name: 'elderly', kind: 'boolean' },
  { name: 'categories', kind: 'json' },
];

function households(fields: readonly FixtureField[] = HOUSEHOLD_FIELDS, extra: Partial<FixtureResource> = {}): FixtureResource {
  return {
    id: 'households',
    fields,
    indexes: [{ name: 'ix_households_address', columns: ['address'], unique: false }],
    ...extra,
  };
}

const visits: FixtureResource = { id: 'visits', fields: [{ name: 'note', kind: 'text' }] };

const base = fixtureModel({ resources: [households(), visits] });

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await createTestDatabase(dialect);
    });
    afterEach(async () => {
      await db.drop();
    });

    async function schema() {
      const tables = await introspectTables({
        db: db.kysely,
        dialect,
        names: ['households', 'visits', 'zhili_org_units', 'zhili_model_state'],
      });
      return Object.fromEntries(
        [...tables.values()].map((table) => [
          table.name,
          { columns: [...table.columns.values()], indexes: [...table.indexes.values()].sort((a, b) => a.name.localeCompare(b.name)) },
        ]),
      );
    }

    async function modelStates() {
      return db.kysely.selectFrom('zhili_model_state').select(['seq', 'package_id', 'version', 'hash']).orderBy('seq').execute();
    }

    it('creates the engine tables, one table per resource with standard and field columns, and its indexes', async () => {
      const report = await migrate(db, base);
      expect(report.refused).toEqual([]);
      const engineChanges = report.applied.filter((change) => change.kind === 'engine-migration');
      expect(engineChanges.map((change) => (change.kind === 'engine-migration' ? change.name : ''))).toEqual(Object.keys(engineMigrations(dialect)));
      expect(report.applied.filter((change) => change.kind !== 'engine-migration').map((change) => change.kind)).toEqual([
        'create-table',
        'create-index',
        'create-index',
        'create-table',
        'create-index',
      ]);
      const tables = await schema();
      expect(Object.keys(tables).sort()).toEqual(['households', 'visits', 'zhili_model_state', 'zhili_org_units']);
      const columns = tables['households']?.columns ?? [];
      expect(columns.map((column) => column.name)).toEqual([
        'id',
        'org_path',
        'version',
        'created_at',
        'created_by',
        'updated_at',
        'updated_by',
        'config_version',
        'address',
        'size',
        'area',
        'elderly',
        'categories',
      ]);
      const types = Object.fromEntries(columns.map((column) => [column.name, column.type.toLowerCase()]));
      expect(types).toMatchObject(
        dialect === 'sqlite'
          ? { id: 'text', version: 'integer', size: 'integer', area: 'real', elderly: 'integer', categories: 'text' }
          : { id: 'text', version: 'bigint', size: 'bigint', area: 'double precision', elderly: 'boolean', categories: 'jsonb' },
      );
      expect(columns.find((column) => column.name === 'org_path')?.notNull).toBe(true);
      expect(columns.find((column) => column.name === 'address')?.notNull).toBe(false);
      expect(tables['households']?.indexes).toEqual([
        { name: 'ix_households_address', columns: ['address'], unique: false },
        { name: 'ix_households_org_path', columns: ['org_path', 'id'], unique: false },
      ]);
      expect(await modelStates()).toEqual([{ seq: 1, package_id: 'fixture', version: '1.0.0', hash: base.hash }]);
    });

    it('orders org paths byte by byte so that subtree range scans are exact', async () => {
      await migrate(db, base);
      const paths = ['/32/', '/32-1/', '/32/a/', '/320/', '/32/Z/'];
      for (const [i, path] of paths.entries()) {
        await db.kysely
          .insertInto('visits')
          .values({
            id: `v${i}`,
            org_path: path,
            version: 1,
            created_at: '2025-01-01T00:00:00.000Z',
            created_by: 'dev',
            updated_at: '2025-01-01T00:00:00.000Z',
            updated_by: 'dev',
            config_version: '1.0.0',
          })
          .execute();
      }
      const rows = await db.kysely
        .selectFrom('visits')
        .select('org_path')
        .where('org_path', '>=', '/32/')
        .where('org_path', '<', '/320')
        .orderBy('org_path')
        .execute();
      expect(rows.map((row) => row.org_path)).toEqual(['/32/', '/32/Z/', '/32/a/']);
      if (dialect === 'postgres') {
        // The test database's default collation may already be bytewise; the column must not depend on it.
        const collations = await sql<{ table_name: string; collation_name: string }>`
          select table_name, collation_name from information_schema.columns
          where table_schema = current_schema() and column_name in ('org_path', 'path') order by table_name`.execute(db.kysely);
        expect(collations.rows).toEqual([
          { table_name: 'households', collation_name: 'C' },
          { table_name: 'visits', collation_name: 'C' },
          { table_name: 'zhili_admission_requests', collation_name: 'C' },
          { table_name: 'zhili_audit', collation_name: 'C' },
          { table_name: 'zhili_cases', collation_name: 'C' },
          { table_name: 'zhili_checklist_claims', collation_name: 'C' },
          { table_name: 'zhili_council_proposals', collation_name: 'C' },
          { table_name: 'zhili_council_rosters', collation_name: 'C' },
          { table_name: 'zhili_files', collation_name: 'C' },
          { table_name: 'zhili_grid_household_counts', collation_name: 'C' },
          { table_name: 'zhili_grid_households', collation_name: 'C' },
          { table_name: 'zhili_org_units', collation_name: 'C' },
          { table_name: 'zhili_points_accounts', collation_name: 'C' },
          { table_name: 'zhili_points_claims', collation_name: 'C' },
          { table_name: 'zhili_points_postings', collation_name: 'C' },
        ]);
      }
    });

    it('migrates the real base package, camelCase columns and all, and then has nothing to do', async () => {
      const model = await loadModel(BASE_PACKAGE);
      const first = await migrate(db, model);
      expect(first.refused).toEqual([]);
      expect(first.applied.filter((change) => change.kind === 'create-table')).toHaveLength(Object.keys(model.resources).length);
      expect(await migrate(db, model)).toEqual({ applied: [], refused: [] });
      const tables = await introspectTables({ db: db.kysely, dialect, names: ['households'] });
      expect(tables.get('households')?.indexes.get('ix_households_buildingId')?.columns).toEqual(['buildingId']);
    });

    it('is a no-op the second time', async () => {
      await migrate(db, base);
      const before = await schema();
      expect(await migrate(db, base)).toEqual({ applied: [], refused: [] });
      expect(await schema()).toEqual(before);
      expect(await modelStates()).toHaveLength(1);
    });

    it('adds a column for a new field, keeping the rows, and records the new model', async () => {
      await migrate(db, base);
      await sql`insert into visits (id, org_path, version, created_at, created_by, updated_at, updated_by, config_version, note)
        values ('v1', '/1/', 1, 'now', 'dev', 'now', 'dev', '1.0.0', '走访')`.execute(db.kysely);
      const next = fixtureModel({
        version: '1.1.0',
        resources: [households(), { id: 'visits', fields: [...visits.fields, { name: 'minutes', kind: 'integer' }] }],
      });
      const report = await migrate(db, next);
      expect(report.refused).toEqual([]);
      expect(report.applied).toMatchObject([{ kind: 'add-column', resource: 'visits', column: 'minutes' }]);
      expect(report.applied[0]?.message.en).toContain('minutes');
      const row = await db.kysely.selectFrom('visits').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ id: 'v1', note: '走访', minutes: null });
      expect((await modelStates()).map((state) => state.version)).toEqual(['1.0.0', '1.1.0']);
    });

    it('creates a new index and drops one the model no longer has', async () => {
      await migrate(db, base);
      const next = fixtureModel({
        resources: [households(HOUSEHOLD_FIELDS, { indexes: [{ name: 'ux_households_size', columns: ['size', 'area'], unique: true }] }), visits],
      });
      const report = await migrate(db, next);
      expect(report.refused).toEqual([]);
      expect(report.applied.map((change) => [change.kind, 'index' in change ? change.index : null])).toEqual([
        ['drop-index', 'ix_households_address'],
        ['create-index', 'ux_households_size'],
      ]);
      expect((await schema())['households']?.indexes).toEqual([
        { name: 'ix_households_org_path', columns: ['org_path', 'id'], unique: false },
        { name: 'ux_households_size', columns: ['size', 'area'], unique: true },
      ]);
    });

    it('refuses a removed field, naming resource and field, and changes nothing', async () => {
      await migrate(db, base);
      const before = await schema();
      const next = fixtureModel({
        version: '2.0.0',
        resources: [households(HOUSEHOLD_FIELDS.filter((field) => field.name !== 'area')), { id: 'visits', fields: [...visits.fields, { name: 'minutes', kind: 'integer' }] }],
      });
      const report = await migrate(db, next);
      expect(report.applied).toEqual([]);
      expect(report.refused).toMatchObject([{ kind: 'drop-column', resource: 'households', field: 'area' }]);
      expect(report.refused[0]?.message['zh-CN']).toContain('area');
      expect(report.refused[0]?.message['zh-CN']).toContain('households');
      expect(report.refused[0]?.message.en).toContain('area');
      expect(await schema()).toEqual(before);
      expect(await modelStates()).toHaveLength(1);
    });

    it('refuses a changed field type and changes nothing', async () => {
      await migrate(db, base);
      const before = await schema();
      const changed = HOUSEHOLD_FIELDS.map((field) => (field.name === 'size' ? { ...field, kind: 'text' as const } : field));
      const report = await migrate(db, fixtureModel({ resources: [households(changed), visits] }));
      expect(report.refused).toMatchObject([{ kind: 'change-type', resource: 'households', field: 'size' }]);
      expect(report.refused[0]?.message.en).toMatch(/from integer to text/);
      expect(await schema()).toEqual(before);
    });

    it('refuses a type change that shares the SQL type on SQLite (boolean → integer), from the recorded model', async () => {
      await migrate(db, base);
      const changed = HOUSEHOLD_FIELDS.map((field) => (field.name === 'elderly' ? { ...field, kind: 'integer' as const } : field));
      const report = await migrate(db, fixtureModel({ resources: [households(changed), visits] }));
      expect(report.refused).toMatchObject([{ kind: 'change-type', resource: 'households', field: 'elderly' }]);
      expect(report.refused[0]?.message.en).toMatch(/from boolean to integer/);
    });

    it('refuses a removed resource whose table is still there', async () => {
      await migrate(db, base);
      const report = await migrate(db, fixtureModel({ resources: [households()] }));
      expect(report).toMatchObject({ applied: [], refused: [{ kind: 'drop-table', resource: 'visits', field: null }] });
      expect(Object.keys(await schema())).toContain('visits');
    });

    it('reports a change the database rejects as refused, and rolls back the others', async () => {
      await migrate(db, base);
      const row = (id: string) => ({
        id,
        org_path: '/1/',
        version: 1,
        created_at: 'now',
        created_by: 'dev',
        updated_at: 'now',
        updated_by: 'dev',
        config_version: '1.0.0',
        address: '同一地址',
      });
      await db.kysely.insertInto('households').values([row('h1'), row('h2')]).execute();
      const before = await schema();
      const next = fixtureModel({
        resources: [
          households([...HOUSEHOLD_FIELDS, { name: 'phone', kind: 'text' }], {
            indexes: [{ name: 'ix_households_address', columns: ['address'], unique: true }],
          }),
          visits,
        ],
      });
      const report = await migrate(db, next);
      expect(report.applied).toEqual([]);
      expect(report.refused).toMatchObject([{ kind: 'failed', resource: 'households' }]);
      expect(await schema()).toEqual(before);
    });

    it.runIf(dialect === 'postgres')('lets two instances migrate the same database at once', async () => {
      const [a, b] = await Promise.all([openDatabase(db.url), openDatabase(db.url)]);
      try {
        const reports = await Promise.all([migrate(a, base), migrate(b, base)]);
        expect(reports.flatMap((report) => report.refused)).toEqual([]);
        const created = reports.flatMap((report) => report.applied).filter((change) => change.kind === 'create-table');
        expect(created).toHaveLength(2);
        expect(await modelStates()).toHaveLength(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('changes nothing in a dry run and reports what it would do', async () => {
      const report = await migrate(db, base, { dryRun: true });
      expect(report.applied.map((change) => change.kind)).toContain('create-table');
      expect(report.applied[0]).toMatchObject({ kind: 'engine-migration' });
      expect(await schema()).toEqual({});
    });
  });
}
