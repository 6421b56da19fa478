import { dueMilestoneCards, type MilestoneCardDeps } from '../../usecases/records/send-milestone-cards.js';
import { every, type PeriodicJob } from '../registry.js';

/**
 * A review or milestone's record card after its meeting (issue 14 item 1): a pass over booked
 * milestones, one instance at a time (the per-milestone claim already stops duplicates; the lease
 * saves the reads).
 */
export function milestoneCardsJob(deps: MilestoneCardDeps, everyMs: number): PeriodicJob {
  return every('milestone-cards', everyMs, async () => ({ ...(await dueMilestoneCards(deps, deps.now())) }), {
    leaseSeconds: 60,
    busy: (counts) => (counts['sent'] ?? 0) + (counts['failed'] ?? 0) > 0,
  });
}
