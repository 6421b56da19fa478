import { isLocalDate, isoWeekday, toCivil } from '../calendar/local-date.js';
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

/**
 * A date as a person in the UK types it: "2 December 2026", "Wednesday 2 Dec 2026", "02/12/2026",
 * "2.12.26" (day first, always), or the ISO form a date picker sends. Undefined when it is not a
 * real date. Cards ask for dates in text so no host shows them the American way (issue 15 item 3).
 */
export function parseBritishDate(input: string): LocalDate | undefined {
  const s = input.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return real(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (numeric) return real(fullYear(numeric[3] ?? ''), Number(numeric[2]), Number(numeric[1]));
  const words = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]* )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3,9})\.? (\d{2}|\d{4})$/.exec(s);
  if (words) {
    const name = words[2] ?? '';
    const month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(name));
    return month >= 0 ? real(fullYear(words[3] ?? ''), month + 1, Number(words[1])) : undefined;
  }
  return undefined;
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function real(year: number, month: number, day: number): LocalDate | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isLocalDate(date) ? date : undefined;
}
