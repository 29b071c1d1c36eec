import { createHash } from 'node:crypto';

/** The prev_hash of the first row: the chain starts from 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** A row of zhili_audit as stored (snake_case columns). */
export interface AuditRow {
  readonly seq: number;
  /** ISO-8601 UTC. */
  readonly at: string;
  readonly actor_id: string;
  readonly actor_name: string;
  readonly session_id: string | null;
  readonly action: string;
  readonly resource: string | null;
  readonly record_id: string | null;
  readonly org_path: string | null;
  /** Canonical JSON text, or null. */
  readonly detail: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The columns a row's hash covers: all but prev_hash (which is prefixed) and hash itself. */
export type AuditRowContent = Omit<AuditRow, 'prev_hash' | 'hash'>;

/**
 * The hash of a row: sha256 (hex) of prev_hash followed by the canonical JSON of the row's other
 * columns (keys in sorted order, absent values as null). seq is covered, so a row cannot be moved.
 */
export function rowHash(prevHash: string, row: AuditRowContent): string {
  const content = JSON.stringify({
    action: row.action,
    actor_id: row.actor_id,
    actor_name: row.actor_name,
    at: row.at,
    detail: row.detail,
    org_path: row.org_path,
    record_id: row.record_id,
    resource: row.resource,
    seq: Number(row.seq),
    session_id: row.session_id,
  });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

/** Whether a stored row's hash matches its prev_hash and contents. */
export function hashMatches(row: AuditRow): boolean {
  return rowHash(row.prev_hash, row) === row.hash;
}

/**
 * JSON text with object keys in sorted order at every depth, so that equal details are stored as
 * equal text. Values JSON cannot carry (undefined, functions) are dropped as JSON.stringify drops them.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}
