import { type Ajv2020, type BilingualText, toBilingualFieldErrors } from '@zhili/schemas';
import { parseRatio } from '../councils/arithmetic.ts';
import { councilRuleOptions } from '../councils/compile.ts';
import type { CouncilRuleKinds } from '../councils/rule-kinds.ts';
import { COMPLETED_STATE, procedureWorkflowId, REJECTED_STATE } from '../councils/types.ts';
import type { PackageIssue } from './issues.ts';
import { issueIn } from './origin.ts';
import { toPointer } from './source.ts';
import type { MergedCouncils } from './types.ts';
import { parseDuration } from '../workflows/time.ts';

/** What the checks of the council sets need to know of the rest of the package; a null set is broken. */
export interface CouncilContext {
  readonly levels: ReadonlySet<string> | null;
  readonly roles: ReadonlySet<string>;
  /** Ids of the package's own workflows: a procedure's workflow (council-<id>) may not take one. */
  readonly workflows: ReadonlySet<string>;
  /** The kinds the bodies' rules may name: the package's plugins'. */
  readonly ruleKinds: CouncilRuleKinds;
  readonly ajv: Ajv2020;
}

const STAGE_ORDER = { proposal: 0, consultation: 1, deliberation: 2, publication: 3, implementation: 4 } as const;
const ONCE = ['proposal', 'deliberation', 'publication', 'implementation'] as const;
const GENDERS = ['female', 'male'];

/**
 * The checks the council sets need after merging: each has a title; body and procedure ids are
 * unique across sets; a body's level exists, its size bounds and role counts can be met together,
 * a requirement can be met within its size and names a value its attribute takes, an electing body
 * exists; a procedure's bodies and roles exist, its ratios are fractions up to one, its stages come
 * in order (proposal, consultations, deliberation, publication, implementation; ids unique and not
 * completed or rejected), every stage but publication names roles, time limits are longer than zero,
 * and its workflow id is free.
 */
export function checkCouncils(sets: readonly MergedCouncils[], context: CouncilContext): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const bodyIds = new Set<string>();
  const procedureIds = new Set<string>();
  for (const set of sets) for (const body of set.broken.has('/bodies') ? [] : (set.config.bodies ?? [])) bodyIds.add(body.id);
  const seenBodies = new Set<string>();
  for (const set of sets) {
    const { config, broken } = set;
    const report = (pointer: string, message: BilingualText) => issues.push(issueIn(set.origin, pointer, message));
    if (config.title === undefined && !broken.has('/title')) {
      report('/id', { 'zh-CN': `议事规则 ${config.id} 缺少 title（合并所有上级包之后仍未给出）`, en: `council set ${config.id} has no title (none of the merged packages gives one)` });
    }
    const checkRoles = (roles: readonly string[] | undefined, at: (string | number)[]) => {
      for (const [j, role] of (roles ?? []).entries()) {
        if (!context.roles.has(role)) report(toPointer([...at, j]), { 'zh-CN': `角色 "${role}" 不存在`, en: `role "${role}" does not exist` });
      }
    };
    const checkBody = (id: string | undefined, at: (string | number)[]) => {
      if (id !== undefined && !bodyIds.has(id)) report(toPointer(at), { 'zh-CN': `议事机构 "${id}" 不存在`, en: `council body "${id}" does not exist` });
    };
    const checkRatio = (text: string, at: (string | number)[]) => {
      if (!parseRatio(text)) report(toPointer(at), { 'zh-CN': `比例 ${text} 必须是不大于 1 的分数 p/q`, en: `ratio ${text} must be a fraction p/q of at most one` });
    };

    for (const [i, body] of (broken.has('/bodies') ? [] : (config.bodies ?? [])).entries()) {
      const at = (...rest: (string | number)[]) => ['bodies', i, ...rest];
      if (seenBodies.has(body.id)) report(toPointer(at('id')), { 'zh-CN': `议事机构 "${body.id}" 重复`, en: `council body "${body.id}" is given twice` });
      seenBodies.add(body.id);
      if (context.levels && !context.levels.has(body.level)) {
        report(toPointer(at('level')), { 'zh-CN': `层级 "${body.level}" 不存在于 levels 中`, en: `level "${body.level}" is not one of the levels` });
      }
      const max = body.size.max ?? Infinity;
      if (max < body.size.min) report(toPointer(at('size', 'max')), { 'zh-CN': `人数上限 ${max} 小于下限 ${body.size.min}`, en: `size max ${max} is below min ${body.size.min}` });
      const roleIds = new Set<string>();
      let least = 0;
      let most = 0;
      for (const [j, role] of body.roles.entries()) {
        if (roleIds.has(role.id)) report(toPointer(at('roles', j, 'id')), { 'zh-CN': `职务 "${role.id}" 重复`, en: `position "${role.id}" is given twice` });
        roleIds.add(role.id);
        if (role.max !== undefined && role.max < (role.min ?? 0)) {
          report(toPointer(at('roles', j, 'max')), { 'zh-CN': `职务 "${role.id}" 的人数上限小于下限`, en: `position "${role.id}" has a max below its min` });
        }
        least += role.min ?? 0;
        most += role.max ?? Infinity;
      }
      if (least > max || most < body.size.min) {
        report(toPointer(at('roles')), {
          'zh-CN': `各职务人数（${least}–${most === Infinity ? '不限' : most}）与机构人数（${body.size.min}–${max === Infinity ? '不限' : max}）不能同时满足`,
          en: `the positions' counts (${least}–${most === Infinity ? 'any' : most}) cannot meet the body's size (${body.size.min}–${max === Infinity ? 'any' : max})`,
        });
      }
      for (const [j, rule] of (body.requirements ?? []).entries()) {
        if (rule.min === undefined && rule.share === undefined) {
          report(toPointer(at('requirements', j)), { 'zh-CN': '要求必须给出 min 或 share', en: 'a requirement needs min or share' });
        }
        if (rule.share !== undefined) checkRatio(rule.share, at('requirements', j, 'share'));
        if (rule.min !== undefined && rule.min > max) report(toPointer(at('requirements', j, 'min')), { 'zh-CN': `要求人数 ${rule.min} 超过机构人数上限 ${max}`, en: `requirement of ${rule.min} exceeds the size max ${max}` });
        const fits = rule.attribute === 'gender' ? GENDERS.includes(String(rule.value)) : typeof rule.value === 'boolean';
        if (!fits) {
          report(toPointer(at('requirements', j, 'value')), {
            'zh-CN': rule.attribute === 'gender' ? '性别的取值为 female 或 male' : '是否党员的取值为 true 或 false',
            en: rule.attribute === 'gender' ? 'gender takes female or male' : 'partyMember takes true or false',
          });
        }
      }
      const ruleIds = new Set<string>();
      for (const [j, rule] of (body.rules ?? []).entries()) {
        const here = (...rest: (string | number)[]) => toPointer(at('rules', j, ...rest));
        if (ruleIds.has(rule.id)) report(here('id'), { 'zh-CN': `规则 "${rule.id}" 重复`, en: `rule "${rule.id}" is given twice` });
        ruleIds.add(rule.id);
        const kind = context.ruleKinds.get(rule.kind);
        if (!kind) {
          const known = [...context.ruleKinds.keys()];
          report(here('kind'), {
            'zh-CN': `未知的议事机构规则类型 "${rule.kind}"（${known.length ? `可用：${known.join('、')}` : '本配置包的插件没有注册任何类型'}）`,
            en: `unknown council rule kind "${rule.kind}" (${known.length ? `known: ${known.join(', ')}` : 'the package’s plugins register none'})`,
          });
          continue;
        }
        const options = councilRuleOptions(rule);
        const validate = context.ajv.compile({ ...kind.schema, additionalProperties: false, properties: { ...(kind.schema['properties'] as object | undefined) } });
        if (!validate(options)) {
          for (const [path, messages] of Object.entries(toBilingualFieldErrors(validate.errors ?? []))) {
            for (const message of messages) {
              report(path === '' || path === '$' ? here() : here(...path.split('.')), { 'zh-CN': `${rule.kind} 规则 ${rule.id}：${message['zh-CN']}`, en: `${rule.kind} rule ${rule.id}: ${message.en}` });
            }
          }
          continue;
        }
        for (const problem of kind.check?.(options, { positions: [...roleIds] }) ?? []) {
          report(here() + problem.pointer, { 'zh-CN': `${rule.kind} 规则 ${rule.id}：${problem.message['zh-CN']}`, en: `${rule.kind} rule ${rule.id}: ${problem.message.en}` });
        }
      }
      if (body.selection?.by !== undefined) checkBody(body.selection.by, at('selection', 'by'));
    }

    for (const [i, procedure] of (broken.has('/procedures') ? [] : (config.procedures ?? [])).entries()) {
      const at = (...rest: (string | number)[]) => ['procedures', i, ...rest];
      if (procedureIds.has(procedure.id)) report(toPointer(at('id')), { 'zh-CN': `议事程序 "${procedure.id}" 重复`, en: `procedure "${procedure.id}" is given twice` });
      procedureIds.add(procedure.id);
      if (context.workflows.has(procedureWorkflowId(procedure.id))) {
        report(toPointer(at('id')), {
          'zh-CN': `议事程序的流程 id "${procedureWorkflowId(procedure.id)}" 已被 workflows/ 中的流程占用`,
          en: `the procedure's workflow id "${procedureWorkflowId(procedure.id)}" is taken by a workflow of workflows/`,
        });
      }
      checkBody(procedure.body, at('body'));
      checkBody(procedure.supervisor, at('supervisor'));
      checkRoles(procedure.supervisionRoles, at('supervisionRoles'));
      checkRoles(procedure.proposers?.roles, at('proposers', 'roles'));
      if (procedure.proposers?.share !== undefined) checkRatio(procedure.proposers.share, at('proposers', 'share'));
      if (!procedure.proposers?.share && !procedure.proposers?.roles?.length) {
        report(toPointer(at('proposers')), { 'zh-CN': '必须规定谁可以提出议案（share 或 roles）', en: 'say who may put a proposal (share or roles)' });
      }
      checkRatio(procedure.quorum.ratio, at('quorum', 'ratio'));
      checkRatio(procedure.pass.ratio, at('pass', 'ratio'));
      const stageIds = new Set<string>();
      let last = -1;
      for (const [j, stage] of procedure.stages.entries()) {
        if (stageIds.has(stage.id) || stage.id === COMPLETED_STATE || stage.id === REJECTED_STATE) {
          report(toPointer(at('stages', j, 'id')), {
            'zh-CN': `阶段 "${stage.id}" 重复或为保留的 ${COMPLETED_STATE}、${REJECTED_STATE}`,
            en: `stage "${stage.id}" is given twice or is the reserved ${COMPLETED_STATE} or ${REJECTED_STATE}`,
          });
        }
        stageIds.add(stage.id);
        const order = STAGE_ORDER[stage.kind];
        if (order < last || (order === last && stage.kind !== 'consultation')) {
          report(toPointer(at('stages', j, 'kind')), {
            'zh-CN': '阶段的顺序必须是：提出议案、协商（可多个）、民主议定、公布告知、组织实施',
            en: 'stages must come in the order proposal, consultation (any number), deliberation, publication, implementation',
          });
        }
        last = order;
        if (stage.kind === 'publication') {
          if (stage.roles !== undefined || stage.timeLimit !== undefined) {
            report(toPointer(at('stages', j)), { 'zh-CN': '公布告知阶段由公示天数决定，不设 roles 与 timeLimit', en: 'the publication stage runs for publicationDays: no roles or timeLimit' });
          }
        } else if (!stage.roles?.length) {
          report(toPointer(at('stages', j, 'roles')), { 'zh-CN': `阶段 "${stage.id}" 必须指定办理角色`, en: `stage "${stage.id}" needs the roles that act in it` });
        }
        checkRoles(stage.roles, at('stages', j, 'roles'));
        const parts = stage.timeLimit ? parseDuration(stage.timeLimit.duration) : null;
        if (stage.timeLimit && (!parts || parts.weeks + parts.days + parts.hours + parts.minutes === 0)) {
          report(toPointer(at('stages', j, 'timeLimit', 'duration')), { 'zh-CN': '时限必须大于零', en: 'the time limit must be longer than zero' });
        }
      }
      for (const kind of ONCE) {
        if (!procedure.stages.some((s) => s.kind === kind)) {
          report(toPointer(at('stages')), { 'zh-CN': `缺少 ${kind} 阶段`, en: `there is no ${kind} stage` });
        }
      }
    }
  }
  return issues;
}
