import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../package/compile.ts';
import type { PackageIssue } from '../package/issues.ts';
import { loadPackage } from '../package/load.ts';

const BROKEN = join(import.meta.dirname, 'fixtures', 'broken');
const BASE = join(import.meta.dirname, '..', '..', '..', 'base');
const FILE = relative(process.cwd(), join(BROKEN, 'councils/bad.yaml'));

/** [pointer, Chinese fragment, English fragment] */
const EXPECTED: [string, string, string][] = [
  ['/bodies/0/level', '层级 "village" 不存在', 'level "village" is not one of the levels'],
  ['/bodies/0/size/max', '人数上限 2 小于下限 3', 'size max 2 is below min 3'],
  ['/bodies/0/roles/0/max', '上限小于下限', 'has a max below its min'],
  ['/bodies/0/roles', '不能同时满足', 'cannot meet the body'],
  ['/bodies/0/requirements/0/value', '性别的取值为 female 或 male', 'gender takes female or male'],
  ['/bodies/0/requirements/1', '要求必须给出 min 或 share', 'a requirement needs min or share'],
  ['/bodies/0/selection/by', '议事机构 "ghosts" 不存在', 'council body "ghosts" does not exist'],
  ['/procedures/0/body', '议事机构 "nobody" 不存在', 'council body "nobody" does not exist'],
  ['/procedures/0/supervisionRoles/0', '角色 "stranger" 不存在', 'role "stranger" does not exist'],
  ['/procedures/0/proposers', '必须规定谁可以提出议案', 'say who may put a proposal'],
  ['/procedures/0/quorum/ratio', '比例 3/2 必须是不大于 1 的分数', 'ratio 3/2 must be a fraction p/q of at most one'],
  ['/procedures/0/stages/0/roles', '阶段 "proposed" 必须指定办理角色', 'stage "proposed" needs the roles that act in it'],
  ['/procedures/0/stages/1', '不设 roles 与 timeLimit', 'no roles or timeLimit'],
  ['/procedures/0/stages/2/kind', '阶段的顺序必须是', 'stages must come in the order'],
  ['/procedures/0/stages/3/id', '保留的 completed', 'reserved completed'],
];

describe('council config', () => {
  it('reports every mistake of a broken council set with file, path and a message in Chinese and English', async () => {
    const result = await loadPackage(BROKEN);
    expect(result.ok).toBe(false);
    const issues = (result as { issues: readonly PackageIssue[] }).issues;
    for (const [pointer, zh, en] of EXPECTED) {
      const found = issues.filter((i) => i.file === FILE && i.path === pointer);
      expect(found.map((i) => i.message['zh-CN']).join(' | '), pointer).toContain(zh);
      expect(found.map((i) => i.message.en).join(' | '), pointer).toContain(en);
    }
  });

  it('compiles the statutory rules of the base package into bodies, procedures and one workflow per procedure', async () => {
    const model = await loadModel(BASE);
    const procedure = model.councils.procedures['village-representatives'];
    expect(procedure?.quorum).toEqual({ base: 'members', ratio: { num: 2, den: 3 }, strict: false });
    expect(procedure?.pass).toEqual({ base: 'present', ratio: { num: 1, den: 2 }, strict: true });
    expect(model.councils.procedures['residents-meeting']?.quorum).toEqual({ base: 'adult-residents', ratio: { num: 1, den: 2 }, strict: true });
    const workflow = model.workflows['council-village-representatives'];
    expect(workflow?.states.map((s) => s.id)).toEqual(['proposed', 'deliberation', 'publication', 'implementation', 'completed', 'rejected']);
    expect(workflow?.states.find((s) => s.id === 'publication')?.timeLimit?.days).toBe(7);
    expect(workflow?.states.find((s) => s.id === 'publication')?.onExpiry).toEqual({ action: 'transition', transition: 'publication-ended' });
    expect(workflow?.transitions.filter((t) => t.roles.length === 0).map((t) => t.id)).toEqual(['adopt', 'reject', 'no-quorum', 'publication-ended']);
    expect(workflow?.transitions.map((t) => t.id)).toContain('supervise-publication');
    expect(model.councils.bodies['villagers-representative-meeting']?.requirements[0]?.share).toEqual({ num: 1, den: 3 });
  });
});
