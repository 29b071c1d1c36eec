import type { AdminCouncilBody, AdminCouncilProcedure, AdminMeta, CouncilMember, CouncilRoster } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages.ts';
import { attendanceBody, draftTally, homeCouncilUnit, initialAttendance, mayPropose, mayRecord, missingVotes, proposalsPath, rosterBody, ruleStatus, stageProgress, toMemberForm } from './council-view.ts';

const t = (key: string, options?: Record<string, unknown>) => translate('zh-CN', key, options);

const BODY: AdminCouncilBody = {
  id: 'supervisors',
  title: '居务监督委员会',
  description: null,
  level: 'community',
  size: { min: 3, max: 5 },
  roles: [
    { id: 'chair', title: '主任', min: 1, max: 1 },
    { id: 'member', title: '委员', min: 2, max: 4 },
  ],
  requirements: [{ id: 'woman', title: '应当有妇女成员', attribute: 'gender', value: 'female', min: 1, share: null }],
  rules: [{ id: 'cross-appointment', kind: 'cross-appointment', title: '业委会成员中应有小区党支部党员（交叉任职）' }],
  selection: { method: 'per-building', methodTitle: '按小区或楼宇推选', by: null },
  termYears: 5,
  eligibility: null,
  memberSchema: { type: 'object', properties: {} },
};

const member = (id: string, over: Partial<CouncilMember> = {}): CouncilMember => ({ id, name: `成员${id}`, gender: 'male', partyMember: false, position: 'member', building: '1栋', userId: null, ...over });

const roster = (members: CouncilMember[], violations: CouncilRoster['violations'] = []): CouncilRoster => ({
  body: BODY.id,
  orgCode: 'c1',
  orgName: '文化宫社区',
  version: 1,
  termStart: null,
  termEnd: null,
  members,
  violations,
});

const PROCEDURE: AdminCouncilProcedure = {
  id: 'p',
  title: '议事程序',
  description: null,
  body: BODY.id,
  supervisor: null,
  supervisionRoles: [],
  workflow: 'council-p',
  proposers: { share: '1/5', roles: ['community-worker'] },
  quorum: { base: 'members', ratio: '2/3', strict: false, text: '' },
  pass: { base: 'present', ratio: '1/2', strict: true, text: '' },
  recusal: true,
  publicationDays: 7,
  stages: [
    { id: 'put', kind: 'proposal', title: '提出', description: null, roles: [], timeLimit: null },
    { id: 'vote', kind: 'deliberation', title: '表决', description: null, roles: [], timeLimit: null },
    { id: 'publish', kind: 'publication', title: '公示', description: null, roles: [], timeLimit: null },
    { id: 'do', kind: 'implementation', title: '实施', description: null, roles: [], timeLimit: null },
  ],
};

describe('ruleStatus', () => {
  it('lists every composition rule with the roster’s figures, all met for a valid roster', () => {
    const rows = ruleStatus(BODY, roster([member('1', { position: 'chair', gender: 'female' }), member('2'), member('3')]), t);
    expect(rows.map((r) => [r.rule, r.title, r.found, r.ok])).toEqual([
      ['size', '人数 3–5 人', '3 人', true],
      ['position:chair', '主任 1 人', '1 人', true],
      ['position:member', '委员 2–4 人', '2 人', true],
      ['requirement:woman', '应当有妇女成员', '1 人', true],
      ['building', '每名成员注明所代表的楼栋或小区', '3 人', true],
      ['rule:cross-appointment', '业委会成员中应有小区党支部党员（交叉任职）', '', true],
    ]);
  });

  it('marks the rules the engine reports broken, with its words, and keeps a rule it names that the meta lacks', () => {
    const rows = ruleStatus(
      BODY,
      roster([member('1', { position: 'chair' }), member('2')], [
        { rule: 'size', message: '成员由3至5人组成（现为2人）' },
        { rule: 'requirement:woman', message: '应当有妇女成员（现为0人）' },
        { rule: 'rule:cross-appointment', message: '业委会成员中没有党员（现为0名）' },
        { rule: 'term', message: '任期未定' },
      ]),
      t,
    );
    expect(rows.filter((r) => !r.ok).map((r) => [r.rule, r.message])).toEqual([
      ['size', '成员由3至5人组成（现为2人）'],
      ['requirement:woman', '应当有妇女成员（现为0人）'],
      ['rule:cross-appointment', '业委会成员中没有党员（现为0名）'],
      ['term', '任期未定'],
    ]);
    expect(rows.find((r) => r.rule === 'position:member')?.found).toBe('1 人');
  });
});

describe('the roster form', () => {
  it('drops null building and account from a member, and sends the version and term with the members', () => {
    expect(toMemberForm(member('1', { building: null }))).toEqual({ id: '1', name: '成员1', gender: 'male', partyMember: false, position: 'member' });
    expect(rosterBody(3, undefined, [])).toEqual({ version: 3, members: [] });
    expect(rosterBody(3, '2026-01-01', [])).toEqual({ version: 3, termStart: '2026-01-01', members: [] });
  });
});

describe('the meeting form', () => {
  const drafts = initialAttendance([member('1'), member('2'), member('3'), member('4')]).map((d, i) =>
    i === 0 ? { ...d, present: true, vote: 'for' as const } : i === 1 ? { ...d, present: true, recused: true } : i === 2 ? { ...d, present: true } : d,
  );

  it('starts with everyone absent', () => {
    expect(initialAttendance([member('1')])).toEqual([{ member: '1', name: '成员1', present: false, recused: false, vote: null }]);
  });

  it('counts those present, withdrawn and each vote as the form is filled in', () => {
    expect(draftTally(drafts)).toEqual({ members: 4, present: 3, recused: 1, for: 1, against: 0, abstain: 0 });
  });

  it('names present members who neither withdrew nor voted', () => {
    expect(missingVotes(drafts)).toEqual(['成员3']);
  });

  it('sends no vote for an absent or withdrawn member, and no withdrawal for an absent one', () => {
    const stray = drafts.map((d, i) => (i === 3 ? { ...d, recused: true, vote: 'against' as const } : d));
    expect(attendanceBody(stray)).toEqual([
      { member: '1', present: true, recused: false, vote: 'for' },
      { member: '2', present: true, recused: true, vote: null },
      { member: '3', present: true, recused: false, vote: null },
      { member: '4', present: false, recused: false, vote: null },
    ]);
  });
});

describe('stageProgress', () => {
  it('is at the proposal’s stage, past every stage once completed, and fails at the vote when rejected', () => {
    expect(stageProgress(PROCEDURE, { stage: 'publish', result: 'adopted' })).toEqual({ current: 2, status: 'process' });
    expect(stageProgress(PROCEDURE, { stage: 'completed', result: 'adopted' })).toEqual({ current: 4, status: 'finish' });
    expect(stageProgress(PROCEDURE, { stage: 'rejected', result: 'rejected' })).toEqual({ current: 1, status: 'error' });
  });
});

describe('permissions and paths', () => {
  const can = (permissions: Partial<AdminMeta['councils']['permissions']>) =>
    ({ councils: { bodies: [], procedures: [], permissions: { read: true, manageRosters: false, propose: [], record: [], supervise: [], ...permissions } } }) as unknown as AdminMeta;

  it('lets a role named by the procedure propose, and a roster manager record a joint proposal where the procedure takes one', () => {
    expect(mayPropose(can({}), PROCEDURE)).toBe(false);
    expect(mayPropose(can({ propose: ['p'] }), PROCEDURE)).toBe(true);
    expect(mayPropose(can({ manageRosters: true }), PROCEDURE)).toBe(true);
    expect(mayPropose(can({ manageRosters: true }), { ...PROCEDURE, proposers: { share: null, roles: [] } })).toBe(false);
    expect(mayRecord(can({ record: ['p'] }), PROCEDURE)).toBe(true);
    expect(mayRecord(can({}), PROCEDURE)).toBe(false);
  });

  it('starts at the actor’s unit when it holds roles at exactly one unit of a body level', () => {
    const actor = (assignments: { role: string; orgCode: string }[]) =>
      ({
        councils: { bodies: [BODY], procedures: [], permissions: {} },
        roles: [
          { id: 'cw', title: '社区工作者', description: null, level: 'community' },
          { id: 'gw', title: '网格员', description: null, level: 'grid' },
        ],
        actor: { id: 'u', username: 'u', displayName: 'u', assignments: assignments.map((a) => ({ ...a, orgPath: '/' })) },
      }) as unknown as AdminMeta;
    expect(homeCouncilUnit(actor([{ role: 'cw', orgCode: 'c1' }, { role: 'gw', orgCode: 'g1' }]))).toBe('c1');
    expect(homeCouncilUnit(actor([{ role: 'cw', orgCode: 'c1' }, { role: 'cw', orgCode: 'c2' }]))).toBeNull();
    expect(homeCouncilUnit(actor([{ role: 'gw', orgCode: 'g1' }]))).toBeNull();
  });

  it('builds the proposal list’s query', () => {
    expect(proposalsPath({ org: null, page: 1, pageSize: 20 })).toBe('/councils/proposals?page=1&pageSize=20');
    expect(proposalsPath({ org: '3204', procedure: 'p', page: 2, pageSize: 20 })).toBe('/councils/proposals?org=3204&procedure=p&page=2&pageSize=20');
  });
});
