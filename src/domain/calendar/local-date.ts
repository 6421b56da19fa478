import { AppError } from '../errors.js';
import type { IsoWeekday, LocalDate } from './types.js';

/*
 * Local dates as 'YYYY-MM-DD' strings (calendar/types.ts). Arithmetic goes through a day number
 * (days since 1970-01-01) with Howard Hinnant's days-from-civil / civil-from-days algorithms,
 * because src/domain may not use the Date global (eslint.config.js, pure domain).
 */

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function splitValid(s: string): CivilDate | undefined {
  const m = LOCAL_DATE_PATTERN.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2025-02-30' is false). */
export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && splitValid(s) !== undefined;
}

/** Validates at the boundary; bad input is the caller's error, hence invalid_input (errors.ts). */
export function parseLocalDate(s: unknown): LocalDate {
  if (typeof s !== 'string') {
    throw new AppError('invalid_input', 'A date must be written YYYY-MM-DD.', { value: String(s) });
  }
  if (splitValid(s) === undefined) {
    throw new AppError('invalid_input', `"${s}" is not a calendar date written YYYY-MM-DD.`, { value: s });
  }
  return s;
}

export function toCivil(d: LocalDate): CivilDate {
  const c = splitValid(d);
  if (!c) throw new AppError('invalid_input', `"${d}" is not a calendar date written YYYY-MM-DD.`, { value: d });
  return c;
}

export function toDayNumber(d: LocalDate): number {
  const c = toCivil(d);
  return daysFromCivil(c.year, c.month, c.day);
}

export function fromDayNumber(n: number): LocalDate {
  const c = civilFromDays(n);
  return formatLocalDate(c.year, c.month, c.day);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/**
 * Same day of month n months later, clamped to the last day of the target month
 * (conventions.md K3: 30 Oct + 4 months = 28 Feb; 31 Mar + 6 months = 30 Sep).
 */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const c = toCivil(d);
  const index = c.year * 12 + (c.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatLocalDate(year, month, Math.min(c.day, daysInMonth(year, month)));
}

/** b − a in calendar days. */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function isoWeekday(d: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const n = toDayNumber(d);
  return ((((n + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

/** Negative, zero or positive like a sort comparator; 'YYYY-MM-DD' orders as text. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((m, d) => (d < m ? d : m), a);
}

export function maxDate(a: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((m, d) => (d > m ? d : m), a);
}

/** Every date in [from, toExclusive). */
export function eachDay(from: LocalDate, toExclusive: LocalDate): LocalDate[] {
  const start = toDayNumber(from);
  const end = toDayNumber(toExclusive);
  const out: LocalDate[] = [];
  for (let n = start; n < end; n += 1) out.push(fromDayNumber(n));
  return out;
}

/** 'YYYY-MM' of a date, the unit of K7 (conventions.md K7, rules.md SE-D12). */
export function calendarMonthOf(d: LocalDate): string {
  return d.slice(0, 7);
}
