import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import { CachingSqliteDatabase, openDatabase } from './database.ts';

describe('openDatabase', () => {
  it('rejects an unknown URL with a bilingual message naming the accepted forms', async () => {
    const error = await openDatabase('mysql://localhost/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    const engineError = error as EngineError;
    expect(engineError.code).toBe('BAD_REQUEST');
    expect(engineError.text.en).toContain('sqlite:<path>');
    expect(engineError.text['zh-CN']).toContain('postgres://');
  });

  it('rejects an empty SQLite path and a bad Postgres schema name', async () => {
    await expect(openDatabase('sqlite:')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(openDatabase('postgres://localhost/x?schema=a;drop')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers UNAVAILABLE, in both languages, for a file that is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-db-'));
    try {
      writeFileSync(join(dir, 'notes.txt'), 'this is not a database, just some text that is long enough to be read');
      const error = await openDatabase(`sqlite:${join(dir, 'notes.txt')}`).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UNAVAILABLE' });
      expect((error as EngineError).text['zh-CN']).toContain('无法打开');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a SQLite file in WAL mode, creating its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-db-'));
    try {
      const db = await openDatabase(`sqlite:${join(dir, 'nested', 'data.db')}`);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.kysely);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      await db.close();
      expect(existsSync(join(dir, 'nested', 'data.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CachingSqliteDatabase', () => {
  const raw = new CachingSqliteDatabase(new BetterSqlite3(':memory:'), 2);
  const kysely = new Kysely<{ t: { a: number } }>({ dialect: new SqliteDialect({ database: raw }) });
  afterAll(() => kysely.destroy());

  it('prepares a repeated query once', async () => {
    await sql`create table t (a integer)`.execute(kysely);
    const before = raw.prepared;
    for (let i = 0; i < 5; i++) await kysely.selectFrom('t').select('a').where('a', '=', i).execute();
    expect(raw.prepared - before).toBe(1);
  });

  it('evicts the least recently used statement beyond its capacity', async () => {
    await kysely.selectFrom('t').select('a').execute();
    await kysely.selectFrom('t').select(sql`a + 1`.as('b')).execute();
    await kysely.selectFrom('t').select(sql`a + 2`.as('c')).execute();
    expect(raw.cachedStatements).toBe(2);
  });

  it('sees columns added after a statement was cached', async () => {
    await kysely.insertInto('t').values({ a: 1 }).execute();
    const query = () => sql<Record<string, unknown>>`select * from t`.execute(kysely);
    expect((await query()).rows[0]).toEqual({ a: 1 });
    await sql`alter table t add column b text`.execute(kysely);
    expect((await query()).rows[0]).toEqual({ a: 1, b: null });
  });
});

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    it('opens, answers a query with numbers for counts, and closes', async () => {
      const db = await createTestDatabase(dialect);
      try {
        expect(db.dialect).toBe(dialect);
        await sql`create table n (x integer)`.execute(db.kysely);
        await db.kysely.insertInto('n').values([{ x: 1 }, { x: 2 }]).execute();
        const row = await db.kysely
          .selectFrom('n')
          .select((eb) => [eb.fn.countAll().as('count'), eb.fn.sum('x').as('sum')])
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ count: 2, sum: 3 });
      } finally {
        await db.drop();
      }
    });
  });
}
