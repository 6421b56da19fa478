import { addDays } from '../calendar/local-date.js';
import { formatInstant, parseInstant } from '../calendar/instant.js';
import { londonToUtcMs, parseLocalTime } from '../calendar/london-time.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import type { BusyInterval } from '../schedule/types.js';

export interface SlotRequest {
  readonly calendar: WorkingCalendar;
  /** First day a slot may fall on. */
  readonly from: LocalDate;
  /** Last day a slot may fall on (inclusive), e.g. Camden's 3-working-day rebooking deadline. */
  readonly until: LocalDate;
  readonly minutes: number;
  /** Both people's busy time. */
  readonly busy: readonly BusyInterval[];
  /** Local working hours in which a session may sit, 'HH:MM'. */
  readonly dayStart: string;
  readonly dayEnd: string;
  /** The agreed session time; slots nearest to it come first on each day. */
  readonly preferredTime: string;
  readonly stepMinutes?: number;
  readonly limit?: number;
}

export interface Slot {
  readonly date: LocalDate;
  readonly start: string;
  readonly startUtc: string;
  readonly endUtc: string;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Times free for both people on working days in [from, until], earliest day first and, within a
 * day, nearest the agreed time first. Used to offer a rebooking when a session is postponed
 * (Camden §6 Postponement / §7 (L102, L142): rebooked within 3 working days).
 */
export function freeSlots(request: SlotRequest): Slot[] {
  const step = request.stepMinutes ?? 30;
  const limit = request.limit ?? 6;
  const open = parseLocalTime(request.dayStart);
  const close = parseLocalTime(request.dayEnd);
  const preferred = parseLocalTime(request.preferredTime);
  const busy = request.busy.map((b) => ({ start: parseInstant(b.start), end: parseInstant(b.end) }));
  const slots: Slot[] = [];
  for (let day = request.from; day <= request.until && slots.length < limit; day = addDays(day, 1)) {
    if (!request.calendar.isWorkingDay(day)) continue;
    const starts: number[] = [];
    for (let t = open; t + request.minutes <= close; t += step) starts.push(t);
    starts.sort((a, b) => Math.abs(a - preferred) - Math.abs(b - preferred) || a - b);
    for (const t of starts) {
      const start = londonToUtcMs(day, hhmm(t));
      const end = start + request.minutes * 60_000;
      // Half-open intervals: a session may start the minute a meeting ends.
      if (busy.some((b) => b.start < end && start < b.end)) continue;
      slots.push({ date: day, start: hhmm(t), startUtc: formatInstant(start), endUtc: formatInstant(end) });
      break;
    }
  }
  return slots;
}
