import { idCardCheckChar } from '@zhili/schemas';
import type { Gender } from './names.ts';
import { weightedList, type Random } from './random.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil); no Date objects, so it stays fast at city scale. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Milliseconds since the epoch of a YYYY-MM-DD date (UTC midnight). */
export function dateToMs(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3])) * DAY_MS;
}

/** The YYYY-MM-DD date (UTC) of a timestamp. */
export function msToDate(ms: number): string {
  return civilFromDays(Math.floor(ms / DAY_MS));
}

/** The date `days` days before a YYYY-MM-DD date. */
export function daysBefore(date: string, days: number): string {
  return msToDate(dateToMs(date) - days * DAY_MS);
}

/** Completed years between a birth date and a reference date, both YYYY-MM-DD. */
export function ageOn(birthDate: string, onDate: string): number {
  const age = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

/** A birth date that makes a person exactly `age` years old on the reference date. */
export function birthDateForAge(random: Random, age: number, onDate: string): string {
  const reference = dateToMs(onDate) / DAY_MS;
  const earliest = daysFromCivil(Number(onDate.slice(0, 4)) - age - 1, Number(onDate.slice(5, 7)), Number(onDate.slice(8, 10))) + 1;
  return civilFromDays(Math.min(earliest + random.int(0, 364), reference - 1));
}

/**
 * An 18-character resident ID number (GB 11643-1999): the 6-digit county-level division code of
 * the place of registration, the birth date, a 3-digit sequence whose last digit is odd for men
 * and even for women, and the check character.
 */
export function idNumber(random: Random, options: { divisionCode: string; birthDate: string; gender: Gender }): string {
  if (!/^[1-9]\d{5}$/.test(options.divisionCode)) throw new RangeError(`not a county-level division code: ${options.divisionCode}`);
  const sequence = random.int(0, 99) * 10 + random.int(0, 4) * 2 + (options.gender === 'male' ? 1 : 0);
  const first17 = options.divisionCode + options.birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + idCardCheckChar(first17);
}

/** Three-digit prefixes of mainland mobile numbers (China Mobile, China Unicom, China Telecom). */
const MOBILE_PREFIXES = weightedList<string>([
  ['134', 2],
  ['135', 3],
  ['136', 3],
  ['137', 3],
  ['138', 4],
  ['139', 4],
  ['147', 1],
  ['150', 3],
  ['151', 3],
  ['152', 3],
  ['157', 2],
  ['158', 3],
  ['159', 3],
  ['182', 2],
  ['183', 2],
  ['187', 3],
  ['188', 2],
  ['198', 1],
  ['130', 2],
  ['131', 2],
  ['132', 2],
  ['155', 2],
  ['156', 2],
  ['166', 1],
  ['185', 2],
  ['186', 3],
  ['133', 2],
  ['153', 2],
  ['173', 1],
  ['177', 2],
  ['180', 2],
  ['181', 2],
  ['189', 3],
  ['199', 1],
]);

/** An 11-digit mobile number. */
export function mobileNumber(random: Random): string {
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(random.int(0, 9));
  return random.weighted(MOBILE_PREFIXES) + rest;
}
