// The bodies of the case workflow API (/api/cases, /api/workflows/:id/…), shared by the engine and the admin.
import type { AdminWorkflow } from './admin-meta.ts';
import type { BilingualText } from './text.ts';

/** What an entry of a case's history records. */
export type CaseEventKind = 'open' | 'transition' | 'escalate' | 'notify' | 'expire';

/** An attachment reference: a file stored elsewhere. */
export interface Attachment {
  readonly name: string;
  readonly url: string;
}

/** A case (案卷) of a workflow, as the API returns it. */
export interface Case {
  readonly id: string;
  readonly workflow: string;
  /** The record the case is about. */
  readonly resource: string;
  readonly recordId: string;
  /** The org unit the case is at now (escalation moves it up). */
  readonly orgCode: string;
  readonly orgPath: string;
  /** The unit where the case was opened (the record's). */
  readonly originPath: string;
  readonly state: string;
  /** Concurrency token: a transition names it; a stale one is a 409. */
  readonly version: number;
  readonly assignee: { readonly id: string; readonly username: string } | null;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly updatedAt: string;
  /** When the case entered its state (or was last escalated). */
  readonly stateSince: string;
  /** When the current time limit runs out; null in a state without one. */
  readonly dueAt: string | null;
  /** Whether the current time limit has passed. */
  readonly overdue: boolean;
  /** Whether any time limit of the case ever passed. */
  readonly everOverdue: boolean;
  /** How many times the case was escalated. */
  readonly escalations: number;
  /** When it reached a final state. */
  readonly closedAt: string | null;
  /** The satisfaction score (满意度) given, if any. */
  readonly satisfaction: number | null;
}

/** One entry of a case's history. */
export interface CaseEvent {
  readonly seq: number;
  readonly kind: CaseEventKind;
  readonly action: string | null;
  readonly fromState: string | null;
  readonly toState: string;
  readonly fromOrg: string | null;
  readonly toOrg: string;
  readonly actorId: string;
  readonly actorName: string;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>> | null;
  readonly comment: string | null;
  readonly attachments: readonly Attachment[];
  readonly assignee: string | null;
  /** Why the system acted (escalation, notice, automatic move), in both languages. */
  readonly reason: BilingualText | null;
}

/** An entry of a case's history as GET /api/cases/:id/history answers it: the reason in the request's locale. */
export type CaseHistoryEntry = Omit<CaseEvent, 'reason'> & { readonly reason: string | null };

/** An action the actor may take on a case now (GET /api/cases/:id/actions): as the meta describes it, form included. */
export type CaseAction = AdminWorkflow['transitions'][number];

/** A user who may be named as the next handler of a case (GET /api/cases/:id/assignees?action=). */
export interface CaseAssignee {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  /** The user's roles that qualify, with where they are held. */
  readonly roles: readonly { readonly role: string; readonly orgCode: string; readonly orgName: string }[];
}

/** A page of GET /api/cases. */
export interface CasePage {
  readonly data: readonly Case[];
  readonly total: number;
}

/**
 * Figures of one org unit (its subtree, by where cases were opened) over a period: GET
 * /api/workflows/:id/metrics answers one per unit, the unit asked for, then each unit right below it.
 */
export interface CaseMetrics {
  readonly orgCode: string;
  readonly orgName: string;
  /** Cases opened in the period, by their state now. */
  readonly byState: Readonly<Record<string, number>>;
  readonly opened: number;
  /** Of those, how many reached a final state. */
  readonly closed: number;
  /** Closed cases that never passed a time limit, over closed cases; null when none closed. */
  readonly onTimeRate: number | null;
  /** Mean hours from opening to a final state over closed cases; null when none closed. */
  readonly meanHandlingHours: number | null;
  /** Mean satisfaction score over the cases evaluated; null when none was. */
  readonly satisfaction: number | null;
  readonly evaluated: number;
}
