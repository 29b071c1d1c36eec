import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { AdminMeta, AdminWorkflow, Attachment, Case, CaseAction, CaseAssignee, CaseHistoryEntry } from '@zhili/schemas';
import { permissionsFor } from '../meta/resources.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Within how long of its deadline a case counts as due soon. */
const SOON_MS = 24 * 3_600_000;

/** The actor id the engine acts under when the scheduler escalates, notifies or moves a case. */
const SYSTEM_ACTOR = 'system';

/** Whether the actor may report a new record with its case (上报): it holds a role that opens cases and may create the resource. */
export function mayReport(meta: AdminMeta, workflow: AdminWorkflow): boolean {
  return permissionsFor(meta, workflow.resource).create && meta.actor.assignments.some((a) => workflow.openRoles.includes(a.role));
}

/** Where a case stands against its time limit now. */
export type DueStatus = { readonly kind: 'none' } | { readonly kind: 'overdue' | 'soon' | 'due'; readonly at: string };

export function dueStatus(found: Pick<Case, 'dueAt' | 'overdue' | 'closedAt'>, now: Date): DueStatus {
  if (found.dueAt === null || found.closedAt !== null) return { kind: 'none' };
  const left = new Date(found.dueAt).getTime() - now.getTime();
  if (found.overdue || left < 0) return { kind: 'overdue', at: found.dueAt };
  return { kind: left <= SOON_MS ? 'soon' : 'due', at: found.dueAt };
}

/** What the action form holds: the action's own form under `data`, then who handles next, the comment and attachments. */
export interface ActionFormValues {
  readonly data?: Record<string, unknown>;
  readonly assignee?: string;
  readonly comment?: string;
  readonly attachments?: readonly Attachment[];
}

/**
 * One RJSF form for an action: its own form (under `data`, so the engine's field errors such as
 * `data.result` land on the field), the assignee when it names one (a choice of the candidates),
 * the comment unless it takes none, and attachments uploaded for the case's unit.
 */
export function actionFormSchema({
  action,
  org,
  candidates,
  roleTitle,
  t,
}: {
  action: CaseAction;
  /** The case's unit: attachments are uploaded for it. */
  org: string;
  candidates: readonly CaseAssignee[];
  roleTitle: (role: string) => string;
  t: Translate;
}): { readonly schema: RJSFSchema; readonly uiSchema: UiSchema } {
  const properties: Record<string, RJSFSchema> = {};
  const uiSchema: UiSchema = {};
  const required: string[] = [];
  if (action.assign) {
    required.push('assignee');
    properties['assignee'] = {
      type: 'string',
      title: t('cases.assignee'),
      ...(candidates.length
        ? {
            oneOf: candidates.map((c) => ({
              const: c.username,
              title: `${c.displayName}（${c.roles.map((r) => `${roleTitle(r.role)} · ${r.orgName}`).join('；')}）`,
            })),
          }
        : {}),
    };
    uiSchema['assignee'] = candidates.length ? {} : { 'ui:placeholder': t('cases.noCandidates') };
  }
  if (action.form !== null) {
    required.push('data');
    properties['data'] = { ...(action.form as RJSFSchema), title: '' };
    uiSchema['data'] = (action.uiSchema ?? {}) as UiSchema;
  }
  if (action.comment !== 'none') {
    if (action.comment === 'required') required.push('comment');
    properties['comment'] = { type: 'string', title: t('cases.comment'), maxLength: 2000, ...(action.comment === 'required' ? { minLength: 1 } : {}) };
    uiSchema['comment'] = { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } };
  }
  // Uploaded through the attachments field for the case's unit; the engine says when a required one is missing.
  if (action.attachmentRequired) required.push('attachments');
  uiSchema['attachments'] = { 'ui:field': 'attachments', 'ui:options': { org } };
  properties['attachments'] = {
    type: 'array',
    title: t('cases.attachments'),
    maxItems: 20,
    items: {
      type: 'object',
      required: ['name', 'url'],
      properties: { name: { type: 'string', title: t('cases.attachmentName'), minLength: 1 }, url: { type: 'string', title: t('cases.attachmentUrl'), minLength: 1 } },
    },
  };
  return { schema: { type: 'object', required, properties }, uiSchema: { ...uiSchema, 'ui:order': ['assignee', 'data', 'comment', 'attachments'].filter((k) => k in properties) } };
}

/** The body of POST /api/cases/:id/transitions from the action form's values: empty parts left out. */
export function transitionBody(action: CaseAction, version: number, values: ActionFormValues): Record<string, unknown> {
  const comment = values.comment?.trim() ?? '';
  const attachments = values.attachments ?? [];
  return {
    action: action.id,
    version,
    ...(action.form !== null ? { data: values.data ?? {} } : {}),
    ...(action.assign ? { assignee: values.assignee ?? '' } : {}),
    ...(comment !== '' ? { comment } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
}

/** One entry of the case's timeline, ready to render. */
export interface TimelineEntry {
  readonly key: number;
  readonly color: 'blue' | 'green' | 'red' | 'orange' | 'gray';
  readonly title: string;
  readonly at: string;
  /** Who acted: the user's name, or the system. */
  readonly actor: string;
  /** Why the system acted, who was assigned, the comment. */
  readonly notes: readonly string[];
  /** The action form's data, by field title. */
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly attachments: readonly Attachment[];
}

/** A form value as text: lists joined, yes/no for booleans, nothing for empty values. */
function valueText(value: unknown, t: Translate): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => valueText(v, t)).join('、');
  if (typeof value === 'boolean') return t(value ? 'cases.yes' : 'cases.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The case's history as timeline entries, oldest first: what happened, who did it, why, with the data, comment and attachments. */
export function timelineEntries({
  workflow,
  history,
  unitName,
  t,
}: {
  workflow: AdminWorkflow;
  history: readonly CaseHistoryEntry[];
  unitName: (code: string) => string;
  t: Translate;
}): TimelineEntry[] {
  const stateTitle = (id: string) => workflow.states.find((s) => s.id === id)?.title ?? id;
  const isFinal = (id: string) => workflow.states.find((s) => s.id === id)?.final === true;
  return history.map((entry) => {
    const transition = entry.action === null ? undefined : workflow.transitions.find((tr) => tr.id === entry.action);
    const formTitles = (transition?.form?.properties ?? {}) as Record<string, { title?: string }>;
    let title: string;
    let color: TimelineEntry['color'];
    switch (entry.kind) {
      case 'open':
        title = t('cases.history.open', { state: stateTitle(entry.toState) });
        color = 'blue';
        break;
      case 'transition':
        // An action named like the stage it leads to (任务分配 → 任务分配) is said once.
        title =
          transition?.title === stateTitle(entry.toState)
            ? transition.title
            : t('cases.history.transition', { action: transition?.title ?? entry.action ?? '', state: stateTitle(entry.toState) });
        color = isFinal(entry.toState) ? 'green' : 'blue';
        break;
      case 'escalate':
        title = t('cases.history.escalate', { from: unitName(entry.fromOrg ?? ''), to: unitName(entry.toOrg) });
        color = 'red';
        break;
      case 'notify':
        title = t('cases.history.notify');
        color = 'orange';
        break;
      case 'expire':
        title = t('cases.history.expire');
        color = 'red';
        break;
    }
    const notes = [
      ...(entry.reason !== null ? [entry.reason] : []),
      ...(entry.assignee !== null ? [t('cases.history.assigned', { name: entry.assignee })] : []),
      ...(entry.comment !== null ? [t('cases.history.comment', { comment: entry.comment })] : []),
    ];
    const fields = Object.entries(entry.data ?? {})
      .map(([key, value]) => ({ label: formTitles[key]?.title ?? key, value: valueText(value, t) }))
      .filter((f) => f.value !== '');
    return {
      key: entry.seq,
      color,
      title,
      at: entry.at,
      actor: entry.actorId === SYSTEM_ACTOR ? t('cases.system') : entry.actorName,
      notes,
      fields,
      attachments: entry.attachments,
    };
  });
}

/** GET /api/cases paths: one column of the board, or the actor's to-do and assigned lists. */
export function casesPath(query: {
  readonly workflow?: string;
  readonly state?: string;
  readonly org?: string | null;
  readonly overdue?: boolean;
  readonly actionable?: boolean;
  readonly assignee?: 'me';
  readonly closed?: boolean;
  readonly record?: string;
  readonly page?: number;
  readonly pageSize: number;
}): string {
  const params = new URLSearchParams();
  if (query.workflow !== undefined) params.set('workflow', query.workflow);
  if (query.state !== undefined) params.set('state', query.state);
  if (query.org !== undefined && query.org !== null) params.set('org', query.org);
  if (query.overdue === true) params.set('overdue', 'true');
  if (query.actionable !== undefined) params.set('actionable', String(query.actionable));
  if (query.assignee !== undefined) params.set('assignee', query.assignee);
  if (query.closed !== undefined) params.set('closed', String(query.closed));
  if (query.record !== undefined) params.set('record', query.record);
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  params.set('pageSize', String(query.pageSize));
  return `/cases?${params.toString()}`;
}

/** The dates a month (2026-11) or a year (2026) runs over, as ?from= (inclusive) and ?to= (exclusive) of the metrics. */
export function periodRange(period: { readonly kind: 'year' | 'month'; readonly value: string }): { readonly from: string; readonly to: string } {
  if (period.kind === 'year') return { from: `${period.value}-01-01`, to: `${Number(period.value) + 1}-01-01` };
  const [year, month] = period.value.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { from: `${period.value}-01`, to: `${next}-01` };
}
