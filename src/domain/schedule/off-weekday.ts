import { addDays, isoWeekday } from '../calendar/local-date.js';
import type { IsoWeekday, LocalDate, WorkingCalendar } from '../calendar/types.js';
import { dayInWords, weekdayWord } from '../words/dates.js';
import { gapDeadline, gapRules, requiredPeriods } from './requirements.js';
import type { SchedulePhase } from './types.js';
import { FIRST_SESSION_DAYS } from './year-schedule.js';

export interface OffWeekdayInput {
  readonly phases: readonly SchedulePhase[];
  /** The agreement year, [from, until). */
  readonly from: LocalDate;
  readonly until: LocalDate;
  readonly weekday: IsoWeekday;
  readonly time: string;
  readonly calendar: WorkingCalendar;
  /** The year's sessions, in any order. */
  readonly dates: readonly LocalDate[];
  /** The session before the year, when the schedule continues from one (the CLI's --previous). */
  readonly previousSession?: LocalDate | undefined;
}

/**
 * Why a session is not on the agreed weekday, in words (issue 15 item 5), by the generator's own
 * reasons (year-schedule.ts, K6): the agreed weekday that week is not a working day (a bank
 * holiday), lies outside the agreement's year or outside the policy's period that this session
 * fills, comes after the two weeks in which a new relationship's first session is booked (the
 * generator's first-session rule), comes after the most days the policy allows since the last
 * session, or else was busy in one of the two calendars. Sessions on the agreed weekday have no entry.
 */
export function offWeekdayReasons(input: OffWeekdayInput): Map<LocalDate, string> {
  const out = new Map<LocalDate, string>();
  const window = { from: input.from, until: input.until };
  const periods = requiredPeriods(input.phases, window, input.previousSession, input.calendar);
  const gaps = gapRules(input.phases);
  const sorted = [...input.dates].sort();
  sorted.forEach((date, i) => {
    if (isoWeekday(date) === input.weekday) return;
    // The agreed weekday of the session's own week (Monday to Sunday).
    const day = addDays(date, input.weekday - isoWeekday(date));
    const holiday = input.calendar.holidayName(day);
    if (!input.calendar.isWorkingDay(day)) {
      out.set(date, `not on a ${weekdayWord(input.weekday)}: ${dayInWords(day)} is ${holiday ? `a bank holiday (${holiday})` : 'not a working day'}`);
      return;
    }
    if (day < input.from || day >= input.until) {
      out.set(date, `not on a ${weekdayWord(input.weekday)}: ${dayInWords(day)} falls ${day < input.from ? 'before sessions start' : 'after the agreement\'s year ends'}`);
      return;
    }
    const period = periods.find((p) => date >= p.from && date < p.to);
    if (period && (day < period.from || day >= period.to)) {
      out.set(date, `not on a ${weekdayWord(input.weekday)}: the policy asks for a session between ${dayInWords(period.from)} and ${dayInWords(addDays(period.to, -1))}, and ${dayInWords(day)} falls outside it`);
      return;
    }
    const firstWindowEnd = addDays(input.from, FIRST_SESSION_DAYS - 1);
    if (i === 0 && input.previousSession === undefined && date <= firstWindowEnd && day > firstWindowEnd) {
      out.set(date, `not on a ${weekdayWord(input.weekday)}: the first session comes within two weeks of the start on ${dayInWords(input.from)}, and ${dayInWords(day)} falls after them`);
      return;
    }
    const last = sorted[i - 1] ?? input.previousSession;
    const gap = last ? gapDeadline(gaps, last, window) : undefined;
    if (gap && day > gap.date) {
      out.set(date, `not on a ${weekdayWord(input.weekday)}: the policy allows at most ${gap.rule.days} days between sessions, so this one was due by ${dayInWords(gap.date)}`);
      return;
    }
    out.set(date, `not on a ${weekdayWord(input.weekday)}: ${dayInWords(day)} at ${input.time} clashed with something in one of your calendars`);
  });
  return out;
}
