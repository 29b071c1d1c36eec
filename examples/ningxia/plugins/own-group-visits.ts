import type { BilingualText } from '@zhili/schemas';
import { daysBefore, definePlugin, overdueVisitViolations } from '@zhili/engine';
import type { GridRuleKind } from '@zhili/engine';

interface Options {
  readonly intervalDays: number;
  /** The staff roles whose visits count; any role of the grid's staff when absent. */
  readonly roles?: readonly string[];
  /** What the must-visit households are called, e.g. 重点走访对象. */
  readonly label?: BilingualText;
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/**
 * Ningxia's grids are villager groups, and their grid workers are the group leader or village
 * committee members living in the group (seeds/001 (四)): a special-group household is looked after
 * by its own group. This kind counts a visit only when the visitor is on the staff of the
 * household's own grid — a visit by a worker of another group, or by the township, does not keep
 * the household from being overdue.
 */
export const ownGroupVisit: GridRuleKind = {
  kind: 'own-group-visit',
  title: bi('本组网格员定期走访', 'Visited by a worker of their own group'),
  hard: false,
  schema: {
    type: 'object',
    required: ['intervalDays'],
    properties: {
      intervalDays: { type: 'integer', minimum: 1, maximum: 366, description: 'Longest time between two visits by a worker of the household’s own grid, in days.' },
      roles: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
      label: { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
    },
  },
  check(options, context) {
    const problems = context.hasMustVisitField
      ? []
      : [{ pointer: '/kind', message: bi('该规则需要在 households.mustVisitField 中指明标记必访对象的布尔字段', 'this rule needs households.mustVisitField, the boolean field marking must-visit households') }];
    const roles = (options['roles'] as readonly string[] | undefined) ?? [];
    const allowed = context.staffRoles;
    if (allowed) {
      for (const [i, role] of roles.entries()) {
        if (!allowed.includes(role)) {
          problems.push({
            pointer: `/roles/${i}`,
            message: bi(`岗位 "${role}" 不是 ${context.staffResource} 岗位字段的可选值（${allowed.join('、')}）`, `role "${role}" is not a value of the ${context.staffResource} role field (${allowed.join(', ')})`),
          });
        }
      }
    }
    return problems;
  },
  async evaluate({ rule, figures, period }) {
    const options = rule.options as unknown as Options;
    const cutoff = daysBefore(period.asOf, options.intervalDays);
    const rows = await figures.overdueVisitsByOwnStaff(cutoff, period.asOf, options.roles ?? null);
    const visitor = bi('本组网格员', 'a worker of their own group');
    return { violations: overdueVisitViolations({ rule, kind: this, figures, rows, asOf: period.asOf, intervalDays: options.intervalDays, label: options.label, visitor }) };
  },
};

/** Adds the own-group-visit grid rule kind, which Ningxia's grid rules name. */
export default definePlugin({
  name: 'own-group-visits',
  version: '1.0.0',
  setup(api) {
    api.gridRuleKind(ownGroupVisit);
  },
});
