import type { BilingualText } from '@zhili/schemas';
import type { Figures, OverdueFigure } from '../figures.ts';
import type { CompiledGridRule, GridViolation } from '../types.ts';
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
    const cutoff = daysBefore(period.asOf, options.intervalDays);
    const rows = await figures.overdueMustVisits(cutoff, period.asOf);
    return { violations: overdueVisitViolations({ rule, kind: this, figures, rows, asOf: period.asOf, intervalDays: options.intervalDays, label: options.label }) };
  },
};

/**
 * The violations of a must-visit rule from its overdue figures, one per grid, worded as must-visit
 * words them; `visitor` names who must have made the visit when only some visits count (a rule of
 * a plugin: 本组网格员, a worker of their own group).
 */
export function overdueVisitViolations(args: {
  readonly rule: CompiledGridRule;
  readonly kind: Pick<GridRuleKind, 'kind' | 'hard'>;
  readonly figures: Figures;
  readonly rows: readonly OverdueFigure[];
  readonly asOf: string;
  readonly intervalDays: number;
  readonly label?: BilingualText | undefined;
  readonly visitor?: BilingualText;
}): GridViolation[] {
  const { rule, kind, figures, asOf, intervalDays, visitor } = args;
  const label = args.label ?? bi('必访对象', 'must-visit households');
  const by = visitor === undefined ? bi('', '') : bi(`经${visitor['zh-CN']}`, ` by ${visitor.en}`);
  const violations: GridViolation[] = [];
  for (const row of args.rows) {
    const grid = figures.gridAt(row.path);
    if (!grid) continue;
    const name = gridLabel(grid);
    const longest = row.oldest === null ? null : daysBetween(row.oldest, asOf);
    const notes = [
      ...(row.never > 0 ? [bi(`其中 ${row.never} 户${visitor?.['zh-CN'] ?? ''}从未走访`, `${row.never} never visited${visitor === undefined ? '' : ' by one'}`)] : []),
      ...(longest !== null ? [bi(`最久 ${longest} 天`, `longest ${longest} days`)] : []),
    ];
    const note = notes.length ? bi(`（${notes.map((n) => n['zh-CN']).join('，')}）`, ` (${notes.map((n) => n.en).join(', ')})`) : bi('', '');
    violations.push({
      rule: rule.id,
      kind: kind.kind,
      hard: kind.hard,
      subject: { type: 'grid', code: grid.code, name: grid.name },
      figures: { households: row.overdue, neverVisited: row.never, intervalDays, longestDays: longest },
      message: bi(
        `${name['zh-CN']}: ${row.overdue} 户${label['zh-CN']} ${intervalDays} 天以上未${by['zh-CN']}走访${note['zh-CN']}`,
        `${name.en}: ${row.overdue} ${label.en} not visited${by.en} for over ${intervalDays} days${note.en}`,
      ),
    });
  }
  return violations;
}
