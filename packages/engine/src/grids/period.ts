import type { BilingualText } from '@zhili/schemas';
import { errors } from '../errors/engine-error.ts';

/** The days a compliance evaluation covers, both ends included (YYYY-MM-DD). */
export interface Period {
  readonly from: string;
  readonly to: string;
  /** As asked: 2026, 2026-03 or 2026-01-01..2026-06-30. */
  readonly label: string;
  /** The day figures are taken on: the period's last day, or today when the period has not ended. */
  readonly asOf: string;
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });
const DAY_MS = 86_400_000;

/** Today in China Standard Time, as YYYY-MM-DD. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * A period as the API takes it: `YYYY` (a year), `YYYY-MM` (a month) or `YYYY-MM-DD..YYYY-MM-DD`;
 * absent, the current year. BAD_REQUEST, naming the parameter, otherwise.
 */
export function parsePeriod(text: string | undefined, today: string): Period {
  const label = text ?? today.slice(0, 4);
  let from: string | null = null;
  let to: string | null = null;
  if (/^\d{4}$/.test(label)) {
    from = `${label}-01-01`;
    to = `${label}-12-31`;
  } else if (/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) {
    from = `${label}-01`;
    to = lastDayOfMonth(Number(label.slice(0, 4)), Number(label.slice(5, 7)));
  } else {
    const [a, b, ...rest] = label.split('..');
    if (a !== undefined && b !== undefined && rest.length === 0 && isDate(a) && isDate(b) && a <= b) {
      from = a;
      to = b;
    }
  }
  if (from === null || to === null) {
    throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), {
      period: [bi('应为年份（2026）、月份（2026-03）或日期区间（2026-01-01..2026-06-30）', 'must be a year (2026), a month (2026-03) or a range of days (2026-01-01..2026-06-30)')],
    });
  }
  return { from, to, label, asOf: to < today ? to : today < from ? from : today };
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The day `days` before `date`. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** The months (YYYY-MM) from the month of `from` to the month of `to`. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
