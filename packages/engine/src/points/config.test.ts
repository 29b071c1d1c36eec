import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../package/compile.ts';
import type { PackageIssue } from '../package/issues.ts';
import { loadPackage } from '../package/load.ts';

const BROKEN = join(import.meta.dirname, 'fixtures', 'broken');
const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));
const shown = (file: string) => relative(process.cwd(), file);

/** [file, pointer, Chinese fragment, English fragment] */
const EXPECTED: [string, string, string, string][] = [
  ['points/bad.yaml', '/holder/buildingField', '没有文本字段 "floors"', 'has no text field "floors"'],
  ['points/bad.yaml', '/categories/1/id', '类别 "civility" 重复', 'category "civility" is given twice'],
  ['points/bad.yaml', '/rules/0/roles/1', '角色 "stranger" 不存在', 'role "stranger" does not exist'],
  ['points/bad.yaml', '/rules/0/caps/0/max', '规则永远无法记分', 'the rule could never be posted'],
  ['points/bad.yaml', '/rules/1/code', '规则编号 "A-1" 重复', 'rule code "A-1" is given twice'],
  ['points/bad.yaml', '/rules/1/category', '类别 "nowhere" 不在 categories 中', 'category "nowhere" is not one of the categories'],
  ['points/bad.yaml', '/rules/2/claim', '只有加分规则可以申报', 'only a rule that awards points may be claimed'],
  ['points/bad.yaml', '/rules/3/code', '规则 C-1 无法记分', 'rule C-1 can never be posted'],
  ['points/bad.yaml', '/rules/4/auto/transitions/1', '没有操作 "vanish"', 'workflow loop has no action "vanish"'],
  ['points/bad.yaml', '/rules/4/auto/holderField', '没有文本字段 "missing"', 'has no text field "missing"'],
  ['points/bad.yaml', '/redemption/items/1/code', '兑换物品编号 "X" 重复', 'item code "X" is given twice'],
  ['points/incomplete.yaml', '/id', '缺少 categories', 'points scheme incomplete has no rules'],
  ['points/incomplete.yaml', '/holder/resource', '"ghosts" 不存在', 'the account holder resource "ghosts" does not exist'],
  ['points/zero.yaml', '/rules/0/points', '分值不能为零', 'points may not be zero'],
];

describe('points config', () => {
  it('reports every mistake of a broken points scheme with file, path and a message in Chinese and English', async () => {
    const result = await loadPackage(BROKEN);
    expect(result.ok).toBe(false);
    const issues = (result as { issues: readonly PackageIssue[] }).issues;
    for (const [file, pointer, zh, en] of EXPECTED) {
      const found = issues.filter((i) => i.file === shown(join(BROKEN, file)) && i.path === pointer);
      expect(found.map((i) => i.message['zh-CN']).join(' | '), `${file} ${pointer}`).toContain(zh);
      expect(found.map((i) => i.message.en).join(' | '), `${file} ${pointer}`).toContain(en);
      expect(found[0]?.line).toBeGreaterThan(0);
    }
    expect(issues).toHaveLength(EXPECTED.length + 1);
  });

  it('compiles the Changzhou 人人社区 scheme with its defaults: household accounts by building, four categories, the shop, the time bank', async () => {
    const model = await loadModel(CHANGZHOU);
    const scheme = model.points['renren'];
    expect(scheme?.holder).toEqual({ resource: 'households', buildingField: 'buildingId' });
    expect(scheme?.categories.map((c) => c.title)).toEqual([
      { 'zh-CN': '文明守约', en: 'Civility and the covenant' },
      { 'zh-CN': '履职自治', en: 'Self-governance duties' },
      { 'zh-CN': '社团活动', en: 'Association activities' },
      { 'zh-CN': '志愿服务', en: 'Volunteering' },
    ]);
    const volunteering = scheme?.rules.find((r) => r.code === 'ZY-01');
    expect(volunteering).toMatchObject({ points: 2, unit: 'hour', maxQuantity: 8, roles: [], claim: { reviewers: ['community-worker'] }, illustrative: true });
    expect(scheme?.rules.find((r) => r.code === 'WM-01')).toMatchObject({ unit: 'event', maxQuantity: 1, claim: null, auto: null });
    expect(scheme?.rules.filter((r) => r.points < 0).map((r) => r.code)).toEqual(['FM-01', 'FM-02', 'FM-03']);
    expect(scheme?.redemption?.items.find((i) => i.code === 'DH-03')).toMatchObject({ stock: null, limit: { period: 'year', max: 1 } });
    expect(scheme?.timeBank).toMatchObject({ coinsPerHour: 1, maxHours: 8, roles: ['community-worker'] });
    expect(scheme?.allowNegative).toBe(false);
    expect(scheme?.publication).toEqual({ period: 'month', top: 10 });
    expect(scheme?.adoption).toEqual({ body: { 'zh-CN': '社区居民代表大会', en: "Residents' representative meeting" }, date: null, resolution: null });
  });
});
