import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.ts';

/** Name of the table kysely's Migrator records applied engine migrations in. */
export const ENGINE_MIGRATION_TABLE = 'zhili_engine_migration';
export const ENGINE_MIGRATION_LOCK_TABLE = 'zhili_engine_migration_lock';

/**
 * The engine-owned tables, as ordinary kysely migrations applied in name order. Add a migration
 * with a new, later name; never edit one that has shipped.
 */
export function engineMigrations(dialect: Dialect): Record<string, Migration> {
  // Materialized org paths are range-scanned by prefix; on Postgres that needs byte order.
  const pathType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    '0001-org-units-and-model-state': {
      // Kysely<any>: migrations run against the schema as it was, which no static type describes.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_org_units')
          .addColumn('code', 'text', (col) => col.primaryKey())
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('level', 'text', (col) => col.notNull())
          .addColumn('kind', 'text')
          .addColumn('parent_code', 'text', (col) => col.references('zhili_org_units.code'))
          .addColumn('path', pathType, (col) => col.notNull().unique())
          .addColumn('depth', 'integer', (col) => col.notNull())
          .addColumn('position', 'integer', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('ix_zhili_org_units_parent').on('zhili_org_units').columns(['parent_code', 'position']).execute();
        await db.schema
          .createTable('zhili_model_state')
          .addColumn('seq', 'integer', (col) => col.primaryKey())
          .addColumn('package_id', 'text', (col) => col.notNull())
          .addColumn('version', 'text', (col) => col.notNull())
          .addColumn('hash', 'text', (col) => col.notNull())
          .addColumn('applied_at', 'text', (col) => col.notNull())
          .addColumn('tables', 'text', (col) => col.notNull())
          .execute();
      },
    },
  };
}
