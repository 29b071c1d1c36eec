import type { BilingualText } from '@zhili/schemas';
import { GENESIS_HASH, hashMatches } from './chain.ts';
import type { AuditRow } from './chain.ts';

/** How the first broken row of the chain was tampered with. */
export type AuditProblem = 'changed' | 'inserted' | 'deleted';

/**
 * What {@link verifyChain} found: the number of intact rows and the hash of the last one (the
 * genesis hash for an empty log), or the first problem.
 */
export type VerifyResult =
  | { readonly ok: true; readonly rows: number; readonly hash: string }
  | { readonly ok: false; readonly seq: number; readonly problem: AuditProblem; readonly message: BilingualText };

/** The end of the chain as the last append recorded it (zhili_audit_head). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Walks the rows in seq order and reports the first one that breaks the chain. Appends number rows
 * 1, 2, 3 … with no gap, link each to the previous row's hash, and record the last (seq, hash) as
 * the head, so: a row whose hash does not match its contents was changed; a gap in seq is a deleted
 * row; a row beyond the head, or one the chain skips over, was inserted; a head beyond the last row
 * means rows were deleted from the end. A row rewritten together with a recomputed hash shows as a
 * broken link from the row after it, and is reported as changed.
 *
 * What a hash chain cannot show: someone with write access to the database who rewrites every row
 * from some point on, and the head, with recomputed hashes. Keep the head hash printed by
 * `zhili audit verify` elsewhere to detect that.
 */
export async function verifyChain(rows: AsyncIterable<AuditRow>, head: ChainHead | null): Promise<VerifyResult> {
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let prevPrevHash: string | null = null;
  let count = 0;
  const iterator = rows[Symbol.asyncIterator]();
  let next = await iterator.next();
  while (!next.done) {
    const row = next.value;
    next = await iterator.next();
    const following = next.done ? undefined : next.value;

    if (row.seq < expected) return inserted(row.seq, head);
    const intact = hashMatches(row);
    const linked = row.prev_hash === prevHash;
    if (row.seq > expected) return intact && linked ? inserted(row.seq, head) : deleted(expected);
    if (head && row.seq > head.seq) return inserted(row.seq, head);
    if (!intact || !linked) {
      if (linked) return changed(row.seq);
      if (prevPrevHash !== null && row.prev_hash === prevPrevHash) return inserted(row.seq - 1, head);
      if (following && following.prev_hash === prevHash) return inserted(row.seq, head);
      // Intact but not linked: the previous row was rewritten with a recomputed hash.
      if (intact && row.seq > 1 && (!following || following.prev_hash === row.hash)) return changed(row.seq - 1);
      return changed(row.seq);
    }
    prevPrevHash = prevHash;
    prevHash = row.hash;
    expected = row.seq + 1;
    count++;
  }

  const last = expected - 1;
  if (!head) {
    return {
      ok: false,
      seq: last + 1,
      problem: 'deleted',
      message: {
        'zh-CN': `审计日志的链尾记录（zhili_audit_head）已被删除，无法确认第 ${last} 条之后的记录是否被删除`,
        en: `The record of the audit chain's end (zhili_audit_head) was deleted; rows after ${last} may have been deleted too`,
      },
    };
  }
  if (head.seq > last) {
    return {
      ok: false,
      seq: last + 1,
      problem: 'deleted',
      message: {
        'zh-CN': `审计日志末尾的记录已被删除：链尾应为第 ${head.seq} 条，实际只到第 ${last} 条`,
        en: `Rows were deleted from the end of the audit log: the chain ends at row ${head.seq}, but the last row is ${last}`,
      },
    };
  }
  if (head.hash !== prevHash) return changed(last);
  return { ok: true, rows: count, hash: prevHash };
}

function changed(seq: number): VerifyResult {
  return {
    ok: false,
    seq,
    problem: 'changed',
    message: {
      'zh-CN': `审计记录第 ${seq} 条已被修改：它的哈希与内容或哈希链不符`,
      en: `Audit row ${seq} was changed: its hash does not match its contents or the chain`,
    },
  };
}

function deleted(seq: number): VerifyResult {
  return {
    ok: false,
    seq,
    problem: 'deleted',
    message: {
      'zh-CN': `审计记录第 ${seq} 条已被删除：哈希链在此断开`,
      en: `Audit row ${seq} was deleted: the hash chain breaks there`,
    },
  };
}

function inserted(seq: number, head: ChainHead | null): VerifyResult {
  const beyond = head !== null && seq > head.seq;
  return {
    ok: false,
    seq,
    problem: 'inserted',
    message: beyond
      ? {
          'zh-CN': `审计记录第 ${seq} 条是插入的：链尾是第 ${head.seq} 条，该记录不是由审计日志追加的`,
          en: `Audit row ${seq} was inserted: the chain ends at row ${head.seq}, so the audit log did not append it`,
        }
      : {
          'zh-CN': `审计记录第 ${seq} 条是插入的：它不在哈希链上`,
          en: `Audit row ${seq} was inserted: it is not part of the hash chain`,
        },
  };
}
