import type { GridViolation } from '../types.ts';
import { bi, type GridRuleKind } from './kind.ts';
import { gridLabel } from './labels.ts';

interface Options {
  /** Cap per grid type (the grid unit's kind). */
  readonly caps?: Readonly<Record<string, number>>;
  /** Cap of grids whose type has none of its own. */
  readonly default?: number;
}

/** At most so many households in a grid, per grid type (Gaoxian: 150 in old compounds, 300 in new ones). */
export const householdCap: GridRuleKind = {
  kind: 'household-cap',
  title: bi('网格户数上限', 'Households per grid'),
  hard: true,
  schema: {
    type: 'object',
    properties: {
      caps: { type: 'object', additionalProperties: { type: 'integer', minimum: 1 }, description: 'Cap per grid type (the kind of the grid unit).' },
      default: { type: 'integer', minimum: 1, description: 'Cap of grids whose type has none of its own.' },
    },
    anyOf: [{ required: ['caps'] }, { required: ['default'] }],
  },
  async evaluate({ rule, figures }) {
    const options = rule.options as Options;
    const violations: GridViolation[] = [];
    for (const grid of await figures.grids()) {
      const cap = (grid.kind !== null ? options.caps?.[grid.kind] : undefined) ?? options.default;
      if (cap === undefined || grid.households <= cap) continue;
      const label = gridLabel(grid);
      violations.push({
        rule: rule.id,
        kind: this.kind,
        hard: this.hard,
        subject: { type: 'grid', code: grid.code, name: grid.name },
        figures: { households: grid.households, cap, gridType: grid.kind },
        measure: grid.households - cap,
        message: bi(`${label['zh-CN']}: ${grid.households} 户 > 上限 ${cap}`, `${label.en}: ${grid.households} households > cap ${cap}`),
      });
    }
    return { violations };
  },
};
