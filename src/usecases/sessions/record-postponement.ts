import { createHash } from 'node:crypto';
import type { PlannedSession, RebookingClaim } from '../../domain/agreements/types.js';
import { formatInstant, parseInstant } from '../../domain/calendar/instant.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import { instantInWords } from '../../domain/words/dates.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { Person } from '../../domain/people/person.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import { sessionEvent } from '../../domain/sessions/event-content.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import { computeDeadline } from '../../policy/deadline.js';
import { notOfferable, rebookingWindow } from './rebooking-offer.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import { citeForPeople } from '../../policy/why.js';

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
      throw new AppError('invalid_input', `Choose one of the reasons your policy allows: ${allowed.value.map((r) => r.label).join('; ')} (${citeForPeople(pack, allowed)}).`);
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
  const startUtc = formatInstant(startMs);
  const endUtc = formatInstant(endMs);
  const local = utcToLondon(startUtc);

  // Already rebooked to exactly this time (a double click, a retried turn): nothing more to do.
  if (session.status === 'booked' && session.startUtc === startUtc) return { session };
  if (session.status !== 'postponed') throw new AppError('conflict', `The session is ${session.status}, not postponed.`);

  // Only a time that could have been offered is booked (issue 16 M3): the session's length, a
  // working day up to the deadline, in working hours, and free for both people now.
  const window = rebookingWindow({ pack, session, postponedOn: utcToLondon(deps.now()).date });
  const refusal = notOfferable(window, session, startUtc, endUtc);
  if (refusal) throw new AppError('invalid_input', refusal);
  const { supervisorId, superviseeId } = agreement.terms;
  const busy = await deps.calendar.busy([supervisorId, superviseeId], startUtc, endUtc);
  if ([...busy.values()].flat().some((b) => parseInstant(b.start) < endMs && startMs < parseInstant(b.end))) {
    throw new AppError('conflict', 'That time is no longer free for both of you; choose another of the times offered.');
  }

  const [supervisor, supervisee] = await Promise.all([deps.directory.getPerson(supervisorId), deps.directory.getPerson(superviseeId)]);
  if (!supervisor || !supervisee) throw new AppError('not_found', 'The supervisor or supervisee is no longer in the directory.');
  const moved: PlannedSession = { ...session, date: local.date, start: local.time, minutes: Math.round((endMs - startMs) / 60_000), startUtc, endUtc };
  const eventFor = (s: PlannedSession) => ({ ...sessionEvent(agreement, pack, s, supervisor, supervisee), transactionId: rebookTransactionId(agreement.id, session.sessionId, s.startUtc) });

  // Claimed before anything is created in Outlook (issue 16 M2): two presses for different times
  // at once find each other's claim here, and only one meeting is ever made.
  const claim = await claimRebooking(deps, input, moved);
  if (claim.kind === 'booked') return { session: claim.session };
  if (claim.released) await cancelAbandoned(deps, supervisorId, eventFor({ ...session, ...timesOf(claim.released, session) }));

  const result = await deps.calendar.createEvents(supervisorId, [eventFor(moved)]);
  const created = result.created[0];
  if (!created) {
    await releaseClaim(deps, input, moved.startUtc);
    throw new AppError('unavailable', 'Outlook did not accept the new meeting, so nothing was booked. Please try again in a few minutes.', { failed: result.failed.length });
  }

  const postponement = { recordedAt: deps.now(), recordedBy: input.byPersonId, reasonId, reason, fromDate: session.date, toDate: local.date };
  // Decided again on what is stored at write time: a concurrent press of the same time finds it
  // booked already; a claim taken over by another time, or any other change, is not overwritten,
  // and the meeting just made is cancelled so it never stays in the calendars linked to nothing.
  let lost: string | undefined;
  const rebooked = await deps.agreements.applySession<PlannedSession | undefined>(input.agreementId, input.sessionId, (current) => {
    if (!current) throw new AppError('not_found', 'There is no such session.');
    if (current.status === 'booked' && current.startUtc === moved.startUtc) return { result: current };
    if (current.status !== 'postponed' || current.rebooking?.startUtc !== moved.startUtc) {
      lost = current.status === 'postponed' || current.status === 'booked'
        ? 'The session was rebooked for another time meanwhile, so this time was not kept.'
        : `The session is ${current.status} now, so this time was not kept.`;
      return { result: undefined };
    }
    const { rebooking: _claim, ...rest } = current;
    const next: PlannedSession = {
      ...rest, date: moved.date, start: moved.start, minutes: moved.minutes, startUtc: moved.startUtc, endUtc: moved.endUtc,
      status: 'booked', eventId: created.eventId, joinUrl: created.joinUrl, webLink: created.webLink,
      postponements: [...(current.postponements ?? []), postponement],
    };
    return { next, result: next };
  });
  if (!rebooked) {
    await cancelQuietly(deps, supervisorId, created.eventId);
    throw new AppError('conflict', lost ?? 'The session changed meanwhile, so this time was not kept.');
  }

  const deadline = computeDeadline(pack, window.calendar, 'postponement-rebooked', session.date);
  const lateAgainst = deadline.due !== null && local.date > deadline.due ? { due: deadline.due, rule: deadline.rule } : undefined;
  return { session: rebooked, lateAgainst };
}

/** A claim older than this was left by a crash between the claim and the booking: it may be released. */
const CLAIM_EXPIRES_MS = 2 * 60_000;

type Claim = { readonly kind: 'booked'; readonly session: PlannedSession } | { readonly kind: 'claimed'; readonly released: RebookingClaim | undefined };

async function claimRebooking(deps: RecordPostponementDeps, input: RecordPostponementInput, moved: PlannedSession): Promise<Claim> {
  const nowIso = deps.now();
  return deps.agreements.applySession<Claim>(input.agreementId, input.sessionId, (current) => {
    if (!current) throw new AppError('not_found', 'There is no such session.');
    if (current.status === 'booked' && current.startUtc === moved.startUtc) return { result: { kind: 'booked', session: current } };
    if (current.status !== 'postponed') throw new AppError('conflict', `The session is ${current.status}, not postponed.`);
    const held = current.rebooking;
    if (held?.startUtc === moved.startUtc) return { result: { kind: 'claimed', released: undefined } };
    if (held && parseInstant(nowIso) - parseInstant(held.claimedAt) < CLAIM_EXPIRES_MS) {
      throw new AppError('conflict', `This session is being rebooked for ${instantInWords(held.startUtc)} already; a second time was not booked.`);
    }
    const rebooking: RebookingClaim = { startUtc: moved.startUtc, endUtc: moved.endUtc, claimedAt: nowIso, by: input.byPersonId };
    return { next: { ...current, rebooking }, result: { kind: 'claimed', released: held } };
  });
}

/** Gives the claim back when Outlook refused the meeting, so another time can be tried at once. */
async function releaseClaim(deps: RecordPostponementDeps, input: RecordPostponementInput, startUtc: string): Promise<void> {
  await deps.agreements.applySession<undefined>(input.agreementId, input.sessionId, (current) => {
    if (!current || current.rebooking?.startUtc !== startUtc) return { result: undefined };
    const { rebooking: _claim, ...rest } = current;
    return { next: rest, result: undefined };
  });
}

function timesOf(claim: RebookingClaim, session: PlannedSession): Pick<PlannedSession, 'date' | 'start' | 'startUtc' | 'endUtc' | 'minutes'> {
  const local = utcToLondon(claim.startUtc);
  return { date: local.date, start: local.time, startUtc: claim.startUtc, endUtc: claim.endUtc, minutes: session.minutes };
}

/**
 * A claim a crash left behind may or may not have made its meeting. Creating it again with the same
 * transactionId finds the one that exists (or makes it), and cancelling it leaves nothing behind.
 */
async function cancelAbandoned(deps: RecordPostponementDeps, organizerId: string, event: Parameters<CalendarGateway['createEvents']>[1][number]): Promise<void> {
  const found = await deps.calendar.createEvents(organizerId, [event]);
  const eventId = found.created[0]?.eventId;
  if (eventId) await cancelQuietly(deps, organizerId, eventId);
}

async function cancelQuietly(deps: RecordPostponementDeps, organizerId: string, eventId: string): Promise<void> {
  try {
    await deps.calendar.cancelEvent(organizerId, eventId, 'This time was not kept: the session was rebooked for another time.');
  } catch (error) {
    // Gone already is the outcome wanted; anything else must be seen, not left in two calendars silently.
    if ((error as { statusCode?: number }).statusCode !== 404 && !(isAppError(error) && error.code === 'not_found')) throw error;
  }
}
