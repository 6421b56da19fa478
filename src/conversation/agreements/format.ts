import type { LocalDate } from '../../domain/calendar/types.js';
import { dayInWords, instantInWords, monthAndYearInWords, weekdayWord } from '../../domain/words/dates.js';

/** "Tuesday": the agreed weekday (ISO 1–7). */
export function weekdayName(weekday: number): string {
  return weekdayWord(weekday);
}

/** "Tuesday 12 January 2027": a date as UK readers expect it on a card. */
export function shortDate(date: LocalDate): string {
  return dayInWords(date);
}

/** "Tuesday 12 January 2027" (the same long form; kept for the callers that name it so). */
export function longDate(date: LocalDate): string {
  return dayInWords(date);
}

export function monthYear(date: LocalDate): string {
  return monthAndYearInWords(date);
}

/** An instant as London wall-clock time, "Monday 23 November 2026, 19:02". */
export function londonTime(instant: string): string {
  return instantInWords(instant);
}

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's local date in Europe/London (DESIGN.md "Time"). */
export function londonToday(now: Date = new Date()): LocalDate {
  return londonDay.format(now);
}
