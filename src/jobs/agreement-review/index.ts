import type { Logger } from '../../observability/logger.js';
import type { AgreementReviewDeps } from '../../usecases/agreements/agreement-review.js';
import { every, type PeriodicJob } from '../registry.js';
import { runAgreementReviews } from './run-agreement-reviews.js';

/** How often the pass looks for agreements whose review is due. */
export const AGREEMENT_REVIEW_EVERY_MS = 15 * 60_000;

/**
 * The agreement back for its review (issue 14 item 3), one instance at a time: a 60-second lease,
 * renewed while the pass runs (a blob lease lasts 15–60 seconds; the 300 this pass once asked for
 * was refused by storage, so every pass failed with invalid_input before reading anything).
 */
export function agreementReviewJob(deps: AgreementReviewDeps & { readonly log: Logger }, everyMs = AGREEMENT_REVIEW_EVERY_MS): PeriodicJob {
  return every('agreement-review', everyMs, (signal) => runAgreementReviews(deps, signal), {
    leaseSeconds: 60,
    busy: (counts) => (counts['offered'] ?? 0) + (counts['sent'] ?? 0) + (counts['failed'] ?? 0) + (counts['unreachable'] ?? 0) > 0,
  });
}
