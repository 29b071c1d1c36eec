import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Dialect } from './database.ts';

/** A column as the database reports it. */
export interface ActualColumn {
  readonly name: string;
  /** SQL type as declared (SQLite) or as information_schema names it (Postgres). */
  readonly type: string;
  readonly notNull: boolean;
}

/** An index created with CREATE INDEX (primary keys and constraint indexes are left out). */
export interface ActualIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface ActualTable {
  readonly name: string;
  readonly columns: ReadonlyMap<string, ActualColumn>;
  readonly indexes: ReadonlyMap<string, ActualIndex>;
}

/** ActualTable while it is being filled. */
interface TableBuilder {
  readonly name: string;
  readonly columns: Map<string, ActualColumn>;
  readonly indexes: Map<string, { name: string; columns: string[]; unique: boolean }>;
}

/**
 * The tables of the current schema (SQLite: main; Postgres: current_schema()) that are among
 * `names`, with their columns and indexes.
 */
export async function introspectTables(options: {
  // Kysely<any>: catalogue queries over tables no static type describes.
  readonly db: Kysely<any>;
  readonly dialect: Dialect;
  readonly names: readonly string[];
}): Promise<Map<string, ActualTable>> {
  const { db, dialect, names } = options;
  const result = new Map<string, TableBuilder>();
  if (names.length === 0) return result;
  const existing = dialect === 'sqlite' ? await sqliteTables(db, names) : await postgresTables(db, names);
  for (const name of existing) {
    result.set(name, { name, columns: new Map(), indexes: new Map() });
  }
  if (existing.length === 0) return result;
  if (dialect === 'sqlite') await sqliteDetails(db, result);
  else await postgresDetails(db, result);
  return result;
}

async function sqliteTables(db: Kysely<any>, names: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('sqlite_schema')
    .select('name')
    .where('type', '=', 'table')
    .where('name', 'in', names)
    .execute();
  return rows.map((row) => String(row.name));
}

async function sqliteDetails(db: Kysely<any>, tables: Map<string, TableBuilder>): Promise<void> {
  for (const { name, columns, indexes } of tables.values()) {
    const columnRows = await sql<{ name: string; type: string; notnull: number }>`
      select name, type, "notnull" from pragma_table_info(${name}) order by cid`.execute(db);
    for (const row of columnRows.rows) columns.set(row.name, { name: row.name, type: row.type, notNull: row.notnull === 1 });
    const indexRows = await sql<{ name: string; unique: number; origin: string }>`
      select name, "unique", origin from pragma_index_list(${name})`.execute(db);
    for (const row of indexRows.rows) {
      if (row.origin !== 'c') continue;
      const parts = await sql<{ name: string }>`select name from pragma_index_info(${row.name}) order by seqno`.execute(db);
      indexes.set(row.name, { name: row.name, columns: parts.rows.map((part) => part.name), unique: row.unique === 1 });
    }
  }
}

async function postgresTables(db: Kysely<any>, names: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('information_schema.tables')
    .select('table_name')
    .where('table_schema', '=', sql<string>`current_schema()`)
    .where('table_type', '=', 'BASE TABLE')
    .where('table_name', 'in', names)
    .execute();
  return rows.map((row) => String(row.table_name));
}

async function postgresDetails(db: Kysely<any>, tables: Map<string, TableBuilder>): Promise<void> {
  const names = [...tables.keys()];
  const columnRows = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
    select table_name, column_name, data_type, is_nullable
    from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(names)})
    order by table_name, ordinal_position`.execute(db);
  for (const row of columnRows.rows) {
    tables.get(row.table_name)?.columns.set(row.column_name, { name: row.column_name, type: row.data_type, notNull: row.is_nullable === 'NO' });
  }
  const indexRows = await sql<{ table_name: string; index_name: string; is_unique: boolean; column_name: string }>`
    select t.relname as table_name, i.relname as index_name, ix.indisunique as is_unique, a.attname as column_name
    from pg_index ix
    join pg_class i on i.oid = ix.indexrelid
    join pg_class t on t.oid = ix.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    cross join lateral unnest(ix.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
    where n.nspname = current_schema()
      and t.relname in (${sql.join(names)})
      and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid)
    order by i.relname, k.ord`.execute(db);
  for (const row of indexRows.rows) {
    const indexes = tables.get(row.table_name)?.indexes;
    if (!indexes) continue;
    const index = indexes.get(row.index_name);
    if (index) index.columns.push(row.column_name);
    else indexes.set(row.index_name, { name: row.index_name, columns: [row.column_name], unique: row.is_unique });
  }
}
