import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import type { AppEnv } from '../api/env.ts';
import type { Engine } from '../engine.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';
import type { CompiledChecklist } from '../model/types.ts';
import type { ChecklistItem } from './types.ts';
import { COLUMNS_SHEET, ImportProblems, ITEMS_SHEET, readWorkbook, writeWorkbook, XLSX_TYPE } from './xlsx.ts';

/** examples/ningxia: its 社区工作事项清单, owned by the county (district) level. */
const PACKAGE = fileURLToPath(new URL('../../../../examples/ningxia', import.meta.url));
const ID = 'community-work-items';
const REGION = '640000';
const YONGNING = '640121';
const MINNING = '640121104';

type Body = Record<string, unknown> & { errors?: Record<string, string[]>; code?: string; message?: string };

const HEADERS = ['编码', '事项名称', '事项名称（英文）', '依据', '责任主体', '经费来源', '办理流程', '办理时限（天）', '考核方式'];
const KEYS = ['code', 'title', 'title.en', 'basis', 'responsibleBody', 'funding', 'procedure', 'timeLimitDays', 'assessment'];

async function open(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as unknown as ExcelJS.Buffer);
  return workbook;
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function itemSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(ITEMS_SHEET);
  if (!sheet) throw new Error('no item sheet');
  return sheet;
}

/** The row of the item sheet holding an item, by its code. */
function rowOf(sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  for (let n = 3; n <= sheet.rowCount; n++) if (sheet.getRow(n).getCell(1).value === code) return sheet.getRow(n);
  throw new Error(`no row ${code}`);
}

/** A needs list whose items have every kind of attribute a cell can hold. */
const SERVICES: CompiledChecklist = {
  id: 'services',
  title: '服务清单',
  description: null,
  kind: 'service',
  owner: 'community',
  public: true,
  itemSchema: {
    type: 'object',
    required: ['free'],
    properties: {
      free: { type: 'boolean', title: '免费' },
      hours: { type: 'number', title: '时长', 'x-unit': { 'zh-CN': '小时', en: 'h' } },
      groups: {
        type: 'array',
        title: { 'zh-CN': '服务对象', en: 'Who for' },
        items: { type: 'string', oneOf: [{ const: 'elderly', title: { 'zh-CN': '老年人', en: 'Elderly' } }, { const: 'children', title: '儿童' }] },
      },
      tags: { type: 'array', title: '标签', items: { type: 'string' } },
      level: { type: 'integer', title: '等级', enum: [1, 2, 3] },
      contact: { type: 'object', title: '联系方式', properties: { phone: { type: 'string' } } },
    },
  },
  itemUiSchema: {},
  items: [],
  admission: null,
  claiming: null,
  sourceFile: 'checklists/services.yaml',
};

describe('the checklist workbook', () => {
  it('writes booleans as 是/否, choices as labels and lists joined with ；, and reads them back the same', async () => {
    const items: ChecklistItem[] = [
      {
        code: 'FW-1',
        title: { 'zh-CN': '助餐', en: 'Meals' },
        status: 'active',
        attributes: { free: false, hours: 1.5, groups: ['elderly', 'children'], tags: ['午餐', '送餐'], level: 2, contact: { phone: '0519-1234' } },
      },
      { code: 'FW-2', title: '停用的服务', status: 'retired', attributes: { free: true } },
      { code: 'FW-3', title: '四点半课堂', status: 'active', attributes: { free: true } },
    ];
    const content = await writeWorkbook(SERVICES, items);
    const sheet = itemSheet(await open(content));
    expect(sheet.getRow(1).values).toEqual([undefined, '编码', '事项名称', '事项名称（英文）', '免费', '时长（小时）', '服务对象', '标签', '等级', '联系方式']);
    expect(sheet.getRow(3).values).toEqual([undefined, 'FW-1', '助餐', 'Meals', '否', 1.5, '老年人；儿童', '午餐；送餐', 2, '{"phone":"0519-1234"}']);
    expect(sheet.getRow(4).values).toEqual([undefined, 'FW-3', '四点半课堂', undefined, '是']);

    const problems = new ImportProblems();
    const rows = await readWorkbook(SERVICES, content, problems);
    expect(problems.any).toBe(false);
    expect(rows).toEqual([
      { row: 3, code: 'FW-1', title: { 'zh-CN': '助餐', en: 'Meals' }, attributes: items[0]?.attributes },
      { row: 4, code: 'FW-3', title: '四点半课堂', attributes: { free: true } },
    ]);
  });

  it('reads what people type: labels in English, values, ; and line breaks between list values, numbers as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const typed = workbook.addWorksheet('Sheet1');
    typed.addRows([
      ['编码', '名称', '免费', '时长', 'Who for', '标签', '等级', '联系方式'],
      ['FW-9', '理发', 'TRUE', '2', 'Elderly; children', '理发\n上门', '3', 'not json'],
    ]);
    const problems = new ImportProblems();
    const rows = await readWorkbook(SERVICES, await bytesOf(workbook), problems);
    expect(problems.any).toBe(true);
    expect(() => problems.throwIfAny()).toThrow(expect.objectContaining({
      status: 422,
      fieldErrors: { 'columns.名称': [{ 'zh-CN': '列「名称」：不是此清单的事项字段', en: 'Column 名称: is not a field of this checklist’s items' }], 'columns.事项名称': [expect.anything()] },
    }));
    expect(rows).toEqual([]);

    typed.getRow(1).getCell(2).value = '事项名称';
    const retry = new ImportProblems();
    const read = await readWorkbook(SERVICES, await bytesOf(workbook), retry);
    expect(() => retry.throwIfAny()).toThrow(expect.objectContaining({ fieldErrors: { 'rows.2.contact': [{ 'zh-CN': '第 2 行「联系方式」：不是有效的 JSON', en: 'Row 2, column 联系方式: is not valid JSON' }] } }));
    expect(read[0]?.attributes).toEqual({ free: true, hours: 2, groups: ['elderly', 'children'], tags: ['理发', '上门'], level: 3 });
  });
});

for (const dialect of DIALECTS) {
  describe(`checklist Excel export and import over HTTP (${dialect})`, () => {
    let fixture: FixtureEngine;
    let engine: Engine;
    let app: Hono<AppEnv>;
    const clients: Record<'admin' | 'county' | 'town', TestClient> = {} as never;

    const call = async (client: TestClient, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
      const response = await client.request(path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Body) };
    };
    const exported = async (client: TestClient, version: string): Promise<{ response: Response; workbook: ExcelJS.Workbook }> => {
      const response = await client.request(`/api/checklists/${ID}/export.xlsx?version=${version}`);
      expect(response.status).toBe(200);
      return { response, workbook: await open(await response.arrayBuffer()) };
    };
    const upload = async (client: TestClient, content: Uint8Array | string, revision: unknown, type = XLSX_TYPE): Promise<{ status: number; body: Body }> => {
      const response = await client.request(`/api/checklists/${ID}/draft/import?revision=${String(revision)}`, {
        method: 'POST',
        body: content,
        headers: { 'content-type': type },
      });
      return { status: response.status, body: (await response.json()) as Body };
    };
    const draft = async (): Promise<Body> => (await call(clients.admin, 'GET', `/api/checklists/${ID}/versions/draft`)).body;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE);
      engine = fixture.engine;
      app = createApp(engine, { adminDir: null });
      const as = async (role: string, orgCode: string) => asClient(app, await signIn(engine, { roles: [{ role, orgCode }] }));
      clients.admin = await as('admin', REGION);
      clients.county = await as('district-officer', YONGNING);
      clients.town = await as('street-admin', MINNING);
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('exports the version in force as a workbook: titled headers, hidden keys, labels for choices, a column sheet, a UTF-8 filename', async () => {
      const { response, workbook } = await exported(clients.town, 'current');
      expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
      const disposition = response.headers.get('content-disposition') ?? '';
      expect(disposition).toContain(`filename="${ID}-v1.xlsx"`);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('宁夏回族自治区社区工作事项清单-v1.xlsx')}`);

      const sheet = itemSheet(workbook);
      expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
      expect(sheet.getRow(2).values).toEqual([undefined, ...KEYS]);
      expect(sheet.getRow(2).hidden).toBe(true);
      expect(sheet.rowCount).toBe(2 + 5);
      const first = rowOf(sheet, 'SQ-01');
      expect(first.getCell(2).value).toBe('协助开展政务服务事项入户核查');
      expect(first.getCell(3).value).toBe('Help verify government service applications door to door');
      expect(first.getCell(9).value).toBe('纳入基层政府统一综合考评');
      expect(rowOf(sheet, 'SQ-05').getCell(8).value).toBe(30);
      expect(sheet.getColumn(4).width).toBeGreaterThan(sheet.getColumn(1).width ?? 0);

      const columns = workbook.getWorksheet(COLUMNS_SHEET);
      expect(columns?.getRow(1).values).toEqual([undefined, '列标题', '键', '类型', '必填', '允许的值', '说明']);
      expect(columns?.getRow(10).values).toEqual([undefined, '考核方式', 'assessment', '文本', '否', '不考核；纳入基层政府统一综合考评']);
      expect(columns?.getRow(9).values).toEqual([undefined, '办理时限（天）', 'timeLimitDays', '整数', '否']);
      expect(columns?.getRow(7).getCell(4).value).toBe('是');

      expect((await clients.town.request(`/api/checklists/${ID}/export.xlsx?version=draft`)).status).toBe(404);
      expect((await clients.town.request(`/api/checklists/${ID}/export.xlsx?version=zero`)).status).toBe(400);
    });

    it('imports its own export into the draft unchanged: same items, nothing added, changed or retired', async () => {
      expect((await call(clients.county, 'POST', `/api/checklists/${ID}/draft`)).status).toBe(201);
      const before = await draft();
      const { response, workbook } = await exported(clients.county, 'draft');
      expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('宁夏回族自治区社区工作事项清单-v2-草稿.xlsx'));
      const imported = await upload(clients.county, await bytesOf(workbook), before['revision']);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ rows: 5, added: [], changed: [], retired: [], removed: [] });
      const after = await draft();
      expect(after['items']).toEqual(before['items']);
      expect(after['revision']).toBe(Number(before['revision']) + 1);
    });

    it('adds, changes, reorders and retires items from the file, keeping retired items in place, and the diff shows it', async () => {
      const { workbook } = await exported(clients.admin, 'draft');
      const sheet = itemSheet(workbook);
      rowOf(sheet, 'SQ-02').getCell(8).value = '10';
      rowOf(sheet, 'SQ-03').getCell(9).value = 'Not assessed';
      sheet.spliceRows(rowOf(sheet, 'SQ-04').number, 1);
      sheet.addRow(['SQ-06', '协助开展人口普查入户登记', null, '《全国人口普查条例》', '统计部门', '人口普查专项经费', null, 20, '不考核']);
      const imported = await upload(clients.admin, await bytesOf(workbook), (await draft())['revision']);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ rows: 5, added: ['SQ-06'], changed: ['SQ-02', 'SQ-03'], retired: ['SQ-04'], removed: [] });
      const after = await draft();
      const list = after['items'] as { code: string; status: string; title: unknown; attributes: Record<string, unknown> }[];
      expect(list.map((i) => [i.code, i.status])).toEqual([
        ['SQ-01', 'active'],
        ['SQ-02', 'active'],
        ['SQ-03', 'active'],
        ['SQ-04', 'retired'],
        ['SQ-05', 'active'],
        ['SQ-06', 'active'],
      ]);
      expect(list[1]?.attributes['timeLimitDays']).toBe(10);
      expect(list[2]?.attributes['assessment']).toBe('none');
      expect(list[5]).toMatchObject({ title: '协助开展人口普查入户登记', attributes: { timeLimitDays: 20, assessment: 'none', funding: '人口普查专项经费' } });
      const diff = await call(clients.admin, 'GET', `/api/checklists/${ID}/diff`);
      expect(diff.body).toMatchObject({ added: [{ code: 'SQ-06' }], retired: [{ code: 'SQ-04' }], changed: [{ code: 'SQ-02' }, { code: 'SQ-03' }], moved: [] });

      // Dropping a new item again removes it (never published); the file's order is the new order.
      const again = (await exported(clients.admin, 'draft')).workbook;
      const rows = itemSheet(again);
      rows.spliceRows(rowOf(rows, 'SQ-06').number, 1);
      const sq01 = rowOf(rows, 'SQ-01').values as ExcelJS.CellValue[];
      rows.spliceRows(3, 1);
      rows.addRow(sq01.slice(1));
      const second = await upload(clients.admin, await bytesOf(again), after['revision']);
      expect(second.body).toMatchObject({ added: [], changed: [], retired: [], removed: ['SQ-06'] });
      expect(((await draft())['items'] as { code: string }[]).map((i) => i.code)).toEqual(['SQ-02', 'SQ-03', 'SQ-04', 'SQ-05', 'SQ-01']);
      const audited = await call(clients.admin, 'GET', `/api/audit?resource=checklists`);
      const details = (audited.body['data'] as { detail: { op?: string } }[]).map((e) => e.detail.op).filter((op) => op === 'import');
      expect(details).toHaveLength(3);
    });

    it('refuses a file with bad rows with 422, naming every error by row and column, and imports none of it', async () => {
      const before = await draft();
      const { workbook } = await exported(clients.admin, 'draft');
      const sheet = itemSheet(workbook);
      rowOf(sheet, 'SQ-02').getCell(8).value = '很快';
      rowOf(sheet, 'SQ-03').getCell(6).value = null;
      const duplicate = rowOf(sheet, 'SQ-05');
      duplicate.getCell(1).value = 'SQ-02';
      const reused = sheet.addRow(['SQ-04', '复用已废止的编码', null, '依据', '部门', '经费']).number;
      const untitled = sheet.addRow([null, null, null, '依据', '部门', '经费']).number;
      const refused = await upload(clients.admin, await bytesOf(workbook), before['revision']);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('IMPORT_INVALID');
      expect(refused.body.message).toContain('未导入任何事项');
      const at = (code: string): number => rowOf(sheet, code).number;
      const errors = refused.body.errors ?? {};
      expect(errors[`rows.${at('SQ-02')}.timeLimitDays`]?.[0]).toMatch(new RegExp(`^第 ${at('SQ-02')} 行「办理时限」：.*integer`));
      expect(errors[`rows.${at('SQ-03')}.funding`]?.[0]).toContain(`第 ${at('SQ-03')} 行「经费来源」`);
      expect(errors[`rows.${duplicate.number}.code`]).toEqual([`第 ${duplicate.number} 行「编码」：编码 SQ-02 与第 ${at('SQ-02')} 行重复`]);
      expect(errors[`rows.${reused}.code`]?.[0]).toContain('已废止');
      expect(Object.keys(errors)).toEqual(expect.arrayContaining([`rows.${untitled}.code`, `rows.${untitled}.title`]));
      const english = await clients.admin.request(`/api/checklists/${ID}/draft/import?revision=${String(before['revision'])}&locale=en`, {
        method: 'POST',
        body: await bytesOf(workbook),
        headers: { 'content-type': XLSX_TYPE },
      });
      const englishBody = (await english.json()) as Body;
      expect(englishBody.errors?.[`rows.${at('SQ-02')}.timeLimitDays`]?.[0]).toMatch(new RegExp(`^Row ${at('SQ-02')}, column 办理时限: .*integer`));
      expect(await draft()).toEqual(before);
    });

    it('refuses unknown and missing columns with 422; finds columns by title when the key row is gone', async () => {
      const before = await draft();
      const { workbook } = await exported(clients.admin, 'draft');
      const sheet = itemSheet(workbook);
      sheet.spliceColumns(6, 1);
      sheet.getRow(1).getCell(10).value = '备注';
      sheet.getRow(2).getCell(10).value = 'remarks';
      sheet.getRow(3).getCell(10).value = '随便写写';
      const refused = await upload(clients.admin, await bytesOf(workbook), before['revision']);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual({
        'columns.备注': ['列「备注」：不是此清单的事项字段'],
        'columns.经费来源': ['列「经费来源」：缺少这一必填列'],
      });

      const renamed = (await exported(clients.admin, 'draft')).workbook;
      const titled = itemSheet(renamed);
      titled.spliceRows(2, 1);
      titled.getRow(1).getCell(8).value = 'Time limit';
      const imported = await upload(clients.admin, await bytesOf(renamed), before['revision']);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ rows: 4, added: [], changed: [], retired: [] });
    });

    it('answers 400, never a 500, for a file that is not a workbook, an empty one, or one without items', async () => {
      const revision = (await draft())['revision'];
      const cases: [string, Uint8Array | string][] = [
        ['not xlsx', 'code,title\nSQ-01,x\n'],
        ['zip-looking', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0])],
        ['empty body', new Uint8Array()],
      ];
      const none = new ExcelJS.Workbook();
      cases.push(['no sheets', await bytesOf(none)]);
      const blank = new ExcelJS.Workbook();
      blank.addWorksheet(ITEMS_SHEET);
      cases.push(['empty sheet', await bytesOf(blank)]);
      const headerOnly = new ExcelJS.Workbook();
      headerOnly.addWorksheet(ITEMS_SHEET).addRows([HEADERS, KEYS]);
      cases.push(['header only', await bytesOf(headerOnly)]);
      for (const [name, content] of cases) {
        const answer = await upload(clients.admin, content, revision);
        expect(answer.status, name).toBe(400);
        expect(answer.body.message, name).toMatch(/工作簿|文件|事项表/);
      }
      expect((await upload(clients.admin, 'x', revision, 'text/csv')).status).toBe(415);
      const json = await call(clients.admin, 'POST', `/api/checklists/${ID}/draft/import?revision=${String(revision)}`, {});
      expect(json.status).toBe(415);
      expect(json.body.message).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect((await draft())['revision']).toBe(revision);
    });

    it('lets only those who may edit the draft import into it', async () => {
      const before = await draft();
      const { workbook } = await exported(clients.town, 'current');
      const refused = await upload(clients.town, await bytesOf(workbook), before['revision']);
      expect(refused.status).toBe(403);
      const stale = await upload(clients.admin, await bytesOf(workbook), Number(before['revision']) - 1);
      expect(stale.status).toBe(409);
      expect(await draft()).toEqual(before);
    });
  });
}
