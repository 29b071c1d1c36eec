import type { OrgTreeFile, OrgUnit } from '@zhili/schemas';
import type { CompiledModel } from '../model/types.ts';
import { type PackageIssue, PackageError, sortIssues } from './issues.ts';
import { validateMeta } from './meta-validate.ts';
import { issueAt, readSource, type SourceFile, toPointer } from './source.ts';

/**
 * Reads and checks an org-tree file against the jurisdiction levels in force: the meta-schema,
 * codes unique across the whole tree, every level known, every child on a deeper level than its
 * parent. Returns the top units when there is no issue.
 */
export async function checkOrgTreeFile(
  file: string,
  levels: readonly { readonly id: string }[],
): Promise<{ units: OrgUnit[] | null; issues: PackageIssue[] }> {
  const { source, issues } = await readSource(file);
  if (!source) return { units: null, issues };
  const meta = validateMeta('orgTree', source);
  if (meta.issues.length) return { units: null, issues: meta.issues };
  const tree = source.data as OrgTreeFile;
  const found = checkUnits(source, tree.units, new Map(levels.map((l, depth) => [l.id, depth])));
  return found.length ? { units: null, issues: found } : { units: tree.units, issues: [] };
}

function checkUnits(source: SourceFile, units: readonly OrgUnit[], depthOf: ReadonlyMap<string, number>): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const codes = new Map<string, string>();
  const walk = (list: readonly OrgUnit[], at: (string | number)[], parent: OrgUnit | null) => {
    for (const [i, unit] of list.entries()) {
      const path = [...at, i];
      const first = codes.get(unit.code);
      if (first !== undefined) {
        const { line } = source.position(first);
        issues.push(
          issueAt(source, toPointer([...path, 'code']), {
            'zh-CN': `组织编码 "${unit.code}" 重复（第 ${line} 行已使用）`,
            en: `org unit code "${unit.code}" is used twice (first on line ${line})`,
          }),
        );
      } else {
        codes.set(unit.code, toPointer([...path, 'code']));
      }
      const depth = depthOf.get(unit.level);
      const parentDepth = parent ? depthOf.get(parent.level) : undefined;
      if (depth === undefined) {
        issues.push(
          issueAt(source, toPointer([...path, 'level']), {
            'zh-CN': `"${unit.name}" 的层级 "${unit.level}" 不存在（可用：${[...depthOf.keys()].join(', ')}）`,
            en: `level "${unit.level}" of "${unit.name}" does not exist (levels: ${[...depthOf.keys()].join(', ')})`,
          }),
        );
      } else if (parent && parentDepth !== undefined && depth <= parentDepth) {
        issues.push(
          issueAt(source, toPointer([...path, 'level']), {
            'zh-CN': `"${unit.name}" 的层级 "${unit.level}" 应低于其上级 "${parent.name}" 的层级 "${parent.level}"`,
            en: `level "${unit.level}" of "${unit.name}" must be below the level "${parent.level}" of its parent "${parent.name}"`,
          }),
        );
      }
      walk(unit.children ?? [], [...path, 'children'], unit);
    }
  };
  walk(units, ['units'], null);
  return issues;
}

/**
 * The jurisdiction tree of a compiled model (its top units), or null when no package has one.
 * Throws PackageError with positioned issues when the file is invalid.
 */
export async function loadOrgTree(model: CompiledModel): Promise<OrgUnit[] | null> {
  if (!model.orgTreeFile) return null;
  const { units, issues } = await checkOrgTreeFile(model.orgTreeFile, model.levels);
  if (!units) throw new PackageError(sortIssues(issues));
  return units;
}
