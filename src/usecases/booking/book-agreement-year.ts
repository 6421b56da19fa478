/**
 * Books a signed agreement's year into Outlook (issue 4 items 2 and 3). Every step can be cut
 * short by a crash and run again from the top:
 *
 * 1. plan: when the agreement has no complete set of session rows, read both people's free/busy,
 *    run planYear, store the plan on the agreement (first writer wins), then create the rows from
 *    the stored plan (create-only). The first session's row is written last and marks the plan
 *    complete; a run finding rows without it writes the rest of the stored plan (rows without a
 *    stored plan, from before it was stored, are deleted and the year planned again).
 * 2. book: every row still 'planned' becomes an event in the supervisor's mailbox with the
 *    supervisee invited; after each batch the rows it booked are marked 'booked' (ETag replace).
 *    A rerun resends only what is still 'planned', and each resend carries the same transactionId,
 *    so an event whose creation was cut off answers with itself instead of being made twice.
 * 3. finish: the agreement becomes 'booked'.
 */
import type { Agreement, AgreementStatus, PlannedSession } from '../../domain/agreements/types.js';
import { addMonths } from '../../domain/calendar/local-date.js';
import { londonToUtc } from '../../domain/calendar/london-time.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { Directory, Person } from '../../domain/people/person.js';
import type { CalendarGateway, CreatedCalendarEvent, NewCalendarEvent } from '../../domain/ports/calendar.js';
import { silentLogger, type Logger } from '../../observability/logger.js';
import { errorFields } from '../../observability/error-fields.js';
import { getPack } from '../../policy/packs.js';
import type { PolicyPack } from '../../policy/schema.js';
import { planYear } from '../plan-year.js';
import { sessionEvent } from '../../domain/sessions/event-content.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { MilestoneRepository } from '../../repositories/milestones.js';
import { bookYearMilestones } from './book-milestones.js';

/**
 * The calendar the job needs: CalendarGateway, whose createEvents may also report each batch as
 * it lands (GraphCalendar does). A gateway that does not is still correct, only coarser: rows are
 * then marked when createEvents returns.
 */
export interface BookingCalendar extends CalendarGateway {
  createEvents(
    mailboxId: string,
    events: readonly NewCalendarEvent[],
    options?: { readonly onCreated?: (created: readonly CreatedCalendarEvent[]) => Promise<void> | void },
  ): ReturnType<CalendarGateway['createEvents']>;
  /** Hands over a mailbox address already read from the directory, saving busy() a lookup. */
  knowAddress?(id: string, address: string): void;
}

export interface BookingDeps {
  /** Agreements and their planned sessions (src/repositories/agreements.ts). */
  readonly agreements: AgreementRepository;
  readonly calendar: BookingCalendar;
  readonly directory: Pick<Directory, 'getPerson'>;
  /** The pack with the council's configuration applied. Default: the pack as published. */
  readonly packFor?: (policyId: string) => PolicyPack;
  /** The year's reviews and milestones (issue 14 item 1), booked after its sessions when given. */
  readonly milestones?: MilestoneRepository | undefined;
  readonly now?: () => Date;
  readonly log?: Logger;
}

export interface BookedSessionSummary {
  readonly sessionId: string;
  readonly date: string;
  readonly start: string;
  readonly minutes: number;
  readonly startUtc: string;
  readonly endUtc: string;
  readonly status: PlannedSession['status'];
  readonly joinUrl?: string | undefined;
  readonly webLink?: string | undefined;
  readonly teamsLinkMissing?: true | undefined;
}

/** What the confirmation card lists (issue 4 item 4): every date with its meeting link. */
export interface BookingSummary {
  readonly agreementId: string;
  readonly agreementStatus: AgreementStatus;
  readonly sessions: readonly BookedSessionSummary[];
}

/** A failure retrying cannot fix: the worker sends the message to the poison queue at once. */
export function permanentFailure(code: 'not_found' | 'invalid_input' | 'precondition_failed' | 'policy_violation', message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, { ...details, permanent: true });
}

export function isPermanentFailure(error: unknown): boolean {
  if (!isAppError(error)) return false;
  return error.details?.permanent === true || error.code === 'policy_violation' || error.code === 'invalid_input' || error.code === 'forbidden';
}

const FIRST_SESSION = /-s0*1$/;
const ROW_WRITES_AT_ONCE = 8;

async function inChunks<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

function summary(agreement: Agreement, rows: readonly PlannedSession[]): BookingSummary {
  return {
    agreementId: agreement.id,
    agreementStatus: agreement.status,
    sessions: rows.map((s) => ({
      sessionId: s.sessionId,
      date: s.date,
      start: s.start,
      minutes: s.minutes,
      startUtc: s.startUtc,
      endUtc: s.endUtc,
      status: s.status,
      joinUrl: s.joinUrl,
      webLink: s.webLink,
      teamsLinkMissing: s.teamsLinkMissing,
    })),
  };
}

async function person(directory: Pick<Directory, 'getPerson'>, id: string, role: string): Promise<Person> {
  const found = await directory.getPerson(id);
  if (!found) throw permanentFailure('not_found', `the ${role} of the agreement is not in the directory`);
  if (!found.mail) throw permanentFailure('invalid_input', `the ${role} of the agreement has no mailbox`);
  return found;
}

async function ensurePlanned(deps: BookingDeps, agreement: Agreement, pack: PolicyPack, log: Logger, now: () => Date): Promise<PlannedSession[]> {
  const { agreements } = deps;
  const { terms } = agreement;
  let rows = await agreements.sessions(agreement.id);
  if (rows.length > 0 && rows.some((r) => FIRST_SESSION.test(r.sessionId))) return rows;
  // The plan is written on the agreement before any row: a run that finds rows without the marker
  // writes the rest of that same plan. It never deletes them: the run that wrote them may still be
  // alive on another instance (issue 16 item 3: bench:cluster's second run deleted a live run's rows,
  // planned again against calendars that by then held the first run's meetings, and was poisoned
  // with policy_violation).
  let plan = (await agreements.get(agreement.id))?.plan?.sessions;
  if (!plan) {
    if (rows.length > 0) {
      // Rows with no plan beside them were left by a run from before the plan was stored.
      log.warn('booking_plan_incomplete', { agreementId: agreement.id, rows: rows.length });
      await Promise.all(rows.map((r) => agreements.deleteSession(agreement.id, r.sessionId)));
    }
    // K3: the agreement year is [agreementDate, agreementDate + 12 months) in London time.
    const fromUtc = londonToUtc(terms.agreementDate, '00:00');
    const toUtc = londonToUtc(addMonths(terms.agreementDate, 12), '00:00');
    const busyByPerson = await deps.calendar.busy([terms.supervisorId, terms.superviseeId], fromUtc, toUtc);
    const busy = [...(busyByPerson.get(terms.supervisorId) ?? []), ...(busyByPerson.get(terms.superviseeId) ?? [])];
    let planned: PlannedSession[];
    try {
      planned = planYear({ pack, terms, busy, agreementId: agreement.id });
    } catch (error) {
      if (isAppError(error) && error.code !== 'policy_violation') {
        throw permanentFailure(error.code === 'not_found' ? 'not_found' : 'precondition_failed', error.message, { ...error.details });
      }
      throw error;
    }
    if (planned.length === 0) throw permanentFailure('precondition_failed', 'the agreement year has no sessions to book');
    // First writer wins: a run that planned at the same time takes the stored plan instead of its own.
    plan = await agreements.apply(agreement.id, (current) => {
      if (!current) throw permanentFailure('not_found', 'no agreement with this id', { agreementId: agreement.id });
      if (current.plan) return { result: current.plan.sessions };
      return { next: { ...current, plan: { plannedAt: now().toISOString(), sessions: planned } }, result: planned };
    });
  }
  const [first, ...rest] = plan;
  if (!first) throw permanentFailure('precondition_failed', 'the agreement year has no sessions to book');
  // Create-only: a row another run created first holds the same planned session.
  await inChunks(rest, ROW_WRITES_AT_ONCE, async (s) => {
    await agreements.createSession(s);
  });
  await agreements.createSession(first);
  log.info('booking_planned', { agreementId: agreement.id, sessions: plan.length });
  rows = await agreements.sessions(agreement.id);
  return rows;
}

export async function processBookingJob(deps: BookingDeps, agreementId: string): Promise<BookingSummary> {
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const agreement = await deps.agreements.get(agreementId);
  if (!agreement) throw permanentFailure('not_found', 'no agreement with this id', { agreementId });
  if (agreement.status === 'booked' || agreement.status === 'ended') {
    // A repeated message, or an agreement ended before its booking ran: nothing left to do.
    return summary(agreement, await deps.agreements.sessions(agreementId));
  }
  if (agreement.status !== 'signed') {
    throw permanentFailure('precondition_failed', `the agreement is ${agreement.status}; only a signed agreement is booked`, { agreementId });
  }
  const { terms } = agreement;
  const pack = (deps.packFor ?? getPack)(terms.policyId);
  const [supervisor, supervisee] = await Promise.all([person(deps.directory, terms.supervisorId, 'supervisor'), person(deps.directory, terms.superviseeId, 'supervisee')]);
  for (const p of [supervisor, supervisee]) if (p.mail) deps.calendar.knowAddress?.(p.id, p.mail);

  const rows = await ensurePlanned(deps, agreement, pack, log, now);
  const toBook = rows.filter((r) => r.status === 'planned');
  const byTransaction = new Map<string, PlannedSession>();
  const events = toBook.map((s) => {
    const event = sessionEvent(agreement, pack, s, supervisor, supervisee);
    byTransaction.set(event.transactionId, s);
    return event;
  });

  const marked = new Set<string>();
  // Sessions Outlook made without the Teams link asked for (the supervisor's mailbox cannot host Teams meetings).
  let withoutLink = 0;
  const markBooked = async (created: readonly CreatedCalendarEvent[]): Promise<void> => {
    await inChunks(created, ROW_WRITES_AT_ONCE, async (c) => {
      const session = byTransaction.get(c.transactionId);
      if (!session || marked.has(session.sessionId)) return;
      await deps.agreements.applySession(agreementId, session.sessionId, (current) =>
        current && current.status === 'planned'
          ? { next: { ...current, status: 'booked' as const, eventId: c.eventId, joinUrl: c.joinUrl, webLink: c.webLink, ...(c.teamsLinkMissing ? { teamsLinkMissing: true as const } : {}) }, result: undefined }
          : { result: undefined },
      );
      marked.add(session.sessionId);
      if (c.teamsLinkMissing) withoutLink++;
    });
  };

  if (events.length > 0) {
    // The supervisor's mailbox is the organizer's; Exchange puts the supervisee's copy in theirs.
    const result = await deps.calendar.createEvents(terms.supervisorId, events, { onCreated: markBooked });
    await markBooked(result.created);
    if (result.failed.length > 0) {
      const refused = result.failed.filter((f) => /^HTTP 4/.test(f.error));
      log.warn('booking_incomplete', { agreementId, failed: result.failed.length, refused: refused.length, booked: marked.size });
      const message = `${result.failed.length} of ${events.length} sessions could not be booked yet (${result.failed[0]?.error ?? ''})`;
      if (refused.length === result.failed.length) throw permanentFailure('invalid_input', message, { agreementId });
      throw new AppError('unavailable', message, { agreementId });
    }
  }

  // The reviews and milestones the pack asks for in the year, each its own meeting (issue 14 item 1).
  // A transient failure retries the job (the sessions are booked and skipped); a refusal of every
  // one does not hold the year's sessions back: it is logged, and the sweep shows what is due.
  if (deps.milestones) {
    try {
      await bookYearMilestones({ milestones: deps.milestones, calendar: deps.calendar }, { agreement, pack, sessions: await deps.agreements.sessions(agreementId), supervisor, supervisee, log });
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      log.warn('booking_milestones_refused', { agreementId, ...errorFields(error) });
    }
  }

  const finished = await deps.agreements.apply(agreementId, (current) => {
    if (!current || current.status !== 'signed') return { result: current };
    // The plan has served: the rows hold it now (and the agreement is read by every pass).
    const booked: Agreement = { ...current, status: 'booked', plan: undefined, updatedAt: now().toISOString() };
    return { next: booked, result: booked };
  });
  if (withoutLink > 0) log.warn('booking.teams_link_missing', { code: 'booking.teams_link_missing', agreementId, sessions: withoutLink });
  log.info('booking_done', { agreementId, sessions: rows.length, sent: events.length });
  return summary(finished ?? agreement, await deps.agreements.sessions(agreementId));
}
