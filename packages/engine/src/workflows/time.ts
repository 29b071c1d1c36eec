import type { CompiledTimeLimit } from '../model/types.ts';

/** ISO 8601 durations of weeks, days, hours and minutes, as the workflow meta-schema allows them. */
const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** The parts of a duration (P1W2DT3H4M); null when it is not one. */
export function parseDuration(duration: string): Pick<CompiledTimeLimit, 'weeks' | 'days' | 'hours' | 'minutes'> | null {
  const match = DURATION.exec(duration);
  if (!match) return null;
  const part = (i: number): number => (match[i] === undefined ? 0 : Number(match[i]));
  return { weeks: part(1), days: part(2), hours: part(3), minutes: part(4) };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** China Standard Time (UTC+8, no daylight saving): working days are Monday to Friday there. */
const CHINA_OFFSET = 8 * 60 * MINUTE;

/** Whether the instant falls on a Saturday or Sunday in China. */
function isWeekend(at: number): boolean {
  const day = new Date(at + CHINA_OFFSET).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * When a time limit started at `start` runs out. Calendar limits add the duration. Working-day
 * limits count only Monday to Friday (China time): a week is five working days, each day moves to
 * the same time of the next working day, and hours and minutes run on working days only (time on a
 * weekend does not count). Public holidays and make-up working days are not known yet.
 */
export function deadline(start: Date, limit: CompiledTimeLimit): Date {
  const minutes = limit.hours * 60 + limit.minutes;
  if (limit.calendar === 'calendar') return new Date(start.getTime() + (limit.weeks * 7 + limit.days) * DAY + minutes * MINUTE);
  let at = start.getTime();
  // A start on a weekend counts from the beginning of the next working day.
  if (isWeekend(at)) {
    const local = at + CHINA_OFFSET;
    at = local - (local % DAY) - CHINA_OFFSET;
    while (isWeekend(at)) at += DAY;
  }
  for (let left = limit.weeks * 5 + limit.days; left > 0; left--) {
    at += DAY;
    while (isWeekend(at)) at += DAY;
  }
  let remaining = minutes * MINUTE;
  while (remaining > 0) {
    const local = at + CHINA_OFFSET;
    const endOfDay = local - (local % DAY) + DAY - CHINA_OFFSET;
    const step = Math.min(remaining, endOfDay - at);
    at += step;
    remaining -= step;
    while (remaining > 0 && isWeekend(at)) at += DAY;
  }
  return new Date(at);
}
