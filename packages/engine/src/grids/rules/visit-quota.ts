import type { GridViolation } from '../types.ts';
import { daysBetween, monthsOf } from '../period.ts';
import { bi, type GridRuleKind, unknownRoles } from './kind.ts';
import { workerLabel } from './labels.ts';

interface Options {
  readonly roles: readonly string[];
  readonly min: number;
  readonly per: 'month' | 'year';
}

/**
 * Visits per worker and period (Changzhou: ≥300 a year; Gaoxian: ≥200 a month), counted from the
 * visit counters by month. A yearly quota is asked of the period's months up to the day figures
 * are taken on, pro rata by days when that is less than a year; a monthly quota of every month of
 * the period up to that day (the month in progress pro rata).
 */
export const visitQuota: GridRuleKind = {
  kind: 'visit-quota',
  title: bi('走访任务', 'Visit quota'),
  hard: false,
  schema: {
    type: 'object',
    required: ['roles', 'min', 'per'],
    properties: {
      roles: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      min: { type: 'integer', minimum: 1, description: 'Visits a worker makes at least per period.' },
      per: { enum: ['month', 'year'] },
    },
  },
  check(options, context) {
    return unknownRoles((options['roles'] as string[] | undefined) ?? [], context, '/roles');
  },
  async evaluate({ rule, figures, period }) {
    const options = rule.options as unknown as Options;
    const violations: GridViolation[] = [];
    const months = monthsOf(period.from, period.asOf);
    const first = months[0] ?? period.from.slice(0, 7);
    const last = months.at(-1) ?? first;
    if (options.per === 'year') {
      const days = daysBetween(period.from, period.asOf) + 1;
      const required = Math.min(options.min, Math.ceil((options.min * days) / 365));
      for (const worker of await figures.workerVisits(options.roles, first, last)) {
        if (worker.visits >= required) continue;
        const who = workerLabel(worker);
        violations.push({
          rule: rule.id,
          kind: this.kind,
          hard: this.hard,
          subject: { type: 'worker', code: worker.gridCode, name: worker.name, id: worker.id },
          figures: { visits: worker.visits, required, quota: options.min, role: worker.role },
          message: bi(`${who['zh-CN']}: ${worker.visits} / ${required} 次走访`, `${who.en}: ${worker.visits} / ${required} visits`),
        });
      }
      return { violations };
    }
    // Monthly: the month in progress asks its share of the quota so far.
    const asOfDay = Number(period.asOf.slice(8, 10));
    const monthDays = new Date(Date.UTC(Number(period.asOf.slice(0, 4)), Number(period.asOf.slice(5, 7)), 0)).getUTCDate();
    const partial = asOfDay < monthDays;
    const whole = partial ? months.slice(0, -1) : months;
    const rows = whole.length ? await figures.workerMonths(options.roles, whole[0] ?? first, whole.at(-1) ?? last, whole.length, options.min) : [];
    const current = partial ? await figures.workerVisits(options.roles, last, last) : [];
    const required = Math.ceil((options.min * asOfDay) / monthDays);
    const currentBy = new Map(current.map((w) => [w.id, w.visits]));
    const workers = rows.length ? rows : current.map((w) => ({ ...w, monthsMet: 0, lowest: 0 }));
    for (const worker of workers) {
      const below = whole.length - worker.monthsMet;
      const now = currentBy.get(worker.id);
      const currentBelow = partial && now !== undefined && now < required;
      if (below <= 0 && !currentBelow) continue;
      const who = workerLabel(worker);
      if (whole.length === 1 && !partial) {
        violations.push({
          rule: rule.id,
          kind: this.kind,
          hard: this.hard,
          subject: { type: 'worker', code: worker.gridCode, name: worker.name, id: worker.id },
          figures: { visits: worker.lowest, required: options.min, month: whole[0] ?? null, role: worker.role },
          message: bi(`${who['zh-CN']}: ${worker.lowest} / ${options.min} 次走访（${whole[0]}）`, `${who.en}: ${worker.lowest} / ${options.min} visits (${whole[0]})`),
        });
        continue;
      }
      if (whole.length === 0) {
        violations.push({
          rule: rule.id,
          kind: this.kind,
          hard: this.hard,
          subject: { type: 'worker', code: worker.gridCode, name: worker.name, id: worker.id },
          figures: { visits: now ?? 0, required, quota: options.min, month: last, role: worker.role },
          message: bi(`${who['zh-CN']}: ${now ?? 0} / ${required} 次走访（${last} 截至 ${period.asOf}）`, `${who.en}: ${now ?? 0} / ${required} visits (${last} up to ${period.asOf})`),
        });
        continue;
      }
      const monthsBelow = below + (currentBelow ? 1 : 0);
      const evaluated = whole.length + (partial ? 1 : 0);
      violations.push({
        rule: rule.id,
        kind: this.kind,
        hard: this.hard,
        subject: { type: 'worker', code: worker.gridCode, name: worker.name, id: worker.id },
        figures: { monthsBelow, months: evaluated, lowest: worker.lowest, quota: options.min, role: worker.role },
        message: bi(
          `${who['zh-CN']}: ${evaluated} 个月中 ${monthsBelow} 个月走访不足 ${options.min} 次（最少 ${worker.lowest} 次）`,
          `${who.en}: ${monthsBelow} of ${evaluated} months below ${options.min} visits (fewest ${worker.lowest})`,
        ),
      });
    }
    return { violations };
  },
};
