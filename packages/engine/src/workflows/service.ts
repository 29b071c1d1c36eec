import { createAjv, resolveText, toBilingualFieldErrors } from '@zhili/schemas';
import type { AjvExtensions } from '@zhili/schemas';
import type { Ajv2020, Attachment, BilingualText, Case, CaseAssignee, CaseEvent, CaseMetrics, Text } from '@zhili/schemas';
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../actor/actor.ts';
import { allows, grantsFor, SYSTEM_ACTOR } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { Problems, asObject } from '../checklists/items.ts';
import { isUniqueViolation } from '../checklists/store.ts';
import { errors } from '../errors/engine-error.ts';
import { isUuid, uuidv7 } from '../ids/uuid.ts';
import type { CompiledModel, CompiledTransition, CompiledWorkflow, CompiledWorkflowState } from '../model/types.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import type { ResourceService } from '../resources/service.ts';
import { compileItemValidator } from '../package/checklist-check.ts';
import { codeOfPath } from '../resources/service.ts';
import { grantsPredicate, subtreePredicate } from '../resources/sql.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { toDbValue } from '../storage/values.ts';
import { mayAct, relates } from './access.ts';
import { appendEvent, CASES_AUDIT_RESOURCE, CASES_TABLE, type CaseRow, EVENTS_TABLE, type EventRow, type Handle, readCase, toCase, toEvent } from './store.ts';
import { deadline } from './time.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Filters of GET /api/cases. */
export interface CaseQuery {
  readonly workflow?: string;
  readonly state?: string;
  /** A user id, or "me" for the actor. */
  readonly assignee?: string;
  /** Only cases at this unit or below it. */
  readonly org?: string;
  /** Only cases whose current time limit has passed. */
  readonly overdue?: boolean;
  /** Only cases in a state the actor may act on now (待我处理): a transition from it that the actor's roles and units allow. */
  readonly actionable?: boolean;
  /** Only cases in a final state (true) or not (false). */
  readonly closed?: boolean;
  /** Only the cases of this record (its id). */
  readonly record?: string;
  readonly page: number;
  readonly pageSize: number;
}

/** What one run of the scheduler did. */
export interface EscalationReport {
  /** Cases moved up to the parent unit. */
  readonly escalated: readonly string[];
  /** Cases whose lapse was recorded as a notice. */
  readonly notified: readonly string[];
  /** Cases moved on by their expiry transition. */
  readonly moved: readonly string[];
  /** Cases past their limit at the top of the tree, with nowhere to go. */
  readonly atTop: readonly string[];
}

/**
 * Case workflows (事件闭环): cases over records, moved by transitions that are checked (the role
 * held and where, relative to the case's unit; the form; comment and attachments) and taken in one
 * transaction with an optimistic version check, every step written to the case's history and to
 * the audit log. A case is visible to whoever may read the workflow's resource at the unit the case
 * is at or at the unit it was opened at.
 */
export interface WorkflowService {
  /**
   * Opens a case on a record: { record, comment? } → 201, `record` being the id of an existing record
   * or the fields (with orgCode) of a new one, created in the same transaction (上报: report and open
   * at once; its field errors are keyed by its fields). CONFLICT when the record has a case of the workflow already.
   */
  open(ctx: { readonly actor: Actor }, workflow: string, input: unknown): Promise<Case>;
  /** The cases the actor may see, newest change first, with the total. */
  list(ctx: { readonly actor: Actor }, query: CaseQuery): Promise<{ readonly data: readonly Case[]; readonly total: number }>;
  get(ctx: { readonly actor: Actor }, id: string): Promise<Case>;
  /** The transitions the actor may take on the case in its state now. */
  actions(ctx: { readonly actor: Actor }, id: string): Promise<readonly CompiledTransition[]>;
  /** Who may be named as the assignee of `action` on the case (at most MAX_ASSIGNEES, by username). */
  assignees(ctx: { readonly actor: Actor }, id: string, action: string): Promise<readonly CaseAssignee[]>;
  /** { action, version, data?, comment?, attachments?, assignee? }: takes the action. */
  transition(ctx: { readonly actor: Actor }, id: string, input: unknown): Promise<Case>;
  /** The case's history, oldest first. */
  history(ctx: { readonly actor: Actor }, id: string): Promise<readonly CaseEvent[]>;
  /** Figures per unit: `org` (default: the top of what the actor may read) and each of its children, for cases opened in [from, to). */
  metrics(ctx: { readonly actor: Actor }, workflow: string, query: { readonly org?: string; readonly from?: string; readonly to?: string }): Promise<readonly CaseMetrics[]>;
  /**
   * Acts on every case whose time limit has passed by `now`: escalates it to the parent unit,
   * records a notice, or takes its expiry transition, as its state says — each case once, however
   * many engines run this at the same time on one database.
   */
  escalateOverdue(now?: Date): Promise<EscalationReport>;
  /**
   * In process, for an engine service that checked the actor itself (council proposals): opens a
   * case on a record of an engine table at a unit, inside the caller's transaction.
   */
  openWithin(trx: Handle, input: { readonly actor: Actor; readonly workflow: string; readonly resource: string; readonly recordId: string; readonly orgCode: string; readonly comment?: string | null }): Promise<Case>;
  /**
   * In process: takes a transition on a case inside the caller's transaction, engine-only ones
   * (no roles) included, with no role check — the caller decided it (a recorded vote). The case
   * must be in one of the transition's from states (and at `version`, when given: else 409); data
   * and comment are checked as usual.
   */
  takeWithin(trx: Handle, input: { readonly actor: Actor; readonly caseId: string; readonly action: string; readonly version?: number; readonly data?: Record<string, unknown>; readonly comment?: string | null; readonly reason?: BilingualText }): Promise<Case>;
}

export interface WorkflowServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  /** Writes a new record inside the case's transaction. */
  readonly records: Pick<ResourceService, 'createWithin'>;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
  /** Runs in the transaction of every transition taken (by a user or on expiry), after its history entry: e.g. points awarded for a closed case. */
  readonly onTransition?: TransitionListener;
  /** Runs in the transaction of a transition a user takes (not one taken on expiry or by a council's vote), before it is written: a throw refuses it. */
  readonly beforeTransition?: TransitionListener;
  /** The package's plugins' formats and keywords, for validating records and forms. @default none */
  readonly ajv?: AjvExtensions;
}

/** A transition taken: by whom, of which case and record, between which states, with the data of its form (empty when taken on expiry). */
export interface TransitionEvent {
  /** Who took it: a user, or the system for a transition taken on expiry. */
  readonly actor: Actor;
  /** The workflow's id. */
  readonly workflow: string;
  /** The transition's id (its action). */
  readonly transition: string;
  /** The case's id. */
  readonly caseId: string;
  /** The resource of the record the case is about. */
  readonly resource: string;
  /** The id of the record the case is about. */
  readonly recordId: string;
  /** The state it leaves. */
  readonly from: string;
  /** The state it reaches. */
  readonly to: string;
  /** The data of the transition's form (empty when it has none, or is taken on expiry). */
  readonly data: Readonly<Record<string, unknown>>;
  /** When it is taken (ISO 8601, the engine's clock). */
  readonly at: string;
}

/** The event of a transition of a case (a row about to leave its state). */
function transitionEvent(args: { actor: Actor; row: CaseRow; workflow: CompiledWorkflow; transition: CompiledTransition; data: Readonly<Record<string, unknown>>; at: string }): TransitionEvent {
  const { actor, row, workflow, transition, data, at } = args;
  return { actor, workflow: workflow.id, transition: transition.id, caseId: row.id, resource: row.resource, recordId: row.record_id, from: row.state, to: transition.to, data, at };
}

/** What a listener of transitions is told; it may write in the transaction it is given, and a throw refuses the transition. */
export type TransitionListener = (trx: Handle, event: TransitionEvent) => Promise<void>;

/** Cases handled per scheduler transaction. */
const ESCALATION_BATCH = 100;
const MAX_COMMENT = 2000;
// Kysely<any> as in store.ts: the engine's tables have no static type map.
type CaseExpressions = ExpressionBuilder<any, typeof CASES_TABLE>;

/** Candidates listed for an assignment; a unit with more names them by search elsewhere. */
const MAX_ASSIGNEES = 500;

/** A user's role at a unit, as read for assignment. */
interface HeldRole {
  readonly user_id: string;
  readonly username: string;
  readonly display_name: string;
  readonly role: string;
  readonly org_code: string;
  readonly path: string;
  readonly level: string;
}

export function createWorkflowService(options: WorkflowServiceOptions): WorkflowService {
  const { db, model, org, audit, records } = options;
  const clock = options.now ?? (() => new Date());
  const ajv: Ajv2020 = createAjv({}, options.ajv);
  const validators = new Map<string, ReturnType<Ajv2020['compile']>>();

  const workflowOf = (id: string): CompiledWorkflow => {
    const workflow = Object.hasOwn(model.workflows, id) ? model.workflows[id] : undefined;
    if (!workflow) throw errors.notFound(bi(`没有名为“${id}”的流程`, `There is no workflow "${id}"`));
    return workflow;
  };
  const stateOf = (workflow: CompiledWorkflow, id: string): CompiledWorkflowState | undefined => workflow.states.find((s) => s.id === id);
  const text = (value: Text) => ({ zh: resolveText(value, 'zh-CN'), en: resolveText(value, 'en') });

  /** Whether the actor may see the case: a read grant on the workflow's resource at its unit now or where it was opened. */
  const visible = (actor: Actor, row: CaseRow): boolean =>
    allows(actor, row.resource, 'read', row.org_path) || allows(actor, row.resource, 'read', row.origin_path);

  const notFound = (id: string) => errors.notFound(bi(`没有编号为 ${id} 的案卷`, `There is no case ${id}`));

  const readVisible = async (handle: Handle, actor: Actor, id: string, forUpdate = false): Promise<CaseRow> => {
    const row = isUuid(id) ? await readCase(handle, id, { forUpdate: forUpdate && db.dialect === 'postgres' }) : undefined;
    if (!row || !visible(actor, row)) throw notFound(id);
    return row;
  };

  const unitOf = (code: string): OrgUnitRecord => {
    const unit = org.byCode(code);
    if (!unit) throw errors.notFound(bi(`没有代码为 ${code} 的组织单元`, `There is no org unit ${code}`));
    return unit;
  };

  const validatorFor = (workflow: CompiledWorkflow, transition: CompiledTransition) => {
    const key = `${workflow.id}/${transition.id}`;
    let validate = validators.get(key);
    if (!validate) {
      // The package was checked at load time with the same formats and keywords, so a form compiles; one that does not is a bug, not bad input.
      validate = transition.form ? (compileItemValidator(transition.form, ajv) ?? undefined) : ajv.compile({ type: 'object', additionalProperties: false });
      if (!validate) throw new Error(`the form of ${workflow.id}.${transition.id} does not compile with the engine's formats and keywords`);
      validators.set(key, validate);
    }
    return validate;
  };

  const dueAfter = (state: CompiledWorkflowState | undefined, from: Date): string | null =>
    state?.timeLimit ? deadline(from, state.timeLimit, model.calendar).toISOString() : null;

  /** The changes a move to `to` makes to a case row (state, clock, closing). */
  const moveTo = (workflow: CompiledWorkflow, row: CaseRow, to: string, at: Date) => {
    const target = stateOf(workflow, to);
    const iso = at.toISOString();
    // An action that leaves the case in its state (a note, a supervisor's observation) keeps the stage's clock running.
    if (to === row.state) return { state: to, version: Number(row.version) + 1, updated_at: iso, state_since: row.state_since, due_at: row.due_at, due_handled: Number(row.due_handled), overdue: Number(row.overdue), closed_at: row.closed_at };
    return {
      state: to,
      version: Number(row.version) + 1,
      updated_at: iso,
      state_since: iso,
      due_at: dueAfter(target, at),
      due_handled: 0,
      overdue: Number(row.overdue) === 1 || (row.due_at !== null && row.due_at < iso) ? 1 : 0,
      closed_at: target?.final ? iso : null,
    };
  };

  /** The paths of a unit and its ancestors: '/a/b/' gives '/a/' and '/a/b/'. */
  const pathsUp = (path: string): string[] => {
    const codes = path.split('/').filter(Boolean);
    return codes.map((_, i) => `/${codes.slice(0, i + 1).join('/')}/`);
  };

  /** The transitions out of a state. */
  const outOf = (workflow: CompiledWorkflow, state: string) => workflow.transitions.filter((t) => t.from.includes(state));

  /**
   * Active users' roles that can take an action out of `state` on a case at `casePath` (one user's
   * only, given `username`): the role is the transition's, held at a unit in its relation to the case
   * and on its level. Reads at most MAX_ASSIGNEES × 4 role rows, nearest units' users first.
   */
  const qualifiedRoles = async ({ handle, workflow, state, casePath, username }: { handle: Handle; workflow: CompiledWorkflow; state: string; casePath: string; username?: string }) => {
    const next = outOf(workflow, state);
    const roles = [...new Set(next.flatMap((t) => t.roles))];
    if (roles.length === 0) return [];
    const below = next.some((t) => t.jurisdiction.unit === 'case-or-below' || t.jurisdiction.unit === 'branch');
    let select = handle
      .selectFrom('zhili_user_roles as r')
      .innerJoin('zhili_users as u', 'u.id', 'r.user_id')
      .innerJoin('zhili_org_units as o', 'o.code', 'r.org_code')
      .select(['u.id as user_id', 'u.username', 'u.display_name', 'r.role', 'r.org_code', 'o.path', 'o.level'])
      .where('r.role', 'in', roles)
      .where('u.disabled', '=', toDbValue('boolean', false, db.dialect))
      .where((eb) => eb.or([eb('o.path', 'in', pathsUp(casePath)), ...(below ? [subtreePredicate(casePath, { leaf: false, column: 'o.path' })] : [])]));
    if (username !== undefined) select = select.where('u.username', '=', username);
    const rows = (await select.orderBy('o.depth').orderBy('u.username').orderBy('r.role').limit(MAX_ASSIGNEES * 4).execute()) as HeldRole[];
    return rows.filter((held) =>
      next.some(
        (t) => t.roles.includes(held.role) && relates(held.path, casePath, t.jurisdiction.unit) && (t.jurisdiction.level === null || t.jurisdiction.level === held.level),
      ),
    );
  };

  /** The case's org_path in the jurisdiction's relation to a unit at `unitPath` (the SQL form of relates()). */
  const relatesSql = (eb: CaseExpressions, unitPath: string, unit: CompiledTransition['jurisdiction']['unit']): Expression<SqlBool> => {
    const below = () => subtreePredicate(unitPath, { leaf: false });
    const atOrAbove = () => eb('org_path', 'in', pathsUp(unitPath));
    switch (unit) {
      case 'case':
        return eb('org_path', '=', unitPath);
      case 'above':
        return eb.and([below(), eb('org_path', '!=', unitPath)]);
      case 'case-or-above':
        return below();
      case 'case-or-below':
        return atOrAbove();
      case 'branch':
        return eb.or([below(), atOrAbove()]);
    }
  };

  /** The cases of `workflows` the actor may act on now: in a transition's source state, at a unit the actor's roles reach for it. */
  const actionableSql = (eb: CaseExpressions, actor: Actor, workflows: readonly CompiledWorkflow[]): Expression<SqlBool> => {
    const conditions = workflows.flatMap((workflow) =>
      workflow.transitions.flatMap((t) => {
        const base = [eb('workflow_id', '=', workflow.id), eb('state', 'in', [...t.from])];
        if (actor.kind !== 'user') return [eb.and(base)];
        const places = actor.assignments.filter((a) => t.roles.includes(a.role) && (t.jurisdiction.level === null || org.byCode(a.orgCode)?.level === t.jurisdiction.level));
        return places.length ? [eb.and([...base, eb.or(places.map((a) => relatesSql(eb, a.orgPath, t.jurisdiction.unit)))])] : [];
      }),
    );
    return conditions.length ? eb.or(conditions) : sql<SqlBool>`1 = 0`;
  };

  /** Parses and checks a transition request against the transition; problems are a 400. */
  const checkInput = async ({ trx, workflow, transition, body, casePath }: { trx: Handle; workflow: CompiledWorkflow; transition: CompiledTransition; body: Record<string, unknown>; casePath: string }) => {
    const problems = new Problems();
    const data = body['data'] ?? {};
    const comment = body['comment'] ?? null;
    const attachments = body['attachments'] ?? [];
    const assignee = body['assignee'] ?? null;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) problems.add('data', bi('表单数据必须是 JSON 对象', 'the form data must be a JSON object'));
    else {
      const validate = validatorFor(workflow, transition);
      if (!validate(data)) {
        for (const [path, messages] of Object.entries(toBilingualFieldErrors(validate.errors ?? []))) {
          for (const message of messages) problems.add(path === '$' ? 'data' : `data.${path}`, message);
        }
      }
    }
    if (comment !== null && (typeof comment !== 'string' || comment.length > MAX_COMMENT)) {
      problems.add('comment', bi(`意见必须是不超过 ${MAX_COMMENT} 字的文本`, `the comment must be text of at most ${MAX_COMMENT} characters`));
    } else if (transition.comment === 'required' && (comment === null || (comment as string).trim() === '')) {
      problems.add('comment', bi(`“${text(transition.title).zh}”必须填写意见`, `"${text(transition.title).en}" needs a comment`));
    } else if (transition.comment === 'none' && comment !== null) {
      problems.add('comment', bi(`“${text(transition.title).zh}”不接受意见`, `"${text(transition.title).en}" takes no comment`));
    }
    const validAttachment = (a: unknown): a is Attachment =>
      typeof a === 'object' && a !== null && typeof (a as Attachment).name === 'string' && typeof (a as Attachment).url === 'string' && (a as Attachment).name !== '' && (a as Attachment).url !== '';
    if (!Array.isArray(attachments) || !attachments.every(validAttachment) || attachments.length > 20) {
      problems.add('attachments', bi('附件必须是 { name, url } 的列表（最多 20 个）', 'attachments must be a list of { name, url } (at most 20)'));
    } else if (transition.attachmentRequired && attachments.length === 0) {
      problems.add('attachments', bi(`“${text(transition.title).zh}”至少需要一个附件（如现场照片）`, `"${text(transition.title).en}" needs at least one attachment (a photo of the spot, say)`));
    }
    let assigneeUser: { id: string; username: string } | null = null;
    if (transition.assign) {
      if (typeof assignee !== 'string' || assignee === '') {
        problems.add('assignee', bi(`“${text(transition.title).zh}”必须指定承办人（用户名）`, `"${text(transition.title).en}" needs an assignee (a username)`));
      } else {
        const user = (await trx.selectFrom('zhili_users').select(['id', 'username']).where('username', '=', assignee).where('disabled', '=', toDbValue('boolean', false, db.dialect)).executeTakeFirst()) as
          | { id: string; username: string }
          | undefined;
        if (!user) problems.add('assignee', bi(`没有用户名为 ${assignee} 的在用用户`, `there is no active user ${assignee}`));
        else if (outOf(workflow, transition.to).length && !(await qualifiedRoles({ handle: trx, workflow, state: transition.to, casePath, username: assignee })).length) {
          const next = stateOf(workflow, transition.to);
          const st = next ? text(next.title) : { zh: transition.to, en: transition.to };
          problems.add('assignee', bi(`${assignee} 在本案卷所在单位没有可办理“${st.zh}”阶段的角色`, `${assignee} holds no role that can act on this case at the stage "${st.en}"`));
        } else assigneeUser = user;
      }
    } else if (assignee !== null) {
      problems.add('assignee', bi(`“${text(transition.title).zh}”不指定承办人`, `"${text(transition.title).en}" does not name an assignee`));
    }
    problems.throwIfAny();
    return {
      data: data as Record<string, unknown>,
      comment: comment === null ? null : (comment as string).trim(),
      attachments: attachments as Attachment[],
      assignee: assigneeUser,
    };
  };

  type CheckedInput = Awaited<ReturnType<typeof checkInput>>;

  const scopeConditions = (actor: Actor, workflows: readonly CompiledWorkflow[]) =>
    workflows.flatMap((workflow) => {
      const grants = grantsFor(actor, workflow.resource, 'read');
      return grants.length ? [{ workflow, grants }] : [];
    });

  const recordAudit = (trx: Handle, actor: Actor, row: Pick<CaseRow, 'id' | 'org_path'>, detail: Record<string, unknown>, action: 'create' | 'update' = 'update') =>
    audit.append(trx, { actor, action, resource: CASES_AUDIT_RESOURCE, recordId: row.id, orgPath: row.org_path, detail });

  /** Inserts a new case at the unit in the workflow's initial state, with its first history entry and audit row. */
  const insertCase = async (
    trx: Handle,
    { workflow, resource, recordId, unit, actor, comment, now }: { workflow: CompiledWorkflow; resource: string; recordId: string; unit: OrgUnitRecord; actor: Actor; comment: string | null; now: Date },
  ): Promise<CaseRow> => {
    const iso = now.toISOString();
    const row: CaseRow = {
      id: uuidv7(),
      workflow_id: workflow.id,
      resource,
      record_id: recordId,
      org_code: unit.code,
      org_path: unit.path,
      origin_path: unit.path,
      state: workflow.initial,
      version: 1,
      assignee_id: null,
      assignee_name: null,
      opened_at: iso,
      opened_by: actor.id,
      updated_at: iso,
      state_since: iso,
      due_at: dueAfter(stateOf(workflow, workflow.initial), now),
      due_handled: 0,
      overdue: 0,
      escalations: 0,
      closed_at: null,
      satisfaction: null,
    };
    try {
      await trx.insertInto(CASES_TABLE).values(row).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw errors.conflict(bi(`该记录已有“${text(workflow.title).zh}”案卷`, `The record has a "${text(workflow.title).en}" case already`));
    }
    await appendEvent(trx, {
      case_id: row.id,
      kind: 'open',
      action: null,
      from_state: null,
      to_state: row.state,
      from_org: null,
      to_org: unit.code,
      actor_id: actor.id,
      actor_name: actor.username,
      at: iso,
      data: null,
      comment,
      attachments: null,
      assignee_name: null,
      reason: null,
    });
    await recordAudit(trx, actor, row, { op: 'open', workflow: workflow.id, record: recordId, state: row.state }, 'create');
    return row;
  };

  /** Moves a case by a transition whose checks passed, with its history entry and audit row; a stale version is a 409. */
  const applyTransition = async (
    trx: Handle,
    { row, workflow, transition, actor, checked, now, reason }: { row: CaseRow; workflow: CompiledWorkflow; transition: CompiledTransition; actor: Actor; checked: CheckedInput; now: Date; reason?: BilingualText },
  ): Promise<Case> => {
    const iso = now.toISOString();
    const changed = {
      ...moveTo(workflow, row, transition.to, now),
      ...(checked.assignee ? { assignee_id: checked.assignee.id, assignee_name: checked.assignee.username } : {}),
      ...(workflow.evaluation?.transition === transition.id ? { satisfaction: checked.data[workflow.evaluation.field] as number } : {}),
    };
    const result = await trx.updateTable(CASES_TABLE).set(changed).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw errors.conflict(bi('案卷已被他人处理，请刷新后重试', 'The case was changed by someone else; reload it and try again'));
    }
    await appendEvent(trx, {
      case_id: row.id,
      kind: 'transition',
      action: transition.id,
      from_state: row.state,
      to_state: transition.to,
      from_org: row.org_code,
      to_org: row.org_code,
      actor_id: actor.id,
      actor_name: actor.username,
      at: iso,
      data: Object.keys(checked.data).length ? JSON.stringify(checked.data) : null,
      comment: checked.comment,
      attachments: checked.attachments.length ? JSON.stringify(checked.attachments) : null,
      assignee_name: checked.assignee?.username ?? null,
      reason: reason ? JSON.stringify(reason) : null,
    });
    await recordAudit(trx, actor, row, { op: 'transition', workflow: workflow.id, action: transition.id, from: row.state, to: transition.to });
    await options.onTransition?.(trx, transitionEvent({ actor, row, workflow, transition, data: checked.data, at: iso }));
    return toCase({ ...row, ...changed }, now);
  };

  /** Acts on one lapsed case inside the scheduler's transaction; does nothing when someone changed it since it was read. */
  const expire = async (trx: Handle, row: CaseRow, now: Date, report: { escalated: string[]; notified: string[]; moved: string[]; atTop: string[] }): Promise<void> => {
    const workflow = Object.hasOwn(model.workflows, row.workflow_id) ? model.workflows[row.workflow_id] : undefined;
    const state = workflow ? stateOf(workflow, row.state) : undefined;
    const iso = now.toISOString();
    // Only if no one changed the case since it was read: the scheduler of another engine, or a user's action.
    const guard = (changes: Record<string, unknown>) =>
      trx
        .updateTable(CASES_TABLE)
        .set(changes)
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .where('due_handled', '=', 0)
        .where('due_at', '=', row.due_at);
    const base = { case_id: row.id, actor_id: SYSTEM_ACTOR.id, actor_name: SYSTEM_ACTOR.username, at: iso, data: null, comment: null, attachments: null, assignee_name: null };
    if (!workflow || !state?.timeLimit || !state.onExpiry) {
      // The state no longer has a time limit (the config changed): nothing to act on.
      await guard({ due_handled: 1 }).execute();
      return;
    }
    const st = text(state.title);
    const limit = state.timeLimit.duration + (state.timeLimit.calendar === 'working' ? '（工作日）' : '');
    const limitEn = state.timeLimit.duration + (state.timeLimit.calendar === 'working' ? ' (working days)' : '');
    const lapse = bi(`在“${st.zh}”阶段超过办理时限 ${limit}（应于 ${row.due_at} 前办理）`, `past the time limit ${limitEn} of the stage "${st.en}" (due by ${row.due_at})`);
    const action = state.onExpiry.action;
    if (action === 'escalate') {
      const unit = org.byCode(row.org_code);
      const parent = unit?.parentCode ? org.byCode(unit.parentCode) : undefined;
      if (!unit || !parent) {
        const result = await guard({ due_handled: 1, overdue: 1 }).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return;
        const reason = bi(`${lapse['zh-CN']}；已在最高一级单位，无法再上报`, `${lapse.en}; at the top of the tree already, it cannot go up`);
        await appendEvent(trx, { ...base, kind: 'expire', action: null, from_state: row.state, to_state: row.state, from_org: row.org_code, to_org: row.org_code, reason: JSON.stringify(reason) });
        report.atTop.push(row.id);
        return;
      }
      const changed = {
        org_code: parent.code,
        org_path: parent.path,
        version: Number(row.version) + 1,
        updated_at: iso,
        state_since: iso,
        due_at: dueAfter(state, now),
        overdue: 1,
        escalations: Number(row.escalations) + 1,
      };
      const result = await guard(changed).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
      const reason = bi(`${lapse['zh-CN']}，由${unit.name}上报至${parent.name}`, `${lapse.en}: escalated from ${unit.name} to ${parent.name}`);
      await appendEvent(trx, { ...base, kind: 'escalate', action: null, from_state: row.state, to_state: row.state, from_org: unit.code, to_org: parent.code, reason: JSON.stringify(reason) });
      await recordAudit(trx, SYSTEM_ACTOR, { id: row.id, org_path: parent.path }, { op: 'escalate', workflow: workflow.id, from: unit.code, to: parent.code, state: row.state });
      report.escalated.push(row.id);
    } else if (action === 'notify') {
      const result = await guard({ due_handled: 1, overdue: 1 }).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
      const reason = bi(`${lapse['zh-CN']}，已提醒${row.assignee_name ? `承办人 ${row.assignee_name} 和` : ''}所在单位`, `${lapse.en}: ${row.assignee_name ? `the assignee ${row.assignee_name} and ` : ''}the unit were notified`);
      await appendEvent(trx, { ...base, kind: 'notify', action: null, from_state: row.state, to_state: row.state, from_org: row.org_code, to_org: row.org_code, reason: JSON.stringify(reason) });
      report.notified.push(row.id);
    } else {
      const transition = workflow.transitions.find((t) => t.id === state.onExpiry?.transition);
      if (!transition) return;
      const changed = { ...moveTo(workflow, { ...row, overdue: 1 }, transition.to, now), overdue: 1 };
      const result = await guard(changed).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
      const tt = text(transition.title);
      const reason = bi(`${lapse['zh-CN']}，系统自动执行“${tt.zh}”`, `${lapse.en}: the system took the action "${tt.en}"`);
      await appendEvent(trx, { ...base, kind: 'transition', action: transition.id, from_state: row.state, to_state: transition.to, from_org: row.org_code, to_org: row.org_code, reason: JSON.stringify(reason) });
      await recordAudit(trx, SYSTEM_ACTOR, row, { op: 'transition', workflow: workflow.id, action: transition.id, from: row.state, to: transition.to, automatic: true });
      await options.onTransition?.(trx, transitionEvent({ actor: SYSTEM_ACTOR, row, workflow, transition, data: {}, at: iso }));
      report.moved.push(row.id);
    }
  };

  return {
    async open(ctx, workflowId, input) {
      const workflow = workflowOf(workflowId);
      const body = asObject(input);
      const problems = new Problems();
      const given = body['record'];
      const comment = body['comment'] ?? null;
      const fresh = typeof given === 'object' && given !== null && !Array.isArray(given) ? (given as Record<string, unknown>) : null;
      if (fresh === null && (typeof given !== 'string' || !isUuid(given))) {
        problems.add('record', bi('必须给出记录编号（UUID）或新记录的字段', 'the id (a UUID) of a record, or the fields of a new one, is required'));
      }
      if (comment !== null && (typeof comment !== 'string' || comment.length > MAX_COMMENT)) {
        problems.add('comment', bi(`意见必须是不超过 ${MAX_COMMENT} 字的文本`, `the comment must be text of at most ${MAX_COMMENT} characters`));
      }
      for (const key of Object.keys(body)) if (!['record', 'comment'].includes(key)) problems.add(key, bi(`未知的字段 ${key}`, `unknown field ${key}`));
      problems.throwIfAny();
      const resource = model.resources[workflow.resource];
      if (!resource) {
        throw errors.badRequest(bi(`“${text(workflow.title).zh}”的案卷由其自身的接口发起（如议事程序的议案）`, `Cases of "${text(workflow.title).en}" are opened through their own API (council proposals, say)`));
      }
      const now = clock();
      return writeTransaction(db, async (trx) => {
        let record: { id: string; org_path: string } | undefined;
        if (fresh !== null) {
          const created = await records.createWithin(trx, ctx, resource.id, fresh);
          record = { id: created.id, org_path: created.orgPath };
        } else {
          record = (await trx.selectFrom(resource.table).select(['id', 'org_path']).where('id', '=', given as string).executeTakeFirst()) as { id: string; org_path: string } | undefined;
        }
        if (!record || !allows(ctx.actor, resource.id, 'read', record.org_path)) {
          throw errors.validation({ record: [bi(`${text(resource.title).zh}中没有编号为 ${String(given)} 的记录`, `${text(resource.title).en} has no record ${String(given)}`)] });
        }
        if (!mayAct({ actor: ctx.actor, roles: workflow.open.roles, jurisdiction: workflow.open.jurisdiction, casePath: record.org_path, org })) {
          throw errors.forbidden(bi(`无权为该记录发起“${text(workflow.title).zh}”`, `You may not open a "${text(workflow.title).en}" case on this record`));
        }
        const unit = org.byCode(codeOfPath(record.org_path));
        if (!unit) throw errors.validation({ record: [bi('记录所属的组织单元不存在', "the record's org unit does not exist")] });
        const row = await insertCase(trx, { workflow, resource: resource.id, recordId: record.id, unit, actor: ctx.actor, comment: comment as string | null, now });
        return toCase(row, now);
      });
    },

    async list(ctx, query) {
      const workflows = query.workflow !== undefined ? [workflowOf(query.workflow)] : Object.values(model.workflows);
      if (query.state !== undefined && !workflows.some((w) => stateOf(w, query.state as string))) {
        throw errors.validation({ state: [bi(`没有名为 ${query.state} 的阶段`, `there is no state ${query.state}`)] });
      }
      const scopes = scopeConditions(ctx.actor, workflows);
      if (scopes.length === 0) throw errors.forbidden(bi('无权查看案卷', 'You may not read cases'));
      const now = clock();
      const under = query.org !== undefined ? unitOf(query.org).path : null;
      let select = db.kysely.selectFrom(CASES_TABLE).where((eb) =>
        eb.or(
          scopes.map(({ workflow, grants }) =>
            eb.and([
              eb('workflow_id', '=', workflow.id),
              eb.or([grantsPredicate(grants, 'org_path'), grantsPredicate(grants, 'origin_path')]),
            ]),
          ),
        ),
      );
      if (under !== null) select = select.where(subtreePredicate(under, { leaf: false }));
      if (query.state !== undefined) select = select.where('state', '=', query.state);
      if (query.assignee !== undefined) select = select.where('assignee_id', '=', query.assignee === 'me' ? ctx.actor.id : query.assignee);
      if (query.overdue === true) select = select.where('due_at', 'is not', null).where('due_at', '<', now.toISOString());
      if (query.overdue === false) select = select.where((eb) => eb.or([eb('due_at', 'is', null), eb('due_at', '>=', now.toISOString())]));
      if (query.actionable === true) select = select.where((eb) => actionableSql(eb, ctx.actor, workflows));
      if (query.actionable === false) select = select.where((eb) => eb.not(actionableSql(eb, ctx.actor, workflows)));
      if (query.closed !== undefined) select = select.where('closed_at', query.closed ? 'is not' : 'is', null);
      if (query.record !== undefined) select = select.where('record_id', '=', query.record);
      const total = Number(((await select.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown } | undefined)?.n ?? 0);
      const rows = (await select
        .selectAll()
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute()) as CaseRow[];
      return { data: rows.map((row) => toCase(row, now)), total };
    },

    async get(ctx, id) {
      return toCase(await readVisible(db.kysely, ctx.actor, id), clock());
    },

    async actions(ctx, id) {
      const row = await readVisible(db.kysely, ctx.actor, id);
      const workflow = model.workflows[row.workflow_id];
      if (!workflow) return [];
      return workflow.transitions.filter(
        (t) => t.from.includes(row.state) && t.roles.length > 0 && mayAct({ actor: ctx.actor, roles: t.roles, jurisdiction: t.jurisdiction, casePath: row.org_path, org }),
      );
    },

    async assignees(ctx, id, action) {
      const row = await readVisible(db.kysely, ctx.actor, id);
      const workflow = model.workflows[row.workflow_id];
      const transition = workflow?.transitions.find((t) => t.id === action);
      if (!workflow || !transition) throw errors.validation({ action: [bi(`该案卷的流程没有操作 ${action}`, `the case's workflow has no action ${action}`)] });
      if (!transition.assign) throw errors.validation({ action: [bi(`“${text(transition.title).zh}”不指定承办人`, `"${text(transition.title).en}" does not name an assignee`)] });
      const users = new Map<string, { id: string; username: string; displayName: string; roles: { role: string; orgCode: string; orgName: string }[] }>();
      for (const held of await qualifiedRoles({ handle: db.kysely, workflow, state: transition.to, casePath: row.org_path })) {
        let user = users.get(held.user_id);
        if (!user) {
          if (users.size === MAX_ASSIGNEES) continue;
          user = { id: held.user_id, username: held.username, displayName: held.display_name, roles: [] };
          users.set(held.user_id, user);
        }
        user.roles.push({ role: held.role, orgCode: held.org_code, orgName: org.byCode(held.org_code)?.name ?? held.org_code });
      }
      return [...users.values()];
    },

    async transition(ctx, id, input) {
      const body = asObject(input);
      const problems = new Problems();
      const action = body['action'];
      const version = body['version'];
      if (typeof action !== 'string' || action === '') problems.add('action', bi('必须给出操作编号', 'the action is required'));
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
        problems.add('version', bi('必须提供案卷的当前版本号（正整数）', "the case's current version (a positive integer) is required"));
      }
      for (const key of Object.keys(body)) {
        if (!['action', 'version', 'data', 'comment', 'attachments', 'assignee'].includes(key)) problems.add(key, bi(`未知的字段 ${key}`, `unknown field ${key}`));
      }
      problems.throwIfAny();
      const now = clock();
      return writeTransaction(db, async (trx) => {
        const row = await readVisible(trx, ctx.actor, id, true);
        const workflow = model.workflows[row.workflow_id];
        if (!workflow) throw notFound(id);
        const transition = workflow.transitions.find((t) => t.id === action);
        if (!transition) {
          throw errors.validation({ action: [bi(`流程“${text(workflow.title).zh}”没有操作 ${String(action)}`, `workflow "${text(workflow.title).en}" has no action ${String(action)}`)] });
        }
        if (Number(row.version) !== version) {
          throw errors.conflict(bi(`案卷已被他人处理（当前版本 ${row.version}）。请刷新后重试`, `The case has changed (current version ${row.version}). Reload it and try again`));
        }
        const state = stateOf(workflow, row.state);
        if (!transition.from.includes(row.state)) {
          const st = state ? text(state.title) : { zh: row.state, en: row.state };
          throw errors.conflict(bi(`案卷处于“${st.zh}”阶段，不能执行“${text(transition.title).zh}”`, `The case is at the stage "${st.en}": "${text(transition.title).en}" cannot be taken`));
        }
        if (transition.roles.length === 0) {
          throw errors.forbidden(bi(`“${text(transition.title).zh}”由系统根据表决结果或时限执行，不能手动执行`, `"${text(transition.title).en}" is taken by the engine (on a recorded vote or a time limit), not by hand`));
        }
        if (!mayAct({ actor: ctx.actor, roles: transition.roles, jurisdiction: transition.jurisdiction, casePath: row.org_path, org })) {
          throw errors.forbidden(bi(`无权对该案卷执行“${text(transition.title).zh}”`, `You may not take the action "${text(transition.title).en}" on this case`));
        }
        const checked = await checkInput({ trx, workflow, transition, body, casePath: row.org_path });
        await options.beforeTransition?.(trx, transitionEvent({ actor: ctx.actor, row, workflow, transition, data: checked.data, at: now.toISOString() }));
        return applyTransition(trx, { row, workflow, transition, actor: ctx.actor, checked, now });
      });
    },

    async history(ctx, id) {
      const row = await readVisible(db.kysely, ctx.actor, id);
      const rows = (await db.kysely.selectFrom(EVENTS_TABLE).selectAll().where('case_id', '=', row.id).orderBy('seq').execute()) as EventRow[];
      return rows.map(toEvent);
    },

    async metrics(ctx, workflowId, query) {
      const workflow = workflowOf(workflowId);
      const grants = grantsFor(ctx.actor, workflow.resource, 'read');
      if (grants.length === 0) throw errors.forbidden(bi('无权查看该流程的统计', "You may not read this workflow's figures"));
      const covered = (unit: OrgUnitRecord) => grants.some((g) => (g.subtree ? unit.path.startsWith(g.path) : unit.path === g.path));
      let units: OrgUnitRecord[];
      if (query.org !== undefined) {
        const unit = unitOf(query.org);
        if (!covered(unit)) throw errors.forbidden(bi(`无权查看${unit.name}的统计`, `You may not read the figures of ${unit.name}`));
        units = [unit, ...org.children(unit.code).filter(covered)];
      } else {
        // The top units the actor may read, each with its children.
        const tops = org.all().filter((u) => covered(u) && !(u.parentCode && org.byCode(u.parentCode) && covered(org.byCode(u.parentCode) as OrgUnitRecord)));
        units = tops.flatMap((u) => [u, ...org.children(u.code).filter(covered)]);
      }
      const hours =
        db.dialect === 'postgres'
          ? sql<number>`extract(epoch from (closed_at::timestamptz - opened_at::timestamptz)) / 3600.0`
          : sql<number>`(julianday(closed_at) - julianday(opened_at)) * 24.0`;
      const out: CaseMetrics[] = [];
      for (const unit of units) {
        let scope = db.kysely.selectFrom(CASES_TABLE).where('workflow_id', '=', workflow.id).where(subtreePredicate(unit.path, { leaf: false, column: 'origin_path' }));
        if (query.from !== undefined) scope = scope.where('opened_at', '>=', query.from);
        if (query.to !== undefined) scope = scope.where('opened_at', '<', query.to);
        const figures = (await scope
          .select([
            sql<number>`count(*)`.as('opened'),
            sql<number>`count(closed_at)`.as('closed'),
            sql<number>`sum(case when closed_at is not null and overdue = 0 then 1 else 0 end)`.as('on_time'),
            sql<number>`avg(case when closed_at is not null then ${hours} end)`.as('hours'),
            sql<number>`avg(satisfaction)`.as('satisfaction'),
            sql<number>`count(satisfaction)`.as('evaluated'),
          ])
          .executeTakeFirst()) as Record<string, unknown>;
        const states = (await scope.select(['state', sql<number>`count(*)`.as('n')]).groupBy('state').execute()) as { state: string; n: unknown }[];
        const closed = Number(figures['closed'] ?? 0);
        const round = (value: unknown, places: number) => (value === null || value === undefined ? null : Math.round(Number(value) * 10 ** places) / 10 ** places);
        out.push({
          orgCode: unit.code,
          orgName: unit.name,
          byState: Object.fromEntries(workflow.states.map((s) => [s.id, Number(states.find((r) => r.state === s.id)?.n ?? 0)])),
          opened: Number(figures['opened'] ?? 0),
          closed,
          onTimeRate: closed === 0 ? null : round(Number(figures['on_time'] ?? 0) / closed, 4),
          meanHandlingHours: closed === 0 ? null : round(figures['hours'], 2),
          satisfaction: round(figures['satisfaction'], 2),
          evaluated: Number(figures['evaluated'] ?? 0),
        });
      }
      return out;
    },

    async openWithin(trx, input) {
      const workflow = workflowOf(input.workflow);
      const unit = unitOf(input.orgCode);
      const now = clock();
      const row = await insertCase(trx, { workflow, resource: input.resource, recordId: input.recordId, unit, actor: input.actor, comment: input.comment ?? null, now });
      return toCase(row, now);
    },

    async takeWithin(trx, input) {
      const row = await readCase(trx, input.caseId, { forUpdate: db.dialect === 'postgres' });
      if (!row) throw notFound(input.caseId);
      const workflow = workflowOf(row.workflow_id);
      const transition = workflow.transitions.find((t) => t.id === input.action);
      if (!transition) throw new Error(`workflow ${workflow.id} has no action ${input.action}`);
      if (input.version !== undefined && Number(row.version) !== input.version) {
        throw errors.conflict(bi(`案卷已被他人处理（当前版本 ${row.version}）。请刷新后重试`, `The case has changed (current version ${row.version}). Reload it and try again`));
      }
      if (!transition.from.includes(row.state)) {
        const st = stateOf(workflow, row.state);
        throw errors.conflict(bi(`案卷处于“${st ? text(st.title).zh : row.state}”阶段，不能执行“${text(transition.title).zh}”`, `The case is at the stage "${st ? text(st.title).en : row.state}": "${text(transition.title).en}" cannot be taken`));
      }
      const checked = await checkInput({ trx, workflow, transition, body: { data: input.data ?? {}, comment: input.comment ?? null }, casePath: row.org_path });
      return applyTransition(trx, { row, workflow, transition, actor: input.actor, checked, now: clock(), ...(input.reason ? { reason: input.reason } : {}) });
    },

    async escalateOverdue(at) {
      const now = at ?? clock();
      const iso = now.toISOString();
      const report = { escalated: [] as string[], notified: [] as string[], moved: [] as string[], atTop: [] as string[] };
      const seen = new Set<string>();
      for (;;) {
        const handled = await writeTransaction(db, async (trx) => {
          let select = trx
            .selectFrom(CASES_TABLE)
            .selectAll()
            .where('due_handled', '=', 0)
            .where('due_at', 'is not', null)
            .where('due_at', '<=', iso)
            .orderBy('due_at')
            .orderBy('id')
            .limit(ESCALATION_BATCH);
          // Another engine's scheduler skips the rows this one holds, and the guarded updates in expire() make a case it read before they were changed a no-op.
          if (db.dialect === 'postgres') select = select.forUpdate().skipLocked();
          const rows = ((await select.execute()) as CaseRow[]).filter((row) => !seen.has(row.id));
          for (const row of rows) {
            seen.add(row.id);
            await expire(trx, row, now, report);
          }
          return rows.length;
        });
        if (handled === 0) break;
      }
      return report;
    },
  };
}
