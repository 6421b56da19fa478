import { addDays } from '../calendar/local-date.js';
import { utcToLondon } from '../calendar/london-time.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { overlapsBusy, parseBusy, slotIso, slotOn, type ParsedBusy } from '../schedule/slot.js';
import type { BusyInterval } from '../schedule/types.js';
import { milestoneIdFor, type MilestoneDue, type PlannedMilestone } from './types.js';

export interface PlacementInputs {
  readonly agreementId: string;
  /** The agreed time and length of the year's sessions ('HH:MM' London). */
  readonly time: string;
  readonly minutes: number;
  readonly format: PlannedMilestone['format'];
  readonly calendar: WorkingCalendar;
  /** The year's supervision sessions (UTC instants): a milestone never overlaps one. */
  readonly sessions: readonly { readonly date: LocalDate; readonly startUtc: string; readonly endUtc: string }[];
  /** Both people's busy time. */
  readonly busy: readonly BusyInterval[];
}

/** Where a milestone in person is held when the agreement names no place (Sefton App 2 (L478): "Date, time and venue agreed"). */
export const VENUE_TO_AGREE = 'Venue to be agreed with the supervisee';

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The agreed time first, then every half hour after it to 17:00, then from 09:00 up to it. */
function timesOfDay(agreed: string, minutes: number): string[] {
  const start = minutesOf(agreed);
  const last = 17 * 60 + 30 - minutes;
  const out = [agreed];
  for (let t = start + 30; t <= last; t += 30) out.push(hhmm(t));
  for (let t = 9 * 60; t < start; t += 30) out.push(hhmm(t));
  return out;
}

/**
 * A time for each milestone (deterministic for the same inputs): on its due date, or the nearest
 * working day before it down to its earliest day, at the agreed time or the next free half hour,
 * never over a supervision session, another milestone or either person's busy time. The ASYE
 * learning agreement goes on its initial meeting's day, after that session. When nothing is free
 * it is still booked on its due date at the agreed time, so the year never loses one.
 */
export function placeMilestones(dues: readonly MilestoneDue[], p: PlacementInputs): PlannedMilestone[] {
  const taken: ParsedBusy[] = [...parseBusy(p.busy), ...parseBusy(p.sessions.map((s) => ({ start: s.startUtc, end: s.endUtc })))];
  const out: PlannedMilestone[] = [];
  for (const due of dues) {
    const days: LocalDate[] = [];
    if (due.withSessionOn) {
      for (let d = due.withSessionOn, i = 0; i < 10; d = addDays(d, 1), i += 1) if (p.calendar.isWorkingDay(d)) days.push(d);
    } else {
      const first = due.prefer !== undefined && due.prefer < due.due && due.prefer >= due.earliest ? due.prefer : due.due;
      for (let d = first; d >= due.earliest; d = addDays(d, -1)) if (p.calendar.isWorkingDay(d)) days.push(d);
      for (let d = addDays(first, 1); d <= due.due; d = addDays(d, 1)) if (p.calendar.isWorkingDay(d)) days.push(d);
    }
    let chosen: { date: LocalDate; time: string } | undefined;
    for (const date of days) {
      const session = p.sessions.find((s) => s.date === date);
      // On a session's day, straight after it; otherwise the agreed time, then the next free half hour.
      const times = session ? timesOfDay(londonTimeAfter(session.endUtc), p.minutes) : timesOfDay(p.time, p.minutes);
      const time = times.find((t) => !overlapsBusy(slotOn(date, t, p.minutes), taken));
      if (time) { chosen = { date, time }; break; }
    }
    const place = chosen ?? { date: due.due, time: p.time };
    const slot = slotOn(place.date, place.time, p.minutes);
    taken.push(slot);
    const iso = slotIso(slot);
    out.push({
      milestoneId: milestoneIdFor(p.agreementId, due.kind, due.subject), agreementId: p.agreementId, kind: due.kind, subject: due.subject, label: due.label,
      due: due.due, date: place.date, start: place.time, minutes: p.minutes, startUtc: iso.startUtc, endUtc: iso.endUtc, rule: due.rule,
      format: due.inPerson ? { kind: 'in-person', location: p.format.kind === 'in-person' ? p.format.location : VENUE_TO_AGREE } : p.format,
      status: 'planned',
    });
  }
  return out;
}

/** The London wall-clock time of a UTC instant, rounded up to the half hour. */
function londonTimeAfter(utc: string): string {
  return hhmm(Math.ceil(minutesOf(utcToLondon(utc).time) / 30) * 30);
}
