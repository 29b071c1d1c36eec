import type { GridViolation } from '../types.ts';
import { bi, type GridRuleKind } from './kind.ts';
import { gridLabel } from './labels.ts';

/**
 * Full coverage: every household in exactly one grid (households attached to a unit that is not a
 * grid are outside every grid), and no grid without households (a grid whose households have not
 * been registered). A household record names one unit, so no household is in two grids.
 */
export const coverage: GridRuleKind = {
  kind: 'coverage',
  title: bi('网格全覆盖', 'Full grid coverage'),
  hard: false,
  schema: {
    type: 'object',
    properties: { emptyGrids: { type: 'boolean', default: true, description: 'Whether a grid without households is a violation.' } },
  },
  async evaluate({ rule, figures }) {
    const violations: GridViolation[] = [];
    let outside = 0;
    for (const [path, count] of await figures.householdCounts()) if (!figures.gridAt(path)) outside += count;
    if (outside > 0) {
      const scope = figures.scope;
      violations.push({
        rule: rule.id,
        kind: this.kind,
        hard: this.hard,
        subject: { type: 'unit', code: scope.code, name: scope.name },
        figures: { householdsOutsideGrids: outside },
        message: bi(`${scope.name}: ${outside} 户未划入网格`, `${scope.name}: ${outside} households are in no grid`),
      });
    }
    if (rule.options['emptyGrids'] !== false) {
      for (const grid of await figures.grids()) {
        if (grid.households > 0) continue;
        const label = gridLabel(grid);
        violations.push({
          rule: rule.id,
          kind: this.kind,
          hard: this.hard,
          subject: { type: 'grid', code: grid.code, name: grid.name },
          figures: { households: 0 },
          message: bi(`${label['zh-CN']}: 没有登记住户`, `${label.en}: no households registered`),
        });
      }
    }
    return { violations };
  },
};
