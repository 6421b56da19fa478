import { createHash } from 'node:crypto';
import { addDays } from '../../domain/calendar/local-date.js';
import { parseInstant } from '../../domain/calendar/instant.js';
import { londonToUtc, utcToLondon } from '../../domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { AppError } from '../../domain/errors.js';
import type { Person } from '../../domain/people/person.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import type { SupervisionConcern, ThreeWayBooking, ThreeWaySlot } from '../../domain/concerns/schema.js';
import type { ConcernRepository } from '../../repositories/concerns.js';
import { freeSlots } from '../../domain/sessions/free-slots.js';
import { REMINDER_MINUTES, SUPERVISION_CATEGORY } from '../../domain/sessions/event-content.js';
import { DEFAULT_THREE_WAY, type ThreeWaySettings } from '../../domain/concerns/three-way-settings.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import { citeForPeople } from '../../policy/why.js';

export type { SupervisionConcern, ThreeWayBooking, ThreeWaySlot } from '../../domain/concerns/schema.js';
export { concernKey } from '../../repositories/concerns.js';

export { DEFAULT_THREE_WAY, type ThreeWaySettings } from '../../domain/concerns/three-way-settings.js';

/**
 * Up to three times free for everyone (Leeds §F (L124–134): supervisee, supervisor and line
 * manager meet) in the look-ahead from tomorrow, working days only, within the council's hours
 * (ThreeWaySettings; by default an hour, 09:00–17:00 London, in the next two weeks).
 */
export async function threeWaySlots(
  calendar: Pick<CalendarGateway, 'busy'>, pack: Pick<PolicyPack, 'nation'>, people: readonly string[], nowIso: string, limit = 3,
  settings: ThreeWaySettings = DEFAULT_THREE_WAY,
): Promise<ThreeWaySlot[]> {
  const today = utcToLondon(nowIso).date;
  const from = addDays(today, 1);
  const until = addDays(today, settings.lookAheadDays);
  const busy = await calendar.busy(people, londonToUtc(from, '00:00'), londonToUtc(addDays(until, 1), '00:00'));
  // Mid-morning where the hours allow it, else the start of the day.
  const preferredTime = settings.dayStart <= '10:00' && settings.dayEnd > '10:00' ? '10:00' : settings.dayStart;
  return freeSlots({
    calendar: createWorkingCalendar({ nation: pack.nation }), from, until, minutes: settings.minutes, busy: [...busy.values()].flat(),
    dayStart: settings.dayStart, dayEnd: settings.dayEnd, preferredTime, limit,
  }).map((s) => ({ startUtc: s.startUtc, endUtc: s.endUtc }));
}

/** One meeting per concern: a retried create (same concern, same time) returns the same Outlook event. */
export function threeWayTransactionId(superviseeId: string, concernDate: string, startUtc: string): string {
  const h = createHash('sha256').update(`three-way:${superviseeId}/${concernDate}/${startUtc}`).digest('hex');
  const variant = ((parseInt(h.charAt(15), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(12, 15)}-${variant}${h.slice(16, 19)}-${h.slice(19, 31)}`;
}

export interface ThreeWayDeps {
  readonly concerns: ConcernRepository;
  readonly calendar: Pick<CalendarGateway, 'busy' | 'createEvents'>;
  readonly directory: { getPerson(id: string): Promise<Person | undefined> };
  readonly pack: Pick<PolicyPack, 'nation' | 'title' | 'council' | 'shortName' | 'escalation'>;
  /** ISO instant. */
  readonly now: () => string;
  /** The meeting's length, hours and look-ahead (default DEFAULT_THREE_WAY). */
  readonly settings?: ThreeWaySettings | undefined;
}

export interface ThreeWayInput {
  readonly superviseeId: string;
  readonly concernDate: string;
  /** The authenticated person pressing the button (never taken from card data). */
  readonly byPersonId: string;
  readonly startUtc: string;
  readonly endUtc: string;
}

export type ThreeWayResult =
  /** `already`: booked before this call (a double click, someone else's press); only one call per meeting sees false. */
  | { readonly kind: 'booked'; readonly booking: ThreeWayBooking; readonly concern: SupervisionConcern; readonly already: boolean }
  | { readonly kind: 'slot-taken'; readonly concern: SupervisionConcern; readonly freshSlots: readonly ThreeWaySlot[] };

/** The people of a concern: supervisee, supervisor and (where the directory names one) the line manager. */
export function concernPeople(superviseeId: string, concern: SupervisionConcern): string[] {
  return [superviseeId, ...(concern.supervisorId ? [concern.supervisorId] : []), ...(concern.lineManagerId ? [concern.lineManagerId] : [])];
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function overlaps(busy: readonly { start: string; end: string }[], startMs: number, endMs: number): boolean {
  return busy.some((b) => parseInstant(b.start) < endMs && parseInstant(b.end) > startMs);
}

async function createInOutlook(deps: ThreeWayDeps, superviseeId: string, concern: SupervisionConcern, booking: ThreeWayBooking): Promise<{ eventId: string; joinUrl?: string | undefined }> {
  const people = concernPeople(superviseeId, concern);
  const found = await Promise.all(people.map((id) => deps.directory.getPerson(id)));
  const byId = new Map(found.filter((p): p is Person => p !== undefined).map((p) => [p.id, p]));
  const supervisee = byId.get(superviseeId);
  const supervisor = concern.supervisorId ? byId.get(concern.supervisorId) : undefined;
  if (!supervisee || !supervisor) throw new AppError('not_found', 'The supervisee or supervisor is no longer in the directory.');
  const lineManager = concern.lineManagerId ? byId.get(concern.lineManagerId) : undefined;
  const attendees = people.filter((id) => id !== booking.organizerId).map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
  const path = deps.pack.escalation.missedSupervision;
  const citation = isSpecified(path) ? citeForPeople(deps.pack, path) : 'the supervision policy';
  const names = [supervisee, supervisor, ...(lineManager ? [lineManager] : [])].map((p) => p.displayName);
  const result = await deps.calendar.createEvents(booking.organizerId, [{
    transactionId: booking.transactionId,
    subject: `Supervision concern: ${names.join(', ')}`,
    body: [
      `<p>${escapeHtml(supervisee.displayName)} told the Supervision Assistant they are not getting supervision as the policy requires. This meeting of ${escapeHtml(names.join(', '))} is where it is discussed (${escapeHtml(citation)}).</p>`,
      // The policy as the council names it (POLICY_TITLE); never the pack's own council (issue 15 item 3).
      `<p>Policy: ${escapeHtml(deps.pack.title)}.</p>`,
      '<p>Please keep case details out of this invitation.</p>',
    ].join('\n'),
    startUtc: booking.startUtc,
    endUtc: booking.endUtc,
    attendees: attendees.map((p) => ({ email: p.mail ?? '', name: p.displayName })),
    isOnlineMeeting: true,
    categories: [SUPERVISION_CATEGORY],
    reminderMinutesBeforeStart: REMINDER_MINUTES,
  }]);
  const created = result.created[0];
  if (!created) throw new AppError('unavailable', `Outlook did not accept the meeting: ${result.failed[0]?.error ?? 'no answer'}. Please press the button again.`);
  return { eventId: created.eventId, joinUrl: created.joinUrl };
}

/**
 * Books the three-way meeting a supervisee's "I'm not getting supervision" proposed (Leeds §F
 * (L124–134); rules.md §3.2): one Teams meeting organised by the line manager (the supervisor
 * where the directory names none) with the other two invited. Any of the three may book; nobody
 * else. Idempotent: the booking is claimed on the concern with an ETag before Outlook is asked,
 * with a transactionId fixed by concern and time, so a double click or two people pressing at
 * once make one meeting. The time is checked against everyone's calendar first; if it was taken
 * meanwhile, fresh times are offered (and kept on the concern) instead.
 */
export async function bookThreeWayMeeting(deps: ThreeWayDeps, input: ThreeWayInput): Promise<ThreeWayResult> {
  const ref = { superviseeId: input.superviseeId, concernDate: input.concernDate };
  // Each round reads the concern and decides; a write that lost a race to another press is
  // decided again on what that press wrote (the repository's ETag loop), so every press follows
  // the one booking that won.
  for (let round = 0; round < 3; round++) {
    const concern = await deps.concerns.require(ref);
    const people = concernPeople(input.superviseeId, concern);
    if (!people.includes(input.byPersonId)) throw new AppError('forbidden', 'Only the supervisee, their supervisor and the supervisor\'s line manager may book this meeting.');
    if (!concern.supervisorId) throw new AppError('conflict', 'This concern names no supervisor, so there is no meeting to book.');
    const supervisorId = concern.supervisorId;

    let booking = concern.booking;
    if (booking?.state === 'booked') return { kind: 'booked', booking, concern, already: true };

    if (!booking) {
      if (!input.startUtc || !input.endUtc) throw new AppError('invalid_input', 'Choose one of the times offered.');
      // A time from an older card (fresh times were offered since): offer the current ones.
      if (!concern.proposedSlots.some((s) => s.startUtc === input.startUtc && s.endUtc === input.endUtc)) {
        return { kind: 'slot-taken', concern, freshSlots: concern.proposedSlots };
      }
      const startMs = parseInstant(input.startUtc);
      const endMs = parseInstant(input.endUtc);
      const nowIso = deps.now();
      const busyMap = await deps.calendar.busy(people, input.startUtc, input.endUtc);
      if (startMs <= parseInstant(nowIso) || overlaps([...busyMap.values()].flat(), startMs, endMs)) {
        const freshSlots = await threeWaySlots(deps.calendar, deps.pack, people, nowIso, 3, deps.settings);
        const outcome = await deps.concerns.apply(ref, (current) => {
          if (!current || current.booking) return { result: undefined };
          const updated: SupervisionConcern = { ...current, proposedSlots: freshSlots };
          return { next: updated, result: updated };
        });
        if (!outcome) continue; // someone booked meanwhile: follow their booking
        return { kind: 'slot-taken', concern: outcome, freshSlots };
      }
      const claim: ThreeWayBooking = {
        state: 'pending', startUtc: input.startUtc, endUtc: input.endUtc,
        transactionId: threeWayTransactionId(input.superviseeId, input.concernDate, input.startUtc),
        organizerId: concern.lineManagerId ?? supervisorId, bookedBy: input.byPersonId, requestedAt: nowIso,
      };
      // The claim lands only on a concern nobody has claimed; otherwise follow the winner.
      const claimed = await deps.concerns.apply(ref, (current) => (current && !current.booking ? { next: { ...current, booking: claim }, result: true } : { result: false }));
      if (!claimed) continue;
      booking = claim;
    }

    // Pending (ours just now, or one a crash or a concurrent press left): the same transactionId
    // makes Outlook return the same event however many times this runs.
    const created = await createInOutlook(deps, input.superviseeId, concern, booking);
    const pending = booking;
    const booked: ThreeWayBooking = { ...pending, state: 'booked', eventId: created.eventId, joinUrl: created.joinUrl, bookedAt: deps.now() };
    // Only the call that wrote `booked` reports a new booking, so the others are told once.
    const outcome = await deps.concerns.apply(ref, (current): { next?: SupervisionConcern; result: ThreeWayResult | undefined } => {
      if (!current) return { result: undefined };
      if (current.booking?.state === 'booked') return { result: { kind: 'booked', booking: current.booking, concern: current, already: true } };
      if (current.booking?.transactionId !== pending.transactionId) return { result: undefined };
      const done: SupervisionConcern = { ...current, booking: booked };
      return { next: done, result: { kind: 'booked', booking: booked, concern: done, already: false } };
    });
    if (outcome) return outcome;
  }
  throw new AppError('conflict', 'Someone else is booking this meeting right now. Please try again in a moment.');
}
