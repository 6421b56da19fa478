import { DEFAULT_REVIEW_LEAD_WORKING_DAYS, renewalTerms, REVIEW_SEND_MAX_ATTEMPTS, reviewOfferDate, reviewSendDue, reviewTrigger, successorIdOf } from '../../domain/agreements/review.js';
import type { Outcome } from '../../repositories/collection.js';
import type { Logger } from '../../observability/logger.js';
import { draftAgreement, sendToSupervisee } from '../../domain/agreements/state-machine.js';
import type { Agreement, AgreementParty, AgreementReviewOffer } from '../../domain/agreements/types.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import type { Directory } from '../../domain/people/person.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import { endAgreement, type EndAgreementDeps } from './end-agreement.js';

/** Sends one person the reviewed agreement's card; the conversation renders it. */
export type SendReview = (successor: Agreement, personId: string, reason: AgreementReviewOffer['reason']) => Promise<'delivered' | 'unreachable'>;

export interface AgreementReviewDeps {
  readonly agreements: AgreementRepository;
  readonly directory: Pick<Directory, 'getManager' | 'getPerson'>;
  /** ISO instant. */
  readonly now: () => string;
  /** Today in Europe/London. */
  readonly today: () => LocalDate;
  readonly sendReview: SendReview;
  /** Working days, for the lead time before the review date. */
  readonly calendar: WorkingCalendar;
  /** How many working days before its review date the agreement comes back (default 10, review.ts). */
  readonly reviewLeadWorkingDays?: number | undefined;
  readonly log?: Logger | undefined;
}

/** 'gave-up': a person could not be reached after every attempt (REVIEW_SEND_MAX_ATTEMPTS); sends to them stopped. */
export type ReviewOutcome = 'not-due' | 'offered' | 'resumed' | 'sent' | 'gave-up';

const PARTIES: readonly AgreementParty[] = ['supervisor', 'supervisee'];

/**
 * The agreement's review (issue 14 item 3): a lead time ahead of its review date (so both can
 * review and sign before it, and the next year is booked without a gap), or when the directory names a new
 * manager for the supervisee, the agreement comes back pre-filled for both to review and sign.
 * Resumable and idempotent, step by step:
 * 1. the next agreement is created with a fixed id (create-only: a second run finds it), its terms
 *    this one's for the year after (review.ts renewalTerms), sent to the supervisee as if the
 *    supervisor had, and remembering the last session of this year (renews);
 * 2. the offer is written on this agreement (ETag write): it is not offered again;
 * 3. each person gets the card, and is marked sent only after the send succeeded; a run after a
 *    crash sends to whoever is left (at least once; a crash between send and mark repeats one).
 *    Someone the bot cannot reach is tried with a growing wait (review.ts reviewSendDue), each
 *    attempt stored before it is made, and after the last the sends to them stop (review.gaveUp).
 * The supervisor may change the terms from the card as with any agreement (both sign again).
 */
export async function offerAgreementReview(deps: AgreementReviewDeps, agreementId: string): Promise<ReviewOutcome> {
  let current = await deps.agreements.get(agreementId);
  if (!current) return 'not-due';
  let outcome: ReviewOutcome = 'resumed';
  if (!current.review) {
    const manager = current.status === 'booked' || current.status === 'signed' ? await deps.directory.getManager(current.terms.superviseeId).catch(() => undefined) : undefined;
    // The first look remembers the supervisee's line manager: a later change of them is a change of supervisor (review.ts).
    if (manager && current.lineManagerId === undefined) {
      const seen = manager.id;
      current = (await deps.agreements.apply(current.id, (a) => {
        if (!a || a.lineManagerId !== undefined) return { result: a };
        const next: Agreement = { ...a, lineManagerId: seen };
        return { next, result: next };
      })) ?? current;
    }
    const offerFrom = reviewOfferDate(deps.calendar, current.terms.reviewDate, deps.reviewLeadWorkingDays ?? DEFAULT_REVIEW_LEAD_WORKING_DAYS);
    const trigger = reviewTrigger(current, deps.today(), manager?.id, offerFrom);
    if (!trigger) return 'not-due';
    const now = deps.now();
    const terms = renewalTerms(current, trigger, deps.today());
    const sessions = await deps.agreements.sessions(current.id);
    const lastSession = sessions.filter((s) => s.status !== 'cancelled' && s.date < terms.agreementDate).map((s) => s.date).sort().pop();
    const supervisorName = trigger.supervisorId === current.terms.supervisorId
      ? (current.parties?.supervisorName ?? 'your supervisor')
      : ((await deps.directory.getPerson(trigger.supervisorId))?.displayName ?? 'your new supervisor');
    const draft = draftAgreement({ id: successorIdOf(current.id), terms, now, parties: { supervisorName, superviseeName: current.parties?.superviseeName ?? 'your supervisee' } });
    const successor: Agreement = { ...sendToSupervisee(draft, terms.supervisorId, now), renews: { agreementId: current.id, ...(lastSession ? { lastSession } : {}) } };
    await deps.agreements.create(successor);
    await Promise.all([
      deps.agreements.link(terms.supervisorId, { agreementId: successor.id, party: 'supervisor', createdAt: now }),
      deps.agreements.link(terms.superviseeId, { agreementId: successor.id, party: 'supervisee', createdAt: now }),
    ]);
    const offer: AgreementReviewOffer = { reason: trigger.reason, successorId: successor.id, offeredAt: now, sentTo: {} };
    current = await deps.agreements.apply(current.id, (a) => {
      if (!a) return { result: undefined };
      if (a.review) return { result: a };
      const next: Agreement = { ...a, review: offer, updatedAt: now };
      return { next, result: next };
    });
    if (!current?.review) return 'not-due';
    outcome = 'offered';
  }
  const review = current.review;
  if (!review) return 'not-due';
  const successor = await deps.agreements.get(review.successorId);
  // Signed (or changed hands) since: the cards did their work, or the card in the chat is the latest.
  if (!successor || (successor.status !== 'awaiting-supervisee' && successor.status !== 'awaiting-supervisor' && successor.status !== 'changes-requested')) return outcome === 'offered' ? 'offered' : 'not-due';
  let sent = false;
  let gaveUp = false;
  for (const party of PARTIES) {
    if (review.sentTo[party] || review.gaveUp?.[party]) continue;
    const personId = party === 'supervisor' ? successor.terms.supervisorId : successor.terms.superviseeId;
    // The attempt is claimed (ETag write) before the send: instances share one count, a crash
    // mid-send still counts, and the backoff decides on what is stored.
    const attemptAt = deps.now();
    const claim = await deps.agreements.apply(current.id, (a): Outcome<Agreement, 'send' | 'wait' | 'stop'> => {
      const r = a?.review;
      if (!r || r.sentTo[party] || r.gaveUp?.[party]) return { result: 'wait' };
      const due = reviewSendDue(r.attempts?.[party], attemptAt);
      if (due === 'wait') return { result: 'wait' };
      if (due === 'stop') return { next: { ...a, review: { ...r, gaveUp: { ...r.gaveUp, [party]: attemptAt } } }, result: 'stop' };
      const count = (r.attempts?.[party]?.count ?? 0) + 1;
      return { next: { ...a, review: { ...r, attempts: { ...r.attempts, [party]: { count, lastAt: attemptAt } } } }, result: 'send' };
    });
    if (claim === 'stop') {
      // Recorded on the agreement (gaveUp) and said by code, never by name (no personal data in logs).
      deps.log?.warn('agreement-review.unreachable', { agreementId: current.id, party, attempts: REVIEW_SEND_MAX_ATTEMPTS });
      gaveUp = true;
      continue;
    }
    if (claim !== 'send') continue;
    if ((await deps.sendReview(successor, personId, review.reason)) !== 'delivered') continue;
    sent = true;
    const at = deps.now();
    await deps.agreements.apply(current.id, (a) => {
      if (!a?.review || a.review.sentTo[party]) return { result: undefined };
      return { next: { ...a, review: { ...a.review, sentTo: { ...a.review.sentTo, [party]: at } } }, result: undefined };
    });
  }
  if (outcome === 'offered') return 'offered';
  return sent ? 'sent' : gaveUp ? 'gave-up' : 'not-due';
}

/**
 * Once both have signed the reviewed agreement (the booking job, before it books the year): the
 * agreement it renews records its review (renewedBy: the obligations count it as the review,
 * history-of.ts), and after a change of supervisor that agreement ends, its future meetings
 * cancelled in Outlook (end-agreement.ts), because the new supervisor's year is booked from
 * tomorrow. After a review at its date, the old year runs to its end and the new one starts the
 * day after, so nothing is booked twice and nothing left out. Idempotent.
 */
export async function completeRenewal(deps: EndAgreementDeps, agreementId: string): Promise<void> {
  const successor = await deps.agreements.get(agreementId);
  if (!successor?.renews || (successor.status !== 'signed' && successor.status !== 'booked')) return;
  const signedAt = successor.signatures.supervisor?.signedAt ?? deps.now();
  const signedOn = utcToLondon(signedAt).date;
  const previous = await deps.agreements.apply(successor.renews.agreementId, (a) => {
    if (!a) return { result: undefined };
    if (a.renewedBy) return { result: a };
    const next: Agreement = { ...a, renewedBy: { agreementId: successor.id, signedOn, from: successor.terms.agreementDate }, updatedAt: deps.now() };
    return { next, result: next };
  });
  if (previous?.review?.reason === 'change-of-supervisor' && previous.status !== 'ended') {
    await endAgreement(deps, previous.id, 'change-of-supervisor', previous.terms.supervisorId);
  }
}
