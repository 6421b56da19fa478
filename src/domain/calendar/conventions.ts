import { AppError } from '../errors.js';
import { addDays, addMonths, calendarMonthOf, formatLocalDate, toCivil } from './local-date.js';
import type { LocalDate, WorkingCalendar } from './types.js';
import { addWorkingDays, latestWorkingDayOnOrBefore, nextWorkingDayOnOrAfter } from './working-calendar.js';

/*
 * conventions.md "Words to dates": one function per convention, so every policy pack turns the
 * same words into the same dates and two councils' packs differ only in their numbers.
 */

function requireCount(n: number, what: string, min = 1): void {
  if (!Number.isInteger(n) || n < min) {
    throw new AppError('invalid_input', `${what} must be a whole number of at least ${min}.`, { value: n });
  }
}

/**
 * K1 "within N working days of E": day 1 is the first working day strictly after E; the deadline
 * is the end of working day N. Returns that day; done on or before it is on time.
 */
export function withinWorkingDays(cal: WorkingCalendar, event: LocalDate, n: number): LocalDate {
  requireCount(n, 'A number of working days');
  return addWorkingDays(cal, event, n);
}

/** K1: true when `done` is on or before the deadline of "within N working days of E". */
export function isWithinWorkingDays(cal: WorkingCalendar, event: LocalDate, n: number, done: LocalDate): boolean {
  return done <= withinWorkingDays(cal, event, n);
}

export interface WeeksDeadline {
  /** D + 7N calendar days, inclusive (K2). */
  readonly deadline: LocalDate;
  /** K2: the date a scheduler proposes: the latest working day on or before the deadline. */
  readonly latestWorkingDay: (cal: WorkingCalendar) => LocalDate;
}

/**
 * K2 "within N weeks of D": deadline = D + 7N calendar days, inclusive. The calendar is asked for
 * only when a date has to be proposed, so checking a deadline needs no calendar.
 */
export function withinWeeks(d: LocalDate, n: number): WeeksDeadline {
  requireCount(n, 'A number of weeks');
  const deadline = addDays(d, 7 * n);
  return { deadline, latestWorkingDay: (cal) => latestWorkingDayOnOrBefore(cal, deadline) };
}

/**
 * K3 "N months after D": same day of month N months later, clamped to the month's last day
 * (30 Oct + 4 months = 28 Feb; 31 Mar + 6 months = 30 Sep). 16 weeks is not 4 months.
 */
export function monthsAfter(d: LocalDate, n: number): LocalDate {
  requireCount(n, 'A number of months', 0);
  return addMonths(d, n);
}

/** K3 "the first N months from S" = [S, S + N months). */
export function firstMonths(start: LocalDate, n: number): { readonly from: LocalDate; readonly to: LocalDate } {
  return { from: start, to: monthsAfter(start, n) };
}

export interface PracticableDeadline {
  readonly deadline: LocalDate;
  /** The latest working day on or before the deadline. */
  readonly latestPracticable: LocalDate;
}

/**
 * K4 "at least every N weeks" (a maximum gap): next session <= previous + days; when that day is
 * not a working day the latest practicable date is the latest working day before it. Takes days
 * rather than weeks because K8 floors and rules.md §1.6 gaps are stated in days (14, 28, 56).
 */
export function maxGapDeadline(cal: WorkingCalendar, previous: LocalDate, days: number): PracticableDeadline {
  requireCount(days, 'A maximum gap in days');
  const deadline = addDays(previous, days);
  return { deadline, latestPracticable: latestWorkingDayOnOrBefore(cal, deadline) };
}

export interface Period {
  readonly from: LocalDate;
  /** Exclusive. */
  readonly to: LocalDate;
}

/**
 * K5 "weekly / fortnightly / monthly" (a period rule): day periods are blocks of `length` days
 * anchored at the phase start; month periods are [A + k months, A + (k+1) months), each computed
 * from A rather than from the previous period so month-end clamping does not drift (K3); the last
 * period is cut at the phase end.
 */
export function periods(phaseFrom: LocalDate, phaseToExclusive: LocalDate, unit: 'days' | 'months', length: number): Period[] {
  requireCount(length, 'A period length');
  const out: Period[] = [];
  let from = phaseFrom;
  for (let k = 1; from < phaseToExclusive; k += 1) {
    const next = unit === 'days' ? addDays(phaseFrom, k * length) : addMonths(phaseFrom, k * length);
    const to = next < phaseToExclusive ? next : phaseToExclusive;
    out.push({ from, to });
    from = to;
  }
  return out;
}

/** Calendar months ('YYYY-MM') that meet [from, toExclusive), in order. */
export function calendarMonthsBetween(from: LocalDate, toExclusive: LocalDate): string[] {
  const out: string[] = [];
  if (from >= toExclusive) return out;
  const start = toCivil(from);
  let cursor = formatLocalDate(start.year, start.month, 1);
  while (cursor < toExclusive) {
    out.push(calendarMonthOf(cursor));
    cursor = addMonths(cursor, 1);
  }
  return out;
}

/**
 * K7 (Sefton ¶7.1, rules.md SE-D12): the calendar months meeting [from, toExclusive) that hold
 * no record. The caller chooses the range, and so whether a part month counts.
 */
export function calendarMonthsWithoutRecord(records: readonly LocalDate[], from: LocalDate, toExclusive: LocalDate): string[] {
  const withRecord = new Set(records.map(calendarMonthOf));
  return calendarMonthsBetween(from, toExclusive).filter((m) => !withRecord.has(m));
}

/**
 * K7: months in breach. 'monthly': every calendar month needs a record. 'bimonthly' (the SE ¶7.1
 * exceptions, rules.md SE-D13): no two consecutive calendar months both without one; each month
 * that completes such a pair is returned.
 */
export function monthlyRecordBreaches(
  records: readonly LocalDate[],
  from: LocalDate,
  toExclusive: LocalDate,
  cadence: 'monthly' | 'bimonthly',
): string[] {
  const months = calendarMonthsBetween(from, toExclusive);
  const missing = new Set(calendarMonthsWithoutRecord(records, from, toExclusive));
  if (cadence === 'monthly') return months.filter((m) => missing.has(m));
  return months.filter((m, i) => i > 0 && missing.has(m) && missing.has(months[i - 1] ?? ''));
}

/**
 * K9 rolling "every N months" (case discussion cadence, rules.md CA-D4): due = last + N months;
 * the latest practicable date is the latest working day on or before it.
 */
export function rollingDue(cal: WorkingCalendar, last: LocalDate, months: number): { readonly due: LocalDate; readonly latestPracticable: LocalDate } {
  requireCount(months, 'A number of months');
  const due = addMonths(last, months);
  return { due, latestPracticable: latestWorkingDayOnOrBefore(cal, due) };
}

/**
 * K10 milestones ("at 3, 6 and 12 months", "six months after", "annually"): nominal = D + N months;
 * scheduled on the first working day on or after it.
 */
export function milestone(cal: WorkingCalendar, d: LocalDate, months: number): { readonly nominal: LocalDate; readonly scheduled: LocalDate } {
  requireCount(months, 'A number of months');
  const nominal = addMonths(d, months);
  return { nominal, scheduled: nextWorkingDayOnOrAfter(cal, nominal) };
}

/**
 * K11 "away for more than 2 months" (rules.md CA-D8): the expected return is later than the first
 * day of absence + 2 months. A return exactly two months later is not "more than".
 */
export function isLongAbsence(firstDay: LocalDate, expectedReturn: LocalDate): boolean {
  return expectedReturn > addMonths(firstDay, 2);
}

/** Sefton ¶3.18 (rules.md SE-F15): "supervision every 16 sessions they work". */
export const SHIFTS_PER_SUPERVISION = 16;

/**
 * K12: shifts in which supervision can still happen, counting completed shifts since the last
 * supervision. Supervision must happen no later than during the 16th, so after 15 completed
 * shifts one remains (the next); 0 or less means it is overdue.
 */
export function shiftsRemaining(completedShiftsSinceLast: number, every: number = SHIFTS_PER_SUPERVISION): number {
  requireCount(completedShiftsSinceLast, 'A number of shifts', 0);
  requireCount(every, 'A number of shifts');
  return every - completedShiftsSinceLast;
}

/**
 * K12 with dates: given the dates of shifts worked after the last supervision (in order), the date
 * of the 16th, the last shift in which supervision can happen; undefined while fewer are rostered.
 */
export function k12LatestShift(shiftsSinceLast: readonly LocalDate[], every: number = SHIFTS_PER_SUPERVISION): LocalDate | undefined {
  requireCount(every, 'A number of shifts');
  return [...shiftsSinceLast].sort()[every - 1];
}
