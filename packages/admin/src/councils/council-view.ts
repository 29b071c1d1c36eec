import type { AdminCouncilBody, AdminCouncilProcedure, AdminMeta, CouncilAttendance, CouncilMember, CouncilProposal, CouncilRoster, CouncilTally, CouncilVote } from '@zhili/schemas';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The final states every procedure's workflow has beside its stages (the engine's COMPLETED_STATE and REJECTED_STATE). */
export const COMPLETED_STAGE = 'completed';
export const REJECTED_STAGE = 'rejected';

/** One composition rule of a body and whether the roster keeps it. */
export interface RuleStatus {
  /** size, position:<id>, requirement:<id> or building: the engine's rule ids. */
  readonly rule: string;
  readonly title: string;
  /** What the roster has, e.g. "7 人". */
  readonly found: string;
  readonly ok: boolean;
  /** The engine's words when the rule is broken. */
  readonly message: string | null;
}

const range = (min: number, max: number | null, t: Translate): string =>
  max === null ? t('councils.atLeast', { min }) : min === max ? t('councils.exactly', { min }) : t('councils.between', { min, max });

/**
 * Every composition rule of the body with the roster's figures: the size, each position's count,
 * each requirement (women, Party members …) and, with per-building selection, a building for each
 * member. A rule is broken when the engine's check of the roster names it.
 */
export function ruleStatus(body: AdminCouncilBody, roster: CouncilRoster, t: Translate): RuleStatus[] {
  const broken = new Map(roster.violations.map((v) => [v.rule, v.message]));
  const members = roster.members;
  const row = (rule: string, title: string, count: number): RuleStatus => ({
    rule,
    title,
    found: t('councils.people', { count }),
    ok: !broken.has(rule),
    message: broken.get(rule) ?? null,
  });
  const rows = [row('size', `${t('councils.size')} ${range(body.size.min, body.size.max, t)}`, members.length)];
  for (const role of body.roles) rows.push(row(`position:${role.id}`, `${role.title} ${range(role.min, role.max, t)}`, members.filter((m) => m.position === role.id).length));
  for (const req of body.requirements) rows.push(row(`requirement:${req.id}`, req.title, members.filter((m) => m[req.attribute] === req.value).length));
  if (body.selection.method === 'per-building') rows.push(row('building', t('councils.buildingRule'), members.filter((m) => m.building !== null && m.building !== '').length));
  // A plugin's rule: the engine's check says whether the roster keeps it; there is no count to show.
  for (const rule of body.rules) rows.push({ ...row(`rule:${rule.id}`, rule.title, 0), found: '' });
  // A rule the engine reports that the meta does not list (a newer engine) still shows.
  for (const v of roster.violations) if (!rows.some((r) => r.rule === v.rule)) rows.push({ rule: v.rule, title: v.message, found: '', ok: false, message: v.message });
  return rows;
}

/** A member as the roster form edits it: the API's member without nulls (RJSF leaves absent what is empty). */
export type MemberFormValue = Partial<Omit<CouncilMember, 'building' | 'userId'>> & { building?: string; userId?: string };

export function toMemberForm(member: CouncilMember): MemberFormValue {
  const { building, userId, ...rest } = member;
  return { ...rest, ...(building !== null ? { building } : {}), ...(userId !== null ? { userId } : {}) };
}

/** The body of PUT …/bodies/:body from the roster form. */
export function rosterBody(version: number, termStart: string | undefined, members: readonly MemberFormValue[]) {
  return { version, ...(termStart ? { termStart } : {}), members };
}

/** One member's line of the meeting form. */
export interface AttendanceDraft {
  readonly member: string;
  readonly name: string;
  readonly present: boolean;
  readonly recused: boolean;
  readonly vote: CouncilVote | null;
}

/** Everyone on the roster, absent until marked present. */
export function initialAttendance(members: readonly CouncilMember[]): AttendanceDraft[] {
  return members.map((m) => ({ member: m.id, name: m.name, present: false, recused: false, vote: null }));
}

/** The counts the meeting form shows as it is filled in (the outcome itself is the engine's to compute). */
export function draftTally(drafts: readonly AttendanceDraft[]): Omit<CouncilTally, 'eligible'> {
  const present = drafts.filter((d) => d.present);
  const voting = present.filter((d) => !d.recused);
  return {
    members: drafts.length,
    present: present.length,
    recused: present.length - voting.length,
    for: voting.filter((d) => d.vote === 'for').length,
    against: voting.filter((d) => d.vote === 'against').length,
    abstain: voting.filter((d) => d.vote === 'abstain').length,
  };
}

/** Present members who neither withdrew nor voted: the meeting cannot be recorded until each has. */
export function missingVotes(drafts: readonly AttendanceDraft[]): string[] {
  return drafts.filter((d) => d.present && !d.recused && d.vote === null).map((d) => d.name);
}

/** The attendance the engine takes: absent members with no vote, withdrawn ones with none either. */
export function attendanceBody(drafts: readonly AttendanceDraft[]): Pick<CouncilAttendance, 'member' | 'present' | 'recused' | 'vote'>[] {
  return drafts.map((d) => ({ member: d.member, present: d.present, recused: d.present && d.recused, vote: d.present && !d.recused ? d.vote : null }));
}

/** Where a proposal stands among the procedure's stages: the current step, and whether it failed (rejected) or is done. */
export function stageProgress(procedure: AdminCouncilProcedure, proposal: Pick<CouncilProposal, 'stage' | 'result'>): { current: number; status: 'process' | 'finish' | 'error' } {
  if (proposal.stage === COMPLETED_STAGE) return { current: procedure.stages.length, status: 'finish' };
  if (proposal.stage === REJECTED_STAGE) {
    const deliberation = procedure.stages.findIndex((s) => s.kind === 'deliberation');
    return { current: Math.max(deliberation, 0), status: 'error' };
  }
  return { current: Math.max(procedure.stages.findIndex((s) => s.id === proposal.stage), 0), status: 'process' };
}

/** GET /api/councils/proposals with its query. */
export function proposalsPath(query: { readonly org: string | null; readonly procedure?: string; readonly page: number; readonly pageSize: number }): string {
  const params = new URLSearchParams();
  if (query.org !== null) params.set('org', query.org);
  if (query.procedure !== undefined) params.set('procedure', query.procedure);
  params.set('page', String(query.page));
  params.set('pageSize', String(query.pageSize));
  return `/councils/proposals?${params.toString()}`;
}

/** Whether the actor may put a proposal under the procedure: by a role it holds, or (managing rosters) for members jointly. */
export function mayPropose(meta: AdminMeta, procedure: AdminCouncilProcedure): boolean {
  const can = meta.councils.permissions;
  return can.propose.includes(procedure.id) || (procedure.proposers.share !== null && can.manageRosters);
}

/** Whether the actor may record the procedure's meetings (attendance and votes). */
export function mayRecord(meta: AdminMeta, procedure: AdminCouncilProcedure): boolean {
  return meta.councils.permissions.record.includes(procedure.id);
}

/** The unit whose bodies show before the navigator narrows to one: the actor's, when it holds its roles at exactly one unit of a body level (a community worker's community). */
export function homeCouncilUnit(meta: AdminMeta): string | null {
  const bodyLevels = new Set(meta.councils.bodies.map((b) => b.level));
  const levels = new Map(meta.roles.map((r) => [r.id, r.level]));
  const units = new Set(meta.actor.assignments.filter((a) => bodyLevels.has(levels.get(a.role) ?? '')).map((a) => a.orgCode));
  const [only] = units;
  return units.size === 1 && only !== undefined ? only : null;
}

/** The path of a resolution's public notice (公示), readable without signing in. */
export const publicNoticePath = (id: string): string => `/public/councils/resolutions/${id}`;
