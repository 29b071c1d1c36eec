import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../model/types.ts';
import { loadModel } from './compile.ts';
import { PackageError } from './issues.ts';
import { loadOrgTree } from './org-tree.ts';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

describe('loadOrgTree', () => {
  it('returns the top units of the tree in force', async () => {
    const units = await loadOrgTree(await loadModel(fixture('valid-child')));
    expect(units?.map((u) => [u.code, u.name, u.level])).toEqual([['320400', '常州市', 'city']]);
    expect(units?.[0]?.children?.[0]?.children?.[0]?.children?.[0]).toEqual({
      code: '320404001001-01',
      name: '第一网格',
      level: 'grid',
      kind: 'residential',
    });
  });

  it('returns null when no package has a tree', async () => {
    const model = await loadModel(fixture('valid-child'));
    expect(await loadOrgTree({ ...model, orgTreeFile: null })).toBeNull();
  });

  it('throws duplicate codes, unknown levels and inverted levels with their positions', async () => {
    const model = await loadModel(fixture('valid-child'));
    const bad: CompiledModel = { ...model, orgTreeFile: join(fixture('bad-org-tree'), 'data/tree.yaml') };
    const error = await loadOrgTree(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    const issues = (error as PackageError).issues;
    expect(issues.map((i) => [i.line, i.column, i.path])).toEqual([
      [11, 15, '/units/0/children/0/children/1/code'],
      [14, 9, '/units/0/children/1/level'],
      [17, 9, '/units/0/children/2/level'],
    ]);
    expect(issues[0]?.message).toEqual({
      'zh-CN': '组织编码 "320404-01" 重复（第 10 行已使用）',
      en: 'org unit code "320404-01" is used twice (first on line 10)',
    });
    expect(issues[2]?.message.en).toBe('level "city" of "武进区" must be below the level "city" of its parent "常州市"');
  });

  it('reports a tree that does not match the meta-schema', async () => {
    const model = await loadModel(fixture('valid-child'));
    const error = await loadOrgTree({ ...model, orgTreeFile: join(fixture('valid-child'), 'zhili.yaml') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).issues.map((i) => i.message.en)).toContain('must have required property units');
  });
});
