import { isoWeekday, toCivil } from '../../domain/calendar/local-date.js';
import type { LocalDate } from '../../domain/calendar/types.js';

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export function weekdayName(weekday: number): string {
  return dayNames[weekday - 1] ?? 'unknown day';
}

/** "Tue 12 Jan 2027": what UK readers expect on a card. */
export function shortDate(date: LocalDate): string {
  const c = toCivil(date);
  return `${weekdayName(isoWeekday(date)).slice(0, 3)} ${c.day} ${(monthNames[c.month - 1] ?? '').slice(0, 3)} ${c.year}`;
}

export function longDate(date: LocalDate): string {
  const c = toCivil(date);
  return `${c.day} ${monthNames[c.month - 1] ?? ''} ${c.year}`;
}

export function monthYear(date: LocalDate): string {
  const c = toCivil(date);
  return `${monthNames[c.month - 1] ?? ''} ${c.year}`;
}

const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant as London wall-clock time, "23 Nov 2026, 19:02". */
export function londonTime(instant: string): string {
  return london.format(new Date(instant));
}

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's local date in Europe/London (DESIGN.md "Time"). */
export function londonToday(now: Date = new Date()): LocalDate {
  return londonDay.format(now);
}
