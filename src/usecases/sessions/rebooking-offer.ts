import type { PlannedSession } from '../../domain/agreements/types.js';
import { parseInstant } from '../../domain/calendar/instant.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { parseLocalTime, utcToLondon } from '../../domain/calendar/london-time.js';
import { addWorkingDays } from '../../domain/calendar/working-calendar.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import type { BusyInterval } from '../../domain/schedule/types.js';
import { freeSlots, type Slot } from '../../domain/sessions/free-slots.js';
import { computeDeadline } from '../../policy/deadline.js';
import type { PolicyPack } from '../../policy/schema.js';

export interface RebookingOffer {
  /** The pack's rebooking deadline, or null where the policy sets none (e.g. Sefton ¶3.4 "earliest opportunity"). */
  readonly due: LocalDate | null;
  readonly rule: string;
  readonly slots: readonly Slot[];
}

/** Working hours a rebooked session may sit in, and the step its start times are offered on. */
export const REBOOKING_HOURS = { dayStart: '09:00', dayEnd: '17:00', stepMinutes: 30 } as const;

export interface RebookingInput {
  readonly pack: PolicyPack;
  readonly session: PlannedSession;
  /** Today: slots start the day after. */
  readonly postponedOn: LocalDate;
  readonly fallbackWorkingDays?: number | undefined;
  readonly closureDays?: readonly { date: string; name: string }[] | undefined;
}

/** The days a rebooking may fall on: from the day after today to the pack's deadline (or the fallback). */
export interface RebookingWindow {
  readonly calendar: WorkingCalendar;
  readonly from: LocalDate;
  readonly until: LocalDate;
  readonly due: LocalDate | null;
  readonly rule: string;
}

export function rebookingWindow(input: RebookingInput): RebookingWindow {
  const calendar = createWorkingCalendar({ nation: input.pack.nation, closureDays: [...(input.closureDays ?? [])] });
  // The policy counts from the postponed session's date (the pack's decision for CA-D1); a
  // session cancelled weeks ahead may be rebooked any time up to then.
  const counted = input.session.date > input.postponedOn ? input.session.date : input.postponedOn;
  const deadline = computeDeadline(input.pack, calendar, 'postponement-rebooked', counted);
  const due = deadline.due;
  const until = due ?? addWorkingDays(calendar, counted, input.fallbackWorkingDays ?? 10);
  return { calendar, from: addDays(input.postponedOn, 1), until, due, rule: deadline.rule };
}

/**
 * A postponed session must be rebooked (Camden §6 Postponement / §7 (L102, L142): within 3 working
 * days); this offers times free for both people up to the pack's deadline. Where the pack gives no
 * limit the offer covers the next `fallbackWorkingDays` working days and says the policy sets none.
 */
export function rebookingOffer(input: RebookingInput & { busy: readonly BusyInterval[] }): RebookingOffer {
  const window = rebookingWindow(input);
  const slots = freeSlots({
    calendar: window.calendar,
    from: window.from,
    until: window.until,
    minutes: input.session.minutes,
    busy: input.busy,
    dayStart: REBOOKING_HOURS.dayStart,
    dayEnd: REBOOKING_HOURS.dayEnd,
    stepMinutes: REBOOKING_HOURS.stepMinutes,
    preferredTime: input.session.start,
  });
  return { due: window.due, rule: window.rule, slots };
}

/**
 * Why a time could not have been offered (issue 16 M3), in words for the supervisor, or undefined
 * when it could: the session's own length, a working day from tomorrow up to the deadline, inside
 * working hours on the offer's half-hour steps. Whether it is still free is asked of the calendar.
 */
export function notOfferable(window: RebookingWindow, session: PlannedSession, startUtc: string, endUtc: string): string | undefined {
  const minutes = (parseInstant(endUtc) - parseInstant(startUtc)) / 60_000;
  if (minutes !== session.minutes) return `A supervision session here is ${session.minutes} minutes long, as agreed; choose one of the times offered.`;
  const local = utcToLondon(startUtc);
  if (local.date < window.from || local.date > window.until || !window.calendar.isWorkingDay(local.date)) {
    return 'Choose one of the times offered: a working day from tomorrow up to the rebooking deadline.';
  }
  const start = parseLocalTime(local.time);
  const open = parseLocalTime(REBOOKING_HOURS.dayStart);
  const close = parseLocalTime(REBOOKING_HOURS.dayEnd);
  const onTheMinute = parseInstant(startUtc) % 60_000 === 0;
  if (!onTheMinute || start < open || start + minutes > close || (start - open) % REBOOKING_HOURS.stepMinutes !== 0) {
    return `Choose one of the times offered: sessions are rebooked between ${REBOOKING_HOURS.dayStart} and ${REBOOKING_HOURS.dayEnd}.`;
  }
  return undefined;
}
