import { describe, expect, it } from 'vitest';
import { refineResources } from './resources.ts';
import type { AdminMeta, AdminResource } from '@zhili/schemas';

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
  resources: [resource('visits', 'work'), resource('households', 'basic'), resource('secret', 'basic'), resource('loose', null)],
  actor: { id: 'u', username: 'grid_worker', displayName: '网格员', assignments: [] },
  permissions: {
    visits: { read: true, create: true, update: true, delete: false, piiRead: false },
    households: { read: true, create: false, update: true, delete: true, piiRead: true },
    secret: { read: false, create: false, update: false, delete: false, piiRead: false },
    loose: { read: true, create: false, update: false, delete: false, piiRead: false },
  },
};

describe('refineResources', () => {
  it('groups readable resources under their modules in module order, leaving out empty modules', () => {
    const resources = refineResources(meta);
    expect(resources.map((r) => r.name)).toEqual(['basic', 'work', 'visits', 'households', 'loose']);
    expect(resources.find((r) => r.name === 'households')?.meta).toEqual({ label: 'households-title', canDelete: true, parent: 'basic' });
    expect(resources.find((r) => r.name === 'loose')?.meta).toEqual({ label: 'loose-title', canDelete: false });
  });

  it('gives routes only for what the actor may do', () => {
    const resources = refineResources(meta);
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
});
