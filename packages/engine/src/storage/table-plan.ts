import type { CompiledModel, CompiledResource, StorageKind } from '../model/types.ts';
import { STANDARD_FIELDS } from '../model/types.ts';
import { indexName } from '../package/compile.ts';
import { hashColumn } from '../pii/cipher.ts';
import type { Dialect } from './database.ts';

/** One column of a resource table. */
export interface ColumnPlan {
  readonly name: string;
  readonly kind: StorageKind;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  /**
   * Compared byte by byte (COLLATE "C" on Postgres; SQLite's default is already binary), so that
   * prefix range scans on materialized org paths use the index and mean what they say.
   */
  readonly byteOrdered: boolean;
  /** The resource field the column holds (or the keyed hash of), or null for a standard column. */
  readonly field: string | null;
}

export interface IndexPlan {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

/** The table a resource is stored in, as the model wants it. */
export interface TablePlan {
  readonly resource: string;
  readonly table: string;
  readonly columns: readonly ColumnPlan[];
  readonly indexes: readonly IndexPlan[];
}

const STANDARD_COLUMNS: readonly ColumnPlan[] = Object.values(STANDARD_FIELDS).flatMap((standard) =>
  standard.column === null
    ? []
    : [
        {
          name: standard.column,
          kind: standard.kind,
          notNull: true,
          primaryKey: standard.column === 'id',
          byteOrdered: standard.column === 'org_path',
          field: null,
        },
      ],
);

/**
 * The tables of a model: per resource, the standard columns (id, org_path, version, created_at,
 * created_by, updated_at, updated_by, config_version — timestamps as ISO-8601 UTC text on both
 * dialects), then one nullable column per top-level field, named as the field, and the resource's
 * indexes. Field columns are nullable so that adding a field never needs a backfill.
 *
 * Each pii field also has a text column `<field>__h` for the keyed hash of its value, which lets
 * equality search work when values are encrypted at rest (see pii/cipher.ts); without a data key
 * it stays empty. An index over pii fields gets a twin over their hash columns.
 */
export function planTables(model: CompiledModel): TablePlan[] {
  return Object.values(model.resources).map((resource) => {
    const pii = new Set(resource.pii.map((p) => p.field));
    const fieldColumn = (name: string, kind: StorageKind, field: string): ColumnPlan => ({
      name,
      kind,
      notNull: false,
      primaryKey: false,
      byteOrdered: false,
      field,
    });
    return {
      resource: resource.id,
      table: resource.table,
      columns: [
        ...STANDARD_COLUMNS,
        ...resource.fields.map((field) => fieldColumn(field.name, field.kind, field.name)),
        ...resource.fields.filter((field) => pii.has(field.name)).map((field) => fieldColumn(hashColumn(field.name), 'text', field.name)),
      ],
      indexes: [
        ...resource.indexes.map((index) => ({ name: index.name, columns: [...index.columns], unique: index.unique })),
        ...hashIndexes(resource, pii),
      ],
    };
  });
}

/** For each index over pii fields, the same index over their hash columns. */
function hashIndexes(resource: CompiledResource, pii: ReadonlySet<string>): IndexPlan[] {
  return resource.indexes
    .filter((index) => index.columns.some((column) => pii.has(column)))
    .map((index) => {
      const columns = index.columns.map((column) => (pii.has(column) ? hashColumn(column) : column));
      return { name: indexName(resource.table, columns), columns, unique: index.unique };
    });
}

const COLUMN_TYPES: Readonly<Record<Dialect, Readonly<Record<StorageKind, string>>>> = {
  sqlite: { text: 'text', integer: 'integer', number: 'real', boolean: 'integer', json: 'text' },
  postgres: { text: 'text', integer: 'bigint', number: 'double precision', boolean: 'boolean', json: 'jsonb' },
};

/** The SQL type of a storage kind: booleans are 0/1 integers and JSON is text on SQLite; jsonb on Postgres. */
export function columnType(kind: StorageKind, dialect: Dialect): string {
  return COLUMN_TYPES[dialect][kind];
}

/**
 * The storage kinds a column of a given SQL type (as the database reports it) may hold. On SQLite
 * one type serves two kinds (integer: integer or boolean; text: text or JSON).
 */
export function kindsOfColumnType(type: string, dialect: Dialect): StorageKind[] {
  const normalized = type.trim().toLowerCase();
  return (Object.entries(COLUMN_TYPES[dialect]) as [StorageKind, string][])
    .filter(([, sqlType]) => sqlType === normalized)
    .map(([kind]) => kind);
}
