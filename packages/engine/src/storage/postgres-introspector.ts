import { PostgresDialect, sql } from 'kysely';
import type { DatabaseIntrospector, DatabaseMetadata, DatabaseMetadataOptions, Kysely, SchemaMetadata, TableMetadata } from 'kysely';

/** kysely's own bookkeeping tables, left out unless asked for. */
const KYSELY_TABLE = /^kysely_migration(_lock)?$/;

interface ColumnRow {
  readonly table_name: string;
  readonly table_type: string;
  readonly column_name: string;
  readonly data_type: string;
  readonly is_nullable: string;
  readonly column_default: string | null;
  readonly is_identity: string;
}

/**
 * Introspection limited to the connection's current schema (the engine's `?schema=`, or public).
 * kysely's own Postgres introspector reads the tables of every schema in the database and calls
 * pg_get_serial_sequence on each column, so a schema dropped meanwhile by another process (another
 * tenant's engine, a parallel test) fails it with "schema … does not exist". The engine only ever
 * asks about its own schema (its migrator does).
 */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  // Kysely<any>: introspection reads the catalogue, which has no static types here.
  readonly #db: Kysely<any>;

  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace order by nspname`.execute(this.#db);
    return rows.map((row) => ({ name: row.name }));
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow & { table_schema: string }>`
      select c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema()
      order by c.table_name, c.ordinal_position`.execute(this.#db);
    const tables = new Map<string, { schema: string; isView: boolean; columns: TableMetadata['columns'] }>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && KYSELY_TABLE.test(row.table_name)) continue;
      let table = tables.get(row.table_name);
      if (table === undefined) tables.set(row.table_name, (table = { schema: row.table_schema, isView: row.table_type === 'VIEW', columns: [] }));
      table.columns.push({
        name: row.column_name,
        dataType: row.data_type,
        isNullable: row.is_nullable === 'YES',
        hasDefaultValue: row.column_default !== null || row.is_identity === 'YES',
        isAutoIncrementing: row.is_identity === 'YES' || (row.column_default ?? '').startsWith('nextval('),
      });
    }
    return [...tables].map(([name, table]) => ({ name, schema: table.schema, isView: table.isView, columns: table.columns }));
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/** kysely's Postgres dialect with {@link CurrentSchemaIntrospector}. */
export class CurrentSchemaPostgresDialect extends PostgresDialect {
  // Kysely<any>: see CurrentSchemaIntrospector.
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
