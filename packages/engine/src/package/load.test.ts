import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssues, type PackageIssue } from './issues.ts';
import { type LoadResult, loadPackage } from './load.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => join(fixtures, name);
const shown = (file: string) => relative(process.cwd(), file);

function issuesOf(result: LoadResult): readonly PackageIssue[] {
  if (result.ok) throw new Error('expected the package to be invalid');
  return result.issues;
}

function pkgOf(result: LoadResult) {
  if (!result.ok) throw new Error(`expected a valid package:\n${formatIssues(result.issues)}`);
  return result.pkg;
}

describe('loadPackage', () => {
  it('loads a valid package', async () => {
    const pkg = pkgOf(await loadPackage(fixture('valid-parent')));
    expect(pkg.manifest.id).toBe('fixture-parent');
    expect(pkg.packages.map((p) => p.name)).toEqual(['@fixture/parent']);
    expect(pkg.resources.map((r) => r.config.id)).toEqual(['buildings', 'households']);
    expect(pkg.roles.map((r) => r.config.id)).toEqual(['admin', 'grid-worker']);
    expect(pkg.orgTreeFile).toBe(join(fixture('valid-parent'), 'data/org-tree.yaml'));
  });

  it("layers a child role on its parent: keys given replace the parent's, grants as a whole", async () => {
    const pkg = pkgOf(await loadPackage(fixture('valid-child')));
    expect(pkg.roles.map((r) => r.config.id)).toEqual(['admin', 'grid-worker', 'council-clerk']);
    const gridWorker = pkg.roles.find((r) => r.config.id === 'grid-worker');
    expect(gridWorker?.config).toEqual({
      id: 'grid-worker',
      title: { 'zh-CN': '网格员', en: 'Grid worker' },
      description: { 'zh-CN': '网格员（下级包）', en: 'Grid worker (child package)' },
      level: 'grid',
      grants: [{ resources: ['households', 'meetings'], actions: ['read', 'update'] }],
    });
    expect(gridWorker?.sourceFile).toBe(join(fixture('valid-parent'), 'roles/grid-worker.yaml'));
  });

  it('layers a child on its parent and overrides a resource by id', async () => {
    const pkg = pkgOf(await loadPackage(fixture('valid-child')));
    expect(pkg.packages.map((p) => p.id)).toEqual(['fixture-parent', 'fixture-child']);
    expect(pkg.levels.map((l) => l.id)).toEqual(['city', 'district', 'community', 'grid']);
    expect(pkg.modules.map((m) => [m.id, m.order])).toEqual([['basic', 10], ['grid', 5], ['council', undefined]]);
    expect(pkg.resources.map((r) => r.config.id)).toEqual(['buildings', 'households', 'meetings']);
    expect(pkg.orgTreeFile).toBe(join(fixture('valid-parent'), 'data/org-tree.yaml'));

    const households = pkg.resources.find((r) => r.config.id === 'households');
    const { config } = households ?? {};
    expect(config?.title).toEqual({ 'zh-CN': '住户（常州）', en: 'Household' });
    expect(config?.level).toBe('grid');
    expect(Object.keys(config?.schema.properties ?? {})).toEqual([
      'address', 'householderName', 'idNumber', 'memberCount', 'householdType', 'registeredOn', 'verified', 'tags', 'phone',
    ]);
    expect(config?.schema.properties['memberCount']).toMatchObject({ maximum: 30 });
    expect(config?.schema.required).toEqual(['address', 'householderName']);
    expect(config?.pii).toEqual([
      { field: 'idNumber', mask: 'id-number' },
      { field: 'householderName', mask: 'full', sensitive: true },
      { field: 'phone', mask: 'phone' },
    ]);
    expect(config?.indexes).toEqual([{ fields: ['householdType'] }, { fields: ['phone'], unique: true }]);
    expect(households?.sourceFile).toBe(join(fixture('valid-parent'), 'resources/households.yaml'));
  });

  it('places an issue found after merging where the offending part was written', async () => {
    const issues = issuesOf(await loadPackage(fixture('bad-override')));
    const parentFile = shown(join(fixture('valid-parent'), 'resources/households.yaml'));
    const childFile = shown(join(fixture('bad-override'), 'resources/households.yaml'));
    expect(issues.map((i) => [i.file, i.line, i.column, i.path])).toEqual([
      [childFile, 5, 14, '/schema/required/0'],
      [childFile, 9, 22, '/list/columns/1'],
      [parentFile, 23, 14, '/indexes/0/fields/0'],
      [shown(join(fixture('bad-override'), 'roles/grid-worker.yaml')), 3, 29, '/grants/0/resources/1'],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });

  it('resolves a parent by npm package name through node_modules above the package', async () => {
    const root = await mkdtemp(join(tmpdir(), 'zhili-npm-'));
    cleanups.push(root);
    await mkdir(join(root, 'node_modules/@fixture'), { recursive: true });
    await symlink(fixture('valid-parent'), join(root, 'node_modules/@fixture/parent'));
    const child = join(root, 'packages/locality');
    await mkdir(join(child, 'resources'), { recursive: true });
    await writeFile(join(child, 'package.json'), JSON.stringify({ name: '@fixture/locality', zhili: 'config/manifest.yaml' }));
    await mkdir(join(child, 'config'));
    await writeFile(join(child, 'config/manifest.yaml'), 'id: locality\ntitle: 某地\nversion: 0.1.0\nextends: ["@fixture/parent"]\n');
    await writeFile(join(child, 'resources/buildings.yml'), 'id: buildings\nlist: { pageSize: 10 }\n');

    const pkg = pkgOf(await loadPackage(child));
    expect(pkg.packages.map((p) => [p.name, p.dir])).toEqual([
      ['@fixture/parent', fixture('valid-parent')],
      ['@fixture/locality', child],
    ]);
    expect(pkg.resources.find((r) => r.config.id === 'buildings')?.config.list).toEqual({ pageSize: 10 });
  });

  it('reports a package.json "zhili" key naming a missing manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zhili-pj-'));
    cleanups.push(dir);
    await writeFile(join(dir, 'package.json'), '{\n  "name": "x",\n  "zhili": "nope.yaml"\n}\n');
    const issues = issuesOf(await loadPackage(dir));
    expect(issues.map((i) => [i.line, i.column, i.path])).toContainEqual([3, 3, '/zhili']);
    expect(issues[0]?.message.en).toContain('nope.yaml');
  });

  it('reports a plugin module that does not exist at its place in the manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zhili-plugins-'));
    cleanups.push(dir);
    const base = fileURLToPath(new URL('../resources/fixtures/households', import.meta.url));
    await writeFile(join(dir, 'zhili.yaml'), `id: with-plugins\ntitle: 插件\nversion: 0.1.0\nextends: [${JSON.stringify(relative(dir, base))}]\nplugins:\n  - plugins/missing.ts\n  - plugins/notes.txt\n`);
    const issues = issuesOf(await loadPackage(dir));
    expect(issues.map((i) => [i.line, i.path])).toEqual([[7, '/plugins/1']]);
    expect(issues[0]?.message.en).toMatch(/pattern/);
    await writeFile(join(dir, 'zhili.yaml'), `id: with-plugins\ntitle: 插件\nversion: 0.1.0\nextends: [${JSON.stringify(relative(dir, base))}]\nplugins:\n  - plugins/missing.ts\n`);
    const missing = issuesOf(await loadPackage(dir));
    expect(missing.map((i) => [i.line, i.path, i.message.en])).toEqual([[6, '/plugins/0', 'the plugin module plugins/missing.ts does not exist']]);
  });

  it('reports a folder without a manifest', async () => {
    const issues = issuesOf(await loadPackage(fixtures));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message['zh-CN']).toContain('zhili.yaml');
  });

  it('reports an extends cycle at the entry that closes it', async () => {
    const issues = issuesOf(await loadPackage(fixture('cycle-a')));
    expect(issues).toEqual([
      {
        file: shown(join(fixture('cycle-b'), 'zhili.yaml')),
        line: 5,
        column: 5,
        path: '/extends/0',
        message: { 'zh-CN': 'extends 形成循环：cycle-a → cycle-b → cycle-a', en: 'extends forms a cycle: cycle-a → cycle-b → cycle-a' },
      },
    ]);
  });

  it('reports every missing parent, by name and by path', async () => {
    const issues = issuesOf(await loadPackage(fixture('missing-parent')));
    expect(issues.map((i) => [i.line, i.column, i.path])).toEqual([
      [5, 5, '/extends/0'],
      [6, 5, '/extends/1'],
    ]);
    expect(issues[0]?.message['zh-CN']).toContain('找不到上级包 "@nowhere/baseline"');
    expect(issues[0]?.message.en).toContain('node_modules');
    expect(issues[1]?.message.en).toContain('does not exist');
  });

  it('reports a YAML syntax error with its position', async () => {
    const issues = issuesOf(await loadPackage(fixture('yaml-syntax')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: shown(join(fixture('yaml-syntax'), 'zhili.yaml')), line: 7, column: 4 });
    expect(issues[0]?.message['zh-CN']).toContain('YAML 语法错误');
    expect(issues[0]?.message.en).toContain('YAML syntax error');
  });

  it('reports the org tree with the rest of the package', async () => {
    const issues = issuesOf(await loadPackage(fixture('bad-org-tree')));
    expect(issues.map((i) => [i.line, i.column, i.path])).toEqual([
      [11, 15, '/units/0/children/0/children/1/code'],
      [14, 9, '/units/0/children/1/level'],
      [17, 9, '/units/0/children/2/level'],
    ]);
  });
});

/** [file in the broken fixture, line, column, pointer, Chinese fragment, English fragment] */
const BROKEN: [string, number, number, string, string, string][] = [
  ['data/org-tree.yaml', 6, 11, '/units/0/children/0/code', '组织编码 "320400" 重复', 'used twice'],
  ['data/org-tree.yaml', 7, 40, '/units/0/children/1/level', '层级 "street" 不存在', 'level "street" of "未知层级" does not exist'],
  ['data/org-tree.yaml', 12, 46, '/units/0/children/2/children/0/level', '应低于其上级', 'must be below the level "grid"'],
  ['resources/households.yaml', 4, 1, '/level', '层级 "planet" 不存在', 'level "planet" of resource households is not one of the levels'],
  ['resources/households.yaml', 5, 1, '/titleField', '标题字段 "tags"', 'title field "tags" is not a top-level scalar field'],
  ['resources/households.yaml', 8, 20, '/schema/required/1', '必填字段 "ghost"', 'required field "ghost" is not in properties'],
  ['resources/households.yaml', 11, 5, '/schema/properties/createdAt', '是标准字段', 'is a standard field'],
  ['resources/households.yaml', 12, 27, '/schema/properties/code/pattern', '正则表达式无效', 'invalid regular expression'],
  ['resources/households.yaml', 13, 28, '/schema/properties/email/format', '未知的格式 "no-such-format"', 'unknown format "no-such-format"'],
  ['resources/households.yaml', 14, 34, '/schema/properties/kind/enum/0', '与字段类型 string 不符', 'does not match the field type string'],
  ['resources/households.yaml', 20, 19, '/list/columns/1', '列表列 "nosuch" 不是资源 households 的字段', 'list column "nosuch" is not a field of resource households'],
  ['resources/households.yaml', 22, 38, '/list/filters/0/operators/0', '"between" 不适用于字段 "verified"', 'operator "between" does not suit field "verified" (boolean)'],
  ['resources/households.yaml', 23, 34, '/list/filters/1/operators/0', '"contains" 不适用于字段 "size"', 'operator "contains" does not suit field "size" (integer)'],
  ['resources/households.yaml', 24, 7, '/list/filters/2', '筛选字段 "tags"', 'filter field "tags" is not a top-level scalar field'],
  ['resources/households.yaml', 25, 19, '/list/defaultSort/0/field', '默认排序字段 "orgCode"', 'default sort field "orgCode"'],
  ['resources/households.yaml', 27, 14, '/indexes/0/fields/0', '索引字段 "notes"', 'index field "notes" is not a scalar field'],
  ['resources/households.yaml', 29, 7, '/pii/0/field', '个人信息字段 "size"', 'pii field "size" is not a top-level string field'],
  ['resources/households.yaml', 32, 3, '/uiSchema/nope', 'uiSchema 的键 "nope"', 'uiSchema key "nope" is not a field'],
  ['resources/audit.yaml', 1, 1, '/id', '资源 id "audit" 由引擎保留', 'resource id "audit" is reserved by the engine'],
  ['resources/residents.yaml', 2, 1, '/title', '应当是 string, object 类型', 'must be string, object'],
  ['resources/residents.yaml', 7, 5, '/schema/properties/Name', '属性名 "Name" 无效', 'property name "Name" is invalid'],
  ['resources/residents.yaml', 8, 12, '/schema/properties/age/type', '枚举值之一', 'must be equal to one of the allowed values'],
  ['resources/residents.yaml', 9, 31, '/schema/properties/nickname/errorMessage', '字段 "nickname" 的模式无法编译', 'keyword "errorMessage" value is invalid'],
  ['resources/rooms.json', 6, 13, '/list/pageSize', '<= 200', 'must be <= 200'],
  ['resources/shelters.yaml', 1, 1, '/id', '资源 id "households" 在本包中重复', 'resource id "households" is declared twice in this package'],
  ['resources/syntax.yaml', 3, 1, '', 'YAML 语法错误', 'YAML syntax error'],
  ['resources/visits.yaml', 1, 1, '/id', '资源 visits 缺少 title', 'resource visits has no title'],
  ['resources/visits.yaml', 1, 1, '/id', '资源 visits 缺少 schema', 'resource visits has no schema'],
  ['resources/visits.yaml', 2, 1, '/module', '模块 "nope" 不存在', 'module "nope" of resource visits is not one of the modules'],
  ['roles/empty.yaml', 1, 1, '/id', '角色 empty 缺少 title', 'role empty has no title'],
  ['roles/empty.yaml', 1, 1, '/id', '角色 empty 缺少 grants', 'role empty has no grants'],
  ['roles/flyer.yaml', 5, 21, '/grants/0/actions/1', '枚举值之一: "read", "create"', 'must be equal to one of the allowed values: "read"'],
  ['roles/flyer.yaml', 6, 5, '/grants/0/scope', '枚举值之一: "own-node-and-below"', 'allowed values: "own-node-and-below", "own-node", "own-grid", "all"'],
  ['roles/reader.yaml', 3, 1, '/level', '角色 reader 的层级 "planet" 不存在', 'level "planet" of role reader is not one of the levels'],
  ['roles/reader.yaml', 5, 29, '/grants/0/resources/1', '授权的资源 "nowhere" 不存在', 'resource "nowhere" granted by role reader does not exist'],
  ['roles/viewer.yaml', 1, 1, '/id', '角色 id "reader" 在本包中重复', 'role id "reader" is declared twice in this package'],
  ['zhili.yaml', 3, 1, '/version', '应当是 string 类型', 'must be string'],
  ['zhili.yaml', 4, 1, '/colour', '不允许的属性 "colour"', 'unknown property "colour"'],
];

describe('a broken package', () => {
  it('reports every error at once, each with file:line:column, its path and both languages', async () => {
    const issues = issuesOf(await loadPackage(fixture('broken')));
    const actual = issues.map((i) => [i.file, i.line, i.column, i.path]);
    for (const [file, line, column, path, zh, en] of BROKEN) {
      const where = [shown(join(fixture('broken'), file)), line, column, path];
      const matching = issues.filter((_, k) => JSON.stringify(actual[k]) === JSON.stringify(where));
      expect(matching.length, `no issue at ${where.join(':')}`).toBeGreaterThan(0);
      expect(matching.some((i) => i.message['zh-CN'].includes(zh) && i.message.en.includes(en)), `${where.join(':')}: ${formatIssues(matching)}`).toBe(true);
    }
    expect(issues).toHaveLength(BROKEN.length);
  });

  it('formats issues for the terminal: position and path, then Chinese, then English', async () => {
    const issues = issuesOf(await loadPackage(fixture('missing-parent')));
    const lines = formatIssues(issues).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(`${shown(join(fixture('missing-parent'), 'zhili.yaml'))}:5:5  /extends/0`);
    expect(lines[1]).toMatch(/^ {2}找不到上级包/);
    expect(lines[2]).toMatch(/^ {2}parent package/);
  });
});

const cleanups: string[] = [];
afterAll(async () => {
  for (const dir of cleanups) await rm(dir, { recursive: true, force: true });
});
