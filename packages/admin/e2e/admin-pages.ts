/**
 * Page objects of the admin: every selector the browser tests use is written here, once, so that a
 * change of the admin's markup is fixed in one place. They lean on what is stable today — labels,
 * roles, RJSF's field ids (`root_<field>`, `root_<field>__error`), Refine's button classes
 * (`refine-delete-button` …) and antd's component classes — until the admin has test ids of its own.
 */
import type { Locator, Page, Response } from 'playwright-core';

/** An antd dropdown that is open and no longer in its entry motion (rc-motion's -appear / -enter classes). */
const SETTLED_DROPDOWN = '.ant-dropdown:not(.ant-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"])';

/** antd puts a space between the two characters of a two-character Chinese button label (登 录). */
function buttonName(...labels: readonly string[]): RegExp {
  const alternatives = labels.map((label) => [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));
  return new RegExp(`^(${alternatives.join('|')})$`);
}

/** Whether a response answers a list, a record or a write of a resource of the engine's API. */
function isResourceCall(response: Response, resource: string, method = 'GET'): boolean {
  const url = new URL(response.url());
  return response.request().method() === method && (url.pathname === `/api/r/${resource}` || url.pathname.startsWith(`/api/r/${resource}/`));
}

/** Runs `action` and resolves once the engine has answered the request it causes. */
export async function afterResponse(page: Page, resource: string, action: () => Promise<void>, method = 'GET'): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((r) => isResourceCall(r, resource, method)), action()]);
  return response;
}

/** Runs `action` and resolves once the engine has answered a `method` request to an API path starting with `path` (e.g. `/api/checklists/x/publish`). */
export async function afterApiCall(page: Page, method: string, path: string, action: () => Promise<void>): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.startsWith(path)),
    action(),
  ]);
  return response;
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  readonly title = (): Locator => this.page.getByRole('heading', { name: /^(登录|Sign in)$/ });
  readonly username = (): Locator => this.page.getByLabel(/^(用户名|Username)$/);
  readonly password = (): Locator => this.page.getByLabel(/^(密码|Password)$/);
  readonly submit = (): Locator => this.page.getByRole('button', { name: buttonName('登录', 'Sign in') });

  async signIn(username: string, password: string): Promise<void> {
    await this.username().fill(username);
    await this.password().fill(password);
    await this.submit().click();
  }
}

/** The frame around every page once signed in: the menu (sider) and the top bar. */
export class AppShell {
  constructor(private readonly page: Page) {}

  readonly menu = (): Locator => this.page.locator('.ant-layout-sider .ant-menu');
  /** A menu entry by its text: a resource (楼栋) or a module group (基础数据). */
  readonly menuItem = (label: string): Locator => this.menu().locator('.ant-menu-title-content', { hasText: new RegExp(`^${label}$`) });
  readonly header = (): Locator => this.page.locator('.ant-layout-header');
  /** The language switch in the top bar: 中文 / English. */
  readonly language = (label: '中文' | 'English'): Locator => this.header().getByText(label, { exact: true });
  readonly userName = (name: string): Locator => this.header().getByText(name, { exact: true });
  readonly pageTitle = (): Locator => this.page.locator('.ant-page-header-heading-title');
  /** The jurisdiction navigator of the top bar. */
  readonly navigator = (): Locator => this.page.locator('#org-navigator');
  readonly userMenu = (): Locator => this.header().getByRole('button', { name: /用户菜单|User menu/ });
  /** The user menu's sign-out item, once the menu has finished sliding in (a click during the slide is lost). */
  readonly logout = (): Locator => this.page.locator(SETTLED_DROPDOWN).getByText(/^(退出登录|Log out)$/);

  /** Narrows every list to the unit with this code, through the navigator. */
  async narrowTo(code: string): Promise<void> {
    await pickOrgUnit(this.page, this.navigator(), code);
  }
}

/**
 * Picks a unit in an org tree select (the navigator or a form's org picker): opens it, opens the
 * unit's ancestors one by one (the tree loads a level at a time) and clicks the unit. The path of
 * names comes from the API, with the page's session.
 */
async function pickOrgUnit(page: Page, select: Locator, code: string): Promise<void> {
  const response = await page.request.get(`/api/org/units/${encodeURIComponent(code)}`);
  const unit = (await response.json()) as { name: string; ancestors: { name: string }[] };
  await select.click();
  const tree = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree');
  const node = (name: string): Locator =>
    tree.locator('.ant-select-tree-treenode', { has: page.locator(`.ant-select-tree-node-content-wrapper[title="${name}"]`) }).last();
  for (const ancestor of unit.ancestors) {
    await node(ancestor.name).waitFor();
    const closed = node(ancestor.name).locator('.ant-select-tree-switcher_close');
    if ((await closed.count()) > 0) await closed.click();
  }
  await node(unit.name).locator('.ant-select-tree-node-content-wrapper').click();
}

export class ListPage {
  constructor(private readonly page: Page) {}

  readonly table = (): Locator => this.page.locator('.ant-table');
  readonly rows = (): Locator => this.page.locator('.ant-table-tbody tr.ant-table-row');
  readonly columnHeader = (title: string): Locator => this.page.locator('.ant-table-thead th', { hasText: new RegExp(`^${title}$`) });
  readonly filterButton = (): Locator => this.page.getByRole('button', { name: buttonName('筛选', 'Filter') });
  readonly createButton = (): Locator => this.page.locator('.refine-create-button');
  readonly deleteButtons = (): Locator => this.rows().locator('.refine-delete-button');
  readonly editButtons = (): Locator => this.rows().locator('.refine-edit-button');
  readonly showButtons = (): Locator => this.rows().locator('.refine-show-button');
  readonly pageLink = (n: number): Locator => this.page.locator(`.ant-table-pagination .ant-pagination-item[title="${n}"]`);
  readonly pageItems = (): Locator => this.page.locator('.ant-table-pagination .ant-pagination-item');

  /** Waits until the table shows rows and no longer spins. */
  async loaded(): Promise<void> {
    await this.rows().first().waitFor();
    await this.page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' });
  }

  /** Chooses an option of a select filter (by the filter's label) without submitting. */
  async chooseFilter(label: string, option: string): Promise<void> {
    await this.page.locator('.ant-form-inline').getByLabel(label, { exact: true }).click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').locator(`.ant-select-item-option[title="${option}"]`).click();
  }

  /** The ids of the records shown, row by row. */
  async rowIds(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key') ?? ''));
  }

  /** The number of records in all, as the pagination's 共 N 条 says. */
  async total(): Promise<number> {
    const text = await this.page.locator('.ant-table-pagination .ant-pagination-total-text').innerText();
    return Number(/\d+/.exec(text.replace(/,/g, ''))?.[0] ?? NaN);
  }

  /** The highest page number the pagination offers. */
  async lastPage(): Promise<number> {
    const titles = await this.pageItems().evaluateAll((items) => items.map((item) => Number(item.getAttribute('title'))));
    return Math.max(...titles);
  }

  /** The texts of one column, row by row, found by the column's header. */
  async columnTexts(title: string): Promise<string[]> {
    const headers = await this.page.locator('.ant-table-thead th').allInnerTexts();
    const index = headers.findIndex((h) => h.trim() === title);
    if (index < 0) throw new Error(`no column "${title}" among ${headers.join(' | ')}`);
    return this.rows().evaluateAll((rows, i) => rows.map((row) => (row.children[i] as HTMLElement | undefined)?.innerText.trim() ?? ''), index);
  }
}

/** A create or edit page: the RJSF form of the resource's schema (fields `#root_<name>`). */
export class FormPage {
  constructor(private readonly page: Page) {}

  readonly field = (name: string): Locator => this.page.locator(`#root_${name}`);
  /** The error message(s) shown under a field. */
  readonly fieldError = (name: string): Locator => this.page.locator(`#root_${name}__error`);
  readonly save = (): Locator => this.page.locator('form').getByRole('button', { name: buttonName('保存', 'Save') });
  readonly conflict = (): Locator => this.page.getByRole('alert').filter({ hasText: /已被他人修改|Someone else changed/ });
  readonly reload = (): Locator => this.conflict().getByRole('button', { name: buttonName('重新加载', 'Reload') });
  /** The file input of 导入 Excel in the tab shown. */
  readonly importFile = (): Locator => this.page.locator('.ant-tabs-tabpane-active input[type=file]');
  /** The lines of the table of a refused import's errors. */
  readonly importErrors = (): Locator => this.page.locator('.zhili-import-errors .ant-table-tbody tr.ant-table-row');
  /** The success message shown at the top of the page. */
  readonly notice = (): Locator => this.page.locator('.ant-message-notice');

  /** The org unit a new record attaches to, picked in the org tree. */
  async chooseOrgUnit(code: string): Promise<void> {
    await pickOrgUnit(this.page, this.field('orgCode'), code);
  }
}

export class ShowPage {
  constructor(private readonly page: Page) {}

  readonly deleteButton = (): Locator => this.page.locator('.refine-delete-button');
  readonly editButton = (): Locator => this.page.locator('.refine-edit-button');
  /** The value shown beside a label of the record's description list. */
  readonly value = (label: string): Locator =>
    this.page.locator('.ant-descriptions-row', { has: this.page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.ant-descriptions-item-content');
}

/** A checklist's page (/checklists/:id): tabs of the version in force, the draft, the versions and the admission requests. */
export class ChecklistPage {
  constructor(private readonly page: Page) {}

  readonly tab = (label: string): Locator => this.page.getByRole('tab', { name: new RegExp(`^${label}`) });
  /** The table of the tab shown. */
  readonly rows = (): Locator => this.page.locator('.ant-tabs-tabpane-active .ant-table-tbody tr.ant-table-row');
  readonly row = (code: string): Locator => this.page.locator(`.ant-tabs-tabpane-active .ant-table-tbody tr[data-row-key="${code}"]`);
  readonly button = (label: string): Locator => this.page.locator('.ant-tabs-tabpane-active').getByRole('button', { name: buttonName(label) });
  /** The inline edit of an item's title in the draft table. */
  readonly editTitle = (code: string): Locator => this.row(code).locator('.ant-typography-edit');
  readonly titleInput = (code: string): Locator => this.row(code).locator('textarea');
  readonly rowButton = (code: string, label: string): Locator => this.row(code).getByRole('button', { name: buttonName(label) });
  /** The diff view's lines of one kind: added, changed, moved or retired. */
  readonly diffLines = (kind: 'added' | 'changed' | 'moved' | 'retired'): Locator => this.page.locator(`.zhili-diff-${kind}`);
  /** The open modal (item form, publication). */
  readonly modal = (): Locator => this.page.locator('.ant-modal-content');
  readonly modalButton = (label: string): Locator => this.modal().getByRole('button', { name: buttonName(label) });
  /** The OK button of an open pop-confirm. */
  readonly confirm = (label: string): Locator => this.page.locator('.ant-popconfirm').getByRole('button', { name: buttonName(label) });
  readonly field = (name: string): Locator => this.modal().locator(`#root_${name}`);
  readonly conflict = (): Locator => this.page.getByRole('alert').filter({ hasText: /已被他人修改|Someone else changed/ });
  readonly reload = (): Locator => this.conflict().getByRole('button', { name: buttonName('重新加载', 'Reload') });
  /** The file input of 导入 Excel in the tab shown. */
  readonly importFile = (): Locator => this.page.locator('.ant-tabs-tabpane-active input[type=file]');
  /** The lines of the table of a refused import's errors. */
  readonly importErrors = (): Locator => this.page.locator('.zhili-import-errors .ant-table-tbody tr.ant-table-row');
  /** The success message shown at the top of the page. */
  readonly notice = (): Locator => this.page.locator('.ant-message-notice');

  /** Waits until the tab's table shows rows and no longer spins. */
  async loaded(): Promise<void> {
    await this.rows().first().waitFor();
    await this.page.locator('.ant-tabs-tabpane-active .ant-table .ant-spin-spinning').waitFor({ state: 'detached' });
  }

  /** The item titles of the tab's table, row by row. */
  async titles(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((row) => (row.children[2] as HTMLElement | undefined)?.innerText.trim() ?? ''));
  }
}

/** The public page of a checklist (/public/checklists/:id), read without signing in. */
export class PublicChecklistPage {
  constructor(private readonly page: Page) {}

  readonly heading = (): Locator => this.page.getByRole('heading', { level: 2 });
  readonly items = (): Locator => this.page.locator('.zhili-public-items .ant-list-item');
  readonly value = (label: string): Locator =>
    this.page.locator('.ant-descriptions-item', { has: this.page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.ant-descriptions-item-content').first();
}

/** The grid dashboard (网格看板) and a grid's page. */
export class GridPages {
  constructor(private readonly page: Page) {}

  readonly title = (): Locator => this.page.locator('h4').filter({ hasText: /网格看板|Grid dashboard/ });
  /** The number a statistic card shows, separators dropped; null while it loads. */
  async statistic(title: string): Promise<number | null> {
    const value = this.page.locator('.ant-statistic').filter({ has: this.page.locator('.ant-statistic-title', { hasText: title }) }).locator('.ant-statistic-content-value');
    if ((await value.count()) === 0) return null;
    const text = (await value.first().innerText()).replace(/[,\s]/g, '');
    return text === '' || Number.isNaN(Number(text)) ? null : Number(text);
  }
  /** A unit of the table of units below, by name: clicking it drills down. */
  readonly unitLink = (name: string): Locator => this.page.locator('.ant-table-tbody a', { hasText: name });
  /** The rows of a grid's rule check (a table with no finding shows a placeholder row instead). */
  readonly findings = (): Locator => this.page.locator('.ant-card').filter({ hasText: /规则检查|Rule check/ }).first().locator('.ant-table-tbody tr.ant-table-row');
  readonly recordVisit = (): Locator => this.page.getByRole('button', { name: buttonName('登记走访', 'Record a visit') });
  readonly charts = (): Locator => this.page.locator('[role="img"] canvas');
}

/** A plugin's page in the admin: the grid-ledger plugin's 网格台账导出 (examples/changzhou/plugins/grid-ledger.admin.tsx). */
export class GridLedgerPage {
  constructor(private readonly page: Page) {}

  readonly title = (): Locator => this.page.locator('h3').filter({ hasText: /网格台账导出|Grid ledger export/ });
  readonly unit = (): Locator => this.page.locator('#grid-ledger-org');
  readonly download = (): Locator => this.page.getByRole('button', { name: buttonName('导出 Excel', 'Export to Excel') });

  async chooseOrgUnit(code: string): Promise<void> {
    await pickOrgUnit(this.page, this.unit(), code);
  }
}

/** The council pages (议事协商): bodies with their rosters, proposals, a proposal's page and its meeting form, and the public notice. */
export class CouncilPages {
  constructor(private readonly page: Page) {}

  readonly tab = (label: string): Locator => this.page.getByRole('tab', { name: label });
  /** A body's card at the unit, by the body's id. */
  readonly roster = (body: string): Locator => this.page.getByTestId(`roster-${body}`);
  /** The rows of a body's composition rules: rule, what the roster has, status. */
  readonly rules = (body: string): Locator => this.roster(body).locator('.zhili-council-rules .ant-table-tbody tr.ant-table-row');
  readonly dialog = (): Locator => this.page.getByRole('dialog');
  readonly button = (label: string): Locator => this.page.getByRole('button', { name: buttonName(label) });
  readonly dialogButton = (label: string): Locator => this.dialog().getByRole('button', { name: buttonName(label) });
  /** The composition rules a refused roster breaks, listed above the roster form. */
  readonly violations = (): Locator => this.dialog().locator('.zhili-roster-violations li');
  /** A row of the proposals table, by the proposal's title. */
  readonly proposal = (title: string): Locator => this.page.locator('.zhili-proposals .ant-table-tbody tr.ant-table-row').filter({ hasText: title });
  /** The proposal's stage, as its page's header tag shows it. */
  readonly stage = (): Locator => this.page.getByTestId('proposal-stage');
  /** The current step of the procedure's stages. */
  readonly currentStep = (): Locator => this.page.locator('.zhili-stages .ant-steps-item-active .ant-steps-item-title');
  /** A button of the stage actions the actor may take (the case's). */
  readonly action = (title: string): Locator =>
    this.page.locator('.ant-card').filter({ hasText: /可执行的操作|Actions/ }).getByRole('button', { name: buttonName(title) });
  /** A member's row of the meeting form. */
  readonly attendee = (name: string): Locator => this.dialog().locator('.zhili-attendance .ant-table-tbody tr.ant-table-row').filter({ hasText: name });
  /** The computed outcome of each recorded meeting, in words. */
  readonly outcomes = (): Locator => this.page.locator('.zhili-meeting .zhili-outcome');
  readonly publicNotice = (): Locator => this.page.locator('a', { hasText: /公示公告|Public notice/ });

  /** Marks a member's vote (赞成, 反对, 弃权) in the meeting form. */
  async vote(name: string, vote: string): Promise<void> {
    await this.attendee(name).locator('.ant-radio-wrapper', { hasText: vote }).click();
  }
  /** Marks a present member as withdrawn (回避). */
  async recuse(name: string): Promise<void> {
    await this.attendee(name).locator('input[type=checkbox]').nth(1).check();
  }
}

/** The public notice of a resolution (/public/councils/resolutions/:id), read without signing in. */
export class PublicNoticePage {
  constructor(private readonly page: Page) {}

  readonly heading = (): Locator => this.page.getByRole('heading', { level: 2 });
  readonly title = (): Locator => this.page.getByRole('heading', { level: 4 });
  readonly outcome = (): Locator => this.page.locator('.zhili-notice-outcome');
}

/** The case pages (案卷办理): the board, a case's page and the forms of its actions. */
export class CasePages {
  constructor(private readonly page: Page) {}

  /** The button that reports a new record with its case, e.g. 上报事件. */
  readonly reportButton = (resourceTitle: string): Locator => this.page.getByRole('button', { name: buttonName(`上报${resourceTitle}`, `Report ${resourceTitle}`) });
  readonly dialog = (): Locator => this.page.getByRole('dialog');
  /** The submit button of the open dialog's form. */
  readonly submit = (label: string): Locator => this.dialog().getByRole('button', { name: buttonName(label) });
  /** A column of the board, by the state's title. */
  readonly column = (stateTitle: string): Locator => this.page.locator(`section[aria-label="${stateTitle}"]`);
  /** A case's card in a column of the board. */
  readonly card = (stateTitle: string, caseId: string): Locator => this.column(stateTitle).locator(`[data-case="${caseId}"]`);
  /** A button of the actions the actor may take on the case. */
  readonly action = (title: string): Locator =>
    this.page.locator('.ant-card').filter({ hasText: /可执行的操作|Actions/ }).getByRole('button', { name: buttonName(title) });
  /** The case's stage, as its page's header tag shows it. */
  readonly state = (): Locator => this.page.getByTestId('case-state');
  readonly timelineEntries = (): Locator => this.page.getByTestId('timeline-entry');
  /** A unit's row of the figures table. */
  readonly metricsRow = (unitName: string): Locator => this.page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: unitName });

  /** Picks the option of a select in the open dialog (by the field's label) whose title contains `option`. */
  async choose(label: string, option: string): Promise<void> {
    await this.dialog().getByLabel(label, { exact: true }).click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').locator(`.ant-select-item-option[title*="${option}"]`).click();
  }
}

/**
 * The texts of the admin's own chrome on the page — menu, top bar, page header, column headers, form
 * labels, messages, buttons, pagination — without the records' data, which may be in any language.
 */
export async function chromeTexts(page: Page): Promise<string[]> {
  const selector = [
    '.ant-layout-sider',
    '.ant-layout-header',
    '.ant-breadcrumb',
    '.ant-page-header-heading',
    '.ant-table-thead',
    '.ant-form-item-label',
    '.ant-form-item-explain',
    '.ant-form-item-extra',
    '.ant-alert',
    '.ant-notification',
    '.ant-pagination',
    'button',
  ].join(', ');
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => (e as HTMLElement).innerText.trim()).filter((t) => t !== ''));
}

/** The points pages (积分管理): a scheme's tabs, the forms that post, and an account's page. */
export class PointsPages {
  constructor(private readonly page: Page) {}

  readonly tab = (label: string): Locator => this.page.getByRole('tab', { name: label });
  readonly button = (label: string): Locator => this.page.getByRole('button', { name: buttonName(label) });
  readonly dialog = (): Locator => this.page.getByRole('dialog');
  readonly submit = (label: string): Locator => this.dialog().getByRole('button', { name: buttonName(label) });
  /** A row of the claims table, by the household's name. */
  readonly claim = (holder: string): Locator => this.page.locator('.zhili-points-claims .ant-table-tbody tr.ant-table-row').filter({ hasText: holder });
  /** A decision button (通过, 不通过) of a claim's row. */
  readonly decide = (holder: string, label: string): Locator => this.claim(holder).getByRole('button', { name: buttonName(label) });
  /** A row of the shop, by the item's title. */
  readonly item = (title: string): Locator => this.page.locator('.zhili-points-shop .ant-table-tbody tr.ant-table-row').filter({ hasText: title });
  readonly itemButton = (title: string, label: string): Locator => this.item(title).getByRole('button', { name: buttonName(label) });
  /** The balance an account's page shows. */
  readonly balance = (): Locator => this.page.locator('.zhili-points-balance .ant-statistic-content-value');
  readonly postings = (): Locator => this.page.locator('.zhili-points-postings .ant-table-tbody tr.ant-table-row');

  /** Picks a household in the open dialog's reference field by searching its name. */
  async chooseHolder(label: string, name: string): Promise<void> {
    await this.dialog().getByLabel(label, { exact: true }).fill(name);
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').locator(`.ant-select-item-option[title*="${name}"]`).first().click();
  }
  /** Picks the option of a select in the open dialog whose title contains `option`. */
  async choose(label: string, option: string): Promise<void> {
    await this.dialog().getByLabel(label, { exact: true }).click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').locator(`.ant-select-item-option[title*="${option}"]`).click();
  }
}
