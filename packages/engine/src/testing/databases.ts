import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../storage/database.ts';
import type { Database, Dialect } from '../storage/database.ts';

const PG_URL = process.env['ZHILI_PG_URL'];

function availableDialects(): readonly Dialect[] {
  if (PG_URL) return ['sqlite', 'postgres'];
  if (process.env['CI'] === 'true') {
    throw new Error('ZHILI_PG_URL is not set on CI: the PostgreSQL suites must run there (e.g. postgres://postgres@127.0.0.1:5432/test)');
  }
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!! ZHILI_PG_URL 未设置：跳过 PostgreSQL 测试，只在 SQLite 上运行。',
      '!! ZHILI_PG_URL is not set: the PostgreSQL suites are SKIPPED; only SQLite runs.',
      '!! Set it, e.g. ZHILI_PG_URL=postgres://postgres@127.0.0.1:5432/test',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
  return ['sqlite'];
}

/**
 * The dialects suites run on: SQLite always, Postgres when ZHILI_PG_URL is set (required when
 * CI=true). Use as `for (const dialect of DIALECTS) describe(dialect, () => …)`.
 */
export const DIALECTS: readonly Dialect[] = availableDialects();

/** A database for one test: dropped, with everything in it, by `drop()`. */
export interface TestDatabase extends Database {
  /** Closes the database and removes what the test created (the Postgres schema). */
  drop(): Promise<void>;
}

/** A Postgres schema of one's own on ZHILI_PG_URL, for a test or a server a test starts. */
export interface ThrowawaySchema {
  /** ZHILI_PG_URL selecting the schema (`?schema=`; the engine creates it when it first opens the URL). */
  readonly url: string;
  readonly schema: string;
  /** Drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** A schema with a random name after `prefix` on ZHILI_PG_URL (nothing is created until the URL is opened). */
export function createThrowawaySchema(prefix = 'zhili_test'): ThrowawaySchema {
  if (!PG_URL) throw new Error('createThrowawaySchema needs ZHILI_PG_URL');
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  url.searchParams.set('max', '4');
  return {
    url: url.toString(),
    schema,
    drop: async () => {
      const db = await openDatabase(url.toString());
      await dropSchemaAndClose(db, schema);
    },
  };
}

async function dropSchemaAndClose(db: Database, schema: string): Promise<void> {
  try {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db.kysely);
  } finally {
    await db.close();
  }
}

/**
 * A fresh, empty database: SQLite in memory, or on Postgres a schema with a random name on
 * ZHILI_PG_URL, dropped by `drop()`.
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const db = await openDatabase('sqlite::memory:');
    return { ...db, drop: () => db.close() };
  }
  const { url, schema } = createThrowawaySchema();
  const db = await openDatabase(url);
  return { ...db, drop: () => dropSchemaAndClose(db, schema) };
}
