import { AppError } from '../errors.js';
import { bankHolidays, type BankHoliday } from './bank-holidays.js';
import { addDays, isoWeekday, parseLocalDate } from './local-date.js';
import type { LocalDate, Nation, WorkingCalendar } from './types.js';

export interface WorkingCalendarOptions {
  readonly nation: Nation;
  /** The council's own closure days (conventions.md "Calendar": none by default). */
  readonly closureDays?: readonly BankHoliday[];
}

/**
 * conventions.md "Calendar": a working day is Monday to Friday that is not a bank holiday of the
 * council's nation and not one of the council's closure days.
 */
export function createWorkingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const { nation } = options;
  const closures = new Map<LocalDate, string>();
  for (const c of options.closureDays ?? []) closures.set(parseLocalDate(c.date), c.name);
  // Per-instance memo: the calendar is asked about the same few years thousands of times.
  const byYear = new Map<number, Map<LocalDate, string>>();

  function bankHolidayName(date: LocalDate): string | undefined {
    const year = Number(date.slice(0, 4));
    let days = byYear.get(year);
    if (!days) {
      days = new Map(bankHolidays(nation, year).map((h) => [h.date, h.name]));
      byYear.set(year, days);
    }
    return days.get(date);
  }

  return {
    nation,
    isWorkingDay(date: LocalDate): boolean {
      return isoWeekday(date) <= 5 && bankHolidayName(date) === undefined && !closures.has(date);
    },
    holidayName(date: LocalDate): string | undefined {
      return bankHolidayName(date) ?? closures.get(date);
    },
  };
}

/** Guards the searches below: a calendar with no working day in a year is a configuration error. */
const SEARCH_LIMIT_DAYS = 366;

function step(cal: WorkingCalendar, d: LocalDate, direction: 1 | -1): LocalDate {
  let cur = d;
  for (let i = 0; i <= SEARCH_LIMIT_DAYS; i += 1) {
    if (cal.isWorkingDay(cur)) return cur;
    cur = addDays(cur, direction);
  }
  throw new AppError('invalid_input', `No working day within a year of ${d}: check the closure days.`, { date: d });
}

export function nextWorkingDayOnOrAfter(cal: WorkingCalendar, d: LocalDate): LocalDate {
  return step(cal, d, 1);
}

export function latestWorkingDayOnOrBefore(cal: WorkingCalendar, d: LocalDate): LocalDate {
  return step(cal, d, -1);
}

/**
 * The n-th working day strictly after d (n > 0), strictly before d (n < 0), or d itself (n = 0).
 * Counting starts on the day after d, as conventions.md K1 counts "within N working days".
 */
export function addWorkingDays(cal: WorkingCalendar, d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new AppError('invalid_input', 'A number of working days must be a whole number.', { n });
  const direction = n < 0 ? -1 : 1;
  let cur = d;
  for (let left = Math.abs(n); left > 0; left -= 1) cur = step(cal, addDays(cur, direction), direction);
  return cur;
}
