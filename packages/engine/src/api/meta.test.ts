import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { SignedIn, TestClient } from '../testing/sessions.ts';
import { createApp } from './app.ts';
import type { AdminMeta } from '@zhili/schemas';

describe('GET /api/meta', () => {
  let fixture: FixtureEngine;
  let admin: SignedIn;
  let app: TestClient;
  beforeAll(async () => {
    fixture = await openFixtureEngine('sqlite');
    admin = await signIn(fixture.engine, { username: 'meta-admin', roles: [{ role: 'admin', orgCode: '320400' }] });
    app = asClient(createApp(fixture.engine), admin);
  });
  afterAll(async () => {
    await fixture.drop();
  });

  async function meta(query = '', headers: Record<string, string> = {}): Promise<{ text: string; meta: AdminMeta }> {
    const response = await app.request(`/api/meta${query}`, { headers });
    expect(response.status).toBe(200);
    const text = await response.text();
    return { text, meta: JSON.parse(text) as AdminMeta };
  }

  it('describes the package, levels, modules and resources with texts in Chinese by default', async () => {
    const { meta: body } = await meta();
    expect(body.locale).toBe('zh-CN');
    expect(body.package).toEqual({
      id: 'fixture-households',
      title: '测试配置包',
      description: null,
      version: '1.2.3',
      packages: [{ name: 'households', id: 'fixture-households', version: '1.2.3' }],
    });
    expect(body.levels.map((l) => l.title)).toEqual(['市', '区', '街道', '社区', '网格']);
    expect(body.modules).toEqual([{ id: 'basic-data', title: '基础数据', order: 10, icon: null }]);
    const [households] = body.resources;
    expect(households).toMatchObject({ id: 'households', title: '住户', level: 'grid', module: 'basic-data', titleField: 'householderName' });
    expect(households?.schema).toMatchObject({
      type: 'object',
      required: ['address', 'householderName', 'memberCount'],
      properties: {
        householderIdNumber: { type: 'string', title: '户主身份证号', format: 'cn-id-card' },
        careLevel: { oneOf: [{ const: 'normal', title: '一般' }, { const: 'key', title: '重点关注' }, { const: 'special', title: '特别关注' }] },
        contact: { properties: { name: { title: '姓名' } } },
        area: { 'x-unit': 'm²' },
      },
    });
    expect(households?.uiSchema).toEqual({ householderIdNumber: { 'ui:placeholder': '18 位公民身份号码' }, careLevel: { 'ui:widget': 'radio' } });
    expect(households?.list.columns.map((c) => c.title)).toEqual(['户主姓名', '住址', '家庭人口', '关注等级', '更新时间']);
    expect(households?.list.filters).toEqual([
      { field: 'householderName', title: '户主姓名', operators: ['contains', 'eq'] },
      { field: 'careLevel', title: '关注等级', operators: ['eq', 'in'] },
    ]);
    expect(households?.list).toMatchObject({ defaultSort: [{ field: 'address', order: 'asc' }], pageSize: 10 });
    expect(households?.pii).toEqual(['householderName', 'householderIdNumber']);
  });

  it('resolves texts in English by ?locale= or Accept-Language', async () => {
    for (const [query, headers] of [['?locale=en', {}], ['', { 'accept-language': 'en-GB,en;q=0.8' }]] as const) {
      const { meta: body } = await meta(query, headers);
      expect(body.locale).toBe('en');
      expect(body.package.title).toBe('Test package');
      expect(body.resources[0]?.title).toBe('Household');
      expect(body.resources[0]?.list.columns.at(-1)?.title).toBe('Updated');
      expect(body.resources[0]?.uiSchema).toMatchObject({ householderIdNumber: { 'ui:placeholder': '18-character ID number' } });
    }
  });

  it('names the actor and what it may do', async () => {
    const { meta: body } = await meta();
    expect(body.actor).toEqual({
      id: admin.user.id,
      username: 'meta-admin',
      displayName: 'meta-admin',
      assignments: [{ role: 'admin', orgCode: '320400', orgPath: '/320400/' }],
    });
    expect(body.permissions).toEqual({ households: { read: true, create: true, update: true, delete: true, piiRead: true } });
  });

  it('sends nothing server-only: no file paths, no model hash, no index names', async () => {
    const { text } = await meta();
    expect(text).not.toContain(fixture.engine.model.hash);
    expect(text).not.toContain('/fixtures/');
    expect(text).not.toMatch(/sourceFile|orgTreeFile|demoDataModule|"dir"|"hash"|"indexes"|ix_households/);
  });
});
