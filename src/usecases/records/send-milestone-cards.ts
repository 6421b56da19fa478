/**
 * A review or milestone's record card goes to the supervisor when its meeting is over (issue 14
 * item 1), as a session's does (send-record-card.ts): the record is created create-only, then the
 * send is claimed by writing cardSentAt under the ETag read, so of two instances only one sends;
 * a send that fails, or finds nobody to send to, releases the claim for the next pass.
 */
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
import { openMilestoneRecord, type MilestoneRecordDeps } from './milestone-record.js';

/** A milestone's card goes this long after its scheduled end, like a session's record card. */
export const MILESTONE_CARD_AFTER_MS = 15 * 60_000;

export interface MilestoneCardDeps extends MilestoneRecordDeps {
  /** Puts the milestone's record card in front of its supervisor; 'unreachable' when there is no chat yet. */
  readonly deliverCard: (record: SessionRecord, milestone: PlannedMilestone) => Promise<'delivered' | 'unreachable'>;
  readonly log?: Logger | undefined;
}

export type MilestoneCardOutcome = 'sent' | 'unreachable' | 'already-sent';

function over(m: PlannedMilestone, nowIso: string): boolean {
  return Date.parse(m.endUtc) + MILESTONE_CARD_AFTER_MS <= Date.parse(nowIso);
}

/** Sends one milestone's record card unless it went already. */
export async function sendMilestoneCard(deps: MilestoneCardDeps, milestone: PlannedMilestone): Promise<MilestoneCardOutcome> {
  await openMilestoneRecord(deps, milestone.agreementId, milestone.milestoneId);
  const sentAt = deps.now();
  const claimed = await deps.records.apply(milestone.agreementId, milestone.milestoneId, (stored) =>
    !stored || stored.status !== 'draft' || stored.cardSentAt ? { result: undefined } : { next: { ...stored, cardSentAt: sentAt }, result: { ...stored, cardSentAt: sentAt } });
  if (!claimed) return 'already-sent';
  const release = async (): Promise<void> => {
    await deps.records.apply(milestone.agreementId, milestone.milestoneId, (stored) => {
      if (!stored || stored.cardSentAt !== sentAt) return { result: undefined };
      const { cardSentAt: _sent, ...rest } = stored;
      return { next: rest, result: undefined };
    }).catch(() => undefined);
  };
  try {
    if ((await deps.deliverCard(claimed, milestone)) === 'delivered') return 'sent';
    await release();
    return 'unreachable';
  } catch (error) {
    await release();
    throw error;
  }
}

type Counts = Record<MilestoneCardOutcome | 'failed', number>;

/**
 * One pass: each booked milestone of a booked agreement whose meeting ended 15 minutes ago and
 * whose card has not gone out. Reads the agreements and each booked one's milestones (one
 * partition each). A final milestone record whose hand-over to filing did not complete is retried
 * with every final record (the record-card pass's 'final' list, the filing backstop).
 */
export async function dueMilestoneCards(deps: MilestoneCardDeps, nowIso: string): Promise<Counts> {
  const counts: Counts = { sent: 0, unreachable: 0, 'already-sent': 0, failed: 0 };
  for (const agreement of await deps.agreements.list()) {
    if (agreement.status !== 'booked' && agreement.status !== 'ended') continue;
    const due = (await deps.milestones.list(agreement.id)).filter((m) => m.status === 'booked' && over(m, nowIso));
    for (const milestone of due) {
      try {
        const record = await deps.records.get(agreement.id, milestone.milestoneId);
        if (record && (record.status !== 'draft' || record.cardSentAt)) continue;
        counts[await sendMilestoneCard(deps, milestone)] += 1;
      } catch (error) {
        counts.failed += 1;
        deps.log?.warn('milestone_cards.send_failed', { agreementId: agreement.id, milestoneId: milestone.milestoneId, ...errorFields(error) });
      }
    }
  }
  return counts;
}
