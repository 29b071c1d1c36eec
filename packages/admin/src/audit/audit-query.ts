/** One row of GET /api/audit, as far as the admin reads it. */
export interface AuditRow {
  readonly seq: number;
  /** ISO-8601 UTC. */
  readonly at: string;
  readonly actorId: string;
  /** The actor's username when the event happened. */
  readonly actorName: string;
  readonly action: string;
  readonly resource: string | null;
  readonly recordId: string | null;
  readonly orgPath: string | null;
  readonly detail: unknown;
  readonly hash: string;
}

/** A page of the audit trail, newest first. */
export interface AuditRowsPage {
  readonly data: readonly AuditRow[];
  readonly total: number;
}

/** The audit page's filters; an absent or empty one does not narrow. */
export interface AuditFilters {
  readonly action?: string | undefined;
  readonly resource?: string | undefined;
  /** Rows at or after this instant (ISO-8601). */
  readonly from?: string | undefined;
  /** Rows before this instant (ISO-8601). */
  readonly to?: string | undefined;
}

/** The path and query of one page of the audit trail, e.g. `/audit?action=update&page=2&pageSize=50`. */
export function auditPath(filters: AuditFilters, page: number, pageSize: number): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'resource', 'from', 'to'] as const) {
    const value = filters[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  return `/audit?${params.toString()}`;
}

/** Characters of a hash shown in the table; the whole is the tooltip. */
const SHORT_HASH = 12;

export function shortHash(hash: string): string {
  return hash.length > SHORT_HASH ? `${hash.slice(0, SHORT_HASH)}…` : hash;
}

/** The detail of a row as indented JSON, or null when it has none. */
export function detailText(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  if (typeof detail === 'object' && Object.keys(detail).length === 0) return null;
  return JSON.stringify(detail, null, 2);
}
