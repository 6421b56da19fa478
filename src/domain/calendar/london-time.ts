import { AppError } from '../errors.js';
import { addMinutes, formatInstant, MS_PER_DAY, parseInstant } from './instant.js';
import { civilFromDays, daysInMonth, formatLocalDate, isLocalDate, isoWeekday, toDayNumber } from './local-date.js';
import type { LocalDate } from './types.js';

/*
 * Europe/London wall-clock time without a time-zone database (src/domain is pure). conventions.md
 * "Calendar": all dates are local dates in Europe/London and a session booked at 10:00 stays at
 * 10:00 local across the clock changes. UK rule since 1996 (Summer Time Order 2002, EU directive
 * 2000/84/EC): BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October; GMT otherwise.
 *
 * Ambiguous wall-clock times follow the 'compatible' disambiguation of ECMAScript Temporal (the
 * one Outlook and JavaScript Date also use):
 * - a time that does not exist (01:00-01:59 on the spring-forward Sunday) is read with the offset
 *   before the change, so it lands one hour later on the clock: 01:30 -> 01:30Z, shown as 02:30;
 * - a time that happens twice (01:00-01:59 on the fall-back Sunday) means the first occurrence,
 *   still in BST: 01:30 -> 00:30Z.
 */

const FIRST_RULE_YEAR = 1996;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

function lastSundayDayNumber(year: number, month: number): number {
  const last = formatLocalDate(year, month, daysInMonth(year, month));
  return toDayNumber(last) - (isoWeekday(last) % 7);
}

/** UTC milliseconds at which BST starts and ends in a year. */
export function bstBounds(year: number): { readonly start: number; readonly end: number } {
  if (year < FIRST_RULE_YEAR) {
    throw new AppError('invalid_input', `UK clock rules are implemented from ${FIRST_RULE_YEAR}; ${year} is earlier.`, { year });
  }
  const oneAm = 3_600_000;
  return {
    start: lastSundayDayNumber(year, 3) * MS_PER_DAY + oneAm,
    end: lastSundayDayNumber(year, 10) * MS_PER_DAY + oneAm,
  };
}

/** Offset of London from UTC in minutes at a UTC instant: 60 in BST, 0 in GMT. */
export function londonOffsetMinutes(utcMs: number): 0 | 60 {
  const { year } = civilFromDays(Math.floor(utcMs / MS_PER_DAY));
  const { start, end } = bstBounds(year);
  return utcMs >= start && utcMs < end ? 60 : 0;
}

export function parseLocalTime(time: string): number {
  const m = TIME_PATTERN.exec(time);
  if (!m) throw new AppError('invalid_input', `"${time}" is not a time written HH:MM (00:00-23:59).`, { value: time });
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isLocalTime(time: unknown): time is string {
  return typeof time === 'string' && TIME_PATTERN.test(time);
}

/** UTC milliseconds of a London wall-clock time (see the disambiguation rules above). */
export function londonToUtcMs(date: LocalDate, time: string): number {
  if (!isLocalDate(date)) throw new AppError('invalid_input', `"${date}" is not a calendar date written YYYY-MM-DD.`, { value: date });
  const wallAsUtc = addMinutes(toDayNumber(date) * MS_PER_DAY, parseLocalTime(time));
  const ifSummer = addMinutes(wallAsUtc, -60);
  if (londonOffsetMinutes(ifSummer) === 60) return ifSummer;
  return wallAsUtc;
}

/** London wall-clock date and time to an ISO 8601 UTC instant ('YYYY-MM-DDTHH:MM:SSZ'). */
export function londonToUtc(date: LocalDate, time: string): string {
  return formatInstant(londonToUtcMs(date, time));
}

/** The London wall-clock date and 'HH:MM' (seconds dropped) of a UTC instant. */
export function utcToLondon(iso: string): { readonly date: LocalDate; readonly time: string } {
  const utc = parseInstant(iso);
  const local = addMinutes(utc, londonOffsetMinutes(utc));
  const days = Math.floor(local / MS_PER_DAY);
  const minutes = Math.floor((local - days * MS_PER_DAY) / 60_000);
  const c = civilFromDays(days);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { date: formatLocalDate(c.year, c.month, c.day), time: `${hh}:${mm}` };
}
