import type { PlannedSession } from '../../domain/agreements/types.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { addWorkingDays } from '../../domain/calendar/working-calendar.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import type { LocalDate } from '../../domain/calendar/types.js';
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

/**
 * A postponed session must be rebooked (Camden §6 Postponement / §7 (L102, L142): within 3 working
 * days); this offers times free for both people up to the pack's deadline. Where the pack gives no
 * limit the offer covers the next `fallbackWorkingDays` working days and says the policy sets none.
 */
export function rebookingOffer(input: {
  pack: PolicyPack;
  session: PlannedSession;
  /** Today: slots start the day after. */
  postponedOn: LocalDate;
  busy: readonly BusyInterval[];
  fallbackWorkingDays?: number;
  closureDays?: readonly { date: string; name: string }[];
}): RebookingOffer {
  const calendar = createWorkingCalendar({ nation: input.pack.nation, closureDays: [...(input.closureDays ?? [])] });
  // The policy counts from the postponed session's date (the pack's decision for CA-D1); a
  // session cancelled weeks ahead may be rebooked any time up to then.
  const counted = input.session.date > input.postponedOn ? input.session.date : input.postponedOn;
  const deadline = computeDeadline(input.pack, calendar, 'postponement-rebooked', counted);
  const due = deadline.due;
  const until = due ?? addWorkingDays(calendar, counted, input.fallbackWorkingDays ?? 10);
  const slots = freeSlots({
    calendar,
    from: addDays(input.postponedOn, 1),
    until,
    minutes: input.session.minutes,
    busy: input.busy,
    dayStart: '09:00',
    dayEnd: '17:00',
    preferredTime: input.session.start,
  });
  return { due, rule: deadline.rule, slots };
}
