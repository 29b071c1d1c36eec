import type { CompiledTimeLimit } from '../model/types.ts';
import { WEEKDAYS_ONLY, workingDayTest } from './calendar.ts';
import type { CompiledCalendar } from './calendar.ts';

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
/** China Standard Time (UTC+8, no daylight saving): working days are counted there. */
const CHINA_OFFSET = 8 * 60 * MINUTE;

/**
 * When a time limit started at `start` runs out. Calendar limits add the duration. Working-day
 * limits count only the calendar's working days (China time: Monday to Friday, less its holidays,
 * plus its make-up working days): a week is five working days, each day moves to the same time of
 * the next working day, and hours and minutes run on working days only (time on a day off does not count).
 */
export function deadline(start: Date, limit: CompiledTimeLimit, calendar: CompiledCalendar = WEEKDAYS_ONLY): Date {
  const minutes = limit.hours * 60 + limit.minutes;
  if (limit.calendar === 'calendar') return new Date(start.getTime() + (limit.weeks * 7 + limit.days) * DAY + minutes * MINUTE);
  const working = workingDayTest(calendar);
  const isDayOff = (at: number): boolean => {
    const local = new Date(at + CHINA_OFFSET);
    return !working(local.toISOString().slice(0, 10), local.getUTCDay());
  };
  let at = start.getTime();
  // A start on a day off counts from the beginning of the next working day.
  if (isDayOff(at)) {
    const local = at + CHINA_OFFSET;
    at = local - (local % DAY) - CHINA_OFFSET;
    while (isDayOff(at)) at += DAY;
  }
  for (let left = limit.weeks * 5 + limit.days; left > 0; left--) {
    at += DAY;
    while (isDayOff(at)) at += DAY;
  }
  let remaining = minutes * MINUTE;
  while (remaining > 0) {
    const local = at + CHINA_OFFSET;
    const endOfDay = local - (local % DAY) + DAY - CHINA_OFFSET;
    const step = Math.min(remaining, endOfDay - at);
    at += step;
    remaining -= step;
    while (remaining > 0 && isDayOff(at)) at += DAY;
  }
  return new Date(at);
}
