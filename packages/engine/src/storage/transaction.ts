import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * Runs `work` in a transaction that holds the write lock from its first statement: `begin
 * immediate` on SQLite (a deferred transaction that reads first and writes later can fail with
 * SQLITE_BUSY when another process writes in between), a plain `begin` on Postgres. Commits when
 * `work` resolves, rolls back when it throws. `work` gets a handle bound to the transaction's
 * connection; it must not start a nested transaction on it.
 */
export async function writeTransaction<T>(
  db: Database,
  // Kysely<any>: the same untyped handle as Database.kysely, bound to one connection.
  work: (trx: Kysely<any>) => Promise<T>,
): Promise<T> {
  return db.kysely.connection().execute(async (connection) => {
    await sql.raw(db.dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(connection);
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
    await sql`commit`.execute(connection);
    return result;
  });
}
