import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import pg from 'pg';
import { EngineError } from '../errors/engine-error.ts';
import { CurrentSchemaPostgresDialect } from './postgres-introspector.ts';

/** The two database engines zhili runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database: the kysely instance plus what the engine needs to know about it. */
export interface Database {
  readonly dialect: Dialect;
  /**
   * The query builder. Untyped (`any`) because the resource tables are derived from the config
   * package at run time, so no static table map exists; services type their rows themselves.
   */
  readonly kysely: Kysely<any>;
  /** The URL the database was opened with. */
  readonly url: string;
  /** Closes the connection (SQLite) or ends the pool (Postgres). */
  close(): Promise<void>;
}

/** Prepared statements kept per SQLite connection; the engine issues a few hundred distinct queries. */
const STATEMENT_CACHE_SIZE = 500;
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_PG_POOL_SIZE = 10;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const ACCEPTED_FORMS = 'sqlite:<path>, sqlite::memory:, postgres://user@host:port/db[?schema=name&max=10]';

function badUrl(url: string, reason: { 'zh-CN': string; en: string }): EngineError {
  return new EngineError('BAD_REQUEST', {
    'zh-CN': `无法识别的数据库地址“${url}”：${reason['zh-CN']}。可用的形式：${ACCEPTED_FORMS}`,
    en: `Unrecognized database URL "${url}": ${reason.en}. Accepted forms: ${ACCEPTED_FORMS}`,
  });
}

/**
 * Opens a database by URL: `sqlite:<path>` (relative to the working directory; the folder is
 * created), `sqlite::memory:`, or `postgres://…` / `postgresql://…` (`?schema=` sets the
 * search_path and creates the schema if needed, `?max=` the pool size, default 10).
 *
 * @example
 * const db = await openDatabase('sqlite:./.zhili/data.db');
 */
export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith('sqlite:')) return openSqlite(url);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  throw badUrl(url, { 'zh-CN': '不支持的协议', en: 'unsupported scheme' });
}

function openSqlite(url: string): Database {
  const location = url.slice('sqlite:'.length);
  if (location === '') throw badUrl(url, { 'zh-CN': '缺少文件路径', en: 'the file path is missing' });
  const memory = location === ':memory:';
  let raw: BetterSqlite3.Database | undefined;
  try {
    const file = memory ? ':memory:' : resolve(location);
    if (!memory) mkdirSync(dirname(file), { recursive: true });
    raw = new BetterSqlite3(file);
    if (!memory) raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (cause) {
    raw?.close();
    throw new EngineError(
      'UNAVAILABLE',
      {
        'zh-CN': `无法打开 SQLite 数据库“${location}”：${errorMessage(cause)}`,
        en: `Cannot open the SQLite database "${location}": ${errorMessage(cause)}`,
      },
      { cause },
    );
  }
  const kysely = new Kysely({ dialect: new SqliteDialect({ database: new CachingSqliteDatabase(raw, STATEMENT_CACHE_SIZE) }) });
  return { dialect: 'sqlite', kysely, url, close: () => kysely.destroy() };
}

/**
 * better-sqlite3 behind kysely's SqliteDatabase interface, with prepared statements cached by SQL
 * text (least recently used evicted). kysely prepares every query it runs; preparing is a large
 * share of the cost of a small indexed query, so reusing statements matters for list throughput.
 */
export class CachingSqliteDatabase implements SqliteDatabase {
  readonly #raw: BetterSqlite3.Database;
  readonly #capacity: number;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  #prepared = 0;

  constructor(raw: BetterSqlite3.Database, capacity: number) {
    this.#raw = raw;
    this.#capacity = capacity;
  }

  prepare(sqlText: string): SqliteStatement {
    const cached = this.#statements.get(sqlText);
    if (cached) {
      this.#statements.delete(sqlText);
      this.#statements.set(sqlText, cached);
      return cached;
    }
    const statement = this.#raw.prepare(sqlText);
    this.#prepared++;
    // Schema changes make SQLite re-prepare cached statements on their own, but a statement's
    // column list is fixed when better-sqlite3 prepares it; start afresh after DDL.
    if (!statement.reader && isDdl(sqlText)) {
      this.#statements.clear();
      return statement;
    }
    this.#statements.set(sqlText, statement);
    if (this.#statements.size > this.#capacity) {
      const oldest = this.#statements.keys().next();
      if (!oldest.done) this.#statements.delete(oldest.value);
    }
    return statement;
  }

  /** Statements prepared (cache misses) since the connection was opened. */
  get prepared(): number {
    return this.#prepared;
  }

  /** Number of statements currently cached. */
  get cachedStatements(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    this.#raw.close();
  }
}

function isDdl(sqlText: string): boolean {
  return /^\s*(create|alter|drop)\b/i.test(sqlText);
}

/** int8 (bigint, count(*)) and numeric as JS numbers: counts and ids in zhili stay far below 2^53. */
const PG_INT8_OID = 20;
const PG_NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_INT8_OID || oid === PG_NUMERIC_OID) return (value: string) => Number(value);
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

async function openPostgres(url: string): Promise<Database> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl(url, { 'zh-CN': '地址格式错误', en: 'the URL is malformed' });
  }
  const schema = parsed.searchParams.get('schema');
  const maxParam = parsed.searchParams.get('max');
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('max');
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw badUrl(url, {
      'zh-CN': `schema 名“${schema}”只能包含字母、数字和下划线`,
      en: `the schema name "${schema}" may only contain letters, digits and underscores`,
    });
  }
  const max = maxParam === null ? DEFAULT_PG_POOL_SIZE : Number(maxParam);
  if (!Number.isInteger(max) || max < 1) {
    throw badUrl(url, { 'zh-CN': 'max 必须是正整数', en: 'max must be a positive integer' });
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max,
    types: pgTypes,
    ...(schema === null ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection (a server restart) is emitted on the pool; unhandled, it
  // would end the process. The pool replaces the client; queries in flight fail on their own.
  pool.on('error', (error) => {
    console.error(`PostgreSQL: idle connection failed / 空闲连接出错: ${error.message}`);
  });
  const kysely = new Kysely({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  try {
    if (schema !== null) await sql`create schema if not exists ${sql.id(schema)}`.execute(kysely);
    else await sql`select 1`.execute(kysely);
  } catch (cause) {
    await kysely.destroy();
    throw new EngineError(
      'UNAVAILABLE',
      {
        'zh-CN': `无法连接 PostgreSQL 数据库（${redact(parsed)}）：${errorMessage(cause)}`,
        en: `Cannot connect to the PostgreSQL database (${redact(parsed)}): ${errorMessage(cause)}`,
      },
      { cause },
    );
  }
  return { dialect: 'postgres', kysely, url, close: () => kysely.destroy() };
}

function redact(url: URL): string {
  const copy = new URL(url.toString());
  if (copy.password) copy.password = '***';
  return copy.toString();
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
