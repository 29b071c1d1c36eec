import { resolveText } from '@zhili/schemas';
import type { BilingualText, CouncilAttendance, CouncilGender, CouncilMeeting, CouncilMember, CouncilProposal, CouncilResolution, CouncilRoster, CouncilVote, Text } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import { allows, grantsFor } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { Problems, asObject } from '../checklists/items.ts';
import { isUniqueViolation } from '../checklists/store.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import { isUuid, uuidv7 } from '../ids/uuid.ts';
import type { CompiledModel } from '../model/types.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import { grantsPredicate, subtreePredicate } from '../resources/sql.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { mayAct } from '../workflows/access.ts';
import type { Handle } from '../workflows/store.ts';
import { CASES_TABLE } from '../workflows/store.ts';
import type { WorkflowService } from '../workflows/service.ts';
import { decide, formatRatio, meets, type Outcome, type Tally, threshold } from './arithmetic.ts';
import { COUNCILS_RESOURCE } from './compile.ts';
import { checkComposition } from './composition.ts';
import { NO_COUNCIL_RULE_KINDS, type CouncilRuleKinds } from './rule-kinds.ts';
import { ADOPT_ACTION, type CompiledCouncilBody, type CompiledProcedure, NO_QUORUM_ACTION, REJECT_ACTION } from './types.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });
const texts = (value: Text) => ({ zh: resolveText(value, 'zh-CN'), en: resolveText(value, 'en') });
const bilingual = (value: Text): BilingualText => bi(resolveText(value, 'zh-CN'), resolveText(value, 'en'));

const ROSTERS = 'zhili_council_rosters';
const MEMBERS = 'zhili_council_members';
const PROPOSALS = 'zhili_council_proposals';
const MEETINGS = 'zhili_council_meetings';
/** The resource id audit rows of rosters and proposals carry. */
export const ROSTER_AUDIT_RESOURCE = 'council_rosters';
export const PROPOSAL_AUDIT_RESOURCE = 'council_proposals';

const MAX_MEMBERS = 500;
const MAX_TEXT = 4000;

type Gender = CouncilGender;
type Vote = CouncilVote;
type RosterMember = CouncilMember;
type Attendance = CouncilAttendance;
type Meeting = CouncilMeeting<BilingualText>;
export type Roster = CouncilRoster<BilingualText>;
export type Proposal = CouncilProposal<BilingualText>;
export type PublicResolution = CouncilResolution<BilingualText>;

/**
 * Council procedures (议事协商): rosters of the bodies at their units, kept to the composition rules
 * on every save; proposals run as cases of the procedure's workflow; meetings record attendance and
 * votes, and the outcome is computed under the procedure's rules and moves the case (adopted:
 * published for the publication period, then carried out; rejected: closed; no quorum: it stays).
 * Reading takes a read grant on `councils` at the unit, changing a roster an update grant; putting a
 * proposal and recording a meeting take the roles the procedure names.
 */
export interface CouncilService {
  /** Every body of the unit's level at the unit, with its roster. */
  bodiesAt(ctx: { readonly actor: Actor }, orgCode: string): Promise<readonly Roster[]>;
  roster(ctx: { readonly actor: Actor }, body: string, orgCode: string): Promise<Roster>;
  /** { version, termStart?, members: [{ id?, name, gender, partyMember?, position, building?, userId? }] }: replaces the roster, or 422 with the rules it breaks. */
  saveRoster(ctx: { readonly actor: Actor }, body: string, orgCode: string, input: unknown): Promise<Roster>;
  /** { title, content, proposers?: [member id], comment? }: puts a proposal (201), opening its case. */
  propose(ctx: { readonly actor: Actor }, procedure: string, orgCode: string, input: unknown): Promise<Proposal>;
  proposals(ctx: { readonly actor: Actor }, query: { readonly org?: string; readonly procedure?: string; readonly page: number; readonly pageSize: number }): Promise<{ readonly data: readonly Proposal[]; readonly total: number }>;
  proposal(ctx: { readonly actor: Actor }, id: string): Promise<Proposal>;
  /**
   * { version, heldAt, attendance: [{ member, present, recused?, vote? }] } for a body with a roster, or
   * { version, heldAt, counts: { eligible, present, for, against, abstain } } for an assembly:
   * records the meeting, computes the outcome and moves the proposal's case by it.
   */
  recordMeeting(ctx: { readonly actor: Actor }, id: string, input: unknown): Promise<Proposal>;
  /** Adopted proposals in their publication period, at `org` or below it; no login needed. */
  publicResolutions(query: { readonly org?: string }): Promise<readonly PublicResolution[]>;
  publicResolution(id: string): Promise<PublicResolution>;
}

export interface CouncilServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  readonly workflows: WorkflowService;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** The kinds of the bodies' plugin rules (the package's plugins'). @default none */
  readonly ruleKinds?: CouncilRuleKinds;
}

interface RosterRow {
  id: string;
  body_id: string;
  org_code: string;
  org_path: string;
  term_start: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
}

interface MemberRow {
  id: string;
  roster_id: string;
  seq: number;
  name: string;
  gender: string;
  party_member: number;
  position: string;
  building: string | null;
  user_id: string | null;
}

interface ProposalRow {
  id: string;
  procedure_id: string;
  body_id: string;
  org_code: string;
  org_path: string;
  title: string;
  content: string;
  proposers: string;
  proposed_by: string;
  proposed_at: string;
  case_id: string;
  result: string | null;
  outcome: string | null;
  published_at: string | null;
  publication_until: string | null;
}

interface MeetingRow {
  id: string;
  proposal_id: string;
  held_at: string;
  recorded_at: string;
  recorded_by: string;
  members: number;
  eligible: number;
  present: number;
  recused: number;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
  attendance: string;
  result: string;
  explanation: string;
}

const VOTES: readonly Vote[] = ['for', 'against', 'abstain'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toMember(row: MemberRow): RosterMember {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as Gender,
    partyMember: Number(row.party_member) === 1,
    position: row.position,
    building: row.building,
    userId: row.user_id,
  };
}

function toMeeting(row: MeetingRow, procedure: CompiledProcedure | undefined): Meeting {
  const tally: Tally = {
    members: Number(row.members),
    eligible: Number(row.eligible),
    present: Number(row.present),
    recused: Number(row.recused),
    for: Number(row.votes_for),
    against: Number(row.votes_against),
    abstain: Number(row.votes_abstain),
  };
  // Recomputed from the stored counts under the rules in force when the meeting was recorded; the stored result and words are what was decided.
  const outcome = procedure ? decide(procedure, tally) : null;
  return {
    id: row.id,
    heldAt: row.held_at,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    tally,
    attendance: JSON.parse(row.attendance) as Attendance[],
    outcome: {
      result: row.result as Outcome['result'],
      quorum: outcome?.quorum ?? { count: tally.present, base: tally.eligible, ratio: '', strict: false, met: row.result !== 'no-quorum' },
      pass: outcome?.pass ?? null,
      explanation: JSON.parse(row.explanation) as BilingualText,
    },
  };
}

export function createCouncilService(options: CouncilServiceOptions): CouncilService {
  const { db, model, org, audit, workflows } = options;
  const clock = options.now ?? (() => new Date());
  const ruleKinds = options.ruleKinds ?? NO_COUNCIL_RULE_KINDS;
  const { bodies, procedures } = model.councils;

  const bodyOf = (id: string): CompiledCouncilBody => {
    const body = Object.hasOwn(bodies, id) ? bodies[id] : undefined;
    if (!body) throw errors.notFound(bi(`没有名为“${id}”的议事机构`, `There is no council body "${id}"`));
    return body;
  };
  const procedureOf = (id: string): CompiledProcedure => {
    const procedure = Object.hasOwn(procedures, id) ? procedures[id] : undefined;
    if (!procedure) throw errors.notFound(bi(`没有名为“${id}”的议事程序`, `There is no council procedure "${id}"`));
    return procedure;
  };
  const unitOf = (code: string): OrgUnitRecord => {
    const unit = org.byCode(code);
    if (!unit) throw errors.notFound(bi(`没有代码为 ${code} 的组织单元`, `There is no org unit ${code}`));
    return unit;
  };
  /** The unit, which must be of the body's level. */
  const bodyUnit = (body: CompiledCouncilBody, code: string): OrgUnitRecord => {
    const unit = unitOf(code);
    if (unit.level !== body.level) {
      const t = texts(body.title);
      throw errors.badRequest(bi(`${unit.name}不是设立${t.zh}的层级（${body.level}）`, `${unit.name} is not of the level (${body.level}) that has a ${t.en}`));
    }
    return unit;
  };
  const mayRead = (actor: Actor, path: string) => allows(actor, COUNCILS_RESOURCE, 'read', path);
  const requireRead = (actor: Actor, unit: OrgUnitRecord) => {
    if (!mayRead(actor, unit.path)) throw errors.forbidden(bi(`无权查看${unit.name}的议事机构`, `You may not read the council bodies of ${unit.name}`));
  };

  const readRoster = async (handle: Handle, body: CompiledCouncilBody, unit: OrgUnitRecord, forUpdate = false): Promise<{ row: RosterRow | undefined; members: RosterMember[] }> => {
    let query = handle.selectFrom(ROSTERS).selectAll().where('body_id', '=', body.id).where('org_code', '=', unit.code);
    if (forUpdate && db.dialect === 'postgres') query = query.forUpdate();
    const row = (await query.executeTakeFirst()) as RosterRow | undefined;
    if (!row) return { row, members: [] };
    const members = (await handle.selectFrom(MEMBERS).selectAll().where('roster_id', '=', row.id).orderBy('seq').execute()) as MemberRow[];
    return { row, members: members.map(toMember) };
  };

  const rosterView = (body: CompiledCouncilBody, unit: OrgUnitRecord, row: RosterRow | undefined, members: readonly RosterMember[]): Roster => {
    const termStart = row?.term_start ?? null;
    return {
      body: body.id,
      orgCode: unit.code,
      orgName: unit.name,
      version: row ? Number(row.version) : 0,
      termStart,
      termEnd: termStart && body.termYears ? addYears(termStart, body.termYears) : null,
      members,
      violations: checkComposition(body, members, ruleKinds),
    };
  };

  /** Parses a roster save; field problems are a 400. */
  const parseRoster = (body: CompiledCouncilBody, input: unknown) => {
    const raw = asObject(input);
    const problems = new Problems();
    for (const key of Object.keys(raw)) if (!['version', 'termStart', 'members'].includes(key)) problems.add(key, bi(`未知的字段 ${key}`, `unknown field ${key}`));
    const version = raw['version'];
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
      problems.add('version', bi('必须提供名册的当前版本号（尚无名册时为 0）', "the roster's current version is required (0 when there is none)"));
    }
    const termStart = raw['termStart'] ?? null;
    if (termStart !== null && (typeof termStart !== 'string' || !DATE.test(termStart) || Number.isNaN(Date.parse(termStart)))) {
      problems.add('termStart', bi('任期开始日期应为 YYYY-MM-DD', 'the term start must be a date YYYY-MM-DD'));
    }
    const list = raw['members'];
    const members: (Omit<RosterMember, 'id'> & { id: string | null })[] = [];
    if (!Array.isArray(list) || list.length > MAX_MEMBERS) {
      problems.add('members', bi(`成员必须是列表（最多 ${MAX_MEMBERS} 人）`, `members must be a list (at most ${MAX_MEMBERS})`));
    } else {
      const positions = new Set(body.roles.map((r) => r.id));
      for (const [i, item] of list.entries()) {
        const at = (key: string) => `members.${i}.${key}`;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          problems.add(`members.${i}`, bi('成员必须是对象', 'a member must be an object'));
          continue;
        }
        const m = item as Record<string, unknown>;
        for (const key of Object.keys(m)) if (!['id', 'name', 'gender', 'partyMember', 'position', 'building', 'userId'].includes(key)) problems.add(at(key), bi(`未知的字段 ${key}`, `unknown field ${key}`));
        if (typeof m['name'] !== 'string' || m['name'].trim() === '' || m['name'].length > 100) problems.add(at('name'), bi('姓名必填（不超过 100 字）', 'the name is required (at most 100 characters)'));
        if (m['gender'] !== 'female' && m['gender'] !== 'male') problems.add(at('gender'), bi('性别应为 female 或 male', 'gender must be female or male'));
        if (m['partyMember'] !== undefined && typeof m['partyMember'] !== 'boolean') problems.add(at('partyMember'), bi('是否党员应为 true 或 false', 'partyMember must be true or false'));
        if (typeof m['position'] !== 'string' || !positions.has(m['position'])) {
          problems.add(at('position'), bi(`职务应为 ${[...positions].join('、')} 之一`, `position must be one of ${[...positions].join(', ')}`));
        }
        for (const key of ['building', 'userId', 'id'] as const) {
          if (m[key] !== undefined && m[key] !== null && (typeof m[key] !== 'string' || (m[key] as string).length > 200)) problems.add(at(key), bi(`${key} 应为文本`, `${key} must be text`));
        }
        members.push({
          id: typeof m['id'] === 'string' ? m['id'] : null,
          name: typeof m['name'] === 'string' ? m['name'].trim() : '',
          gender: m['gender'] as Gender,
          partyMember: m['partyMember'] === true,
          position: String(m['position']),
          building: typeof m['building'] === 'string' && m['building'].trim() !== '' ? m['building'].trim() : null,
          userId: typeof m['userId'] === 'string' ? m['userId'] : null,
        });
      }
    }
    problems.throwIfAny();
    return { version: version as number, termStart: termStart as string | null, members };
  };

  const readProposalRow = async (handle: Handle, id: string, actor: Actor | null): Promise<ProposalRow> => {
    const row = isUuid(id) ? ((await handle.selectFrom(PROPOSALS).selectAll().where('id', '=', id).executeTakeFirst()) as ProposalRow | undefined) : undefined;
    if (!row || (actor && !mayRead(actor, row.org_path))) throw errors.notFound(bi(`没有编号为 ${id} 的议案`, `There is no proposal ${id}`));
    return row;
  };

  const proposalView = async (handle: Handle, row: ProposalRow): Promise<Proposal> => {
    const procedure = procedures[row.procedure_id];
    const kase = (await handle.selectFrom(CASES_TABLE).select(['state', 'version', 'workflow_id']).where('id', '=', row.case_id).executeTakeFirst()) as
      | { state: string; version: number; workflow_id: string }
      | undefined;
    const meetings = (await handle.selectFrom(MEETINGS).selectAll().where('proposal_id', '=', row.id).orderBy('recorded_at').orderBy('id').execute()) as MeetingRow[];
    return {
      id: row.id,
      procedure: row.procedure_id,
      body: row.body_id,
      orgCode: row.org_code,
      orgName: org.byCode(row.org_code)?.name ?? row.org_code,
      title: row.title,
      content: row.content,
      proposers: JSON.parse(row.proposers) as { id: string; name: string }[],
      proposedBy: row.proposed_by,
      proposedAt: row.proposed_at,
      caseId: row.case_id,
      workflow: kase?.workflow_id ?? procedure?.workflow ?? '',
      stage: kase?.state ?? '',
      caseVersion: Number(kase?.version ?? 0),
      result: row.result as Proposal['result'],
      publishedAt: row.published_at,
      publicationUntil: row.publication_until,
      meetings: meetings.map((m) => toMeeting(m, procedure)),
    };
  };

  const publicView = async (row: ProposalRow): Promise<PublicResolution> => {
    const procedure = procedureOf(row.procedure_id);
    const body = bodyOf(row.body_id);
    const meeting = (await db.kysely.selectFrom(MEETINGS).selectAll().where('proposal_id', '=', row.id).where('result', '=', 'adopted').executeTakeFirst()) as MeetingRow | undefined;
    const view = meeting ? toMeeting(meeting, procedure) : null;
    return {
      id: row.id,
      procedure: { id: procedure.id, title: bilingual(procedure.title) },
      body: { id: body.id, title: bilingual(body.title) },
      orgCode: row.org_code,
      orgName: org.byCode(row.org_code)?.name ?? row.org_code,
      title: row.title,
      content: row.content,
      heldAt: view?.heldAt ?? '',
      outcome: view?.outcome ?? (JSON.parse(row.outcome ?? 'null') as Outcome),
      publishedAt: row.published_at ?? '',
      publicationUntil: row.publication_until ?? '',
    };
  };

  const ruleViolated = (title: BilingualText, messages: readonly BilingualText[], key: string) =>
    new EngineError(
      'RULE_VIOLATED',
      bi(`${title['zh-CN']}：${messages.map((m) => m['zh-CN']).join('；')}`, `${title.en}: ${messages.map((m) => m.en).join('; ')}`),
      { fieldErrors: { [key]: messages } },
    );

  return {
    async bodiesAt(ctx, orgCode) {
      const unit = unitOf(orgCode);
      requireRead(ctx.actor, unit);
      const out: Roster[] = [];
      for (const body of Object.values(bodies).filter((b) => b.level === unit.level)) {
        const { row, members } = await readRoster(db.kysely, body, unit);
        out.push(rosterView(body, unit, row, members));
      }
      return out;
    },

    async roster(ctx, bodyId, orgCode) {
      const body = bodyOf(bodyId);
      const unit = bodyUnit(body, orgCode);
      requireRead(ctx.actor, unit);
      const { row, members } = await readRoster(db.kysely, body, unit);
      return rosterView(body, unit, row, members);
    },

    async saveRoster(ctx, bodyId, orgCode, input) {
      const body = bodyOf(bodyId);
      const unit = bodyUnit(body, orgCode);
      if (!allows(ctx.actor, COUNCILS_RESOURCE, 'update', unit.path)) {
        throw errors.forbidden(bi(`无权调整${unit.name}的${texts(body.title).zh}成员`, `You may not change the members of the ${texts(body.title).en} of ${unit.name}`));
      }
      const parsed = parseRoster(body, input);
      const violations = checkComposition(body, parsed.members, ruleKinds);
      if (violations.length) {
        const t = texts(body.title);
        throw ruleViolated(bi(`${t.zh}的成员组成不符合规定`, `The members of the ${t.en} break its composition rules`), violations.map((v) => v.message), 'members');
      }
      const now = clock().toISOString();
      return writeTransaction(db, async (trx) => {
        const current = await readRoster(trx, body, unit, true);
        const version = current.row ? Number(current.row.version) : 0;
        if (version !== parsed.version) {
          throw errors.conflict(bi(`名册已被他人修改（当前版本 ${version}）。请刷新后重试`, `The roster has changed (current version ${version}). Reload it and try again`));
        }
        const known = new Set(current.members.map((m) => m.id));
        const members: RosterMember[] = parsed.members.map((m) => ({ ...m, id: m.id !== null && known.has(m.id) ? m.id : uuidv7() }));
        const rosterId = current.row?.id ?? uuidv7();
        if (current.row) {
          const result = await trx
            .updateTable(ROSTERS)
            .set({ term_start: parsed.termStart, version: version + 1, updated_at: now, updated_by: ctx.actor.id })
            .where('id', '=', rosterId)
            .where('version', '=', version)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 1) throw errors.conflict(bi('名册已被他人修改，请刷新后重试', 'The roster was changed by someone else; reload it and try again'));
          await trx.deleteFrom(MEMBERS).where('roster_id', '=', rosterId).execute();
        } else {
          try {
            await trx
              .insertInto(ROSTERS)
              .values({ id: rosterId, body_id: body.id, org_code: unit.code, org_path: unit.path, term_start: parsed.termStart, version: 1, updated_at: now, updated_by: ctx.actor.id })
              .execute();
          } catch (error) {
            if (!isUniqueViolation(error)) throw error;
            throw errors.conflict(bi('名册已被他人建立，请刷新后重试', 'Someone else created the roster; reload it and try again'));
          }
        }
        if (members.length) {
          await trx
            .insertInto(MEMBERS)
            .values(
              members.map((m, seq) => ({
                id: m.id,
                roster_id: rosterId,
                seq,
                name: m.name,
                gender: m.gender,
                party_member: m.partyMember ? 1 : 0,
                position: m.position,
                building: m.building,
                user_id: m.userId,
              })),
            )
            .execute();
        }
        await audit.append(trx, {
          actor: ctx.actor,
          action: current.row ? 'update' : 'create',
          resource: ROSTER_AUDIT_RESOURCE,
          recordId: rosterId,
          orgPath: unit.path,
          detail: {
            body: body.id,
            before: current.members.map((m) => ({ id: m.id, name: m.name, position: m.position })),
            after: members.map((m) => ({ id: m.id, name: m.name, position: m.position })),
            termStart: parsed.termStart,
          },
        });
        const row: RosterRow = { id: rosterId, body_id: body.id, org_code: unit.code, org_path: unit.path, term_start: parsed.termStart, version: version + 1, updated_at: now, updated_by: ctx.actor.id };
        return rosterView(body, unit, row, members);
      });
    },

    async propose(ctx, procedureId, orgCode, input) {
      const procedure = procedureOf(procedureId);
      const body = bodyOf(procedure.body);
      const unit = bodyUnit(body, orgCode);
      requireRead(ctx.actor, unit);
      const raw = asObject(input);
      const problems = new Problems();
      for (const key of Object.keys(raw)) if (!['title', 'content', 'proposers', 'comment'].includes(key)) problems.add(key, bi(`未知的字段 ${key}`, `unknown field ${key}`));
      const title = raw['title'];
      const content = raw['content'];
      const proposerIds = raw['proposers'] ?? [];
      const comment = raw['comment'] ?? null;
      if (typeof title !== 'string' || title.trim() === '' || title.length > 200) problems.add('title', bi('议案标题必填（不超过 200 字）', 'the title is required (at most 200 characters)'));
      if (typeof content !== 'string' || content.trim() === '' || content.length > MAX_TEXT) problems.add('content', bi(`议案内容必填（不超过 ${MAX_TEXT} 字）`, `the content is required (at most ${MAX_TEXT} characters)`));
      if (!Array.isArray(proposerIds) || !proposerIds.every((p) => typeof p === 'string') || new Set(proposerIds).size !== proposerIds.length) {
        problems.add('proposers', bi('联名成员应为不重复的成员编号列表', 'proposers must be a list of distinct member ids'));
      }
      if (comment !== null && (typeof comment !== 'string' || comment.length > MAX_TEXT)) problems.add('comment', bi('意见应为文本', 'the comment must be text'));
      problems.throwIfAny();
      const ids = proposerIds as string[];
      const now = clock();
      return writeTransaction(db, async (trx) => {
        const { members } = await readRoster(trx, body, unit);
        const byId = new Map(members.map((m) => [m.id, m]));
        const unknown = ids.filter((id) => !byId.has(id));
        if (unknown.length) throw errors.validation({ proposers: [bi(`不是${texts(body.title).zh}的成员：${unknown.join('、')}`, `not members of the ${texts(body.title).en}: ${unknown.join(', ')}`)] });
        const byRole = procedure.proposers.roles.length > 0 && mayAct({ actor: ctx.actor, roles: procedure.proposers.roles, jurisdiction: { unit: 'case-or-above', level: null }, casePath: unit.path, org });
        const share = procedure.proposers.share;
        if (ids.length > 0) {
          // Put by members jointly: the share must be met, whoever records it.
          if (share === null) throw errors.validation({ proposers: [bi('本议事程序不接受成员联名提案', 'this procedure takes no proposals put by members jointly')] });
          if (!meets(ids.length, members.length, { ratio: share, strict: false })) {
            const least = threshold(members.length, { ratio: share, strict: false });
            throw ruleViolated(
              bi('联名人数不足', 'Too few members put the proposal'),
              [bi(`须由 ${formatRatio(share)} 以上的成员联名提出（${ids.length}/${members.length}，至少 ${least} 人）`, `at least ${formatRatio(share)} of the members must put it jointly (${ids.length}/${members.length}, ${least} needed)`)],
              'proposers',
            );
          }
          if (!byRole && !allows(ctx.actor, COUNCILS_RESOURCE, 'update', unit.path)) throw errors.forbidden(bi('无权登记成员联名提出的议案', 'You may not record a proposal put by members'));
        } else if (!byRole) {
          throw errors.forbidden(bi(`无权提出“${texts(procedure.title).zh}”议案`, `You may not put a proposal under "${texts(procedure.title).en}"`));
        }
        const id = uuidv7();
        const kase = await workflows.openWithin(trx, { actor: ctx.actor, workflow: procedure.workflow, resource: COUNCILS_RESOURCE, recordId: id, orgCode: unit.code, comment: comment as string | null });
        const row: ProposalRow = {
          id,
          procedure_id: procedure.id,
          body_id: body.id,
          org_code: unit.code,
          org_path: unit.path,
          title: (title as string).trim(),
          content: (content as string).trim(),
          proposers: JSON.stringify(ids.map((p) => ({ id: p, name: byId.get(p)?.name ?? '' }))),
          proposed_by: ctx.actor.id,
          proposed_at: now.toISOString(),
          case_id: kase.id,
          result: null,
          outcome: null,
          published_at: null,
          publication_until: null,
        };
        await trx.insertInto(PROPOSALS).values(row).execute();
        await audit.append(trx, { actor: ctx.actor, action: 'create', resource: PROPOSAL_AUDIT_RESOURCE, recordId: id, orgPath: unit.path, detail: { procedure: procedure.id, title: row.title, proposers: ids, case: kase.id } });
        return proposalView(trx, row);
      });
    },

    async proposals(ctx, query) {
      const grants = grantsFor(ctx.actor, COUNCILS_RESOURCE, 'read');
      if (grants.length === 0) throw errors.forbidden(bi('无权查看议案', 'You may not read proposals'));
      let select = db.kysely
        .selectFrom(PROPOSALS)
        .where(grantsPredicate(grants));
      if (query.org !== undefined) select = select.where(subtreePredicate(unitOf(query.org).path, { leaf: false }));
      if (query.procedure !== undefined) select = select.where('procedure_id', '=', procedureOf(query.procedure).id);
      const total = Number(((await select.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown } | undefined)?.n ?? 0);
      const rows = (await select
        .selectAll()
        .orderBy('proposed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute()) as ProposalRow[];
      return { data: await Promise.all(rows.map((r) => proposalView(db.kysely, r))), total };
    },

    async proposal(ctx, id) {
      return proposalView(db.kysely, await readProposalRow(db.kysely, id, ctx.actor));
    },

    async recordMeeting(ctx, id, input) {
      const raw = asObject(input);
      const problems = new Problems();
      for (const key of Object.keys(raw)) if (!['version', 'heldAt', 'attendance', 'counts'].includes(key)) problems.add(key, bi(`未知的字段 ${key}`, `unknown field ${key}`));
      const version = raw['version'];
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) problems.add('version', bi('必须提供案卷的当前版本号', "the case's current version is required"));
      const heldAt = raw['heldAt'];
      if (typeof heldAt !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(heldAt) || Number.isNaN(Date.parse(heldAt))) problems.add('heldAt', bi('会议时间应为 ISO 8601 日期或时间', 'heldAt must be an ISO 8601 date or date-time'));
      problems.throwIfAny();
      const now = clock();
      return writeTransaction(db, async (trx) => {
        const row = await readProposalRow(trx, id, ctx.actor);
        const procedure = procedureOf(row.procedure_id);
        const body = bodyOf(row.body_id);
        const unit = unitOf(row.org_code);
        const kase = (await trx.selectFrom(CASES_TABLE).select(['state', 'version', 'org_path']).where('id', '=', row.case_id).executeTakeFirst()) as { state: string; version: number; org_path: string };
        const stage = procedure.stages.find((s) => s.id === kase.state);
        if (stage?.kind !== 'deliberation') {
          const st = stage ? texts(stage.title) : { zh: kase.state, en: kase.state };
          throw errors.conflict(bi(`议案处于“${st.zh}”阶段，不能记录表决`, `The proposal is at the stage "${st.en}": no vote can be recorded`));
        }
        if (!mayAct({ actor: ctx.actor, roles: stage.roles, jurisdiction: { unit: 'case-or-above', level: null }, casePath: kase.org_path, org })) {
          throw errors.forbidden(bi(`无权记录“${texts(procedure.title).zh}”的会议表决`, `You may not record the meetings of "${texts(procedure.title).en}"`));
        }
        if (Number(kase.version) !== version) {
          throw errors.conflict(bi(`议案已被他人处理（当前版本 ${kase.version}）。请刷新后重试`, `The proposal has changed (current version ${kase.version}). Reload it and try again`));
        }
        let tally: Tally;
        let attendance: Attendance[] = [];
        if (procedure.quorum.base === 'members') {
          const { members } = await readRoster(trx, body, unit);
          const violations = checkComposition(body, members, ruleKinds);
          if (members.length === 0 || violations.length) {
            throw ruleViolated(bi(`${texts(body.title).zh}未按规定组成，不能表决`, `The ${texts(body.title).en} is not constituted as its rules require: no vote`), violations.length ? violations.map((v) => v.message) : [bi('尚无成员名册', 'it has no roster')], 'attendance');
          }
          attendance = parseAttendance({ list: raw['attendance'], members, recusal: procedure.recusal, counts: raw['counts'] });
          const present = attendance.filter((a) => a.present);
          tally = {
            members: members.length,
            eligible: members.length,
            present: present.length,
            recused: present.filter((a) => a.recused).length,
            for: present.filter((a) => a.vote === 'for').length,
            against: present.filter((a) => a.vote === 'against').length,
            abstain: present.filter((a) => a.vote === 'abstain').length,
          };
        } else {
          tally = parseCounts(raw['counts'], raw['attendance']);
        }
        const outcome = decide(procedure, tally);
        const meeting: MeetingRow = {
          id: uuidv7(),
          proposal_id: row.id,
          held_at: heldAt as string,
          recorded_at: now.toISOString(),
          recorded_by: ctx.actor.id,
          members: tally.members,
          eligible: tally.eligible,
          present: tally.present,
          recused: tally.recused,
          votes_for: tally.for,
          votes_against: tally.against,
          votes_abstain: tally.abstain,
          attendance: JSON.stringify(attendance),
          result: outcome.result,
          explanation: JSON.stringify(outcome.explanation),
        };
        await trx.insertInto(MEETINGS).values(meeting).execute();
        const action = outcome.result === 'adopted' ? ADOPT_ACTION : outcome.result === 'rejected' ? REJECT_ACTION : NO_QUORUM_ACTION;
        const moved = await workflows.takeWithin(trx, { actor: ctx.actor, caseId: row.case_id, action, version: version as number, reason: outcome.explanation });
        const changes =
          outcome.result === 'no-quorum'
            ? {}
            : {
                result: outcome.result,
                outcome: JSON.stringify(outcome),
                ...(outcome.result === 'adopted' ? { published_at: now.toISOString(), publication_until: moved.dueAt } : {}),
              };
        if (Object.keys(changes).length) await trx.updateTable(PROPOSALS).set(changes).where('id', '=', row.id).execute();
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'update',
          resource: PROPOSAL_AUDIT_RESOURCE,
          recordId: row.id,
          orgPath: row.org_path,
          detail: { op: 'meeting', meeting: meeting.id, tally, result: outcome.result, explanation: outcome.explanation['zh-CN'] },
        });
        return proposalView(trx, { ...row, ...changes });
      });
    },

    async publicResolutions(query) {
      const iso = clock().toISOString();
      let select = db.kysely.selectFrom(PROPOSALS).selectAll().where('result', '=', 'adopted').where('published_at', '<=', iso).where('publication_until', '>', iso);
      if (query.org !== undefined) select = select.where(subtreePredicate(unitOf(query.org).path, { leaf: false }));
      const rows = (await select.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(200).execute()) as ProposalRow[];
      return Promise.all(rows.map(publicView));
    },

    async publicResolution(id) {
      const iso = clock().toISOString();
      const row = isUuid(id) ? ((await db.kysely.selectFrom(PROPOSALS).selectAll().where('id', '=', id).executeTakeFirst()) as ProposalRow | undefined) : undefined;
      if (!row || row.result !== 'adopted' || row.published_at === null || row.publication_until === null || !(row.published_at <= iso && iso < row.publication_until)) {
        throw errors.notFound(bi(`没有正在公示的决议 ${id}`, `There is no resolution ${id} being published`));
      }
      return publicView(row);
    },
  };
}

/** Attendance of every member of the roster, each once: present or not, withdrawn or not, and a vote from each present member who did not withdraw. */
function parseAttendance({ list, members, recusal, counts }: { list: unknown; members: readonly RosterMember[]; recusal: boolean; counts: unknown }): Attendance[] {
  const problems = new Problems();
  if (counts !== undefined) problems.add('counts', bi('有名册的机构按成员逐一记录出席和表决（attendance），不接受人数（counts）', 'a body with a roster records attendance per member (attendance), not counts'));
  if (!Array.isArray(list)) {
    problems.add('attendance', bi('出席情况应为每名成员一项的列表', 'attendance must be a list with one entry per member'));
    problems.throwIfAny();
    return [];
  }
  const byId = new Map(members.map((m) => [m.id, m]));
  const seen = new Set<string>();
  const out: Attendance[] = [];
  for (const [i, item] of list.entries()) {
    const at = (key: string) => `attendance.${i}.${key}`;
    const a = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    for (const key of Object.keys(a)) if (!['member', 'present', 'recused', 'vote'].includes(key)) problems.add(at(key), bi(`未知的字段 ${key}`, `unknown field ${key}`));
    const member = typeof a['member'] === 'string' ? byId.get(a['member']) : undefined;
    if (!member) {
      problems.add(at('member'), bi('不是本机构的成员', 'not a member of the body'));
      continue;
    }
    if (seen.has(member.id)) problems.add(at('member'), bi(`${member.name}重复`, `${member.name} is listed twice`));
    seen.add(member.id);
    const present = a['present'];
    const recused = a['recused'] ?? false;
    const vote = a['vote'] ?? null;
    if (typeof present !== 'boolean') problems.add(at('present'), bi('是否出席应为 true 或 false', 'present must be true or false'));
    if (typeof recused !== 'boolean') problems.add(at('recused'), bi('是否回避应为 true 或 false', 'recused must be true or false'));
    else if (recused && !recusal) problems.add(at('recused'), bi('本议事程序不设回避', 'this procedure has no withdrawal'));
    else if (recused && present !== true) problems.add(at('recused'), bi('回避的成员须出席', 'a member who withdraws must be present'));
    if (vote !== null && !VOTES.includes(vote as Vote)) problems.add(at('vote'), bi('表决应为 for、against 或 abstain', 'the vote must be for, against or abstain'));
    else if (present === true && recused === false && vote === null) problems.add(at('vote'), bi(`${member.name}出席且未回避，须记录其表决`, `${member.name} is present and did not withdraw: record their vote`));
    else if ((present !== true || recused === true) && vote !== null) problems.add(at('vote'), bi(`${member.name}缺席或回避，不能表决`, `${member.name} is absent or withdrew and cannot vote`));
    out.push({ member: member.id, name: member.name, present: present === true, recused: recused === true, vote: vote as Vote | null });
  }
  const missing = members.filter((m) => !seen.has(m.id));
  if (missing.length) problems.add('attendance', bi(`未记录以下成员的出席情况：${missing.map((m) => m.name).join('、')}`, `attendance is missing for: ${missing.map((m) => m.name).join(', ')}`));
  problems.throwIfAny();
  return out;
}

/** Head counts of an assembly (居民会议): eligible ≥ present ≥ votes cast. */
function parseCounts(counts: unknown, attendance: unknown): Tally {
  const problems = new Problems();
  if (attendance !== undefined) problems.add('attendance', bi('居民会议按人数记录（counts）', "a residents' meeting records head counts (counts)"));
  const c = (typeof counts === 'object' && counts !== null && !Array.isArray(counts) ? counts : null) as Record<string, unknown> | null;
  if (!c) {
    problems.add('counts', bi('须记录应到、实到及赞成、反对、弃权人数', 'record the eligible and present counts and the votes for, against and abstaining'));
    problems.throwIfAny();
  }
  const n = (key: string): number => {
    const v = c?.[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      problems.add(`counts.${key}`, bi('应为非负整数', 'must be a non-negative integer'));
      return 0;
    }
    return v;
  };
  const tally = { eligible: n('eligible'), present: n('present'), for: n('for'), against: n('against'), abstain: n('abstain') };
  for (const key of Object.keys(c ?? {})) if (!['eligible', 'present', 'for', 'against', 'abstain'].includes(key)) problems.add(`counts.${key}`, bi(`未知的字段 ${key}`, `unknown field ${key}`));
  if (tally.present > tally.eligible) problems.add('counts.present', bi('实到人数不能超过应到人数', 'present cannot exceed eligible'));
  if (tally.for + tally.against + tally.abstain > tally.present) problems.add('counts.for', bi('表决人数不能超过实到人数', 'votes cannot exceed those present'));
  problems.throwIfAny();
  return { members: tally.eligible, recused: 0, ...tally };
}
