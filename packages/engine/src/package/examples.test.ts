import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { formatIssues } from './issues.ts';
import { loadPackage } from './load.ts';
import { loadOrgTree } from './org-tree.ts';

const root = join(import.meta.dirname, '../../../..');
const SHIPPED = ['packages/base', 'examples/changzhou', 'examples/ningxia', 'examples/gaoxian'];

describe('shipped packages', () => {
  for (const dir of SHIPPED) {
    it(`${dir} loads and compiles with no issues`, async () => {
      const result = await loadPackage(join(root, dir));
      if (!result.ok) expect.fail(`${dir} has issues:\n${formatIssues(result.issues)}`);
      const model = compile(result.pkg);
      expect(Object.keys(model.resources).length).toBeGreaterThan(0);
      if (model.orgTreeFile) expect((await loadOrgTree(model))?.length).toBeGreaterThan(0);
    });
  }
});
