import type { Attachment, BilingualText, Case, CaseEvent, CaseEventKind } from '@zhili/schemas';
import type { Kysely } from 'kysely';

/** The cases of every workflow. */
export const CASES_TABLE = 'zhili_cases';
/** The history of every case: inserted, never updated or deleted. */
export const EVENTS_TABLE = 'zhili_case_events';
/** The resource id audit rows of cases carry. */
export const CASES_AUDIT_RESOURCE = 'workflow_cases';

// Kysely<any>: the engine's tables have no static type map (see Database.kysely).
export type Handle = Kysely<any>;

/** A row of zhili_cases. */
export interface CaseRow {
  id: string;
  workflow_id: string;
  resource: string;
  record_id: string;
  org_code: string;
  org_path: string;
  origin_path: string;
  state: string;
  version: number;
  assignee_id: string | null;
  assignee_name: string | null;
  opened_at: string;
  opened_by: string;
  updated_at: string;
  state_since: string;
  due_at: string | null;
  due_handled: number;
  overdue: number;
  escalations: number;
  closed_at: string | null;
  satisfaction: number | null;
}

/** What a history entry records: the case opened, an action taken (by a user, or by the system on expiry), an escalation, a notice of a lapse, or a lapse at the top of the tree. */

/** A row of zhili_case_events. */
export interface EventRow {
  case_id: string;
  seq: number;
  kind: CaseEventKind;
  action: string | null;
  from_state: string | null;
  to_state: string;
  from_org: string | null;
  to_org: string;
  actor_id: string;
  actor_name: string;
  at: string;
  data: string | null;
  comment: string | null;
  attachments: string | null;
  assignee_name: string | null;
  reason: string | null;
}

export function toCase(row: CaseRow, now: Date): Case {
  const dueAt = row.due_at;
  return {
    id: row.id,
    workflow: row.workflow_id,
    resource: row.resource,
    recordId: row.record_id,
    orgCode: row.org_code,
    orgPath: row.org_path,
    originPath: row.origin_path,
    state: row.state,
    version: Number(row.version),
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, username: row.assignee_name ?? '' },
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    updatedAt: row.updated_at,
    stateSince: row.state_since,
    dueAt,
    overdue: dueAt !== null && dueAt < now.toISOString(),
    everOverdue: Number(row.overdue) === 1 || (dueAt !== null && dueAt < now.toISOString()),
    escalations: Number(row.escalations),
    closedAt: row.closed_at,
    satisfaction: row.satisfaction === null ? null : Number(row.satisfaction),
  };
}

export function toEvent(row: EventRow): CaseEvent {
  return {
    seq: Number(row.seq),
    kind: row.kind,
    action: row.action,
    fromState: row.from_state,
    toState: row.to_state,
    fromOrg: row.from_org,
    toOrg: row.to_org,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    comment: row.comment,
    attachments: row.attachments === null ? [] : (JSON.parse(row.attachments) as Attachment[]),
    assignee: row.assignee_name,
    reason: row.reason === null ? null : (JSON.parse(row.reason) as BilingualText),
  };
}

export async function readCase(db: Handle, id: string, options: { forUpdate?: boolean } = {}): Promise<CaseRow | undefined> {
  let query = db.selectFrom(CASES_TABLE).selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as CaseRow | undefined;
}

/** Appends a history entry after the case's last one. */
export async function appendEvent(trx: Handle, event: Omit<EventRow, 'seq'>): Promise<void> {
  const last = await trx.selectFrom(EVENTS_TABLE).select((eb) => eb.fn.max('seq').as('seq')).where('case_id', '=', event.case_id).executeTakeFirst();
  const seq = Number((last as { seq?: unknown } | undefined)?.seq ?? 0) + 1;
  await trx.insertInto(EVENTS_TABLE).values({ ...event, seq }).execute();
}
