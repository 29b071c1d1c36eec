import type { Ajv2020, BilingualText, FieldSchema, WorkflowJurisdiction } from '@zhili/schemas';
import type { PackageIssue } from './issues.ts';
import { issueIn } from './origin.ts';
import { checkRecordSchema } from './schema-check.ts';
import { toPointer } from './source.ts';
import type { MergedWorkflow } from './types.ts';
import { parseDuration } from '../workflows/time.ts';

const REQUIRED_AFTER_MERGE = ['title', 'resource', 'initial', 'open', 'states', 'transitions'] as const;

/** What the checks of a workflow need to know of the rest of the package; a null set is broken (checks against it would only repeat that). */
export interface WorkflowContext {
  readonly levels: ReadonlySet<string> | null;
  readonly roles: ReadonlySet<string>;
  readonly resources: ReadonlySet<string>;
  readonly ajv: Ajv2020;
}

/** The ids of `from`, one or several. */
export function fromStates(from: string | readonly string[]): readonly string[] {
  return typeof from === 'string' ? [from] : from;
}

/**
 * The checks a workflow needs after merging: it is complete; its resource, roles and levels exist;
 * state and action ids are unique; the initial state, every from and to, every expiry transition
 * and the evaluation name what exists; no transition leaves a final state, every state is reachable
 * from the initial one and every state that is not final can be left; final states have no time
 * limit and expiry needs one; a time limit is longer than zero; forms compile; the evaluation's field is a bounded, required integer
 * of a form of a transition into a final state; an automatic expiry transition needs no input.
 */
export function checkWorkflow(workflow: MergedWorkflow, context: WorkflowContext): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const { config, broken } = workflow;
  const id = config.id;
  const report = (pointer: string, message: BilingualText) => issues.push(issueIn(workflow.origin, pointer, message));
  const usable = (key: string) => !broken.has(`/${key}`);

  for (const key of REQUIRED_AFTER_MERGE) {
    if (config[key] === undefined && usable(key)) {
      report('/id', { 'zh-CN': `流程 ${id} 缺少 ${key}（合并所有上级包之后仍未给出）`, en: `workflow ${id} has no ${key} (none of the merged packages gives one)` });
    }
  }
  if (config.resource !== undefined && !context.resources.has(config.resource)) {
    report('/resource', { 'zh-CN': `流程 ${id} 的资源 "${config.resource}" 不存在`, en: `resource "${config.resource}" of workflow ${id} does not exist` });
  }
  const checkRoles = (roles: readonly string[], at: (string | number)[]) => {
    for (const [j, role] of roles.entries()) {
      if (!context.roles.has(role)) {
        report(toPointer([...at, j]), { 'zh-CN': `流程 ${id} 中的角色 "${role}" 不存在`, en: `role "${role}" named in workflow ${id} does not exist` });
      }
    }
  };
  const checkJurisdiction = (jurisdiction: WorkflowJurisdiction | undefined, at: (string | number)[]) => {
    const level = jurisdiction?.level;
    if (level !== undefined && context.levels && !context.levels.has(level)) {
      report(toPointer([...at, 'level']), { 'zh-CN': `流程 ${id} 中的层级 "${level}" 不存在于 levels 中`, en: `level "${level}" named in workflow ${id} is not one of the levels` });
    }
  };
  if (config.open && usable('open')) {
    checkRoles(config.open.roles, ['open', 'roles']);
    checkJurisdiction(config.open.jurisdiction, ['open', 'jurisdiction']);
  }

  const states = config.states && usable('states') ? config.states : null;
  const transitions = config.transitions && usable('transitions') ? config.transitions : null;
  const stateIds = new Set<string>();
  for (const [i, state] of (states ?? []).entries()) {
    if (stateIds.has(state.id)) report(toPointer(['states', i, 'id']), { 'zh-CN': `流程 ${id} 的状态 "${state.id}" 重复`, en: `state "${state.id}" of workflow ${id} is given twice` });
    stateIds.add(state.id);
    if (state.final && state.timeLimit) {
      report(toPointer(['states', i, 'timeLimit']), { 'zh-CN': `终结状态 "${state.id}" 不能有办理时限`, en: `final state "${state.id}" cannot have a time limit` });
    }
    const parts = state.timeLimit ? parseDuration(state.timeLimit.duration) : null;
    if (parts && parts.weeks + parts.days + parts.hours + parts.minutes === 0) {
      report(toPointer(['states', i, 'timeLimit', 'duration']), { 'zh-CN': `状态 "${state.id}" 的办理时限必须大于零`, en: `the time limit of state "${state.id}" must be longer than zero` });
    }
    if (state.onExpiry && !state.timeLimit) {
      report(toPointer(['states', i, 'onExpiry']), { 'zh-CN': `状态 "${state.id}" 没有办理时限，不能设置超时处理`, en: `state "${state.id}" has no time limit, so it cannot say what happens on expiry` });
    }
  }
  const stateKnown = (state: string) => states === null || stateIds.has(state);
  const finals = new Set((states ?? []).filter((s) => s.final).map((s) => s.id));
  if (states && finals.size === 0) report('/states', { 'zh-CN': `流程 ${id} 没有终结状态（final: true）`, en: `workflow ${id} has no final state (final: true)` });
  if (config.initial !== undefined && usable('initial') && !stateKnown(config.initial)) {
    report('/initial', { 'zh-CN': `流程 ${id} 的初始状态 "${config.initial}" 不是它的状态`, en: `initial state "${config.initial}" of workflow ${id} is not one of its states` });
  }

  const transitionIds = new Set<string>();
  for (const [i, transition] of (transitions ?? []).entries()) {
    if (transitionIds.has(transition.id)) {
      report(toPointer(['transitions', i, 'id']), { 'zh-CN': `流程 ${id} 的操作 "${transition.id}" 重复`, en: `action "${transition.id}" of workflow ${id} is given twice` });
    }
    transitionIds.add(transition.id);
    const from = fromStates(transition.from);
    for (const [j, state] of from.entries()) {
      const at = typeof transition.from === 'string' ? ['transitions', i, 'from'] : ['transitions', i, 'from', j];
      if (!stateKnown(state)) report(toPointer(at), { 'zh-CN': `操作 "${transition.id}" 的起始状态 "${state}" 不存在`, en: `state "${state}" that action "${transition.id}" leaves does not exist` });
      else if (finals.has(state)) report(toPointer(at), { 'zh-CN': `操作 "${transition.id}" 不能离开终结状态 "${state}"`, en: `action "${transition.id}" cannot leave the final state "${state}"` });
    }
    if (!stateKnown(transition.to)) {
      report(toPointer(['transitions', i, 'to']), { 'zh-CN': `操作 "${transition.id}" 的目标状态 "${transition.to}" 不存在`, en: `state "${transition.to}" that action "${transition.id}" leads to does not exist` });
    }
    checkRoles(transition.roles, ['transitions', i, 'roles']);
    checkJurisdiction(transition.jurisdiction, ['transitions', i, 'jurisdiction']);
    if (transition.form) {
      for (const [k, name] of (transition.form.required ?? []).entries()) {
        if (!Object.hasOwn(transition.form.properties, name)) {
          report(toPointer(['transitions', i, 'form', 'required', k]), { 'zh-CN': `必填字段 "${name}" 不在 properties 中`, en: `required field "${name}" is not in properties` });
        }
      }
      for (const problem of checkRecordSchema(transition.form, () => false, context.ajv)) {
        report(`${toPointer(['transitions', i, 'form'])}${problem.pointer.replace(/^\/schema/, '')}`, problem.message);
      }
    }
    if (transition.uiSchema && transition.form) {
      for (const key of Object.keys(transition.uiSchema)) {
        if (key.startsWith('ui:') || Object.hasOwn(transition.form.properties, key)) continue;
        report(toPointer(['transitions', i, 'uiSchema', key]), { 'zh-CN': `uiSchema 的键 "${key}" 不是操作 "${transition.id}" 表单的字段`, en: `uiSchema key "${key}" is not a field of the form of action "${transition.id}"` });
      }
    }
  }

  if (states && transitions) {
    for (const [i, state] of states.entries()) {
      if (!state.final && !transitions.some((t) => fromStates(t.from).includes(state.id))) {
        report(toPointer(['states', i, 'id']), { 'zh-CN': `状态 "${state.id}" 不是终结状态，却没有任何操作可以离开它`, en: `state "${state.id}" is not final, yet no action leaves it` });
      }
      const expiry = state.onExpiry;
      if (expiry?.action === 'transition') {
        const named = expiry.transition === undefined ? undefined : transitions.find((t) => t.id === expiry.transition);
        if (expiry.transition === undefined) {
          report(toPointer(['states', i, 'onExpiry']), { 'zh-CN': '超时自动流转必须用 transition 指明操作', en: 'an automatic move on expiry must name its action in transition' });
        } else if (!named || !fromStates(named.from).includes(state.id)) {
          report(toPointer(['states', i, 'onExpiry', 'transition']), {
            'zh-CN': `超时自动流转的操作 "${expiry.transition}" 不存在或不能离开状态 "${state.id}"`,
            en: `action "${expiry.transition}" taken on expiry does not exist or does not leave state "${state.id}"`,
          });
        } else if (named.comment === 'required' || named.attachmentRequired || named.assign || (named.form?.required ?? []).length > 0) {
          report(toPointer(['states', i, 'onExpiry', 'transition']), {
            'zh-CN': `超时自动流转的操作 "${named.id}" 不能要求意见、附件、承办人或必填表单字段（系统执行时没有这些输入）`,
            en: `action "${named.id}" taken on expiry may not require a comment, attachment, assignee or form field (the system has none to give)`,
          });
        }
      } else if (expiry && expiry.transition !== undefined) {
        report(toPointer(['states', i, 'onExpiry', 'transition']), { 'zh-CN': '只有 action: transition 才能指明操作', en: 'only action: transition names an action' });
      }
    }
    if (config.initial !== undefined && stateIds.has(config.initial)) {
      const reached = new Set([config.initial]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const t of transitions) {
          if (!reached.has(t.to) && fromStates(t.from).some((s) => reached.has(s))) {
            reached.add(t.to);
            grew = true;
          }
        }
      }
      for (const [i, state] of states.entries()) {
        if (!reached.has(state.id)) {
          report(toPointer(['states', i, 'id']), { 'zh-CN': `状态 "${state.id}" 从初始状态 "${config.initial}" 无法到达`, en: `state "${state.id}" cannot be reached from the initial state "${config.initial}"` });
        }
      }
    }
  }

  if (config.evaluation && usable('evaluation') && transitions) {
    const { transition: action, field } = config.evaluation;
    const named = transitions.find((t) => t.id === action);
    const property: FieldSchema | undefined = named?.form && Object.hasOwn(named.form.properties, field) ? named.form.properties[field] : undefined;
    if (!named) {
      report('/evaluation/transition', { 'zh-CN': `评价操作 "${action}" 不存在`, en: `evaluation action "${action}" does not exist` });
    } else if (states && !finals.has(named.to)) {
      report('/evaluation/transition', { 'zh-CN': `评价操作 "${action}" 必须进入终结状态`, en: `evaluation action "${action}" must lead to a final state` });
    } else if (!property || property.type !== 'integer' || typeof property.minimum !== 'number' || typeof property.maximum !== 'number' || !(named.form?.required ?? []).includes(field)) {
      report('/evaluation/field', {
        'zh-CN': `评分字段 "${field}" 必须是操作 "${action}" 表单中的必填整数字段，并给出 minimum 和 maximum（如 1 至 5）`,
        en: `score field "${field}" must be a required integer field of the form of action "${action}", with a minimum and maximum (e.g. 1 to 5)`,
      });
    }
  }
  return issues;
}
