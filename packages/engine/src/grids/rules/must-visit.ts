import type { GridViolation } from '../types.ts';
import { daysBefore, daysBetween } from '../period.ts';
import { bi, type GridRuleKind } from './kind.ts';
import { gridLabel } from './labels.ts';

interface Options {
  readonly intervalDays: number;
  /** What the must-visit households are called, e.g. 八必访对象. */
  readonly label?: { readonly 'zh-CN': string; readonly en: string };
}

/**
 * Must-visit households (the household binding's mustVisitField: Changzhou 八必访, Ningxia's special
 * groups) are visited at least every `intervalDays` days: per grid, those whose last visit is
 * longer ago than that on the day figures are taken on.
 */
export const mustVisit: GridRuleKind = {
  kind: 'must-visit',
  title: bi('必访对象走访', 'Must-visit households'),
  hard: false,
  schema: {
    type: 'object',
    required: ['intervalDays'],
    properties: {
      intervalDays: { type: 'integer', minimum: 1, description: 'Longest time between two visits of a must-visit household, in days.' },
      label: { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
    },
  },
  check(_options, context) {
    return context.hasMustVisitField
      ? []
      : [{ pointer: '/kind', message: bi('必访规则需要在 households.mustVisitField 中指明标记必访对象的布尔字段', 'a must-visit rule needs households.mustVisitField, the boolean field marking must-visit households') }];
  },
  async evaluate({ rule, figures, period }) {
    const options = rule.options as unknown as Options;
    const label = options.label ?? bi('必访对象', 'must-visit households');
    const cutoff = daysBefore(period.asOf, options.intervalDays);
    const violations: GridViolation[] = [];
    for (const row of await figures.overdueMustVisits(cutoff, period.asOf)) {
      const grid = figures.gridAt(row.path);
      if (!grid) continue;
      const name = gridLabel(grid);
      const longest = row.oldest === null ? null : daysBetween(row.oldest, period.asOf);
      const notes = [
        ...(row.never > 0 ? [bi(`其中 ${row.never} 户从未走访`, `${row.never} never visited`)] : []),
        ...(longest !== null ? [bi(`最久 ${longest} 天`, `longest ${longest} days`)] : []),
      ];
      const note = notes.length ? bi(`（${notes.map((n) => n['zh-CN']).join('，')}）`, ` (${notes.map((n) => n.en).join(', ')})`) : bi('', '');
      violations.push({
        rule: rule.id,
        kind: this.kind,
        hard: this.hard,
        subject: { type: 'grid', code: grid.code, name: grid.name },
        figures: { households: row.overdue, neverVisited: row.never, intervalDays: options.intervalDays, longestDays: longest },
        message: bi(
          `${name['zh-CN']}: ${row.overdue} 户${label['zh-CN']} ${options.intervalDays} 天以上未走访${note['zh-CN']}`,
          `${name.en}: ${row.overdue} ${label.en} not visited for over ${options.intervalDays} days${note.en}`,
        ),
      });
    }
    return { violations };
  },
};
