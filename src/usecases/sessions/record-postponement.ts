import { createHash } from 'node:crypto';
import type { PlannedSession } from '../../domain/agreements/types.js';
import { formatInstant, parseInstant } from '../../domain/calendar/instant.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { AppError } from '../../domain/errors.js';
import type { Person } from '../../domain/people/person.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import { sessionEvent } from '../../domain/sessions/event-content.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import { computeDeadline } from '../../policy/deadline.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';

export interface RecordPostponementDeps {
  readonly calendar: CalendarGateway;
  /** Agreements and their sessions (src/repositories/agreements.ts). */
  readonly agreements: AgreementRepository;
  readonly directory: { getPerson(id: string): Promise<Person | undefined> };
  readonly packFor: (policyId: string) => PolicyPack;
  readonly now: () => string;
}

export interface RecordPostponementInput {
  readonly agreementId: string;
  readonly sessionId: string;
  /** The authenticated person recording it (never taken from card data). */
  readonly byPersonId: string;
  readonly reasonId?: string | undefined;
  readonly reasonText?: string | undefined;
  /** The new time, UTC instants, normally one of the offered free slots. */
  readonly startUtc: string;
  readonly endUtc: string;
}

export interface RecordPostponementResult {
  readonly session: PlannedSession;
  /** Set when the new date is after the pack's rebooking deadline. */
  readonly lateAgainst?: { readonly due: string; readonly rule: string } | undefined;
}

/** A different transactionId per new time: a retry of the same rebooking finds the same event. */
function rebookTransactionId(agreementId: string, sessionId: string, startUtc: string): string {
  const h = createHash('sha256').update(`rebook:${agreementId}/${sessionId}/${startUtc}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(12, 15)}-9${h.slice(15, 18)}-${h.slice(18, 30)}`;
}

/**
 * The supervisor records why a session was postponed and when it will take place (Camden §7
 * (L142): "the manager will record … the reason for the postponement and the date supervision
 * will take place"); the reason must be one the pack allows (Camden §6 (L102), CA-E2), and the
 * new meeting is booked in both calendars. Safe to repeat: the same new time books nothing twice.
 */
export async function recordPostponement(deps: RecordPostponementDeps, input: RecordPostponementInput): Promise<RecordPostponementResult> {
  const agreement = await deps.agreements.get(input.agreementId);
  if (!agreement) throw new AppError('not_found', 'There is no such agreement.');
  if (input.byPersonId !== agreement.terms.supervisorId) throw new AppError('forbidden', 'Only the supervisor records a postponement and its new date.');
  const session = await deps.agreements.session(input.agreementId, input.sessionId);
  if (!session) throw new AppError('not_found', 'There is no such session.');

  const pack = deps.packFor(agreement.terms.policyId);
  const allowed = pack.postponement.allowedReasons;
  let reason: string;
  let reasonId: string | undefined;
  if (isSpecified(allowed)) {
    const match = allowed.value.find((r) => r.id === input.reasonId);
    if (!match) {
      throw new AppError('invalid_input', `Choose one of the reasons your policy allows: ${allowed.value.map((r) => r.label).join('; ')} (${allowed.rule ?? 'policy'}).`);
    }
    reason = match.label;
    reasonId = match.id;
  } else {
    reason = (input.reasonText ?? '').trim();
    if (!reason) throw new AppError('invalid_input', 'Please give the reason for the postponement.');
  }

  const startMs = parseInstant(input.startUtc);
  const endMs = parseInstant(input.endUtc);
  if (endMs <= startMs) throw new AppError('invalid_input', 'The new session must end after it starts.');
  if (startMs <= parseInstant(deps.now())) throw new AppError('invalid_input', 'The new date must be in the future.');
  const local = utcToLondon(formatInstant(startMs));
  const calendar = createWorkingCalendar({ nation: pack.nation });
  if (!calendar.isWorkingDay(local.date)) throw new AppError('invalid_input', `${local.date} is not a working day.`);

  // Already rebooked to exactly this time (a double click, a retried turn): nothing more to do.
  if (session.status === 'booked' && session.startUtc === formatInstant(startMs)) return { session };
  if (session.status !== 'postponed') throw new AppError('conflict', `The session is ${session.status}, not postponed.`);

  const [supervisor, supervisee] = await Promise.all([deps.directory.getPerson(agreement.terms.supervisorId), deps.directory.getPerson(agreement.terms.superviseeId)]);
  if (!supervisor || !supervisee) throw new AppError('not_found', 'The supervisor or supervisee is no longer in the directory.');
  const moved: PlannedSession = {
    ...session,
    date: local.date,
    start: local.time,
    minutes: Math.round((endMs - startMs) / 60_000),
    startUtc: formatInstant(startMs),
    endUtc: formatInstant(endMs),
  };
  const event = { ...sessionEvent(agreement, pack, moved, supervisor, supervisee), transactionId: rebookTransactionId(agreement.id, session.sessionId, moved.startUtc) };
  const result = await deps.calendar.createEvents(agreement.terms.supervisorId, [event]);
  const created = result.created[0];
  if (!created) throw new AppError('unavailable', `Outlook did not accept the new meeting: ${result.failed[0]?.error ?? 'no answer'}`);

  const postponement = { recordedAt: deps.now(), recordedBy: input.byPersonId, reasonId, reason, fromDate: session.date, toDate: local.date };
  // Decided again on what is stored at write time: a concurrent press of the same time finds it
  // booked already; anything else that changed the session meanwhile is a conflict, not overwritten.
  const rebooked = await deps.agreements.applySession(input.agreementId, input.sessionId, (current) => {
    if (!current) throw new AppError('not_found', 'There is no such session.');
    if (current.status === 'booked' && current.startUtc === moved.startUtc) return { result: current };
    if (current.status !== 'postponed') throw new AppError('conflict', `The session is ${current.status}, not postponed.`);
    const next: PlannedSession = {
      ...current, date: moved.date, start: moved.start, minutes: moved.minutes, startUtc: moved.startUtc, endUtc: moved.endUtc,
      status: 'booked', eventId: created.eventId, joinUrl: created.joinUrl, webLink: created.webLink,
      postponements: [...(current.postponements ?? []), postponement],
    };
    return { next, result: next };
  });

  const deadline = computeDeadline(pack, calendar, 'postponement-rebooked', session.date);
  const lateAgainst = deadline.due !== null && local.date > deadline.due ? { due: deadline.due, rule: deadline.rule } : undefined;
  return { session: rebooked, lateAgainst };
}
