/**
 * The admin in a real browser against the real engine (`zhili serve examples/changzhou --seed tiny`,
 * started by global-setup.ts). Each database's file calls {@link describeAdmin}: each is reported on
 * its own, and they run side by side where vitest has workers to spare (the tests of one file run in order).
 * Each test opens its own browser context and saves a full-page screenshot of the page it is about
 * into screenshots/<dialect>/.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Dialect } from '@zhili/engine';
import { editItemSheet } from '@zhili/engine/testing';
import { idCardCheckChar, ZHILI_FORMATS } from '@zhili/schemas';
import type { ComplianceReport, GridSummary } from '@zhili/schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppShell, afterApiCall, afterResponse, CasePages, ChecklistPage, CouncilPages, PointsPages, PublicNoticePage, chromeTexts, FormPage, GridLedgerPage, GridPages, ListPage, LoginPage, PublicChecklistPage, ShowPage } from './admin-pages.ts';
import { apiSession } from './api-session.ts';
import type { ApiSession } from './api-session.ts';
import { englishWords, launchChromium, leakedPlaceholders, newContext, screenshot, signInContext } from './browser.ts';
import type { DemoLogin } from './engine-process.ts';

const ID_CARD_MESSAGE = ZHILI_FORMATS.find((f) => f.name === 'cn-id-card')?.message['zh-CN'] ?? '';

/** A valid resident ID number: the 17 digits with their check character. */
const validIdNumber = (first17: string): string => first17 + idCardCheckChar(first17);
/** The same number with a wrong check character. */
const wrongCheckChar = (valid: string): string => valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');

/** A 1×1 PNG, as a phone's photo of the spot would be uploaded. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** A text of the API in Chinese: a plain string, or the zh-CN of a bilingual one. */
const zh = (text: unknown): string => (typeof text === 'string' ? text : String((text as Record<string, unknown>)['zh-CN']));

interface ApiVersion {
  readonly version: number;
  readonly revision: number;
  readonly effectiveFrom: string | null;
  readonly items: readonly { readonly code: string; readonly title: unknown; readonly status: string; readonly attributes: Record<string, unknown> }[];
}

/** The browser tests against the engine serving `dialect`; skipped when global-setup started none (Postgres without ZHILI_PG_URL). */
export function describeAdmin(dialect: Dialect): void {
  const engine = inject('engines').find((e) => e.dialect === dialect);
  describe.skipIf(engine === undefined)(`the admin on ${dialect}`, () => {
    if (engine === undefined) return;
    const login = (username: string): DemoLogin => {
      const found = engine.logins.find((l) => l.username === username);
      if (!found) throw new Error(`no demo login ${username} among ${engine.logins.map((l) => l.username).join(', ')}`);
      return found;
    };
    const admin = login('admin');
    const gridWorker = login('grid-worker');

    let browser: Browser;
    let context: BrowserContext;
    let adminApi: ApiSession;

    beforeAll(async () => {
      browser = await launchChromium();
      adminApi = await apiSession(engine.url, admin);
    });
    afterAll(async () => {
      await browser?.close();
    });
    afterEach(async () => {
      await context?.close();
    });

    /** A new page in a fresh context, signed in as `as` (through the API) unless null. */
    const open = async (as: DemoLogin | null): Promise<Page> => {
      context = await newContext(browser, engine.url);
      if (as !== null) await signInContext(context, as);
      return context.newPage();
    };
    /**
     * Saves the page's screenshot, then checks what a reader would notice first: no placeholder of a
     * missing value (undefined, NaN …) anywhere, and on a Chinese page no English in the admin's chrome.
     */
    const look = async (page: Page, name: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> => {
      await screenshot(page, engine.dialect, name);
      expect(await leakedPlaceholders(page), name).toEqual([]);
      if (locale === 'zh-CN') expect(englishWords(await chromeTexts(page)), name).toEqual([]);
    };

    it('signs in on the Chinese login page and lands on a list', async () => {
      const page = await open(null);
      await page.goto('/');
      const loginPage = new LoginPage(page);
      await loginPage.username().waitFor();
      expect(page.url()).toBe(`${engine.url}/login`);
      await expect.poll(() => loginPage.title().innerText()).toBe('登录');
      await loginPage.password().waitFor();
      await look(page, 'login');

      await loginPage.signIn(admin.username, admin.password);
      await page.waitForURL(/\/r\/[a-z_]+/);
      const list = new ListPage(page);
      await list.loaded();
      const shell = new AppShell(page);
      await shell.menuItem('基础数据').waitFor();
      await shell.userName(`系统管理员（${admin.orgName}）`).waitFor();
    });

    it('filters the households list by 户别 and pages to page 2, as many pages as the API total needs', async () => {
      const page = await open(admin);
      await page.goto('/r/households');
      const list = new ListPage(page);
      await list.loaded();
      const all = await adminApi.list('households');
      const { pageSize } = all;
      expect(await list.lastPage()).toBe(Math.ceil(all.total / pageSize));
      await look(page, 'list');

      const migrants = await adminApi.list('households', { householdType: 'migrant' });
      expect(migrants.total).toBeGreaterThan(pageSize);
      await list.chooseFilter('户别', '流动户');
      await afterResponse(page, 'households', () => list.filterButton().click());
      await list.loaded();
      expect(await list.lastPage()).toBe(Math.ceil(migrants.total / pageSize));
      const firstPage = await list.rowIds();
      expect(firstPage).toEqual(migrants.data.map((r) => r['id']));
      expect(new Set(await list.columnTexts('户别'))).toEqual(new Set(['流动户']));

      await afterResponse(page, 'households', () => list.pageLink(2).click());
      await list.loaded();
      const secondPage = await list.rowIds();
      expect(secondPage).toHaveLength(Math.min(pageSize, migrants.total - pageSize));
      expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
      expect(new Set(await list.columnTexts('户别'))).toEqual(new Set(['流动户']));
      expect(page.url()).toMatch(/currentPage=2/);
    });

    it('shows the Chinese error under an invalid ID number, and after the fix saves and lands on the show page', async () => {
      const page = await open(admin);
      await page.goto('/r/households/create');
      const form = new FormPage(page);
      await form.field('householderIdNumber').waitFor();
      const idNumber = validIdNumber('32040219850314002');
      const name = '测试户主';
      await form.chooseOrgUnit(gridWorker.orgCode);
      await form.field('householderName').fill(name);
      await form.field('address').fill('常州市天宁区茶山街道同济桥社区兰陵苑1幢1单元101室');
      await form.field('householderIdNumber').fill(wrongCheckChar(idNumber));

      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/api/r/')) posts.push(request.url());
      });
      await form.save().click();
      await form.fieldError('householderIdNumber').waitFor();
      expect(await form.fieldError('householderIdNumber').innerText()).toBe(ID_CARD_MESSAGE);
      expect(await form.fieldError('householderName').count()).toBe(0);
      expect(posts).toEqual([]);
      await look(page, 'create-errors');

      await form.field('householderIdNumber').fill(idNumber);
      const created = await afterResponse(page, 'households', () => form.save().click(), 'POST');
      expect(created.status()).toBe(201);
      const id = String(((await created.json()) as { id: string }).id);
      await page.waitForURL(`**/r/households/show/${id}`);
      const show = new ShowPage(page);
      await show.value('户主身份证号').filter({ hasText: idNumber }).waitFor();
      expect(await new AppShell(page).pageTitle().innerText()).toBe(`住户：${name}`);
      expect(await show.value('户主姓名').innerText()).toBe(name);
      expect((await adminApi.get('households', id))['householderIdNumber']).toBe(idNumber);
      await look(page, 'show');
    });

    it('shows the conflict message with a reload button when the record changed after the form opened', async () => {
      const [record] = (await adminApi.list('households', { pageSize: 1, sort: '-updatedAt' })).data;
      if (!record) throw new Error('no household to edit');
      const id = String(record['id']);
      const page = await open(admin);
      await page.goto(`/r/households/edit/${id}`);
      const form = new FormPage(page);
      await expect.poll(() => form.field('address').inputValue()).toBe(record['address']);
      await look(page, 'edit');

      // Someone else saves the record meanwhile, through the API with a session of their own.
      const theirs = await apiSession(engine.url, admin);
      await theirs.patch('households', id, { version: record['version'], notes: '另一会话的修改' });

      await form.field('notes').fill('本会话的修改');
      const stale = await afterResponse(page, 'households', () => form.save().click(), 'PATCH');
      expect(stale.status()).toBe(409);
      await form.conflict().waitFor();
      // The user's own change stays on screen until they choose to reload.
      expect(await form.field('notes').inputValue()).toBe('本会话的修改');
      expect(await form.conflict().innerText()).toContain('该记录已被他人修改，请重新加载后再编辑。');
      await form.reload().waitFor();
      await look(page, 'conflict');

      await afterResponse(page, 'households', () => form.reload().click());
      await expect.poll(() => form.field('notes').inputValue()).toBe('另一会话的修改');
      expect(await form.conflict().count()).toBe(0);
    });

    it('narrows the list to one grid through the jurisdiction navigator', async () => {
      const page = await open(admin);
      await page.goto('/r/households');
      const list = new ListPage(page);
      await list.loaded();
      const inGrid = await adminApi.list('households', { org: gridWorker.orgCode });
      expect(inGrid.total).toBeLessThan((await adminApi.list('households', { pageSize: 1 })).total);
      await afterResponse(page, 'households', () => new AppShell(page).narrowTo(gridWorker.orgCode));
      await list.loaded();
      await expect.poll(() => list.total()).toBe(inGrid.total);
      expect(await list.rowIds()).toEqual(inGrid.data.map((r) => r['id']));
      await look(page, 'navigator');
    });

    it('signs out from the user menu, and the session ends', async () => {
      const page = await open(admin);
      await page.goto('/r/households');
      await new ListPage(page).loaded();
      const shell = new AppShell(page);
      await shell.userMenu().click();
      await shell.logout().click();
      await page.waitForURL(/\/login(\?|$)/);
      expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    });

    it('shows a grid worker only the households of their grid, with no delete button', async () => {
      const workerApi = await apiSession(engine.url, gridWorker);
      const theirs = await workerApi.list('households');
      const everyone = await adminApi.list('households', { pageSize: 1 });
      expect(theirs.total).toBeLessThan(everyone.total);
      expect(new Set(theirs.data.map((r) => r['orgCode']))).toEqual(new Set([gridWorker.orgCode]));

      const page = await open(gridWorker);
      await page.goto('/r/households');
      const list = new ListPage(page);
      await list.loaded();
      expect(await list.rowIds()).toEqual(theirs.data.map((r) => r['id']));
      expect(await list.lastPage()).toBe(Math.ceil(theirs.total / theirs.pageSize));
      expect(await list.editButtons().count()).toBe(theirs.data.length);
      expect(await list.deleteButtons().count()).toBe(0);
      await look(page, 'grid-worker-list');

      await afterResponse(page, 'households', () => list.showButtons().first().click());
      const show = new ShowPage(page);
      await show.editButton().waitFor();
      expect(await show.deleteButton().count()).toBe(0);
    });

    it('edits a checklist as the admin (changzhou’s lists are the city’s), shows the diff, publishes, and the public page shows it without login', async () => {
      const id = 'assisting-duties';
      const base = `/checklists/${id}`;
      // A draft left by an earlier run goes, so that the draft starts from the version in force.
      const summary = (await adminApi.send('GET', base)) as { title: unknown; draft: { revision: number } | null };
      if (summary.draft !== null) await adminApi.send('DELETE', `${base}/draft?revision=${summary.draft.revision}`);
      const before = (await adminApi.send('GET', `${base}/versions/current`)) as unknown as ApiVersion;
      const active = before.items.filter((item) => item.status === 'active');
      const [first, second, third] = active;
      if (!first || !second || !third) throw new Error(`${id} has fewer than three items`);
      const title = zh(summary.title);
      const renamed = `${zh(first.title)}（修订）`;

      const page = await open(admin);
      await page.goto('/checklists');
      await new AppShell(page).menuItem('清单').waitFor();
      const link = page.getByRole('link', { name: title, exact: true });
      await link.waitFor();
      await look(page, 'checklists');

      await link.click();
      const checklist = new ChecklistPage(page);
      await checklist.loaded();
      expect(await checklist.titles()).toEqual(active.map((item) => zh(item.title)));
      await look(page, 'checklist');

      await checklist.tab('修订草稿').click();
      const created = await afterApiCall(page, 'POST', `/api${base}/draft`, () => checklist.button('开始修订').click());
      expect(created.status()).toBe(201);
      await checklist.loaded();

      // The title in place; the time limit in the item form; the second item dragged onto the first.
      await checklist.editTitle(first.code).click();
      await checklist.titleInput(first.code).fill(renamed);
      const titled = await afterApiCall(page, 'PATCH', `/api${base}/draft/items/${first.code}`, () => checklist.titleInput(first.code).press('Enter'));
      expect(titled.status()).toBe(200);
      await checklist.loaded();
      await checklist.rowButton(second.code, '编辑').click();
      await checklist.field('timeLimitDays').fill('7');
      await look(page, 'checklist-item-form');
      const edited = await afterApiCall(page, 'PATCH', `/api${base}/draft/items/${second.code}`, () => checklist.modalButton('保存').click());
      expect(edited.status()).toBe(200);
      await checklist.modal().waitFor({ state: 'detached' });
      await checklist.loaded();
      const moved = await afterApiCall(page, 'POST', `/api${base}/draft/reorder`, () => checklist.row(second.code).dragTo(checklist.row(first.code)));
      expect(moved.status()).toBe(200);
      // The table refetches after the reorder; poll, since the spinner may not have started yet.
      await expect.poll(async () => (await checklist.titles()).slice(0, 2)).toEqual([zh(second.title), renamed]);

      // Someone else changes the draft meanwhile: the page's revision is stale, and retiring says so.
      const draftNow = (await adminApi.send('GET', `${base}/versions/draft`)) as unknown as ApiVersion;
      await adminApi.send('PATCH', `${base}/draft/items/${third.code}`, { revision: draftNow.revision, attributes: { procedure: '另一会话补充的办理流程' } });
      await checklist.rowButton(third.code, '停用').click();
      const stale = await afterApiCall(page, 'DELETE', `/api${base}/draft/items/${third.code}`, () => checklist.confirm('停用').click());
      expect(stale.status()).toBe(409);
      await checklist.reload().waitFor();
      expect(await checklist.conflict().innerText()).toContain('该记录已被他人修改，请重新加载后再编辑。');
      await look(page, 'checklist-conflict');
      await checklist.reload().click();
      await checklist.conflict().waitFor({ state: 'detached' });
      await checklist.loaded();

      await expect.poll(() => checklist.diffLines('changed').count()).toBe(3);
      expect(await checklist.diffLines('changed').filter({ hasText: third.code }).innerText()).toContain('另一会话补充的办理流程');
      expect(await checklist.diffLines('changed').filter({ hasText: first.code }).innerText()).toContain(renamed);
      expect(await checklist.diffLines('changed').filter({ hasText: second.code }).innerText()).toContain('7 天');
      expect(await checklist.diffLines('moved').count()).toBe(1);
      await look(page, 'checklist-draft');

      await checklist.button('发布').click();
      await checklist.modal().locator('#effectiveFrom').waitFor();
      await look(page, 'checklist-publish');
      const published = await afterApiCall(page, 'POST', `/api${base}/publish`, () => checklist.modalButton('发布').click());
      expect(published.status()).toBe(200);
      const version = (await published.json()) as ApiVersion;
      expect(version.version).toBe(before.version + 1);
      await checklist.row(String(version.version)).filter({ hasText: '现行' }).waitFor();
      await look(page, 'checklist-versions');
      const current = (await adminApi.send('GET', `${base}/versions/current`)) as unknown as ApiVersion;
      expect(current.version).toBe(version.version);
      expect(current.items.slice(0, 2).map((item) => zh(item.title))).toEqual([zh(second.title), renamed]);

      // A resident, not signed in, reads the new version.
      await context.close();
      const resident = await open(null);
      await resident.goto(`/public/checklists/${id}`);
      const view = new PublicChecklistPage(resident);
      await expect.poll(() => view.heading().innerText()).toBe(title);
      expect(await view.value('版本').innerText()).toBe(`第 ${version.version} 版`);
      expect(await view.value('施行日期').innerText()).toBe(version.effectiveFrom);
      await expect.poll(() => view.items().count()).toBe(active.length);
      expect(await view.items().nth(1).innerText()).toContain(renamed);
      expect(await view.items().nth(0).innerText()).toContain('7 天');
      expect(resident.url()).toBe(`${engine.url}/public/checklists/${id}`);
      expect((await resident.request.get('/api/auth/me')).status()).toBe(401);
      await look(resident, 'public-checklist');
    });

    it('exports a checklist to Excel and imports the edited file into the draft; a bad file shows its errors by row and column, importing nothing', async () => {
      const id = 'committee-duties';
      const base = `/checklists/${id}`;
      const summary = (await adminApi.send('GET', base)) as { title: unknown; draft: { revision: number } | null };
      if (summary.draft !== null) await adminApi.send('DELETE', `${base}/draft?revision=${summary.draft.revision}`);
      const current = (await adminApi.send('GET', `${base}/versions/current`)) as unknown as ApiVersion;
      const [first] = current.items.filter((item) => item.status === 'active');
      if (!first) throw new Error(`${id} has no items`);

      const page = await open(admin);
      await page.goto(`/checklists/${id}`);
      const checklist = new ChecklistPage(page);
      await checklist.loaded();
      const [download] = await Promise.all([page.waitForEvent('download'), checklist.button('导出 Excel').click()]);
      expect(download.suggestedFilename()).toBe(`${zh(summary.title)}-v${current.version}.xlsx`);
      const exported = new Uint8Array(await readFile(await download.path()));

      await checklist.tab('修订草稿').click();
      await afterApiCall(page, 'POST', `/api${base}/draft`, () => checklist.button('开始修订').click());
      await checklist.loaded();
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const bad = await editItemSheet(exported, [
        { row: 3, key: 'timeLimitDays', value: '很快' },
        { row: 4, key: 'title', value: null },
      ]);
      const refused = await afterApiCall(page, 'POST', `/api${base}/draft/import`, () =>
        checklist.importFile().setInputFiles({ name: '清单.xlsx', mimeType: xlsx, buffer: Buffer.from(bad) }),
      );
      expect(refused.status()).toBe(422);
      await checklist.importErrors().first().waitFor();
      expect(await checklist.importErrors().allInnerTexts()).toEqual([expect.stringMatching(/^3\s+办理时限\s+/), expect.stringMatching(/^4\s+事项名称\s+/)]);
      await look(page, 'checklist-import-errors');
      await checklist.modalButton('关闭').click();
      await checklist.modal().waitFor({ state: 'hidden' });

      const renamed = `${zh(first.title)}（导入）`;
      const good = await editItemSheet(exported, [{ row: 3, key: 'title', value: renamed }]);
      const imported = await afterApiCall(page, 'POST', `/api${base}/draft/import`, () =>
        checklist.importFile().setInputFiles({ name: '清单.xlsx', mimeType: xlsx, buffer: Buffer.from(good) }),
      );
      expect(imported.status()).toBe(200);
      await checklist.notice().filter({ hasText: '修改 1 项' }).waitFor();
      await expect.poll(() => checklist.diffLines('changed').count()).toBe(1);
      expect(await checklist.diffLines('changed').innerText()).toContain(renamed);
      await expect.poll(() => checklist.titles()).toContain(renamed);
      await look(page, 'checklist-imported');
    });

    it('takes an admission request from the street to the district: submitted with its funding, approved with a comment', async () => {
      const id = 'assisting-duties';
      const streetAdmin = login('street-admin');
      const districtOfficer = login('district-officer');
      const work = `垃圾分类入户督导（${engine.dialect}）`;

      const page = await open(streetAdmin);
      await page.goto(`/checklists/${id}`);
      const checklist = new ChecklistPage(page);
      await checklist.loaded();
      await checklist.tab('准入申请').click();
      await checklist.button('提出准入申请').click();
      await checklist.field('title').fill(work);
      await checklist.field('requestingDepartment').fill('区城市管理局');
      await checklist.field('justification').fill('生活垃圾分类需要社区协助开展入户宣传和督导');
      await checklist.field('fundingSource').fill('区城市管理局专项经费');
      await checklist.field('deadline').fill('2099-12-31');
      await checklist.field('deadline').press('Enter');
      await checklist.field('legalBasis').fill('《常州市生活垃圾分类管理办法》');
      await checklist.field('responsibleBody').fill('区城市管理局');
      await checklist.field('funding').fill('区城市管理局承担');
      await look(page, 'admission-submit');
      const submitted = await afterApiCall(page, 'POST', '/api/admission-requests', () => checklist.modalButton('提交申请').click());
      expect(submitted.status()).toBe(201);
      const request = (await submitted.json()) as { id: string; fundingSource: string; status: string };
      expect(request).toMatchObject({ fundingSource: '区城市管理局专项经费', status: 'pending' });
      await checklist.row(request.id).filter({ hasText: '待审批' }).waitFor();
      expect(await checklist.row(request.id).getByRole('button', { name: /批\s*准/ }).count()).toBe(0);

      await context.close();
      const officerPage = await open(districtOfficer);
      await officerPage.goto(`/checklists/${id}`);
      const officerView = new ChecklistPage(officerPage);
      await officerView.loaded();
      await officerView.tab('准入申请').click();
      await officerView.row(request.id).waitFor();
      await look(officerPage, 'admission-requests');
      await officerView.rowButton(request.id, '批准').click();
      await officerView.modal().locator('#decisionNote').fill('同意，经费随事转移');
      const decided = await afterApiCall(officerPage, 'POST', `/api/admission-requests/${request.id}/decision`, () => officerView.modalButton('批准').click());
      expect(decided.status()).toBe(200);
      await officerView.row(request.id).filter({ hasText: '已批准' }).waitFor();
      expect(await officerView.row(request.id).innerText()).toContain('同意，经费随事转移');
    });

    it('shows the grid dashboard with the engine’s figures, drills down to a district, and opens a grid with its findings and visit entry', async () => {
      const year = String(new Date().getFullYear());
      const city = (await adminApi.send('GET', `/grids/summary?period=${year}`)) as unknown as GridSummary;
      const page = await open(admin);
      await page.goto(`/grids?period=${year}`);
      const grids = new GridPages(page);
      await grids.title().waitFor();
      await expect.poll(() => grids.statistic('网格数')).toBe(city.total.grids);
      await expect.poll(() => grids.statistic('住户数')).toBe(city.total.households);
      await expect.poll(() => grids.charts().count()).toBe(2);
      await look(page, 'grid-dashboard');

      const district = city.children.find((c) => c.households > 0 && c.households !== city.total.households) ?? city.children[0];
      if (district === undefined) throw new Error('the demo city has no districts');
      const below = (await adminApi.send('GET', `/grids/summary?period=${year}&org=${district.code}`)) as unknown as GridSummary;
      await grids.unitLink(district.name).click();
      await expect.poll(() => grids.title().innerText()).toContain(district.name);
      await expect.poll(() => grids.statistic('住户数')).toBe(below.total.households);

      const report = (await adminApi.send('GET', `/grids/compliance?period=${year}&org=${gridWorker.orgCode}`)) as unknown as ComplianceReport;
      const findings = report.grids.flatMap((g) => g.violations).length + report.workers.flatMap((w) => w.violations).length + report.units.flatMap((u) => u.violations).length;
      await page.context().close();
      const worker = await open(gridWorker);
      await worker.goto(`/grids/${gridWorker.orgCode}?period=${year}`);
      const gridPage = new GridPages(worker);
      // Compliance of a grid is evaluated on the spot; on a busy machine that takes a moment.
      await expect.poll(() => gridPage.findings().count(), { timeout: 15_000 }).toBe(findings);
      await look(worker, 'grid-page');
      await gridPage.recordVisit().click();
      await worker.waitForURL(/\/r\/visits\/create$/);
      await new FormPage(worker).save().waitFor();
    });

    it('opens the page a plugin’s admin entry adds from the menu, and downloads the plugin’s grid ledger of a grid with the engine’s figures in it', async () => {
      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      const summary = (await adminApi.send('GET', `/grids/summary?period=${month}&org=${gridWorker.orgCode}`)) as unknown as GridSummary;
      const page = await open(admin);
      await page.goto('/');
      await new AppShell(page).menuItem('网格台账导出').click();
      const ledger = new GridLedgerPage(page);
      await ledger.title().waitFor();
      await expect.poll(() => ledger.download().isDisabled()).toBe(true);
      await ledger.chooseOrgUnit(gridWorker.orgCode);
      await look(page, 'plugin-grid-ledger');
      const [download] = await Promise.all([page.waitForEvent('download'), ledger.download().click()]);
      expect(download.suggestedFilename()).toBe(`网格台账-${gridWorker.orgCode}-${month}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const rows: unknown[][] = [];
      workbook.getWorksheet('网格台账')?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const grid = rows.find((row) => row[0] === gridWorker.orgCode);
      expect(grid?.[2]).toBe(summary.total.households);
    });

    it('runs a proposal of the 百姓议事堂 from submission to publication: the rules of its roster, the forum, the vote member by member, the computed result, and the notice without login', async () => {
      const communityWorker = login('community-worker');
      const unit = `/councils/units/${communityWorker.orgCode}/bodies/residents-council`;
      const names = ['张建国', '李秀英', '王志强', '刘芳', '陈明', '杨丽', '赵伟'];
      const current = (await adminApi.send('GET', unit)) as { version: number };
      await adminApi.send('PUT', unit, {
        version: current.version,
        termStart: '2026-01-01',
        members: names.map((name, i) => ({ name, gender: i % 2 === 1 ? 'female' : 'male', partyMember: i === 0, position: i === 0 ? 'convener' : 'member' })),
      });
      const saved = (await adminApi.send('GET', unit)) as { version: number };

      const page = await open(communityWorker);
      await page.goto('/councils');
      const councils = new CouncilPages(page);
      await councils.roster('residents-council').waitFor();
      expect(await councils.roster('residents-council').innerText()).toContain('组成合规');
      expect(await councils.rules('residents-council').allInnerTexts()).toEqual([
        expect.stringMatching(/^人数 7–15 人\s+7 人\s+符合$/),
        expect.stringMatching(/^召集人 1 人\s+1 人\s+符合$/),
        expect.stringMatching(/^议事代表 6–14 人\s+6 人\s+符合$/),
        expect.stringMatching(/^应当有党员成员\s+1 人\s+符合$/),
      ]);
      await look(page, 'council-bodies');

      // Without its only Party member the roster breaks a rule: the engine refuses it, with the rule's words, and keeps the old one.
      await councils.roster('residents-council').getByRole('button', { name: '编辑成员名册' }).click();
      await councils.dialog().locator('#root_members_0_partyMember').uncheck();
      const refused = await afterApiCall(page, 'PUT', `/api${unit}`, () => councils.dialogButton('保存名册').click());
      expect(refused.status()).toBe(422);
      await councils.violations().first().waitFor();
      expect(await councils.violations().allInnerTexts()).toEqual([expect.stringContaining('党员')]);
      await look(page, 'council-roster-refused');
      expect(((await adminApi.send('GET', unit)) as { version: number }).version).toBe(saved.version);
      await councils.dialog().locator('.ant-modal-close').click();
      await councils.dialog().waitFor({ state: 'detached' });

      const title = `加装电梯议题（${Date.now()}）`;
      await councils.tab('议案').click();
      await councils.button('提出议案').click();
      await councils.dialog().getByText('百姓议事堂议事程序', { exact: true }).click();
      await councils.dialog().getByLabel('议案标题').fill(title);
      await councils.dialog().getByLabel('议案内容').fill('3 号楼居民提出加装电梯，费用按楼层分摊。');
      await councils.dialogButton('提出议案').click();
      await page.waitForURL(/\/councils\/proposals\/[0-9a-f-]{36}$/);
      const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      await expect.poll(() => councils.stage().innerText()).toBe('提出议题');

      await councils.action('转入民情恳谈').click();
      await councils.dialogButton('转入民情恳谈').click();
      await expect.poll(() => councils.stage().innerText()).toBe('民情恳谈');
      await councils.action('转入议事表决').click();
      await councils.dialogButton('转入议事表决').click();
      await expect.poll(() => councils.stage().innerText()).toBe('议事表决');
      expect(await councils.currentStep().innerText()).toBe('议事表决');

      // The meeting: everyone comes, 李秀英 withdraws as an interested party, 刘芳 votes against, the rest for.
      await councils.button('登记会议表决').click();
      await councils.dialogButton('全部出席').click();
      await councils.recuse('李秀英');
      for (const name of names.filter((n) => n !== '李秀英')) await councils.vote(name, name === '刘芳' ? '反对' : '赞成');
      await look(page, 'council-meeting');
      const recorded = await afterApiCall(page, 'POST', `/api/councils/proposals/${id}/meetings`, () => councils.dialogButton('登记会议表决').click());
      expect(recorded.status()).toBe(200);
      await expect.poll(() => councils.stage().innerText()).toBe('五务公开');
      const proposal = (await adminApi.send('GET', `/councils/proposals/${id}`)) as { result: string; meetings: { tally: Record<string, number>; outcome: { explanation: string } }[] };
      expect(proposal.result).toBe('adopted');
      expect(proposal.meetings[0]?.tally).toMatchObject({ present: 7, recused: 1, for: 5, against: 1, abstain: 0 });
      const explanation = proposal.meetings[0]?.outcome.explanation ?? '';
      expect(explanation).toContain('→ 通过');
      expect(await councils.outcomes().allInnerTexts()).toEqual([explanation]);
      await look(page, 'council-proposal');

      // The notice is public: a resident reads it without signing in.
      expect(await councils.publicNotice().getAttribute('href')).toBe(`/public/councils/resolutions/${id}`);
      await page.context().close();
      const resident = await open(null);
      await resident.goto(`/public/councils/resolutions/${id}`);
      const notice = new PublicNoticePage(resident);
      await expect.poll(() => notice.title().innerText()).toBe(title);
      expect(await notice.heading().innerText()).toBe(`${communityWorker.orgName}议事决定公示`);
      expect(await notice.outcome().innerText()).toBe(explanation);
      expect((await resident.request.get('/api/auth/me')).status()).toBe(401);
      await look(resident, 'council-notice');
      // The community's notice board lists it, and leads to the notice.
      await resident.goto(`/public/councils/resolutions?org=${communityWorker.orgCode}`);
      await resident.locator('.zhili-public-resolutions a', { hasText: title }).click();
      await resident.waitForURL(new RegExp(`/public/councils/resolutions/${id}$`));
      await expect.poll(() => notice.title().innerText()).toBe(title);
    });

    it('runs a case across the board: a grid worker reports an event, a community worker assigns it, signs for it and submits it, and it moves column by column', async () => {
      const communityWorker = login('community-worker');
      const title = `楼道堆放杂物（${Date.now()}）`;
      const worker = await open(gridWorker);
      await worker.goto('/cases');
      const reporter = new CasePages(worker);
      await reporter.reportButton('事件').click();
      await reporter.dialog().getByLabel('事件标题').fill(title);
      await reporter.choose('事件类别', '安全隐患');
      await reporter.dialog().getByLabel('意见').fill('夜间巡查发现');
      await reporter.submit('上报事件').click();
      await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      const caseId = new URL(worker.url()).pathname.split('/').at(-1) ?? '';
      await expect.poll(() => reporter.state().innerText()).toBe('信息收集');
      await look(worker, 'case-reported');
      await worker.context().close();

      const page = await open(communityWorker);
      await page.goto('/cases');
      const cases = new CasePages(page);
      await cases.card('信息收集', caseId).waitFor();
      await look(page, 'case-board');
      await cases.card('信息收集', caseId).click();
      await page.waitForURL(new RegExp(`/cases/${caseId}$`));

      await cases.action('任务分配').click();
      await cases.choose('承办人', `社区工作者 · ${communityWorker.orgName}`);
      await cases.submit('任务分配').click();
      await expect.poll(() => cases.state().innerText()).toBe('任务分配');

      await cases.action('签收').click();
      await cases.submit('签收').click();
      await expect.poll(() => cases.state().innerText()).toBe('签收处理');

      await cases.action('提交办结').click();
      await cases.dialog().locator('#root_data_result').fill('已清理楼道杂物');
      // The action requires a photo: sent without one, the engine's refusal shows under the upload.
      await cases.submit('提交办结').click();
      await cases.dialog().getByText('至少需要一个附件').waitFor();
      await cases.dialog().locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
      await cases.dialog().locator('.ant-upload-list-item', { hasText: '现场照片.png' }).waitFor();
      await cases.submit('提交办结').click();
      await expect.poll(() => cases.state().innerText()).toBe('审核督查');
      await expect.poll(() => cases.timelineEntries().count()).toBe(4);
      const submitted = await cases.timelineEntries().nth(3).innerText();
      expect(submitted).toContain('提交办结 → 审核督查');
      expect(submitted).toContain('已清理楼道杂物');
      expect(submitted).toContain('现场照片.png');
      const photo = await page.request.get((await cases.timelineEntries().nth(3).getByRole('link', { name: '现场照片.png' }).getAttribute('href')) ?? '');
      expect(photo.headers()['content-type']).toBe('image/png');
      expect(Buffer.from(await photo.body()).equals(PNG)).toBe(true);
      await look(page, 'case-page');

      await page.goto('/cases');
      await cases.card('审核督查', caseId).waitFor();
      expect(await cases.card('信息收集', caseId).count()).toBe(0);
      const stored = (await adminApi.send('GET', `/cases/${caseId}`)) as Record<string, unknown>;
      expect(stored).toMatchObject({ state: 'reviewing', version: 4, assignee: { username: communityWorker.username } });

      // The event's own page links its case, at its stage.
      await page.goto(`/r/events/show/${String(stored['recordId'])}`);
      const caseLine = page.getByTestId('record-cases');
      await caseLine.getByText('审核督查').waitFor();
      await caseLine.locator('a', { hasText: '常州网格事件闭环处置' }).click();
      await page.waitForURL(new RegExp(`/cases/${caseId}$`));

      // The figures count it where it was opened: the community's cases this month, as the engine computes them.
      const month = new Date().toISOString().slice(0, 7);
      await page.goto(`/cases?view=metrics&period=${month}`);
      const figures = (await adminApi.send('GET', `/workflows/event-loop/metrics?org=${communityWorker.orgCode}&from=${month}-01`)) as { data: { orgCode: string; opened: number }[] };
      const opened = figures.data.find((m) => m.orgCode === communityWorker.orgCode)?.opened ?? 0;
      expect(opened).toBeGreaterThan(0);
      await expect.poll(() => cases.metricsRow(communityWorker.orgName).locator('td').nth(1).innerText()).toBe(String(opened));
      await look(page, 'case-metrics');
    });

    it('takes a points claim from a grid worker through a community worker’s review to a redemption: balance and stock as the ledger has them', async () => {
      const communityWorker = login('community-worker');
      const workerApi = await apiSession(engine.url, gridWorker);
      const reviewerApi = await apiSession(engine.url, communityWorker);
      const [household] = (await workerApi.list('households', { pageSize: 1 })).data;
      if (household === undefined) throw new Error('the grid worker has no household');
      const holder = String(household['id']);
      const name = String(household['householderName']);
      // A balance to spend: the household's head serves as stairwell head (+10), posted by the community.
      await reviewerApi.send('POST', '/points/renren/awards', { holder, rule: 'LZ-02', memo: '担任楼道长' });
      const balance = async () => ((await reviewerApi.send('GET', `/points/renren/accounts/${holder}`)) as { balance: number }).balance;
      const before = await balance();

      const worker = await open(gridWorker);
      await worker.goto('/points?view=claims');
      const claims = new PointsPages(worker);
      await claims.button('积分申报').click();
      await claims.chooseHolder('家庭户', name);
      await claims.choose('积分事项', 'ST-01');
      await claims.dialog().getByLabel('说明').fill('参加书法社活动');
      const filed = await afterApiCall(worker, 'POST', '/api/points/renren/claims', () => claims.submit('积分申报').click());
      expect(filed.status()).toBe(201);
      await claims.claim(name).filter({ hasText: '待审核' }).waitFor();
      await look(worker, 'points-claim-filed');
      await worker.context().close();

      const page = await open(communityWorker);
      await page.goto('/points?view=claims');
      const points = new PointsPages(page);
      await points.decide(name, '通过').click();
      await points.dialog().getByLabel('审核意见').fill('情况属实');
      const decided = await afterApiCall(page, 'POST', '/api/points/renren/claims/', () => points.submit('通过').click());
      expect(decided.status()).toBe(200);
      await points.claim(name).waitFor({ state: 'detached' });
      expect(await balance()).toBe(before + 2);

      await page.goto(`/points/renren/accounts/${holder}`);
      await expect.poll(() => points.balance().innerText()).toBe(String(before + 2));
      expect(await points.postings().first().innerText()).toContain('参加人人社团俱乐部活动');
      await look(page, 'points-account');

      const stockOf = async (code: string) => ((await reviewerApi.send('GET', '/points/renren/items')) as { data: { code: string; inStock: number | null }[] }).data.find((i) => i.code === code)?.inStock;
      const stock = await stockOf('DH-04');
      await page.goto('/points?view=shop');
      await points.itemButton('人人助餐点餐券一张', '兑换').click();
      await points.chooseHolder('家庭户', name);
      const redeemed = await afterApiCall(page, 'POST', '/api/points/renren/redemptions', () => points.submit('兑换').click());
      expect(redeemed.status()).toBe(201);
      expect(await stockOf('DH-04')).toBe((stock ?? 0) - 1);
      await expect.poll(() => points.item('人人助餐点餐券一张').locator('td').nth(2).innerText()).toBe(String((stock ?? 0) - 1));
      expect(await balance()).toBe(before + 2 - 10);
      // The order is on the shop's record, for the household.
      await page.locator('.zhili-points-orders .ant-table-tbody tr.ant-table-row', { hasText: name }).filter({ hasText: '人人助餐点餐券一张' }).waitFor();
      await look(page, 'points-shop');
      await page.goto(`/points/renren/accounts/${holder}`);
      await expect.poll(() => points.balance().innerText()).toBe(String(before + 2 - 10));
    });

    it('switches to English: menu, page title, column headers and buttons', async () => {
      const page = await open(admin);
      await page.goto('/r/households');
      const list = new ListPage(page);
      await list.loaded();
      const shell = new AppShell(page);
      await Promise.all([page.waitForResponse((r) => r.url().includes('/api/meta?locale=en')), shell.language('English').click()]);
      await shell.menuItem('Household').waitFor();
      await list.loaded();
      expect(await shell.pageTitle().innerText()).toBe('Household');
      for (const title of ['Householder', 'Address', 'Household type', 'Members', 'Actions']) {
        expect(await list.columnHeader(title).count(), title).toBe(1);
      }
      expect(await list.filterButton().innerText()).toBe('Filter');
      expect(await list.columnTexts('Household type')).toContain('Registered here');
      await look(page, 'list-en', 'en');

      // The choice is remembered: a reload stays in English.
      await page.reload();
      await shell.menuItem('Household').waitFor();
    });
  });
}
