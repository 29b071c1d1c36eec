import { describe, expect, it } from 'vitest';
import { refineResources } from './resources.ts';
import type { AdminChecklist, AdminGrids, AdminMeta, AdminResource, AdminWorkflow } from '@zhili/schemas';

function resource(id: string, module: string | null): AdminResource {
  return {
    id,
    title: `${id}-title`,
    description: null,
    module,
    level: 'grid',
    titleField: null,
    schema: { type: 'object', properties: {} },
    uiSchema: {},
    list: { columns: [], filters: [], defaultSort: [], pageSize: 20 },
    pii: [],
  };
}

const meta: AdminMeta = {
  locale: 'zh-CN',
  package: { id: 'p', title: '测试', description: null, version: '0.1.0', packages: [] },
  levels: [],
  modules: [
    { id: 'work', title: '网格工作', order: 2, icon: null },
    { id: 'basic', title: '基础数据', order: 1, icon: null },
    { id: 'empty', title: '空模块', order: 3, icon: null },
  ],
  roles: [],
  plugins: [],
  resources: [resource('visits', 'work'), resource('households', 'basic'), resource('secret', 'basic'), resource('loose', null)],
  checklists: [],
  grids: null,
  workflows: [],
  councils: { bodies: [], procedures: [], permissions: { read: false, manageRosters: false, propose: [], record: [], supervise: [] } },
  points: [],
  pointsPermissions: {},
  actor: { id: 'u', username: 'grid_worker', displayName: '网格员', assignments: [] },
  capabilities: { readAudit: false, readGrids: false, maintainGrids: false },
  permissions: {
    visits: { read: true, create: true, update: true, delete: false, piiRead: false },
    households: { read: true, create: false, update: true, delete: true, piiRead: true },
    secret: { read: false, create: false, update: false, delete: false, piiRead: false },
    loose: { read: true, create: false, update: false, delete: false, piiRead: false },
  },
  checklistPermissions: {},
};

const WORKFLOW: AdminWorkflow = { id: 'loop', title: '事件闭环', description: null, resource: 'visits', initial: 'new', openRoles: [], states: [], transitions: [], evaluation: null };

const LABELS = { audit: '审计日志', cases: '案卷办理', councils: '议事协商', points: '积分管理', checklists: '清单', grids: '网格看板' };

describe('refineResources', () => {
  it('groups readable resources under their modules in module order, leaving out empty modules', () => {
    const resources = refineResources(meta, LABELS);
    expect(resources.map((r) => r.name)).toEqual(['basic', 'work', 'visits', 'households', 'loose']);
    expect(resources.find((r) => r.name === 'households')?.meta).toEqual({ label: 'households-title', canDelete: true, parent: 'basic' });
    expect(resources.find((r) => r.name === 'loose')?.meta).toEqual({ label: 'loose-title', canDelete: false });
  });

  it('gives routes only for what the actor may do', () => {
    const resources = refineResources(meta, LABELS);
    expect(resources.find((r) => r.name === 'visits')).toMatchObject({
      list: '/r/visits',
      show: '/r/visits/show/:id',
      create: '/r/visits/create',
      edit: '/r/visits/edit/:id',
    });
    const households = resources.find((r) => r.name === 'households');
    expect(households?.create).toBeUndefined();
    expect(households?.edit).toBe('/r/households/edit/:id');
  });

  it('adds the audit trail page last, only for an actor who may read it', () => {
    expect(refineResources(meta, LABELS).some((r) => r.name === 'audit')).toBe(false);
    const auditor = refineResources({ ...meta, capabilities: { ...meta.capabilities, readAudit: true } }, LABELS);
    expect(auditor.at(-1)).toEqual({ name: 'audit', list: '/audit', meta: { label: '审计日志' } });
  });

  it('adds the pages of the plugins’ admin entries before the audit trail, each with its route and label', () => {
    const auditor = { ...meta, capabilities: { ...meta.capabilities, readAudit: true } };
    const resources = refineResources(auditor, LABELS, [{ resource: 'zhili-plugin-grid-ledger-export', route: '/plugins/grid-ledger/export', label: '网格台账导出' }]);
    expect(resources.slice(-2).map((r) => [r.name, r.list, r.meta?.label])).toEqual([
      ['zhili-plugin-grid-ledger-export', '/plugins/grid-ledger/export', '网格台账导出'],
      ['audit', '/audit', '审计日志'],
    ]);
  });

  it('adds the cases when the actor may read the resource of a workflow', () => {
    const workflow = { ...WORKFLOW, resource: 'secret' };
    expect(refineResources({ ...meta, workflows: [workflow] }, LABELS).some((r) => r.name === 'zhili-cases')).toBe(false);
    const reader = refineResources({ ...meta, workflows: [{ ...workflow, resource: 'visits' }] }, LABELS);
    expect(reader.find((r) => r.name === 'zhili-cases')).toEqual({ name: 'zhili-cases', list: '/cases', show: '/cases/:id', meta: { label: '案卷办理' } });
  });

  it('adds the councils when the package has bodies and the actor may read them', () => {
    const body = { id: 'council', title: '议事会', description: null, level: 'community', size: { min: 3, max: 5 }, roles: [], requirements: [], rules: [], selection: { method: 'elected' as const, methodTitle: '选举产生', by: null }, termYears: 5, eligibility: null, memberSchema: { type: 'object' as const, properties: {} } };
    const readable = { ...meta.councils.permissions, read: true };
    expect(refineResources({ ...meta, councils: { ...meta.councils, permissions: readable } }, LABELS).some((r) => r.name === 'zhili-councils')).toBe(false);
    expect(refineResources({ ...meta, councils: { ...meta.councils, bodies: [body] } }, LABELS).some((r) => r.name === 'zhili-councils')).toBe(false);
    const reader = refineResources({ ...meta, councils: { ...meta.councils, bodies: [body], permissions: readable } }, LABELS);
    expect(reader.find((r) => r.name === 'zhili-councils')).toEqual({ name: 'zhili-councils', list: '/councils', show: '/councils/proposals/:id', meta: { label: '议事协商' } });
  });

  it('adds the points when the actor may read a scheme', () => {
    const scheme = { id: 'renren', title: '人人社区积分', description: null, unit: '积分', holder: { resource: 'households', buildingField: null }, adoption: null, allowNegative: false, categories: [], rules: [], redemption: null, expiry: null, timeBank: null, publication: null };
    const none = { read: false, post: [], claim: [], review: [], redeem: false, timeBank: false, reverse: false };
    expect(refineResources({ ...meta, points: [scheme], pointsPermissions: { renren: none } }, LABELS).some((r) => r.name === 'zhili-points')).toBe(false);
    const reader = refineResources({ ...meta, points: [scheme], pointsPermissions: { renren: { ...none, read: true } } }, LABELS);
    expect(reader.find((r) => r.name === 'zhili-points')).toEqual({ name: 'zhili-points', list: '/points', show: '/points/:scheme/accounts/:holder', meta: { label: '积分管理' } });
  });

  it('adds the grid dashboard when the package has grid rules and the actor may read their compliance', () => {
    const grids: AdminGrids = { title: '网格规则', description: null, level: 'grid', households: 'households', staff: 'grid_staff', visits: 'visits', staffRoleField: 'role', rules: [] };
    expect(refineResources({ ...meta, grids }, LABELS).some((r) => r.name === 'zhili-grids')).toBe(false);
    expect(refineResources({ ...meta, capabilities: { ...meta.capabilities, readGrids: true } }, LABELS).some((r) => r.name === 'zhili-grids')).toBe(false);
    const reader = refineResources({ ...meta, grids, capabilities: { ...meta.capabilities, readGrids: true } }, LABELS);
    expect(reader.find((r) => r.name === 'zhili-grids')).toEqual({ name: 'zhili-grids', list: '/grids', show: '/grids/:code', meta: { label: '网格看板' } });
  });

  it('adds the checklists page when the actor may see a checklist: a public one, or any with a read grant', () => {
    const checklist: AdminChecklist = {
      id: 'duties',
      title: '依法履职事项清单',
      description: null,
      kind: 'duty',
      kindTitle: '依法履职事项',
      owner: 'district',
      public: false,
      itemSchema: { type: 'object', properties: {} },
      itemUiSchema: {},
      admission: null,
      claiming: null,
    };
    const none = { readDrafts: false, edit: false, publish: false, submitRequests: false, decideRequests: false, readClaims: false, claim: false, closeClaims: false };
    const page = { name: 'zhili-checklists', list: '/checklists', show: '/checklists/:id', meta: { label: '清单' } };
    // A module named like the page (@zhili/base's 清单与准入) stays a module of its own.
    const hidden = { ...meta, modules: [...meta.modules, { id: 'checklists', title: '清单与准入', order: 4, icon: null }], checklists: [checklist], checklistPermissions: { duties: none } };
    expect(refineResources(hidden, LABELS).some((r) => r.name === 'zhili-checklists')).toBe(false);
    expect(refineResources({ ...hidden, checklistPermissions: { duties: { ...none, readDrafts: true } } }, LABELS).at(-1)).toEqual(page);
    expect(refineResources({ ...hidden, checklists: [{ ...checklist, public: true }] }, LABELS).at(-1)).toEqual(page);
  });
});
