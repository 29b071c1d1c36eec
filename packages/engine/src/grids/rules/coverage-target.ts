import type { BilingualText } from '@zhili/schemas';
import { bi, type GridRuleKind } from './kind.ts';

interface Options {
  /** Share of grids with registered households to reach, 0–1. */
  readonly ratio: number;
  /** The day it is to be reached by. */
  readonly by: string;
  readonly label?: BilingualText;
}

/**
 * A coverage target with a date (Ningxia: 100 % grid coverage and base-data collection by
 * 2018-06-30): on and after the date, the share of the scope's grids with registered households
 * must be at least the ratio. Before the date it is listed with the share reached so far.
 */
export const coverageTarget: GridRuleKind = {
  kind: 'coverage-target',
  title: bi('覆盖目标', 'Coverage target'),
  hard: false,
  schema: {
    type: 'object',
    required: ['ratio', 'by'],
    properties: {
      ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      by: { type: 'string', format: 'date' },
      label: { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
    },
  },
  async evaluate({ rule, figures, period }) {
    const options = rule.options as unknown as Options;
    const grids = await figures.grids();
    const covered = grids.filter((g) => g.households > 0).length;
    const share = grids.length === 0 ? 1 : covered / grids.length;
    const percent = (value: number) => `${Math.floor(value * 1000) / 10}%`;
    const label = options.label ?? bi('网格覆盖和基础数据采集', 'grid coverage and base data');
    const scope = figures.scope;
    const text = bi(
      `${scope.name}: ${label['zh-CN']} ${percent(share)}（${covered} / ${grids.length} 个网格），目标 ${options.by} 前达到 ${percent(options.ratio)}`,
      `${scope.name}: ${label.en} ${percent(share)} (${covered} / ${grids.length} grids), target ${percent(options.ratio)} by ${options.by}`,
    );
    if (period.asOf < options.by || share >= options.ratio) {
      return { violations: [], informational: { rule: rule.id, kind: this.kind, message: text } };
    }
    return {
      violations: [
        {
          rule: rule.id,
          kind: this.kind,
          hard: this.hard,
          subject: { type: 'unit', code: scope.code, name: scope.name },
          figures: { coveredGrids: covered, grids: grids.length, ratio: Math.round(share * 1000) / 1000, target: options.ratio, by: options.by },
          message: text,
        },
      ],
    };
  },
};
