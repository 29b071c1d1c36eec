import type { BilingualText } from '@zhili/schemas';
import type { GridViolation } from '../types.ts';
import { bi, type GridRuleKind, unknownRoles } from './kind.ts';
import { gridLabel } from './labels.ts';

interface Options {
  readonly roles: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** What the roles are called in messages, e.g. 责任社工. */
  readonly label?: BilingualText;
}

/**
 * Staffing composition by role: between min and max serving staff of the given roles on every grid
 * (Changzhou 1+3+X: exactly 1 responsible social worker, at least 3 grid workers; Ningxia: 1–2 grid
 * workers). Hard for the maximum (assigning one more is refused), reported for the minimum.
 */
export const staffing: GridRuleKind = {
  kind: 'staffing',
  title: bi('网格人员配备', 'Grid staffing'),
  hard: true,
  schema: {
    type: 'object',
    required: ['roles'],
    properties: {
      roles: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true, description: 'Values of the staff role field counted together.' },
      min: { type: 'integer', minimum: 0 },
      max: { type: 'integer', minimum: 0 },
      label: { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
    },
    anyOf: [{ required: ['min'] }, { required: ['max'] }],
  },
  check(options, context) {
    const problems = unknownRoles((options['roles'] as string[] | undefined) ?? [], context, '/roles');
    const { min, max } = options as Partial<Options>;
    if (min !== undefined && max !== undefined && min > max) problems.push({ pointer: '/min', message: bi(`最少人数 ${min} 大于最多人数 ${max}`, `min ${min} is more than max ${max}`) });
    return problems;
  },
  async evaluate({ rule, figures }) {
    const options = rule.options as unknown as Options;
    const label = options.label ?? bi(options.roles.join('、'), options.roles.join(', '));
    const staff = await figures.staffByGrid();
    const violations: GridViolation[] = [];
    for (const grid of await figures.grids()) {
      const byRole = staff.get(grid.path);
      const count = options.roles.reduce((sum, role) => sum + (byRole?.get(role) ?? 0), 0);
      const name = gridLabel(grid);
      const base = { rule: rule.id, kind: this.kind, subject: { type: 'grid' as const, code: grid.code, name: grid.name } };
      if (options.min !== undefined && count < options.min) {
        violations.push({
          ...base,
          hard: false,
          figures: { staff: count, min: options.min },
          message: bi(`${name['zh-CN']}: ${label['zh-CN']} ${count} 人 < 至少 ${options.min} 人`, `${name.en}: ${count} ${label.en} < at least ${options.min}`),
        });
      }
      if (options.max !== undefined && count > options.max) {
        violations.push({
          ...base,
          hard: true,
          figures: { staff: count, max: options.max },
          measure: count - options.max,
          message: bi(`${name['zh-CN']}: ${label['zh-CN']} ${count} 人 > 至多 ${options.max} 人`, `${name.en}: ${count} ${label.en} > at most ${options.max}`),
        });
      }
    }
    return { violations };
  },
};
