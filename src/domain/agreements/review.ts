/**
 * The agreement's review (issue 14 item 3): when it comes back to both people, and the agreement
 * it comes back as. Pure.
 *
 * - At its review date (Sefton ¶8.1 (L251) "normally after 12 months"; Leeds §B (L97) "reviewed
 *   annually"; the date both signed, within the policy's interval, agreements/form.ts);
 * - at a change of supervisor (Sefton ¶8.1 (L251) / App 1 note (L466); Camden §6 (L86): negotiated
 *   when the social worker changes manager): the directory names someone else as the
 *   supervisee's manager.
 * The next agreement is this one's terms, pre-filled: the year after this one's (no gap, no
 * overlap with what is booked), or from tomorrow with the new supervisor.
 */
import { parseInstant } from '../calendar/instant.js';
import { addDays, addMonths, diffDays } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { addWorkingDays } from '../calendar/working-calendar.js';
import type { ObligationId } from '../obligations/obligation-id.js';
import type { ObligationKind } from '../obligations/types.js';
import type { Agreement, AgreementReviewOffer, AgreementTerms } from './types.js';

export interface ReviewTrigger {
  readonly reason: AgreementReviewOffer['reason'];
  /** Who supervises under the reviewed agreement. */
  readonly supervisorId: string;
}

/**
 * How many working days before the review date the agreement comes back, when the council sets no
 * other (AGREEMENT_REVIEW_LEAD_WORKING_DAYS). No policy says how far ahead (Sefton ¶8.1 (L251)
 * sets the date, Leeds §B (L97) and Camden §6 (L86) "annually"), so it is local configuration
 * (conventions.md K13): two working weeks for both to read, change and sign it before the date,
 * and for the next year to be booked before this one ends.
 */
export const DEFAULT_REVIEW_LEAD_WORKING_DAYS = 10;

/** The day the review is offered: `leadWorkingDays` working days before the review date (K1 counting, backwards). */
export function reviewOfferDate(calendar: WorkingCalendar, reviewDate: LocalDate, leadWorkingDays: number): LocalDate {
  return addWorkingDays(calendar, reviewDate, -leadWorkingDays);
}

/**
 * Whether the agreement comes back for its review today; undefined when not (or already offered or
 * renewed). `offerFrom` is the first day it comes back for its date (reviewOfferDate; the review
 * date itself when not given).
 */
export function reviewTrigger(agreement: Agreement, today: LocalDate, currentManagerId: string | undefined, offerFrom: LocalDate = agreement.terms.reviewDate): ReviewTrigger | undefined {
  if (agreement.status !== 'booked' && agreement.status !== 'signed') return undefined;
  if (agreement.review || agreement.renewedBy) return undefined;
  const t = agreement.terms;
  // A change of supervisor: the supervisor was the supervisee's line manager (agreement.lineManagerId,
  // as first seen) and the directory now names someone else. Supervision by someone other than the
  // line manager is not a change; nor is the directory naming the supervisee as their own manager.
  const wasLineManaged = agreement.lineManagerId !== undefined && agreement.lineManagerId === t.supervisorId;
  if (wasLineManaged && currentManagerId && currentManagerId !== t.supervisorId && currentManagerId !== t.superviseeId) {
    return { reason: 'change-of-supervisor', supervisorId: currentManagerId };
  }
  if (today >= (offerFrom < t.reviewDate ? offerFrom : t.reviewDate)) return { reason: 'review-date', supervisorId: t.supervisorId };
  return undefined;
}

/** The first day after the agreement's year: sessions are booked in [agreementDate, agreementDate + 12 months). */
export function yearEnd(terms: Pick<AgreementTerms, 'agreementDate'>): LocalDate {
  return addMonths(terms.agreementDate, 12);
}

/** The pre-filled agreement's id: one per agreement, so an offer made twice (a crash, two instances) makes one. */
export function successorIdOf(agreementId: string): string {
  return `${agreementId}-next`;
}

/**
 * The reviewed agreement's terms: this one's, from the day after this year (or tomorrow, when
 * that has passed or the supervisor changed), with the review the same span after its start.
 */
export function renewalTerms(agreement: Agreement, trigger: ReviewTrigger, today: LocalDate): AgreementTerms {
  const t = agreement.terms;
  const end = yearEnd(t);
  const start = trigger.reason === 'review-date' && end > today ? end : addDays(today, 1);
  // The phase is the one the supervisee was in a year ago; the planner places the phases from the employment start.
  return { ...t, phaseId: undefined, supervisorId: trigger.supervisorId, agreementDate: start, reviewDate: addDays(start, diffDays(t.agreementDate, t.reviewDate)) };
}

/**
 * After a renewal, what the next year asks afresh (its supervision sessions, case discussions, the
 * PDR, observations and ASYE milestones) and falls due from the day it starts is the next
 * agreement's to meet: the sweep leaves it out here, so nobody is reminded or escalated twice for
 * one supervision year. What is this agreement's own stays with it whatever its date: its review
 * (held late, it is still this one's), its sessions' records and postponements, its actions.
 */
export function handedOver(agreement: Pick<Agreement, 'renewedBy'>, obligation: Pick<ObligationId, 'kind' | 'due'> | undefined): boolean {
  if (agreement.renewedBy === undefined || obligation === undefined || obligation.due === null) return false;
  return !OWN_KINDS.has(obligation.kind) && obligation.due >= agreement.renewedBy.from;
}

const OWN_KINDS: ReadonlySet<ObligationKind> = new Set<ObligationKind>([
  'record-shared', 'record-signed', 'postponement-rebooked', 'postponement-reason', 'postponement-recorded', 'agreement-signed', 'agreement-review', 'action-overdue',
]);

/**
 * A person the bot cannot reach (no chat with the bot yet, or the send fails) is tried again with
 * a growing wait, then no more (issue 14): minutes to wait after attempt n (1-based) before the
 * next. Seven attempts over about four days; then the offer stops for that person and says so.
 */
export const REVIEW_SEND_BACKOFF_MINUTES: readonly number[] = [15, 60, 240, 720, 1440, 2880];
export const REVIEW_SEND_MAX_ATTEMPTS = REVIEW_SEND_BACKOFF_MINUTES.length + 1;

/** Whether to try a person now: 'send', 'wait' (backing off) or 'stop' (every attempt used). Pure. */
export function reviewSendDue(attempts: { readonly count: number; readonly lastAt: string } | undefined, nowIso: string): 'send' | 'wait' | 'stop' {
  if (!attempts) return 'send';
  if (attempts.count >= REVIEW_SEND_MAX_ATTEMPTS) return 'stop';
  const wait = REVIEW_SEND_BACKOFF_MINUTES[attempts.count - 1] ?? REVIEW_SEND_BACKOFF_MINUTES[REVIEW_SEND_BACKOFF_MINUTES.length - 1] ?? 0;
  return parseInstant(attempts.lastAt) + wait * 60_000 <= parseInstant(nowIso) ? 'send' : 'wait';
}
