import type { AjvExtensions } from '@zhili/schemas';
import { resolveText } from '@zhili/schemas';
import type { BilingualText, Text } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import { allows, grantsFor } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import { isUuid, uuidv7 } from '../ids/uuid.ts';
import type { CompiledChecklist, CompiledModel, CompiledResource } from '../model/types.ts';
import type { OrgService } from '../org/service.ts';
import { codeOfPath } from '../resources/service.ts';
import { ADMISSION_FIELD } from '../package/checklist-check.ts';
import type { RecordFields, RecordWriteHook } from '../resources/hooks.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { ADMISSION_REQUESTS_RESOURCE, CHECKLISTS_RESOURCE, requireAuthority } from './authority.ts';
import { addDays, chinaDate, isCalendarDate } from './dates.ts';
import { asObject, asText, ITEM_CODE_PATTERN, ItemAttributes, Problems, TITLE_REQUIRED } from './items.ts';
import { type Handle, insertDraft, itemsOf, readDraft, readInForce, readLatestPublished, saveDraftItems } from './store.ts';
import type { ChecklistItem } from './types.ts';

/** The admission requests. */
export const REQUESTS_TABLE = 'zhili_admission_requests';

export type RequestStatus = 'pending' | 'approved' | 'rejected';

/**
 * A request to admit work not on a checklist (准入申请): a department asks to push work of an
 * admitted resource down to a target level, with its funding (费随事转), and proposes the item it
 * would be. The authority at the checklist's approver level approves or rejects it; an approved
 * request admits records that cite it, and its item joins the checklist's draft.
 */
export interface AdmissionRequest {
  readonly id: string;
  readonly checklist: string;
  /** The admitted resource whose records the work will be. */
  readonly resource: string;
  /** Name of the work, the title of the item it would be. */
  readonly title: Text;
  readonly requestingDepartment: string;
  readonly justification: string;
  /** Where the money comes from; required: funding follows the work (费随事转). */
  readonly fundingSource: string;
  /** Level the work is pushed down to. */
  readonly targetLevel: string;
  /** When the work is due (YYYY-MM-DD). */
  readonly deadline: string;
  /** The item code the requester proposes, if any. */
  readonly proposedCode: string | null;
  /** The proposed item's attributes, valid against the checklist's item schema. */
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: RequestStatus;
  /** The day by which the request must be decided: submitted + the checklist's decisionDays. */
  readonly decisionDue: string;
  /** Pending past its due day. */
  readonly overdue: boolean;
  /** The code of the item an approval added to the draft. */
  readonly itemCode: string | null;
  readonly decisionNote: string | null;
  /** Concurrency token: a decision names it. */
  readonly version: number;
  /** The unit the request was submitted from (the requester's grant): who may read and decide it follows from it. */
  readonly orgCode: string;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
}

export interface AdmissionQuery {
  readonly checklist?: string;
  readonly status?: RequestStatus;
  /** Only pending requests past their due day. */
  readonly overdue?: boolean;
}

/**
 * Admission requests and the admission check of records. Reading requests needs a `read` grant on
 * `admission_requests`, submitting one a `create` grant, deciding one an `approve` grant held at
 * the checklist's approver level or above. Every submission and decision is audited with the
 * change it makes.
 */
export interface AdmissionService {
  /** { checklist, resource?, title, requestingDepartment, justification, fundingSource, targetLevel?, deadline, proposedCode?, attributes? }. */
  submit(ctx: { readonly actor: Actor }, input: unknown): Promise<AdmissionRequest>;
  /** Newest first. */
  list(ctx: { readonly actor: Actor }, query: AdmissionQuery): Promise<readonly AdmissionRequest[]>;
  get(ctx: { readonly actor: Actor }, id: string): Promise<AdmissionRequest>;
  /**
   * { decision: 'approve' | 'reject', version, note?, code? }. Approving adds the proposed item
   * (code: `code`, else the proposed code, else one derived from the request id) to the checklist's
   * draft, creating the draft when there is none.
   */
  decide(ctx: { readonly actor: Actor }, id: string, input: unknown): Promise<AdmissionRequest>;
  /** The records service hook that refuses records of admitted resources without an admission (NOT_ADMITTED). */
  readonly hook: RecordWriteHook;
}

export interface AdmissionServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
  /** The package's plugins' formats and keywords, for validating records and forms. @default none */
  readonly ajv?: AjvExtensions;
}

interface RequestRow {
  id: string;
  checklist_id: string;
  resource: string;
  title: string;
  requesting_department: string;
  justification: string;
  funding_source: string;
  target_level: string;
  deadline: string;
  proposed_code: string | null;
  attributes: string;
  status: RequestStatus;
  decision_due: string;
  item_code: string | null;
  decision_note: string | null;
  version: number;
  org_path: string;
  submitted_at: string;
  submitted_by: string;
  decided_at: string | null;
  decided_by: string | null;
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });
const STATUSES: readonly RequestStatus[] = ['pending', 'approved', 'rejected'];

export function createAdmissionService(options: AdmissionServiceOptions): AdmissionService {
  const { db, model, org, audit } = options;
  const clock = options.now ?? (() => new Date());
  const today = (): string => chinaDate(clock());
  const attributes = new ItemAttributes(options.ajv);

  /** Checklists by the resources they admit. */
  const admitting = new Map<string, CompiledChecklist[]>();
  for (const checklist of Object.values(model.checklists)) {
    for (const resource of checklist.admission?.resources ?? []) admitting.set(resource, [...(admitting.get(resource) ?? []), checklist]);
  }

  const toRequest = (row: RequestRow): AdmissionRequest => ({
    id: row.id,
    checklist: row.checklist_id,
    resource: row.resource,
    title: JSON.parse(row.title) as Text,
    requestingDepartment: row.requesting_department,
    justification: row.justification,
    fundingSource: row.funding_source,
    targetLevel: row.target_level,
    deadline: row.deadline,
    proposedCode: row.proposed_code,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    status: row.status,
    decisionDue: row.decision_due,
    overdue: row.status === 'pending' && row.decision_due < today(),
    itemCode: row.item_code,
    decisionNote: row.decision_note,
    version: Number(row.version),
    orgCode: codeOfPath(row.org_path),
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  });

  const readRequest = async (trx: Handle, id: string): Promise<RequestRow | undefined> =>
    isUuid(id) ? ((await trx.selectFrom(REQUESTS_TABLE).selectAll().where('id', '=', id).executeTakeFirst()) as RequestRow | undefined) : undefined;

  const requestNotFound = (id: string) => errors.notFound(bi(`没有编号为 ${id} 的准入申请`, `There is no admission request ${id}`));

  const requireGrant = (actor: Actor, action: 'read' | 'create', what: BilingualText): void => {
    if (grantsFor(actor, ADMISSION_REQUESTS_RESOURCE, action).length === 0) throw errors.forbidden(bi(`无权${what['zh-CN']}`, `You may not ${what.en}`));
  };

  /** Whether the actor may read a request: a read grant covering the unit it was submitted from. */
  const readable = (actor: Actor, row: RequestRow): boolean => allows(actor, ADMISSION_REQUESTS_RESOURCE, 'read', row.org_path);

  /** Why a record is not admitted: NOT_ADMITTED with the reason under `admission`. */
  const notAdmitted = (resource: CompiledResource, reason: BilingualText): EngineError => {
    const zh = resolveText(resource.title, 'zh-CN');
    const en = resolveText(resource.title, 'en');
    return new EngineError(
      'NOT_ADMITTED',
      bi(
        `${zh}未经准入，不能交由下级承担：${reason['zh-CN']}。清单之外的工作须先提出准入申请并获批准（费随事转）`,
        `This ${en} record is not admitted and cannot be pushed down: ${reason.en}. Work that is not on the checklist needs an approved admission request first (funding follows the work)`,
      ),
      { fieldErrors: { [ADMISSION_FIELD]: [reason] } },
    );
  };

  /** The admission a new record cites, checked, as it is stored: the item with the version in force, or the approved request. */
  const admit = async (trx: Handle, resource: CompiledResource, fields: RecordFields): Promise<RecordFields> => {
    const citation = fields[ADMISSION_FIELD];
    const lists = admitting.get(resource.id) ?? [];
    const names = lists.map((c) => c.id).join(', ');
    if (typeof citation !== 'object' || citation === null || Array.isArray(citation)) {
      throw notAdmitted(
        resource,
        bi(
          `没有准入依据：须引用清单（${names}）中现行有效的事项，或一份已批准的准入申请`,
          `it cites nothing: cite an item in force of the checklist (${names}), or an approved admission request`,
        ),
      );
    }
    const cited = citation as Record<string, unknown>;
    if (typeof cited['request'] === 'string') {
      const row = await readRequest(trx, cited['request']);
      if (!row || row.resource !== resource.id) {
        throw notAdmitted(
          resource,
          bi(
            `准入申请 ${cited['request']} 不存在，或不是针对此类工作的申请`,
            `admission request ${cited['request']} does not exist or is not for this kind of work`,
          ),
        );
      }
      if (row.status === 'pending') throw notAdmitted(resource, bi(`准入申请 ${row.id} 尚未批准`, `admission request ${row.id} has not been approved yet`));
      if (row.status === 'rejected') throw notAdmitted(resource, bi(`准入申请 ${row.id} 已被驳回`, `admission request ${row.id} was rejected`));
      return { ...fields, [ADMISSION_FIELD]: { request: row.id } };
    }
    const checklist = lists.find((c) => c.id === cited['checklist']);
    if (!checklist) {
      throw notAdmitted(
        resource,
        bi(
          `清单“${String(cited['checklist'])}”不是此类工作的准入清单（可引用：${names}）`,
          `checklist "${String(cited['checklist'])}" does not admit this kind of work (cite one of: ${names})`,
        ),
      );
    }
    const row = await readInForce(trx, checklist.id, today());
    const code = cited['item'];
    const item = row ? itemsOf(row).find((i) => i.code === code) : undefined;
    if (!row || !item) {
      throw notAdmitted(
        resource,
        bi(`清单 ${checklist.id} 现行有效的版本中没有事项 ${String(code)}`, `the version in force of checklist ${checklist.id} has no item ${String(code)}`),
      );
    }
    if (item.status === 'retired')
      throw notAdmitted(resource, bi(`清单 ${checklist.id} 的事项 ${item.code} 已废止`, `item ${item.code} of checklist ${checklist.id} is retired`));
    return { ...fields, [ADMISSION_FIELD]: { checklist: checklist.id, version: row.version, item: item.code } };
  };

  const hook: RecordWriteHook = {
    appliesTo: (resource) => admitting.has(resource),
    beforeCreate: ({ trx, resource, fields }) => admit(trx, resource, fields),
    async beforeUpdate({ trx, resource, before, fields }) {
      // A record keeps the citation it was admitted with; only a changed citation is checked again.
      if (JSON.stringify(before[ADMISSION_FIELD]) === JSON.stringify(fields[ADMISSION_FIELD])) return fields;
      return admit(trx, resource, fields);
    },
  };

  /** Adds an approved request's item to the checklist's draft (made from the latest published version when there is none). */
  const addToDraft = async ({
    trx,
    actor,
    checklist,
    item,
  }: {
    trx: Handle;
    actor: Actor;
    checklist: CompiledChecklist;
    item: ChecklistItem;
  }): Promise<{ draft: number; revision: number }> => {
    const now = new Date().toISOString();
    let draft = await readDraft(trx, checklist.id);
    if (!draft) {
      const latest = await readLatestPublished(trx, checklist.id);
      if (!latest) throw errors.notFound(bi(`清单 ${checklist.id} 尚无已发布的版本`, `Checklist ${checklist.id} has no published version yet`));
      draft = await insertDraft(trx, { checklist: checklist.id, basedOn: latest, actor, now });
    }
    const items = itemsOf(draft);
    if (items.some((i) => i.code === item.code)) {
      throw errors.validation({
        code: [
          bi(`事项编码 ${item.code} 已被使用（含已废止的事项）：请另给一个编码`, `the item code ${item.code} is taken (retired items included): give another`),
        ],
      });
    }
    const saved = await saveDraftItems(trx, { draft, items: [...items, item], actor, now });
    return { draft: saved.version, revision: saved.revision };
  };

  return {
    hook,

    async submit(ctx, input) {
      requireGrant(ctx.actor, 'create', bi('提出准入申请', 'submit admission requests'));
      const body = asObject(input);
      const problems = new Problems();
      const checklistId = body['checklist'];
      const checklist = typeof checklistId === 'string' && Object.hasOwn(model.checklists, checklistId) ? model.checklists[checklistId] : undefined;
      const admission = checklist?.admission;
      if (!checklist || !admission) {
        throw errors.validation({ checklist: [bi('必须是一份设有准入控制的清单的 id', 'must be the id of a checklist with admission control')] });
      }
      const resource = body['resource'] ?? (admission.resources.length === 1 ? admission.resources[0] : undefined);
      if (typeof resource !== 'string' || !admission.resources.includes(resource)) {
        problems.add(
          'resource',
          bi(
            `必须是该清单准入的资源之一：${admission.resources.join(', ')}`,
            `must be one of the resources the checklist admits: ${admission.resources.join(', ')}`,
          ),
        );
      }
      const title = asText(body['title']);
      if (title === null) problems.add('title', TITLE_REQUIRED);
      const text = (key: string, max: number, message: BilingualText): string => {
        const value = body[key];
        if (typeof value !== 'string' || value.trim() === '' || value.length > max) problems.add(key, message);
        return typeof value === 'string' ? value.trim() : '';
      };
      const department = text(
        'requestingDepartment',
        100,
        bi('必须填写提出申请的部门（不超过 100 字）', 'the requesting department is required (at most 100 characters)'),
      );
      const justification = text(
        'justification',
        2000,
        bi('必须说明需要社区承担这项工作的理由（不超过 2000 字）', 'say why the community must take the work on (at most 2,000 characters)'),
      );
      const funding = text(
        'fundingSource',
        200,
        bi(
          '必须写明经费来源：费随事转，经费随工作一并下达（不超过 200 字）',
          'the funding source is required: funding follows the work (at most 200 characters)',
        ),
      );
      const targetLevel = body['targetLevel'] ?? (admission.targetLevels.length === 1 ? admission.targetLevels[0] : undefined);
      if (typeof targetLevel !== 'string' || !admission.targetLevels.includes(targetLevel)) {
        problems.add(
          'targetLevel',
          bi(
            `必须是该清单的准入目标层级之一：${admission.targetLevels.join(', ')}`,
            `must be one of the checklist's target levels: ${admission.targetLevels.join(', ')}`,
          ),
        );
      }
      const deadline = body['deadline'];
      if (!isCalendarDate(deadline)) problems.add('deadline', bi('完成时限必须是 YYYY-MM-DD 格式的日期', 'the deadline must be a date written YYYY-MM-DD'));
      else if (deadline < today()) problems.add('deadline', bi(`完成时限不能早于今天（${today()}）`, `the deadline cannot be before today (${today()})`));
      const proposedCode = body['proposedCode'] ?? null;
      if (proposedCode !== null && (typeof proposedCode !== 'string' || !ITEM_CODE_PATTERN.test(proposedCode))) {
        problems.add(
          'proposedCode',
          bi('事项编码由字母、数字、点、下划线或连字符组成（1–32 个字符）', 'an item code is 1–32 letters, digits, dots, underscores or hyphens'),
        );
      }
      const proposed = body['attributes'] ?? {};
      attributes.check({ checklist, attributes: proposed, problems });
      problems.throwIfAny();

      const grant = grantsFor(ctx.actor, ADMISSION_REQUESTS_RESOURCE, 'create').reduce((a, b) => (b.path.length < a.path.length ? b : a));
      const now = new Date().toISOString();
      const row: RequestRow = {
        id: uuidv7(),
        checklist_id: checklist.id,
        resource: resource as string,
        title: JSON.stringify(title),
        requesting_department: department,
        justification,
        funding_source: funding,
        target_level: targetLevel as string,
        deadline: deadline as string,
        proposed_code: proposedCode as string | null,
        attributes: JSON.stringify(proposed),
        status: 'pending',
        decision_due: addDays(today(), admission.decisionDays),
        item_code: null,
        decision_note: null,
        version: 1,
        org_path: grant.path,
        submitted_at: now,
        submitted_by: ctx.actor.id,
        decided_at: null,
        decided_by: null,
      };
      await writeTransaction(db, async (trx) => {
        await trx.insertInto(REQUESTS_TABLE).values(row).execute();
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'create',
          resource: ADMISSION_REQUESTS_RESOURCE,
          recordId: row.id,
          orgPath: grant.path,
          detail: { after: toRequest(row) },
        });
      });
      return toRequest(row);
    },

    async list(ctx, query) {
      requireGrant(ctx.actor, 'read', bi('查看准入申请', 'read admission requests'));
      let select = db.kysely.selectFrom(REQUESTS_TABLE).selectAll();
      if (query.checklist !== undefined) select = select.where('checklist_id', '=', query.checklist);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      if (query.overdue) select = select.where('status', '=', 'pending').where('decision_due', '<', today());
      const rows = (await select.orderBy('submitted_at', 'desc').orderBy('id', 'desc').execute()) as RequestRow[];
      return rows.filter((row) => readable(ctx.actor, row)).map(toRequest);
    },

    async get(ctx, id) {
      requireGrant(ctx.actor, 'read', bi('查看准入申请', 'read admission requests'));
      const row = await readRequest(db.kysely, id);
      if (!row || !readable(ctx.actor, row)) throw requestNotFound(id);
      return toRequest(row);
    },

    async decide(ctx, id, input) {
      const body = asObject(input);
      const decision = body['decision'];
      const version = body['version'];
      const note = body['note'] ?? null;
      const code = body['code'];
      const problems = new Problems();
      if (decision !== 'approve' && decision !== 'reject') problems.add('decision', bi('必须是 approve（批准）或 reject（驳回）', 'must be approve or reject'));
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
        problems.add('version', bi('必须提供申请的当前版本号（正整数）', "the request's current version (a positive integer) is required"));
      if (note !== null && (typeof note !== 'string' || note.length > 2000))
        problems.add('note', bi('审批意见必须是不超过 2000 字的文本', 'the note must be text of at most 2,000 characters'));
      if (code !== undefined && (typeof code !== 'string' || !ITEM_CODE_PATTERN.test(code))) {
        problems.add(
          'code',
          bi('事项编码由字母、数字、点、下划线或连字符组成（1–32 个字符）', 'an item code is 1–32 letters, digits, dots, underscores or hyphens'),
        );
      }
      problems.throwIfAny();
      return writeTransaction(db, async (trx) => {
        const row = await readRequest(trx, id);
        if (!row || !readable(ctx.actor, row)) throw requestNotFound(id);
        const checklist = model.checklists[row.checklist_id];
        if (!checklist?.admission) throw requestNotFound(id);
        const grant = requireAuthority({
          actor: ctx.actor,
          model,
          org,
          resource: ADMISSION_REQUESTS_RESOURCE,
          action: 'approve',
          level: checklist.admission.approverLevel,
          covering: row.org_path,
          what: bi('审批该准入申请', 'decide this admission request'),
        });
        if (row.status !== 'pending')
          throw errors.conflict(bi(`准入申请 ${id} 已经${row.status === 'approved' ? '批准' : '驳回'}`, `Admission request ${id} was ${row.status} already`));
        if (Number(row.version) !== version) {
          throw errors.conflict(
            bi(
              `准入申请 ${id} 已被修改（当前版本 ${row.version}）。请刷新后重试`,
              `Admission request ${id} has changed (current version ${row.version}). Reload it and try again`,
            ),
          );
        }
        const now = new Date().toISOString();
        let itemCode: string | null = null;
        if (decision === 'approve') {
          itemCode = (code as string | undefined) ?? row.proposed_code ?? `ZR-${row.id.slice(-6).toUpperCase()}`;
          const item: ChecklistItem = {
            code: itemCode,
            title: JSON.parse(row.title) as Text,
            status: 'active',
            attributes: JSON.parse(row.attributes) as Record<string, unknown>,
            request: row.id,
          };
          const draft = await addToDraft({ trx, actor: ctx.actor, checklist, item });
          await audit.append(trx, {
            actor: ctx.actor,
            action: 'update',
            resource: CHECKLISTS_RESOURCE,
            recordId: checklist.id,
            orgPath: grant.path,
            detail: { ...draft, op: 'add-item', code: itemCode, request: row.id, after: { title: item.title, attributes: item.attributes } },
          });
        }
        const status: RequestStatus = decision === 'approve' ? 'approved' : 'rejected';
        const result = await trx
          .updateTable(REQUESTS_TABLE)
          .set({ status, item_code: itemCode, decision_note: note, decided_at: now, decided_by: ctx.actor.id, version: version + 1 })
          .where('id', '=', id)
          .where('version', '=', version)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1)
          throw errors.conflict(bi(`准入申请 ${id} 已被他人处理，请刷新`, `Admission request ${id} was decided by someone else; reload it`));
        const decided: RequestRow = {
          ...row,
          status,
          item_code: itemCode,
          decision_note: note as string | null,
          decided_at: now,
          decided_by: ctx.actor.id,
          version: version + 1,
        };
        await audit.append(trx, {
          actor: ctx.actor,
          action: status === 'approved' ? 'approve' : 'reject',
          resource: ADMISSION_REQUESTS_RESOURCE,
          recordId: id,
          orgPath: grant.path,
          detail: { checklist: checklist.id, itemCode, note },
        });
        return toRequest(decided);
      });
    },
  };
}

/** Parses the query of GET /api/admission-requests; unknown values are a 400. */
export function parseAdmissionQuery(params: URLSearchParams): AdmissionQuery {
  const problems = new Problems();
  const status = params.get('status');
  const overdue = params.get('overdue');
  if (status !== null && !(STATUSES as readonly string[]).includes(status))
    problems.add('status', bi(`应为 ${STATUSES.join('、')} 之一`, `must be one of ${STATUSES.join(', ')}`));
  if (overdue !== null && overdue !== 'true' && overdue !== 'false') problems.add('overdue', bi('应为 true 或 false', 'must be true or false'));
  problems.throwIfAny();
  return {
    ...(params.get('checklist') !== null ? { checklist: params.get('checklist') as string } : {}),
    ...(status !== null ? { status: status as RequestStatus } : {}),
    ...(overdue === 'true' ? { overdue: true } : {}),
  };
}
