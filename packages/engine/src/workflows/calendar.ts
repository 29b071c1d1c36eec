import type { BilingualText, Calendar } from '@zhili/schemas';

/** The days of a working calendar as compiled: holidays and make-up working days (YYYY-MM-DD, China time), each sorted. */
export interface CompiledCalendar {
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

/** A calendar with no holidays: Monday to Friday. */
export const WEEKDAYS_ONLY: CompiledCalendar = Object.freeze({ holidays: Object.freeze([]), workdays: Object.freeze([]) });

/** The longest range of holidays one entry may give (a typo such as 2026-10-01..2027-10-07 is refused). */
const MAX_RANGE_DAYS = 31;
const DAY = 86_400_000;

/** The date of a YYYY-MM-DD string, or null when it names no real day (2026-02-30). */
function parseDay(day: string): Date | null {
  const at = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day ? null : at;
}

const isWeekendDay = (at: Date) => at.getUTCDay() === 0 || at.getUTCDay() === 6;

/** One entry's days, or the problem with it. */
export function expandHolidays(entry: string): { readonly days: readonly string[] } | { readonly problem: BilingualText } {
  const [from, to = from] = entry.split('..') as [string, string?];
  const start = parseDay(from);
  const end = parseDay(to);
  if (!start || !end) return { problem: { 'zh-CN': `“${entry}”不是有效的日期`, en: `"${entry}" is not a valid date` } };
  const count = (end.getTime() - start.getTime()) / DAY + 1;
  if (count < 1) return { problem: { 'zh-CN': `“${entry}”的结束日早于开始日`, en: `"${entry}" ends before it starts` } };
  if (count > MAX_RANGE_DAYS) return { problem: { 'zh-CN': `“${entry}”超过 ${MAX_RANGE_DAYS} 天`, en: `"${entry}" is longer than ${MAX_RANGE_DAYS} days` } };
  return { days: Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * DAY).toISOString().slice(0, 10)) };
}

/** Problems of one package's calendar, by JSON pointer below it: bad dates and ranges, a make-up working day on a weekday, a day both off and worked. */
export function calendarProblems(calendar: Calendar): { readonly pointer: string; readonly message: BilingualText }[] {
  const problems: { pointer: string; message: BilingualText }[] = [];
  const off = new Set<string>();
  for (const [i, entry] of (calendar.holidays ?? []).entries()) {
    const expanded = expandHolidays(entry);
    if ('problem' in expanded) problems.push({ pointer: `/holidays/${i}`, message: expanded.problem });
    else for (const day of expanded.days) off.add(day);
  }
  for (const [i, day] of (calendar.workdays ?? []).entries()) {
    const at = parseDay(day);
    if (!at) problems.push({ pointer: `/workdays/${i}`, message: { 'zh-CN': `“${day}”不是有效的日期`, en: `"${day}" is not a valid date` } });
    else if (!isWeekendDay(at)) problems.push({ pointer: `/workdays/${i}`, message: { 'zh-CN': `调休上班日 ${day} 不是周六或周日`, en: `the make-up working day ${day} is not a Saturday or Sunday` } });
    else if (off.has(day)) problems.push({ pointer: `/workdays/${i}`, message: { 'zh-CN': `${day} 既是假日又是调休上班日`, en: `${day} is both a holiday and a make-up working day` } });
  }
  return problems;
}

/**
 * The calendars of an extends chain, parents first, as one: each package adds its days, and a day a
 * later package names takes that package's word (a holiday or a working day). Entries that do not
 * parse are skipped: calendarProblems reported them.
 */
export function compileCalendars(calendars: readonly (Calendar | undefined)[]): CompiledCalendar {
  const days = new Map<string, 'off' | 'work'>();
  for (const calendar of calendars) {
    for (const entry of calendar?.holidays ?? []) {
      const expanded = expandHolidays(entry);
      if ('days' in expanded) for (const day of expanded.days) days.set(day, 'off');
    }
    for (const day of calendar?.workdays ?? []) if (parseDay(day)) days.set(day, 'work');
  }
  const of = (kind: 'off' | 'work') => Object.freeze([...days].filter(([, k]) => k === kind).map(([day]) => day).sort());
  return Object.freeze({ holidays: of('off'), workdays: of('work') });
}

/** Whether a day (YYYY-MM-DD, China time) is a working day under the calendar. */
export function workingDayTest(calendar: CompiledCalendar): (day: string, weekday: number) => boolean {
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.workdays);
  return (day, weekday) => workdays.has(day) || (weekday !== 0 && weekday !== 6 && !holidays.has(day));
}
