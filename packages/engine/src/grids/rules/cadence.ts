import type { BilingualText } from '@zhili/schemas';
import type { GridViolation } from '../types.ts';
import { daysBetween } from '../period.ts';
import { bi, type GridRuleKind } from './kind.ts';
import { gridLabel } from './labels.ts';

type Every = 'day' | 'week' | 'month' | 'quarter';

interface Options {
  readonly every: Every;
  /** The activity, e.g. 日巡查. */
  readonly activity: BilingualText;
  /** The records that show it was done, if any resource holds them. */
  readonly record?: {
    readonly resource: string;
    readonly dateField: string;
    readonly where?: { readonly field: string; readonly equals: string | number | boolean };
  };
}

const EVERY: Readonly<Record<Every, BilingualText>> = {
  day: bi('每天', 'every day'),
  week: bi('每周', 'every week'),
  month: bi('每月', 'every month'),
  quarter: bi('每季度', 'every quarter'),
};
const UNIT: Readonly<Record<Every, BilingualText>> = { day: bi('天', 'days'), week: bi('周', 'weeks'), month: bi('个月', 'months'), quarter: bi('个季度', 'quarters') };

/** The periods (days, weeks from Monday, months, quarters) [from, to] touches. */
function periodsIn(from: string, to: string, every: Every): number {
  const days = daysBetween(from, to) + 1;
  const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  switch (every) {
    case 'day':
      return days;
    case 'week': {
      const week = (date: string) => Math.floor(daysBetween('1970-01-05', date) / 7);
      return week(to) - week(from) + 1;
    }
    case 'month':
      return month(to) - month(from) + 1;
    case 'quarter':
      return Math.floor(month(to) / 3) - Math.floor(month(from) / 3) + 1;
  }
}

/**
 * A recurring activity per grid (Changzhou 日巡查、周督查、月总结、季结清; Ningxia's monthly grid
 * meeting). With `record`, every period of the evaluation must have a record of that resource on
 * the grid; without, the rule is listed for what it asks and not checked.
 */
export const cadence: GridRuleKind = {
  kind: 'cadence',
  title: bi('工作频次', 'Cadence'),
  hard: false,
  schema: {
    type: 'object',
    required: ['every', 'activity'],
    properties: {
      every: { enum: ['day', 'week', 'month', 'quarter'] },
      activity: { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, additionalProperties: false },
      record: {
        type: 'object',
        required: ['resource', 'dateField'],
        additionalProperties: false,
        properties: {
          resource: { type: 'string' },
          dateField: { type: 'string' },
          where: {
            type: 'object',
            required: ['field', 'equals'],
            additionalProperties: false,
            properties: { field: { type: 'string' }, equals: { type: ['string', 'number', 'boolean'] } },
          },
        },
      },
    },
  },
  check(options, context) {
    const record = options['record'] as Options['record'];
    if (!record) return [];
    const fields = context.fieldsOf(record.resource);
    if (!fields) return [{ pointer: '/record/resource', message: bi(`资源 "${record.resource}" 不存在`, `resource "${record.resource}" does not exist`) }];
    const problems = [];
    if (fields.get(record.dateField) !== 'string') {
      problems.push({ pointer: '/record/dateField', message: bi(`"${record.dateField}" 不是 ${record.resource} 的日期字段`, `"${record.dateField}" is not a date field of ${record.resource}`) });
    }
    if (record.where && !fields.has(record.where.field)) {
      problems.push({ pointer: '/record/where/field', message: bi(`"${record.where.field}" 不是 ${record.resource} 的字段`, `"${record.where.field}" is not a field of ${record.resource}`) });
    }
    return problems;
  },
  async evaluate({ rule, figures, period }) {
    const options = rule.options as unknown as Options;
    if (!options.record) {
      return {
        violations: [],
        informational: {
          rule: rule.id,
          kind: this.kind,
          message: bi(
            `${options.activity['zh-CN']}：${EVERY[options.every]['zh-CN']}一次（没有记录它的资源，不作核查）`,
            `${options.activity.en}: ${EVERY[options.every].en} (no resource records it; not checked)`,
          ),
        },
      };
    }
    const expected = periodsIn(period.from, period.asOf, options.every);
    const done = await figures.periodsWithRecords({
      resource: options.record.resource,
      dateField: options.record.dateField,
      where: options.record.where ?? null,
      every: options.every,
      from: period.from,
      to: period.asOf,
    });
    const violations: GridViolation[] = [];
    const unit = UNIT[options.every];
    for (const grid of await figures.grids()) {
      const count = done.get(grid.path) ?? 0;
      if (count >= expected) continue;
      const name = gridLabel(grid);
      violations.push({
        rule: rule.id,
        kind: this.kind,
        hard: this.hard,
        subject: { type: 'grid', code: grid.code, name: grid.name },
        figures: { periodsDone: count, periods: expected, every: options.every },
        message: bi(
          `${name['zh-CN']}: ${options.activity['zh-CN']} ${count} / ${expected} ${unit['zh-CN']}有记录`,
          `${name.en}: ${options.activity.en} recorded in ${count} of ${expected} ${unit.en}`,
        ),
      });
    }
    return { violations };
  },
};
