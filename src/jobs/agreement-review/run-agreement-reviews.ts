import { isAppError } from '../../domain/errors.js';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
import { offerAgreementReview, type AgreementReviewDeps } from '../../usecases/agreements/agreement-review.js';

/** Agreements whose review may be due: signed or booked ones, and any with an offer still being sent. */
const ACTIVE = new Set(['signed', 'booked']);

/**
 * The `agreement-review` pass (issue 14 item 3): each signed or booked agreement whose review date
 * has come, or whose supervisee has a new manager, comes back pre-filled for both to review and
 * sign (usecases/agreements/agreement-review.ts). Leased, so one instance at a time; every step is
 * idempotent, so a pass cut short (a crash, a lost lease) is finished by the next.
 */
export async function runAgreementReviews(deps: AgreementReviewDeps & { readonly log: Logger }, signal?: AbortSignal): Promise<{ offered: number; sent: number; failed: number; unreachable?: number }> {
  const counts: { offered: number; sent: number; failed: number; unreachable?: number } = { offered: 0, sent: 0, failed: 0 };
  for (const a of await deps.agreements.list()) {
    if (signal?.aborted) break;
    if (!ACTIVE.has(a.status) || a.renewedBy) continue;
    // Done with: both have the card, or whoever has not could not be reached after every attempt.
    if (a.review && (['supervisor', 'supervisee'] as const).every((p) => a.review?.sentTo[p] || a.review?.gaveUp?.[p])) continue;
    try {
      const outcome = await offerAgreementReview(deps, a.id);
      if (outcome === 'offered') counts.offered++;
      else if (outcome === 'sent') counts.sent++;
      else if (outcome === 'gave-up') counts.unreachable = (counts.unreachable ?? 0) + 1;
    } catch (error) {
      // One agreement's trouble must not stop everyone else's review.
      counts.failed++;
      deps.log.warn('agreement-review.failed', { agreementId: a.id, code: isAppError(error) ? error.code : 'internal', ...errorFields(error) });
    }
  }
  return counts;
}
