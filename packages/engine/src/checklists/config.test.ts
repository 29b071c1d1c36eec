import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../package/compile.ts';
import { formatIssues } from '../package/issues.ts';
import type { PackageIssue } from '../package/issues.ts';
import { loadPackage } from '../package/load.ts';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const shown = (file: string) => relative(process.cwd(), file);

/** [file in the broken fixture, line, column, pointer, Chinese fragment, English fragment] */
const BROKEN: [string, number, number, string, string, string][] = [
  [
    'checklists/admitting.yaml',
    10,
    15,
    '/admission/resources/0',
    '缺少字段 admission',
    'resource tasks admitted by checklist admitting has no field admission',
  ],
  [
    'checklists/admitting.yaml',
    10,
    22,
    '/admission/resources/1',
    '不在准入目标层级 community 之中',
    'is at the level "street", which is not one of the target levels',
  ],
  ['checklists/admitting.yaml', 10, 31, '/admission/resources/2', '资源 "ghosts" 不存在', 'resource "ghosts" admitted by checklist admitting does not exist'],
  ['checklists/admitting.yaml', 13, 18, '/admission/targetLevels/0', '必须高于目标层级 "community"', 'must be above the target level "community"'],
  ['checklists/claimed.yaml', 6, 1, '/claiming', '只有需求清单（kind: need）的事项可以认领', 'only the items of a needs list (kind: need) can be claimed'],
  ['checklists/claimed.yaml', 7, 3, '/claiming/level', '认领层级 "grid" 不存在', 'claiming level "grid" of checklist claimed is not one of the levels'],
  ['checklists/duties.yaml', 4, 1, '/owner', '所属层级 "county" 不存在', 'owner level "county" of checklist duties is not one of the levels'],
  ['checklists/duties.yaml', 11, 46, '/itemSchema/properties/assessment/enum/1', '不得设置“一票否决”', 'a "veto" (一票否决) assessment is not allowed'],
  ['checklists/duties.yaml', 13, 3, '/itemUiSchema/nope', 'itemUiSchema 的键 "nope"', 'itemUiSchema key "nope" is not an item attribute'],
  [
    'checklists/duties.yaml',
    17,
    42,
    '/items/0/attributes/timeLimitDays',
    '事项 A-01 的属性 timeLimitDays',
    'attribute timeLimitDays of item A-01 does not match the item schema of checklist duties: must be >= 1',
  ],
  ['checklists/duties.yaml', 20, 34, '/items/1/attributes/assessment', '不得设置“一票否决”', 'a "veto" (一票否决) assessment is not allowed'],
  ['checklists/duties.yaml', 23, 5, '/items/2/attributes/legalBasis', '应当有必需属性 legalBasis', 'must have required property legalBasis'],
  ['checklists/duties.yaml', 23, 37, '/items/2/attributes/colour', '事项 A-03 的属性 colour', 'must NOT have additional properties'],
  ['checklists/duties.yaml', 24, 5, '/items/3/code', '事项编码 "A-01" 重复', 'item code "A-01" of checklist duties is given twice'],
  ['checklists/incomplete.yaml', 1, 1, '/id', '清单 incomplete 缺少 kind', 'checklist incomplete has no kind'],
  ['checklists/incomplete.yaml', 1, 1, '/id', '清单 incomplete 缺少 owner', 'checklist incomplete has no owner'],
  ['checklists/incomplete.yaml', 1, 1, '/id', '清单 incomplete 缺少 itemSchema', 'checklist incomplete has no itemSchema'],
  ['checklists/vetoed.yaml', 10, 3, '/admission/assessment', '不得设置“一票否决”', 'a "veto" (一票否决) assessment is not allowed'],
  ['resources/errands.yaml', 7, 5, '/schema/properties/admission', '其字段 admission 必须是 type: object', 'its field admission must be of type object'],
  ['resources/errands.yaml', 8, 46, '/schema/properties/assessment/enum/1', '不得设置“一票否决”', 'a "veto" (一票否决) assessment is not allowed'],
  ['resources/tasks.yaml', 8, 5, '/schema/properties/assessment', '必须列出可选值', 'must list its choices (enum or oneOf), none of them "veto"'],
];

function issuesOf(result: Awaited<ReturnType<typeof loadPackage>>): readonly PackageIssue[] {
  if (result.ok) throw new Error('expected the package to be invalid');
  return result.issues;
}

describe('checklists in a config package', () => {
  it('refuses bad checklists with every error at its file:line:column, pointer and both languages', async () => {
    const issues = issuesOf(await loadPackage(fixture('broken')));
    for (const [file, line, column, path, zh, en] of BROKEN) {
      const where = [shown(join(fixture('broken'), file)), line, column, path];
      const matching = issues.filter((i) => JSON.stringify([i.file, i.line, i.column, i.path]) === JSON.stringify(where));
      expect(matching.length, `no issue at ${where.join(':')}\n${formatIssues(issues)}`).toBeGreaterThan(0);
      expect(
        matching.some((i) => i.message['zh-CN'].includes(zh) && i.message.en.includes(en)),
        formatIssues(matching),
      ).toBe(true);
    }
    expect(issues).toHaveLength(BROKEN.length);
  });

  it('layers a child checklist on its parent: items by code, the item schema per attribute, other keys replaced', async () => {
    const result = await loadPackage(fixture('layered-child'));
    if (!result.ok) expect.fail(formatIssues(result.issues));
    const model = compile(result.pkg);
    const assisting = model.checklists['assisting-duties'];
    expect(assisting?.title).toBe('某区协助政府履职事项清单');
    expect(assisting?.owner).toBe('street');
    expect(assisting?.kind).toBe('assist');
    expect(assisting?.items.map((i) => i.code)).toEqual(['XZ-01', 'XZ-02', 'XZ-03', 'XZ-04', 'XZ-05', 'XZ-90']);
    expect(assisting?.items[1]?.title).toBe('协助做好公共卫生和爱国卫生工作');
    expect(Object.keys(assisting?.itemSchema.properties ?? {})).toEqual([
      'legalBasis',
      'responsibleBody',
      'procedure',
      'timeLimitDays',
      'funding',
      'assessment',
      'hotline',
    ]);
    expect(assisting?.itemSchema.required).toEqual(['legalBasis', 'responsibleBody', 'funding']);
    expect(assisting?.admission).toEqual({
      resources: ['community_tasks'],
      approverLevel: 'district',
      decisionDays: 15,
      targetLevels: ['community'],
      assessment: 'none',
    });
    expect(model.checklists['committee-duties']?.public).toBe(true);
  });
});
