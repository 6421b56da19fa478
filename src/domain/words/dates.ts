import { isoWeekday, toCivil } from '../calendar/local-date.js';
import { utcToLondon } from '../calendar/london-time.js';
import type { LocalDate } from '../calendar/types.js';

/*
 * How a date or a time reads wherever a person sees it (cards, chat, the PDF, e-mail): British
 * long form, "Thursday 31 December 2026" and "Thursday 31 December 2026, 10:00" in London time.
 * ISO dates stay in JSON, logs and the CLI. Written without Intl so the domain can use it too.
 */

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export function weekdayWord(weekday: number): string {
  return WEEKDAYS[weekday - 1] ?? 'unknown day';
}

export function monthWord(month: number): string {
  return MONTHS[month - 1] ?? '';
}

/** "Thursday 31 December 2026". */
export function dayInWords(date: LocalDate): string {
  const c = toCivil(date);
  return `${weekdayWord(isoWeekday(date))} ${c.day} ${monthWord(c.month)} ${c.year}`;
}

/** "Thursday 31 December 2026, 10:00": a local date and its 'HH:MM' wall-clock time. */
export function dayAndTimeInWords(date: LocalDate, time: string): string {
  return `${dayInWords(date)}, ${time}`;
}

/** An instant as London wall-clock time: "Thursday 31 December 2026, 10:00". */
export function instantInWords(iso: string): string {
  const { date, time } = utcToLondon(iso);
  return dayAndTimeInWords(date, time);
}

/** "December 2026". */
export function monthAndYearInWords(date: LocalDate): string {
  const c = toCivil(date);
  return `${monthWord(c.month)} ${c.year}`;
}
