import type { Agreement, AgreementParty, BookingConfirmation, PlannedSession } from '../../domain/agreements/types.js';
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import { CONFIRMATION_MAX_ATTEMPTS, confirmationAttempts, confirmationGivenUp, confirmationRetryWaitMinutes } from '../../domain/agreements/confirmation.js';
import { confirmationSettled } from '../../repositories/pass-index.js';
import { updateAgreement, type AgreementDeps } from './deps.js';
import { sessionsFor } from './show-agreement.js';

/**
 * The "Your year of supervision is booked" card (issue 4 item 4), at least once per person and
 * without duplicates in the normal case ("never lose a user's data"):
 *
 * 1. the booking worker's onBooked claims the confirmation (ETag write), recording an attempt for
 *    both people, then sends;
 * 2. after each successful send that person is marked delivered (ETag write); a person the bot
 *    cannot reach ('unreachable') stays undelivered;
 * 3. the backstop `resendPendingConfirmations` finds booked agreements whose attempt for someone
 *    is older than the window and not delivered (a crash between claim and send, an unreachable
 *    person, a send that threw), claims that person again with an ETag and sends to them only.
 *
 * A crash between a successful send and the delivered mark repeats that person's card once: the
 * price of at-least-once.
 */

export const PARTIES: readonly AgreementParty[] = ['supervisor', 'supervisee'];

/** How long an attempt may stay unconfirmed before the backstop sends that person's card again. */
export const CONFIRMATION_RETRY_MINUTES = 5;

/** Sends one person's card; the conversation layer renders it (src/conversation/agreements/flow.ts). */
export type SendConfirmation = (agreement: Agreement, sessions: readonly PlannedSession[], personId: string, milestones: readonly PlannedMilestone[]) => Promise<'delivered' | 'unreachable'>;

/** The year's reviews and milestones booked with its sessions (issue 14 item 1), for the confirmation. */
async function milestonesFor(deps: AgreementDeps, agreement: Agreement): Promise<readonly PlannedMilestone[]> {
  if (!deps.milestones) return [];
  return (await deps.milestones.list(agreement.id)).filter((m) => m.status !== 'cancelled');
}

export type ConfirmationDeps = AgreementDeps & { readonly sendConfirmation: SendConfirmation };

export type DeliveryOutcome = 'delivered' | 'unreachable' | 'failed';

export function partyId(agreement: Agreement, party: AgreementParty): string {
  return party === 'supervisor' ? agreement.terms.supervisorId : agreement.terms.superviseeId;
}

/** Who has not had the card yet. Rows from before per-person delivery (only `confirmationSentAt`) count as delivered to both. */
export function undeliveredParties(agreement: Agreement): AgreementParty[] {
  const confirmation = agreement.confirmation;
  if (!confirmation) return agreement.confirmationSentAt ? [] : [...PARTIES];
  return PARTIES.filter((party) => !confirmation.deliveredTo[party]);
}

/**
 * Who the backstop should send to now: a booked agreement, someone undelivered whose last attempt
 * (or the claim, or for a never-claimed booking its last change) is at least `windowMinutes` old.
 */
export function dueConfirmations(agreement: Agreement, nowIso: string, windowMinutes = CONFIRMATION_RETRY_MINUTES): AgreementParty[] {
  if (agreement.status !== 'booked') return [];
  const cutoff = Date.parse(nowIso) - windowMinutes * 60_000;
  const stale = (iso: string | undefined) => iso !== undefined && Date.parse(iso) <= cutoff;
  const confirmation = agreement.confirmation;
  if (!confirmation) {
    if (agreement.confirmationSentAt) return [];
    // Booked but never claimed: the process stopped between booking and onBooked.
    return stale(agreement.updatedAt) ? [...PARTIES] : [];
  }
  // Someone still unreached is tried on a widening interval, then no more (confirmation.ts).
  return undeliveredParties(agreement).filter((party) => {
    const attempts = confirmationAttempts(confirmation, party);
    if (confirmationGivenUp(confirmation, party)) return false;
    const last = Date.parse(confirmation.sendingTo?.[party] ?? confirmation.claimedAt);
    return last + confirmationRetryWaitMinutes(attempts, windowMinutes) * 60_000 <= Date.parse(nowIso);
  });
}

function withAttempts(agreement: Agreement, parties: readonly AgreementParty[], at: string): Agreement {
  const previous = agreement.confirmation;
  const base: BookingConfirmation = previous ?? { claimedAt: at, deliveredTo: {} };
  const sendingTo = { ...base.sendingTo };
  const attempts = { ...base.attempts };
  for (const party of parties) {
    sendingTo[party] = at;
    attempts[party] = previous ? confirmationAttempts(previous, party) + 1 : 1;
  }
  return { ...agreement, confirmation: { ...base, sendingTo, attempts } };
}

/**
 * Called when the booking job has finished an agreement. Claims the confirmation (ETag write of
 * `confirmation`, an attempt for both people) so two workers finishing the same job do not both
 * send it; returns undefined when it was already claimed.
 */
export async function claimBookingConfirmation(
  deps: AgreementDeps,
  agreementId: string,
): Promise<{ agreement: Agreement; sessions: readonly PlannedSession[]; parties: readonly AgreementParty[] } | undefined> {
  const at = deps.now();
  const claimed = await updateAgreement(deps, agreementId, (current) => {
    if (current.confirmation || current.confirmationSentAt) return { next: undefined, result: undefined };
    const next = withAttempts(current, PARTIES, at);
    return { next, result: next };
  });
  if (!claimed) return undefined;
  const sessions = await sessionsFor(deps, claimed);
  return { agreement: claimed, sessions, parties: PARTIES };
}

/** Records that this person's card arrived. Idempotent: a second mark changes nothing. */
export async function markConfirmationDelivered(deps: AgreementDeps, agreementId: string, party: AgreementParty, at: string): Promise<void> {
  await updateAgreement(deps, agreementId, (current) => {
    const confirmation: BookingConfirmation = current.confirmation ?? { claimedAt: at, deliveredTo: {} };
    if (confirmation.deliveredTo[party]) return { next: undefined, result: undefined };
    const next: Agreement = { ...current, confirmation: { ...confirmation, deliveredTo: { ...confirmation.deliveredTo, [party]: at } } };
    return { next, result: undefined };
  });
}

/**
 * Sends to each claimed person and marks each delivery. Every person is tried even when one send
 * throws; the first error is rethrown afterwards (the caller logs it; the backstop retries).
 */
async function deliver(
  deps: AgreementDeps,
  agreement: Agreement,
  sessions: readonly PlannedSession[],
  parties: readonly AgreementParty[],
  send: SendConfirmation,
  at: () => string,
): Promise<{ outcomes: Partial<Record<AgreementParty, DeliveryOutcome>>; error?: unknown }> {
  const outcomes: Partial<Record<AgreementParty, DeliveryOutcome>> = {};
  let error: unknown;
  const milestones = await milestonesFor(deps, agreement);
  for (const party of parties) {
    try {
      const result = await send(agreement, sessions, partyId(agreement, party), milestones);
      if (result === 'delivered') await markConfirmationDelivered(deps, agreement.id, party, at());
      outcomes[party] = result;
    } catch (caught) {
      outcomes[party] = 'failed';
      error ??= caught;
    }
  }
  return error === undefined ? { outcomes } : { outcomes, error };
}

/** The first send, from the booking worker's onBooked. Undefined when someone else already claimed it. */
export async function deliverBookingConfirmation(
  deps: AgreementDeps,
  agreementId: string,
  send: SendConfirmation,
): Promise<Partial<Record<AgreementParty, DeliveryOutcome>> | undefined> {
  const claimed = await claimBookingConfirmation(deps, agreementId);
  if (!claimed || claimed.sessions.length === 0) return undefined;
  const { outcomes, error } = await deliver(deps, claimed.agreement, claimed.sessions, claimed.parties, send, deps.now);
  if (error !== undefined) throw error;
  return outcomes;
}

export interface ResendSummary {
  readonly agreements: number;
  readonly delivered: number;
  readonly unreachable: number;
  readonly failed: number;
  /** People not reached after their last attempt in this pass: not tried again. */
  readonly gaveUp: number;
}

/**
 * The backstop: every booked agreement whose card has not reached someone within the window gets
 * it again, for that person only (the pass index lists those agreements; tables without an index
 * are read whole). Each person is claimed with an ETag write (a fresh attempt time)
 * before the send, so two instances running this at once send one card per person.
 */
type Tally = { agreements: number; delivered: number; unreachable: number; failed: number; gaveUp: number };

async function resendFor(deps: ConfirmationDeps, agreement: Agreement, nowIso: string, windowMinutes: number, summary: Tally): Promise<void> {
  if (dueConfirmations(agreement, nowIso, windowMinutes).length === 0) return;
  try {
    const sessions = await sessionsFor(deps, agreement);
    if (sessions.length === 0) return;
    const claim = await updateAgreement(deps, agreement.id, (current) => {
      const due = dueConfirmations(current, nowIso, windowMinutes);
      if (due.length === 0) return { next: undefined, result: undefined };
      return { next: withAttempts(current, due, nowIso), result: { agreement: current, parties: due } };
    });
    if (!claim) return;
    summary.agreements++;
    const { outcomes } = await deliver(deps, claim.agreement, sessions, claim.parties, deps.sendConfirmation, () => nowIso);
    for (const outcome of Object.values(outcomes)) summary[outcome]++;
    // That was their last attempt (counted in the pass's log line, no one named).
    const used = (party: AgreementParty) => (claim.agreement.confirmation ? confirmationAttempts(claim.agreement.confirmation, party) + 1 : 1);
    summary.gaveUp += claim.parties.filter((party) => outcomes[party] !== 'delivered' && used(party) >= CONFIRMATION_MAX_ATTEMPTS).length;
  } catch {
    // One agreement's storage or send error must not stop the others; its attempt time makes it due again later.
    summary.failed++;
  }
}

export async function resendPendingConfirmations(
  deps: ConfirmationDeps,
  nowIso: string,
  options: { readonly windowMinutes?: number } = {},
): Promise<ResendSummary> {
  const windowMinutes = options.windowMinutes ?? CONFIRMATION_RETRY_MINUTES;
  const summary: Tally = { agreements: 0, delivered: 0, unreachable: 0, failed: 0, gaveUp: 0 };
  const index = await deps.agreements.ensureIndexed(nowIso);
  if (!index) {
    for (const agreement of await deps.agreements.list()) await resendFor(deps, agreement, nowIso, windowMinutes, summary);
    return summary;
  }
  // The index lists the booked agreements whose card has not reached both people.
  for (const marker of await index.markers('confirmation')) {
    const agreement = await deps.agreements.get(marker.value.agreementId);
    if (!agreement) continue;
    // Delivered to both, or ended: states an agreement never leaves, so the marker can go.
    if (confirmationSettled(agreement)) await index.forget(marker);
    else await resendFor(deps, agreement, nowIso, windowMinutes, summary);
  }
  return summary;
}
