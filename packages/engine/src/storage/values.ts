import type { StorageKind } from '../model/types.ts';
import type { Dialect } from './database.ts';

/**
 * A field value as the database driver takes it: SQLite stores booleans as 0/1 and JSON as text;
 * Postgres takes booleans as they are and jsonb as a JSON string (pg would otherwise send a JS
 * array as a Postgres array). null and undefined become null.
 */
export function toDbValue(kind: StorageKind, value: unknown, dialect: Dialect): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      return dialect === 'sqlite' ? (value ? 1 : 0) : Boolean(value);
    case 'json':
      return JSON.stringify(value);
    case 'text':
    case 'integer':
    case 'number':
      return value;
  }
}

/** A column value as read from the driver, back in its JSON form. null stays null. */
export function fromDbValue(kind: StorageKind, value: unknown, dialect: Dialect): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      return dialect === 'sqlite' ? value === 1 || value === 1n || value === true : value;
    case 'json':
      // pg parses jsonb itself; SQLite hands back the text.
      return typeof value === 'string' && dialect === 'sqlite' ? (JSON.parse(value) as unknown) : value;
    case 'integer':
    case 'number':
      return typeof value === 'bigint' ? Number(value) : value;
    case 'text':
      return value;
  }
}
