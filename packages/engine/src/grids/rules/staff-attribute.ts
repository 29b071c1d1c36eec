import type { BilingualText } from '@zhili/schemas';
import type { GridViolation } from '../types.ts';
import { bi, type GridRuleKind, unknownRoles } from './kind.ts';
import { workerLabel } from './labels.ts';

interface Options {
  readonly roles: readonly string[];
  /** A numeric field of the staff resource. */
  readonly field: string;
  readonly min?: number;
  readonly max?: number;
  /** What the field is called in messages, e.g. 月工资报酬. */
  readonly label?: BilingualText;
  /** Its unit, e.g. 元/月. */
  readonly unit?: string;
}

/** A numeric attribute of serving staff of some roles within bounds (Gaoxian: comprehensive grid workers paid ≥1,650 yuan a month); a missing value is a violation too. */
export const staffAttribute: GridRuleKind = {
  kind: 'staff-attribute',
  title: bi('网格员待遇', 'Grid worker terms'),
  hard: false,
  schema: {
    type: 'object',
    required: ['roles', 'field'],
    properties: {
      roles: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      field: { type: 'string' },
      min: { type: 'number' },
      max: { type: 'number' },
      label: { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
      unit: { type: 'string' },
    },
    anyOf: [{ required: ['min'] }, { required: ['max'] }],
  },
  check(options, context) {
    const problems = unknownRoles((options['roles'] as string[] | undefined) ?? [], context, '/roles');
    const field = options['field'];
    const type = typeof field === 'string' ? context.fieldsOf(context.staffResource)?.get(field) : undefined;
    if (typeof field === 'string' && type !== 'integer' && type !== 'number') {
      problems.push({
        pointer: '/field',
        message: bi(`"${field}" 不是 ${context.staffResource} 的数值字段`, `"${field}" is not a numeric field of ${context.staffResource}`),
      });
    }
    return problems;
  },
  async evaluate({ rule, figures, title }) {
    const options = rule.options as unknown as Options;
    const label = options.label ?? bi(options.field, options.field);
    const unit = options.unit ?? '';
    const violations: GridViolation[] = [];
    for (const worker of await figures.staffOutside(options.roles, options.field, options.min ?? null, options.max ?? null)) {
      const who = workerLabel(worker);
      const bound =
        worker.value === null
          ? bi('未登记', 'not recorded')
          : options.min !== undefined && worker.value < options.min
            ? bi(`${worker.value}${unit} < 至少 ${options.min}${unit}`, `${worker.value}${unit} < at least ${options.min}${unit}`)
            : bi(`${worker.value}${unit} > 至多 ${options.max}${unit}`, `${worker.value}${unit} > at most ${options.max}${unit}`);
      violations.push({
        rule: rule.id,
        kind: this.kind,
        hard: this.hard,
        subject: { type: 'worker', code: worker.gridCode, name: worker.name, id: worker.id },
        figures: { value: worker.value, min: options.min ?? null, max: options.max ?? null, role: worker.role },
        message: bi(`${who['zh-CN']}: ${label['zh-CN']} ${bound['zh-CN']}（${title['zh-CN']}）`, `${who.en}: ${label.en} ${bound.en} (${title.en})`),
      });
    }
    return { violations };
  },
};
