import type { AdminMeta, AdminWorkflow, CaseAction, CaseHistoryEntry } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages.ts';
import { readableWorkflows } from '../meta/resources.ts';
import { actionFormSchema, casesPath, dueStatus, mayReport, periodRange, timelineEntries, transitionBody } from './case-view.ts';

const t = (key: string, options?: Record<string, unknown>) => translate('zh-CN', key, options);

const ASSIGN: CaseAction = {
  id: 'assign',
  title: '任务分配',
  description: null,
  from: ['collecting'],
  to: 'assigned',
  toTitle: '任务分配',
  roles: ['community-worker'],
  jurisdiction: { unit: 'case-or-above', level: null },
  form: null,
  uiSchema: {},
  comment: 'optional',
  attachmentRequired: false,
  assign: true,
};

const SUBMIT: CaseAction = {
  ...ASSIGN,
  id: 'submit',
  title: '提交办结',
  from: ['processing'],
  to: 'reviewing',
  toTitle: '审核督查',
  assign: false,
  comment: 'none',
  attachmentRequired: true,
  form: { type: 'object', required: ['result'], properties: { result: { type: 'string', title: '处理结果' } } },
};

const WORKFLOW: AdminWorkflow = {
  id: 'event-loop',
  title: '事件闭环',
  description: null,
  resource: 'events',
  initial: 'collecting',
  openRoles: ['grid-worker'],
  states: [
    { id: 'collecting', title: '信息收集', description: null, final: false, timeLimit: null, onExpiry: null },
    { id: 'assigned', title: '任务分配', description: null, final: false, timeLimit: null, onExpiry: null },
    { id: 'processing', title: '签收处理', description: null, final: false, timeLimit: null, onExpiry: null },
    { id: 'reviewing', title: '审核督查', description: null, final: false, timeLimit: null, onExpiry: null },
    { id: 'done', title: '办结', description: null, final: true, timeLimit: null, onExpiry: null },
  ],
  transitions: [ASSIGN, SUBMIT, { ...ASSIGN, id: 'close', title: '结案', from: ['reviewing'], to: 'done', assign: false }],
  evaluation: null,
};

const permissions = (read: boolean, create: boolean) => ({ read, create, update: false, delete: false, piiRead: false });

function metaWith(roles: readonly string[], events: ReturnType<typeof permissions>): AdminMeta {
  return {
    workflows: [WORKFLOW, { ...WORKFLOW, id: 'hidden', resource: 'secret' }],
    councils: { bodies: [], procedures: [], permissions: { read: false, manageRosters: false, propose: [], record: [], supervise: [] } },
    points: [],
    pointsPermissions: {},
    permissions: { events, secret: permissions(false, false) },
    actor: { id: 'u1', username: 'grid', displayName: '网格员', assignments: roles.map((role) => ({ role, orgCode: '1', orgPath: '/1/' })) },
  } as unknown as AdminMeta;
}

describe('which workflows the actor sees and reports in', () => {
  it('lists the workflows whose resource the actor may read, but not those of council procedures', () => {
    const meta = metaWith([], permissions(true, false));
    expect(readableWorkflows(meta).map((w) => w.id)).toEqual(['event-loop']);
    const councils = { procedures: [{ workflow: 'event-loop' }] } as unknown as NonNullable<AdminMeta['councils']>;
    expect(readableWorkflows({ ...meta, councils })).toEqual([]);
  });

  it('offers reporting only to a role that opens cases with a create grant on the resource', () => {
    expect(mayReport(metaWith(['grid-worker'], permissions(true, true)), WORKFLOW)).toBe(true);
    expect(mayReport(metaWith(['grid-worker'], permissions(true, false)), WORKFLOW)).toBe(false);
    expect(mayReport(metaWith(['community-worker'], permissions(true, true)), WORKFLOW)).toBe(false);
  });
});

describe('dueStatus', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  it('tells overdue, due within a day, due later, and nothing for a closed case or one without a limit', () => {
    expect(dueStatus({ dueAt: '2026-11-23T01:00:00Z', overdue: false, closedAt: null }, now).kind).toBe('overdue');
    expect(dueStatus({ dueAt: '2026-11-24T01:00:00Z', overdue: false, closedAt: null }, now)).toEqual({ kind: 'soon', at: '2026-11-24T01:00:00Z' });
    expect(dueStatus({ dueAt: '2026-11-25T01:00:00Z', overdue: false, closedAt: null }, now).kind).toBe('due');
    expect(dueStatus({ dueAt: '2026-11-25T01:00:00Z', overdue: true, closedAt: null }, now).kind).toBe('overdue');
    expect(dueStatus({ dueAt: null, overdue: false, closedAt: null }, now).kind).toBe('none');
    expect(dueStatus({ dueAt: '2026-11-23T01:00:00Z', overdue: true, closedAt: '2026-11-23T01:30:00Z' }, now).kind).toBe('none');
  });
});

describe('the action form', () => {
  it('asks an assigning action for one of the candidates, by name with the roles that qualify', () => {
    const { schema } = actionFormSchema({
      action: ASSIGN,
      org: 'g1',
      candidates: [{ id: 'u2', username: 'zhang', displayName: '张敏', roles: [{ role: 'grid-worker', orgCode: 'g1', orgName: '第一网格' }] }],
      roleTitle: (role) => (role === 'grid-worker' ? '网格员' : role),
      t,
    });
    expect(schema.required).toEqual(['assignee']);
    expect(schema.properties?.['assignee']).toMatchObject({ title: '承办人', oneOf: [{ const: 'zhang', title: '张敏（网格员 · 第一网格）' }] });
    expect(Object.keys(schema.properties ?? {})).toEqual(['assignee', 'comment', 'attachments']);
  });

  it('nests the action\'s own form under data, leaves out a comment it does not take, and uploads attachments for the case\'s unit, required when they must be', () => {
    const { schema, uiSchema } = actionFormSchema({ action: SUBMIT, org: 'g1', candidates: [], roleTitle: (r) => r, t });
    expect(schema.required).toEqual(['data', 'attachments']);
    expect(schema.properties?.['data']).toMatchObject({ required: ['result'], properties: { result: { title: '处理结果' } } });
    expect(schema.properties?.['comment']).toBeUndefined();
    expect(schema.properties?.['attachments']).toMatchObject({ type: 'array', maxItems: 20 });
    expect(uiSchema['attachments']).toEqual({ 'ui:field': 'attachments', 'ui:options': { org: 'g1' } });
    expect(uiSchema['ui:order']).toEqual(['data', 'attachments']);
  });

  it('sends only the parts the action takes, with the case version, and no empty comment or attachments', () => {
    expect(transitionBody(ASSIGN, 3, { assignee: 'zhang', comment: '  ', attachments: [] })).toEqual({ action: 'assign', version: 3, assignee: 'zhang' });
    expect(transitionBody(SUBMIT, 4, { data: { result: '已清理' }, attachments: [{ name: '现场.jpg', url: '/f/1' }] })).toEqual({
      action: 'submit',
      version: 4,
      data: { result: '已清理' },
      attachments: [{ name: '现场.jpg', url: '/f/1' }],
    });
    expect(transitionBody({ ...ASSIGN, assign: false }, 1, { comment: ' 同意 ' })).toEqual({ action: 'assign', version: 1, comment: '同意' });
  });
});

describe('timelineEntries', () => {
  const entry = (partial: Partial<CaseHistoryEntry>): CaseHistoryEntry => ({
    seq: 1,
    kind: 'transition',
    action: null,
    fromState: null,
    toState: 'collecting',
    fromOrg: null,
    toOrg: 'g1',
    actorId: 'u1',
    actorName: 'grid',
    at: '2026-11-23T02:00:00.000Z',
    data: null,
    comment: null,
    attachments: [],
    assignee: null,
    reason: null,
    ...partial,
  });
  const units: Record<string, string> = { g1: '第一网格', c1: '同济桥社区' };

  it('says what happened at each step, by whom, with the data by field title, the comment and the attachments', () => {
    const entries = timelineEntries({
      workflow: WORKFLOW,
      unitName: (code) => units[code] ?? code,
      t,
      history: [
        entry({ seq: 1, kind: 'open', comment: '巡查发现' }),
        entry({ seq: 2, action: 'assign', fromState: 'collecting', toState: 'assigned', actorName: 'community', assignee: 'grid' }),
        entry({ seq: 3, kind: 'escalate', fromState: 'assigned', toState: 'assigned', fromOrg: 'g1', toOrg: 'c1', actorId: 'system', actorName: 'system', reason: '超过办理时限' }),
        entry({ seq: 4, action: 'submit', fromState: 'processing', toState: 'reviewing', data: { result: '已清理', extra: true }, attachments: [{ name: '现场.jpg', url: '/f/1' }] }),
        entry({ seq: 5, action: 'close', fromState: 'reviewing', toState: 'done' }),
      ],
    });
    expect(entries.map((e) => [e.title, e.color, e.actor])).toEqual([
      ['发起，进入“信息收集”', 'blue', 'grid'],
      ['任务分配', 'blue', 'community'],
      ['超时上报：第一网格 → 同济桥社区', 'red', '系统'],
      ['提交办结 → 审核督查', 'blue', 'grid'],
      ['结案 → 办结', 'green', 'grid'],
    ]);
    expect(entries[0]?.notes).toEqual(['意见：巡查发现']);
    expect(entries[1]?.notes).toEqual(['承办人：grid']);
    expect(entries[2]?.notes).toEqual(['超过办理时限']);
    expect(entries[3]?.fields).toEqual([
      { label: '处理结果', value: '已清理' },
      { label: 'extra', value: '是' },
    ]);
    expect(entries[3]?.attachments).toEqual([{ name: '现场.jpg', url: '/f/1' }]);
  });
});

describe('casesPath', () => {
  it('builds the list query of a board column and of the to-do list', () => {
    expect(casesPath({ workflow: 'event-loop', state: 'collecting', org: '3204', overdue: true, pageSize: 50 })).toBe(
      '/cases?workflow=event-loop&state=collecting&org=3204&overdue=true&pageSize=50',
    );
    expect(casesPath({ actionable: true, org: null, page: 2, pageSize: 20 })).toBe('/cases?actionable=true&page=2&pageSize=20');
    expect(casesPath({ assignee: 'me', closed: false, pageSize: 20 })).toBe('/cases?assignee=me&closed=false&pageSize=20');
  });
});

describe('periodRange', () => {
  it('runs from the first day of the month or year to the first day of the next', () => {
    expect(periodRange({ kind: 'month', value: '2026-11' })).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(periodRange({ kind: 'month', value: '2026-12' })).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(periodRange({ kind: 'year', value: '2026' })).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });
});
