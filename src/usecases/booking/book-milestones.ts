/**
 * The year's reviews and milestones booked with its sessions (issue 14 item 1), resumable like the
 * sessions (book-agreement-year.ts): planned once into create-only rows with deterministic ids,
 * then each row still 'planned' created in the supervisor's mailbox with the supervisee invited,
 * under its own transactionId, and marked 'booked'. A rerun after a crash plans only the rows
 * that are missing (around the ones stored) and resends only what is still planned, under the
 * same ids, so Exchange answers with the event it already made.
 */
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { addMonths } from '../../domain/calendar/local-date.js';
import { londonToUtc } from '../../domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { AppError } from '../../domain/errors.js';
import { milestoneEvent } from '../../domain/milestones/event.js';
import { milestoneIdFor, milestonesOfYear, placeMilestones, type PlannedMilestone } from '../../domain/milestones/index.js';
import type { Person } from '../../domain/people/person.js';
import type { CalendarGateway, CreatedCalendarEvent } from '../../domain/ports/calendar.js';
import type { Logger } from '../../observability/logger.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { MilestoneRepository } from '../../repositories/milestones.js';

export interface MilestoneBookingDeps {
  readonly milestones: MilestoneRepository;
  readonly calendar: Pick<CalendarGateway, 'busy' | 'createEvents'>;
}

const byStart = (a: PlannedMilestone, b: PlannedMilestone): number => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : a.milestoneId < b.milestoneId ? -1 : 1);

/**
 * The agreement's milestones, planned now where they are not stored yet: the same dues and
 * placement as `supervision schedule` (src/cli/commands/schedule.ts), clear of the year's
 * sessions, both people's busy time and the milestones already stored.
 */
export async function ensureMilestonesPlanned(deps: MilestoneBookingDeps, agreement: Agreement, pack: PolicyPack, sessions: readonly PlannedSession[]): Promise<PlannedMilestone[]> {
  const { terms } = agreement;
  const calendar = createWorkingCalendar({ nation: pack.nation });
  const dates = sessions.map((s) => s.date).sort();
  const dues = milestonesOfYear(pack, calendar, {
    roleId: terms.roleId, employmentStart: terms.employmentStart, agreementDate: terms.agreementDate, reviewDate: terms.reviewDate, firstSession: dates[0],
  });
  const stored = await deps.milestones.list(agreement.id);
  const known = new Set(stored.map((m) => m.milestoneId));
  const missing = dues.filter((d) => !known.has(milestoneIdFor(agreement.id, d.kind, d.subject)));
  if (missing.length === 0) return stored.sort(byStart);
  const fromUtc = londonToUtc(terms.agreementDate, '00:00');
  const toUtc = londonToUtc(addMonths(terms.agreementDate, 12), '23:59');
  const busyByPerson = await deps.calendar.busy([terms.supervisorId, terms.superviseeId], fromUtc, toUtc);
  const busy = [
    ...(busyByPerson.get(terms.supervisorId) ?? []), ...(busyByPerson.get(terms.superviseeId) ?? []),
    ...stored.map((m) => ({ start: m.startUtc, end: m.endUtc })),
  ];
  const planned = placeMilestones(missing, { agreementId: agreement.id, time: terms.time, minutes: terms.minutes, format: terms.format, calendar, sessions, busy });
  // Create-only: a row another run (or instance) created first holds the same milestone.
  for (const m of planned) await deps.milestones.create(m);
  return (await deps.milestones.list(agreement.id)).sort(byStart);
}

/**
 * Plans (when needed) and books the year's milestones. Throws 'unavailable' when some could not be
 * booked yet, so the booking job retries; a refusal of every one is permanent like the sessions'.
 */
export async function bookYearMilestones(
  deps: MilestoneBookingDeps,
  input: { agreement: Agreement; pack: PolicyPack; sessions: readonly PlannedSession[]; supervisor: Person; supervisee: Person; log?: Logger | undefined },
): Promise<PlannedMilestone[]> {
  const { agreement, pack, supervisor, supervisee } = input;
  const rows = await ensureMilestonesPlanned(deps, agreement, pack, input.sessions);
  const toBook = rows.filter((m) => m.status === 'planned');
  if (toBook.length === 0) return rows;
  const byTransaction = new Map<string, PlannedMilestone>();
  const events = toBook.map((m) => {
    const event = milestoneEvent(agreement, pack, m, supervisor, supervisee);
    byTransaction.set(event.transactionId, m);
    return event;
  });
  const mark = async (created: readonly CreatedCalendarEvent[]): Promise<void> => {
    for (const c of created) {
      const m = byTransaction.get(c.transactionId);
      if (!m) continue;
      await deps.milestones.apply(agreement.id, m.milestoneId, (current) =>
        current && current.status === 'planned'
          ? { next: { ...current, status: 'booked' as const, eventId: c.eventId, joinUrl: c.joinUrl, webLink: c.webLink }, result: undefined }
          : { result: undefined });
    }
  };
  // The supervisor's mailbox is the organizer's; Exchange puts the supervisee's copy in theirs.
  const result = await deps.calendar.createEvents(agreement.terms.supervisorId, events);
  await mark(result.created);
  if (result.failed.length > 0) {
    input.log?.warn('booking_milestones_incomplete', { agreementId: agreement.id, failed: result.failed.length });
    const refused = result.failed.every((f) => /^HTTP 4/.test(f.error));
    throw new AppError(refused ? 'invalid_input' : 'unavailable', `${result.failed.length} of ${events.length} reviews and milestones could not be booked yet (${result.failed[0]?.error ?? ''})`, { agreementId: agreement.id, ...(refused ? { permanent: true } : {}) });
  }
  input.log?.info('booking_milestones_done', { agreementId: agreement.id, milestones: rows.length, sent: events.length });
  return (await deps.milestones.list(agreement.id)).sort(byStart);
}
