import { AUDIT_ACTIONS } from '@zhili/schemas';
import type { AuditAction } from '@zhili/schemas';
import type { BilingualText } from '@zhili/schemas';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../actor/actor.ts';
import { grantsFor } from '../actor/actor.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import { scopePredicate } from '../resources/sql.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { canonicalJson, rowHash } from './chain.ts';
import type { AuditRow, AuditRowContent } from './chain.ts';
import { verifyChain } from './verify.ts';
import type { ChainHead, VerifyResult } from './verify.ts';

/** The table of audit rows, and the one-row table recording the end of the chain. */
export const AUDIT_TABLE = 'zhili_audit';
export const AUDIT_HEAD_TABLE = 'zhili_audit_head';

/** The resource id roles grant `read` on to let their holders read the audit log (model ENGINE_RESOURCES). */
export const AUDIT_RESOURCE = 'audit';

/** The audit actions are a wire vocabulary, shared with the admin through @zhili/schemas. */
export { AUDIT_ACTIONS };
export type { AuditAction };

/** One event to append. */
export interface AuditEvent {
  readonly actor: Actor;
  readonly action: AuditAction;
  /** Resource id of the record concerned. */
  readonly resource?: string;
  /** Id of the record concerned. */
  readonly recordId?: string;
  /** Org path the event belongs to; decides who may read the row. Events without one are visible only to actors granted the whole tree. */
  readonly orgPath?: string;
  /** Anything else worth keeping (a write's before/after diff, the record ids of a pii read …); stored as canonical JSON. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** An audit row as the API returns it. */
export interface AuditEntry {
  readonly seq: number;
  /** ISO-8601 UTC. */
  readonly at: string;
  readonly actorId: string;
  /** The actor's username when the event happened. */
  readonly actorName: string;
  readonly sessionId: string | null;
  readonly action: AuditAction;
  readonly resource: string | null;
  readonly recordId: string | null;
  readonly orgPath: string | null;
  readonly detail: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** Filters and page of {@link AuditLog.list}; see audit/query.ts for the HTTP form. */
export interface AuditQuery {
  readonly action?: AuditAction;
  readonly resource?: string;
  readonly recordId?: string;
  readonly actorId?: string;
  /** Rows at or after this instant (ISO-8601 UTC). */
  readonly from?: string;
  /** Rows before this instant (ISO-8601 UTC). */
  readonly to?: string;
  /** 1-based. @default 1 */
  readonly page?: number;
  /** @default 50 */
  readonly pageSize?: number;
}

/** A page of audit rows, newest first, and the number matching in all. */
export interface AuditPage {
  readonly data: readonly AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** The hash-chained audit log (engine.audit). */
export interface AuditLog {
  /**
   * Appends an event. Pass the handle of the transaction that makes the write being audited, so the
   * row commits or rolls back with it; given the database's root handle, append runs in a
   * transaction of its own. Appends are serialized (SQLite: the write lock; Postgres: a
   * transaction-scoped advisory lock), so the chain never forks.
   */
  append(executor: Kysely<any> | Transaction<any>, event: AuditEvent): Promise<void>;
  /** Checks the whole chain in one snapshot; reports the first changed, inserted or deleted row. */
  verify(): Promise<VerifyResult>;
  /**
   * Rows matching the query, newest first, limited to the org paths the actor's grants for `audit`
   * / `read` cover. FORBIDDEN without any such grant.
   */
  list(ctx: { readonly actor: Actor }, query: AuditQuery): Promise<AuditPage>;
}

export const DEFAULT_AUDIT_PAGE_SIZE = 50;
const VERIFY_BATCH = 1000;

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Creates the audit log over a migrated database. */
export function createAuditLog(db: Database): AuditLog {
  // Kysely<any>: the engine's tables have no static type map (see Database.kysely).
  const appendIn = async (trx: Kysely<any>, event: AuditEvent): Promise<void> => {
    if (db.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('zhili.audit.' || current_schema()))`.execute(trx);
    }
    const head = await readHead(trx);
    if (!head) {
      throw new EngineError(
        'INTERNAL',
        bi('审计日志的链尾记录缺失，无法追加；请运行 zhili audit verify', 'The end of the audit chain is missing, so nothing can be appended; run zhili audit verify'),
      );
    }
    const { actor } = event;
    const content: AuditRowContent = {
      seq: head.seq + 1,
      at: new Date().toISOString(),
      actor_id: actor.id,
      actor_name: actor.username,
      session_id: actor.sessionId,
      action: event.action,
      resource: event.resource ?? null,
      record_id: event.recordId ?? null,
      org_path: event.orgPath ?? null,
      detail: event.detail === undefined ? null : canonicalJson(event.detail),
    };
    const hash = rowHash(head.hash, content);
    await trx.insertInto(AUDIT_TABLE).values({ ...content, prev_hash: head.hash, hash }).execute();
    await trx.updateTable(AUDIT_HEAD_TABLE).set({ seq: content.seq, hash }).where('id', '=', 1).execute();
  };

  return {
    async append(executor, event) {
      if (executor === db.kysely) await writeTransaction(db, (trx) => appendIn(trx, event));
      else await appendIn(executor, event);
    },

    verify() {
      return readSnapshot(db, async (trx) => verifyChain(rowsInOrder(trx), await readHead(trx)));
    },

    async list(ctx, query) {
      const grants = grantsFor(ctx.actor, AUDIT_RESOURCE, 'read');
      if (grants.length === 0) throw errors.forbidden(bi('无权查看审计日志', 'You may not read the audit log'));
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? DEFAULT_AUDIT_PAGE_SIZE;
      const scope = scopePredicate(grants);
      let filtered = db.kysely.selectFrom(AUDIT_TABLE);
      if (scope) filtered = filtered.where(scope);
      if (query.action !== undefined) filtered = filtered.where('action', '=', query.action);
      if (query.resource !== undefined) filtered = filtered.where('resource', '=', query.resource);
      if (query.recordId !== undefined) filtered = filtered.where('record_id', '=', query.recordId);
      if (query.actorId !== undefined) filtered = filtered.where('actor_id', '=', query.actorId);
      if (query.from !== undefined) filtered = filtered.where('at', '>=', query.from);
      if (query.to !== undefined) filtered = filtered.where('at', '<', query.to);
      const [rows, counted] = await Promise.all([
        filtered
          .selectAll()
          .orderBy('seq', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute() as Promise<AuditRow[]>,
        filtered.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow() as Promise<{ total: number | string }>,
      ]);
      return { data: rows.map(toEntry), total: Number(counted.total), page, pageSize };
    },
  };
}

async function readHead(db: Kysely<any>): Promise<ChainHead | null> {
  const head = (await db.selectFrom(AUDIT_HEAD_TABLE).select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()) as
    | { seq: number | string; hash: string }
    | undefined;
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

async function* rowsInOrder(db: Kysely<any>): AsyncGenerator<AuditRow> {
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const batch = (await db.selectFrom(AUDIT_TABLE).selectAll().where('seq', '>', after).orderBy('seq').limit(VERIFY_BATCH).execute()) as AuditRow[];
    for (const row of batch) yield { ...row, seq: Number(row.seq) };
    const last = batch.at(-1);
    if (!last || batch.length < VERIFY_BATCH) return;
    after = Number(last.seq);
  }
}

/** Runs `work` in a read-only snapshot: the head and every row as of one moment, while appends go on. */
async function readSnapshot<T>(db: Database, work: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  return db.kysely.connection().execute(async (connection) => {
    await sql.raw(db.dialect === 'postgres' ? 'begin isolation level repeatable read read only' : 'begin').execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`rollback`.execute(connection);
    }
  });
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    sessionId: row.session_id,
    action: row.action as AuditAction,
    resource: row.resource,
    recordId: row.record_id,
    orgPath: row.org_path,
    detail: row.detail === null ? null : parseDetail(row.detail),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The stored detail; text that is not JSON (only by tampering) is returned as it is. */
function parseDetail(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
