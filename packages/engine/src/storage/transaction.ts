import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

// Kysely<any>: the same untyped handle as Database.kysely, bound to one connection.
type Handle = Kysely<any>;

/** What the open write transactions were asked to run once they commit, by the handle they gave out. */
const pending = new WeakMap<Handle, (() => Promise<void>)[]>();

/**
 * Runs `work` in a transaction that holds the write lock from its first statement: `begin
 * immediate` on SQLite (a deferred transaction that reads first and writes later can fail with
 * SQLITE_BUSY when another process writes in between), a plain `begin` on Postgres. Commits when
 * `work` resolves, rolls back when it throws. `work` gets a handle bound to the transaction's
 * connection; it must not start a nested transaction on it. What `work` passed to
 * {@link afterCommit} runs once the transaction committed and its connection is released, in order.
 */
export async function writeTransaction<T>(db: Database, work: (trx: Handle) => Promise<T>): Promise<T> {
  const committed: (() => Promise<void>)[] = [];
  const result = await db.kysely.connection().execute(async (connection) => {
    await sql.raw(db.dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(connection);
    pending.set(connection, committed);
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      committed.length = 0;
      await sql`rollback`.execute(connection);
      throw error;
    } finally {
      pending.delete(connection);
    }
    await sql`commit`.execute(connection);
    return result;
  });
  for (const run of committed) await run();
  return result;
}

/**
 * Has `run` called after the write transaction of `trx` committed, outside it (so it may write
 * through the services, in transactions of its own), or never if it rolls back. The write is
 * done by then: `run` must report its own errors, not throw them. Only a handle of
 * {@link writeTransaction} has a commit to wait for; any other is a programming error.
 */
export function afterCommit(trx: Handle, run: () => Promise<void>): void {
  const queue = pending.get(trx);
  if (!queue) throw new Error('afterCommit: the handle is not that of an open writeTransaction');
  queue.push(run);
}
