import { type Ajv2020, type BilingualText, type PointsSchemeConfig, toBilingualFieldErrors } from '@zhili/schemas';
import type { PointsRuleKinds } from '../points/rule-kinds.ts';
import type { CompiledPointsScheme } from '../points/types.ts';
import type { PackageIssue } from './issues.ts';
import { issueIn } from './origin.ts';
import { toPointer } from './source.ts';
import type { LoadedPoints, MergedPoints, MergedResource, MergedWorkflow } from './types.ts';

export interface PointsContext {
  readonly roles: ReadonlySet<string>;
  readonly resources: ReadonlyMap<string, MergedResource>;
  readonly workflows: ReadonlyMap<string, MergedWorkflow>;
  /** The kinds rules may name: the package's plugins'. */
  readonly ruleKinds: PointsRuleKinds;
  readonly ajv: Ajv2020;
}

const REQUIRED_AFTER_MERGE = ['title', 'holder', 'categories', 'rules'] as const;

/** The JSON type of a resource's field, or undefined when it has no such field. */
function fieldType(resource: MergedResource | undefined, field: string): string | undefined {
  const schema = resource?.config.schema?.properties[field] as { type?: unknown } | undefined;
  if (!schema) return undefined;
  return Array.isArray(schema.type) ? String(schema.type[0]) : typeof schema.type === 'string' ? schema.type : 'unknown';
}

/**
 * The checks of a points scheme after merging: title, holder, categories and rules are there; the
 * holder resource and its building field exist; category ids, rule codes, item codes and service
 * codes are unique; every rule names a category, roles that exist, and can be posted somehow (by
 * its roles, a claim or automatically); only positive rules are claimed or awarded automatically;
 * an automatic award names a workflow, one of its transitions and a field of its resource; a rule
 * caps a period once, and not below what one event of it moves.
 */
export function checkPoints(scheme: MergedPoints, context: PointsContext): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const { config, broken } = scheme;
  const report = (pointer: string, message: BilingualText) => issues.push(issueIn(scheme.origin, pointer, message));
  for (const key of REQUIRED_AFTER_MERGE) {
    if (config[key] === undefined && !broken.has(`/${key}`)) {
      report('/id', { 'zh-CN': `积分方案 ${config.id} 缺少 ${key}（合并所有上级包之后仍未给出）`, en: `points scheme ${config.id} has no ${key} (none of the merged packages gives one)` });
    }
  }
  const checkRoles = (roles: readonly string[] | undefined, at: (string | number)[]) => {
    for (const [k, role] of (roles ?? []).entries()) {
      if (!context.roles.has(role)) report(toPointer([...at, k]), { 'zh-CN': `角色 "${role}" 不存在`, en: `role "${role}" does not exist` });
    }
  };

  if (config.holder) {
    const resource = context.resources.get(config.holder.resource);
    if (!resource) {
      report('/holder/resource', { 'zh-CN': `积分账户所属的资源 "${config.holder.resource}" 不存在`, en: `the account holder resource "${config.holder.resource}" does not exist` });
    } else if (config.holder.buildingField !== undefined && fieldType(resource, config.holder.buildingField) !== 'string') {
      report('/holder/buildingField', {
        'zh-CN': `资源 ${config.holder.resource} 没有文本字段 "${config.holder.buildingField}"（所在楼栋）`,
        en: `resource ${config.holder.resource} has no text field "${config.holder.buildingField}" (the building)`,
      });
    }
  }

  const categories = new Set<string>();
  for (const [i, category] of (config.categories ?? []).entries()) {
    if (categories.has(category.id)) report(toPointer(['categories', i, 'id']), { 'zh-CN': `类别 "${category.id}" 重复`, en: `category "${category.id}" is given twice` });
    categories.add(category.id);
  }

  const codes = new Set<string>();
  for (const [i, rule] of (config.rules ?? []).entries()) {
    const at = (...rest: (string | number)[]) => toPointer(['rules', i, ...rest]);
    if (codes.has(rule.code)) report(at('code'), { 'zh-CN': `规则编号 "${rule.code}" 重复`, en: `rule code "${rule.code}" is given twice` });
    codes.add(rule.code);
    if (config.categories && !categories.has(rule.category)) {
      report(at('category'), { 'zh-CN': `类别 "${rule.category}" 不在 categories 中`, en: `category "${rule.category}" is not one of the categories` });
    }
    if (rule.points === 0) report(at('points'), { 'zh-CN': '分值不能为零：加分为正数，扣分为负数', en: 'points may not be zero: positive to award, negative to deduct' });
    checkRoles(rule.roles, ['rules', i, 'roles']);
    checkRoles(rule.claim?.roles, ['rules', i, 'claim', 'roles']);
    checkRoles(rule.claim?.reviewers, ['rules', i, 'claim', 'reviewers']);
    if (!rule.roles && !rule.claim && !rule.auto) {
      report(at('code'), {
        'zh-CN': `规则 ${rule.code} 无法记分：请给出 roles（直接记分）、claim（申报审核）或 auto（自动记分）`,
        en: `rule ${rule.code} can never be posted: give roles (posted directly), claim (claimed and reviewed) or auto (awarded automatically)`,
      });
    }
    if (rule.kind === undefined && rule.options !== undefined) {
      report(at('options'), { 'zh-CN': '只有给出 kind 的规则才有 options', en: 'only a rule with a kind takes options' });
    } else if (rule.kind !== undefined) {
      const kind = context.ruleKinds.get(rule.kind);
      if (!kind) {
        const known = [...context.ruleKinds.keys()];
        report(at('kind'), {
          'zh-CN': `未知的积分规则类型 "${rule.kind}"（${known.length ? `可用：${known.join('、')}` : '本配置包的插件没有注册任何类型'}）`,
          en: `unknown points rule kind "${rule.kind}" (${known.length ? `known: ${known.join(', ')}` : 'the package’s plugins register none'})`,
        });
      } else {
        const validate = context.ajv.compile(kind.schema);
        if (!validate(rule.options ?? {})) {
          for (const [path, messages] of Object.entries(toBilingualFieldErrors(validate.errors ?? []))) {
            for (const message of messages) {
              report(path === '$' ? at('options') : at('options', ...path.split('.')), { 'zh-CN': `${rule.kind} 规则 ${rule.code}：${message['zh-CN']}`, en: `${rule.kind} rule ${rule.code}: ${message.en}` });
            }
          }
        }
      }
    }
    if (rule.points < 0 && rule.claim) report(at('claim'), { 'zh-CN': '只有加分规则可以申报', en: 'only a rule that awards points may be claimed' });
    if (rule.points < 0 && rule.auto) report(at('auto'), { 'zh-CN': '只有加分规则可以自动记分', en: 'only a rule that awards points may be awarded automatically' });
    const periods = new Set<string>();
    for (const [k, cap] of (rule.caps ?? []).entries()) {
      if (periods.has(cap.period)) report(at('caps', k, 'period'), { 'zh-CN': `周期 ${cap.period} 的上限重复`, en: `the cap per ${cap.period} is given twice` });
      periods.add(cap.period);
      if (cap.max < Math.abs(rule.points)) {
        report(at('caps', k, 'max'), {
          'zh-CN': `上限 ${cap.max} 小于一次记分的分值 ${Math.abs(rule.points)}，规则永远无法记分`,
          en: `the cap ${cap.max} is below the ${Math.abs(rule.points)} points of one unit: the rule could never be posted`,
        });
      }
    }
    if (rule.auto) {
      const workflow = context.workflows.get(rule.auto.workflow);
      if (!workflow) {
        report(at('auto', 'workflow'), { 'zh-CN': `流程 "${rule.auto.workflow}" 不存在`, en: `workflow "${rule.auto.workflow}" does not exist` });
      } else {
        for (const [k, transition] of rule.auto.transitions.entries()) {
          if (workflow.config.transitions && !workflow.config.transitions.some((t) => t.id === transition)) {
            report(at('auto', 'transitions', k), { 'zh-CN': `流程 ${rule.auto.workflow} 没有操作 "${transition}"`, en: `workflow ${rule.auto.workflow} has no action "${transition}"` });
          }
        }
        const resourceId = workflow.config.resource;
        const resource = resourceId === undefined ? undefined : context.resources.get(resourceId);
        if (resource && fieldType(resource, rule.auto.holderField) !== 'string') {
          report(at('auto', 'holderField'), {
            'zh-CN': `流程 ${rule.auto.workflow} 的资源 ${resourceId} 没有文本字段 "${rule.auto.holderField}"`,
            en: `resource ${resourceId} of workflow ${rule.auto.workflow} has no text field "${rule.auto.holderField}"`,
          });
        }
      }
    }
  }

  if (config.redemption) {
    checkRoles(config.redemption.roles, ['redemption', 'roles']);
    const items = new Set<string>();
    for (const [i, item] of config.redemption.items.entries()) {
      if (items.has(item.code)) report(toPointer(['redemption', 'items', i, 'code']), { 'zh-CN': `兑换物品编号 "${item.code}" 重复`, en: `item code "${item.code}" is given twice` });
      items.add(item.code);
    }
  }
  if (config.timeBank) {
    checkRoles(config.timeBank.roles, ['timeBank', 'roles']);
    const services = new Set<string>();
    for (const [i, service] of config.timeBank.services.entries()) {
      if (services.has(service.code)) report(toPointer(['timeBank', 'services', i, 'code']), { 'zh-CN': `服务编号 "${service.code}" 重复`, en: `service code "${service.code}" is given twice` });
      services.add(service.code);
    }
  }
  return issues;
}

/** A points scheme with its defaults: per-event rules of one unit, no caps, deductions stop at zero, totals published monthly when asked for, ten buildings on the leaderboard. */
export function compilePoints(scheme: Pick<LoadedPoints, 'config' | 'sourceFile'>): CompiledPointsScheme {
  const config: LoadedPoints['config'] = scheme.config;
  const text = (value: PointsSchemeConfig['title']) => value ?? null;
  return {
    id: config.id,
    title: config.title,
    description: text(config.description),
    adoption: config.adoption
      ? { body: text(config.adoption.body), date: config.adoption.date ?? null, resolution: config.adoption.resolution ?? null }
      : null,
    holder: { resource: config.holder.resource, buildingField: config.holder.buildingField ?? null },
    unit: config.unit ?? { 'zh-CN': '积分', en: 'points' },
    allowNegative: config.allowNegative ?? false,
    categories: config.categories.map((c) => ({ id: c.id, title: c.title, description: text(c.description) })),
    rules: config.rules.map((rule) => ({
      code: rule.code,
      category: rule.category,
      title: rule.title,
      description: text(rule.description),
      points: rule.points,
      unit: rule.unit ?? 'event',
      maxQuantity: rule.maxQuantity ?? 1,
      caps: (rule.caps ?? []).map((cap) => ({ period: cap.period, max: cap.max })),
      roles: rule.roles ?? [],
      claim: rule.claim ? { roles: rule.claim.roles, reviewers: rule.claim.reviewers } : null,
      auto: rule.auto ? { workflow: rule.auto.workflow, transitions: rule.auto.transitions, holderField: rule.auto.holderField } : null,
      kind: rule.kind ? { name: rule.kind, options: rule.options ?? {} } : null,
      illustrative: rule.illustrative ?? false,
    })),
    redemption: config.redemption
      ? {
          title: config.redemption.title ?? { 'zh-CN': '兑换铺', en: 'Redemption shop' },
          roles: config.redemption.roles,
          items: config.redemption.items.map((item) => ({
            code: item.code,
            title: item.title,
            description: text(item.description),
            cost: item.cost,
            stock: item.stock ?? null,
            limit: item.limit ? { period: item.limit.period, max: item.limit.max } : null,
            illustrative: item.illustrative ?? false,
          })),
        }
      : null,
    expiry: config.expiry ? { months: config.expiry.months } : null,
    timeBank: config.timeBank
      ? {
          title: config.timeBank.title ?? { 'zh-CN': '时间银行', en: 'Time bank' },
          coin: config.timeBank.coin ?? { 'zh-CN': '时间币', en: 'time coins' },
          coinsPerHour: config.timeBank.coinsPerHour ?? 1,
          maxHours: config.timeBank.maxHours ?? 8,
          roles: config.timeBank.roles,
          services: config.timeBank.services.map((s) => ({ code: s.code, title: s.title })),
        }
      : null,
    publication: config.publication ? { period: config.publication.period, top: config.publication.top ?? 10 } : null,
    sourceFile: scheme.sourceFile,
  };
}
