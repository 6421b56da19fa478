/**
 * A review or milestone's record card goes to the supervisor when its meeting is over (issue 14
 * item 1), as a session's does (send-record-card.ts): the record is created create-only, then the
 * send is claimed by writing cardSentAt under the ETag read, so of two instances only one sends;
 * a send that fails, or finds nobody to send to, releases the claim for the next pass.
 */
import type { Agreement } from '../../domain/agreements/types.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import type { PassIndex } from '../../repositories/pass-index.js';
import { RECORD_CARD_CATCH_UP_DAYS, RECORD_CARD_LOOKBACK_DAYS } from './send-record-card.js';
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

/** How many London days before today the pass reads the index's milestone days (as the record-card pass). */
export const MILESTONE_CARD_LOOKBACK_DAYS = RECORD_CARD_LOOKBACK_DAYS;

/**
 * One pass: each booked milestone of a booked agreement whose meeting ended 15 minutes ago and
 * whose card has not gone out. With the pass index (issue 16 item 5) it reads the milestone days
 * of the last few days and the owed list, as the record-card pass reads sessions; tables without
 * an index are read whole (every agreement, each booked one's milestones). A final milestone
 * record whose hand-over to filing did not complete is retried with every final record (the
 * record-card pass's 'final' list, the filing backstop).
 */
export async function dueMilestoneCards(deps: MilestoneCardDeps, nowIso: string): Promise<Counts> {
  const counts: Counts = { sent: 0, unreachable: 0, 'already-sent': 0, failed: 0 };
  const index = await deps.milestones.ensureIndexed(nowIso, async () => (await deps.agreements.list()).map((a) => a.id));
  if (index) await fromIndex(deps, index, nowIso, counts);
  else await everyAgreement(deps, nowIso, counts);
  return counts;
}

/** 'settled' (its card went out or is not owed), 'owed' (due, not sent this pass) or 'open' (nothing now; may change). */
async function occurrence(
  deps: MilestoneCardDeps,
  ref: { readonly agreementId: string; readonly milestoneId: string; readonly startUtc?: string },
  nowIso: string,
  agreementOf: (agreementId: string) => Promise<Agreement | undefined>,
  counts: Counts,
): Promise<'settled' | 'owed' | 'open'> {
  const agreement = await agreementOf(ref.agreementId);
  if (!agreement || (agreement.status !== 'booked' && agreement.status !== 'ended')) return 'open';
  const milestone = await deps.milestones.get(ref.agreementId, ref.milestoneId);
  // At another time now: the index's entry for that time stands for it.
  if (!milestone || (ref.startUtc !== undefined && milestone.startUtc !== ref.startUtc)) return 'open';
  if (milestone.status === 'held' || milestone.status === 'cancelled') return 'settled';
  if (milestone.status !== 'booked' || !over(milestone, nowIso)) return 'open';
  try {
    const record = await deps.records.get(ref.agreementId, ref.milestoneId);
    if (record && (record.status !== 'draft' || record.cardSentAt)) return 'settled';
    const outcome = await sendMilestoneCard(deps, milestone);
    counts[outcome] += 1;
    return outcome === 'unreachable' ? 'owed' : 'settled';
  } catch (error) {
    counts.failed += 1;
    deps.log?.warn('milestone_cards.send_failed', { agreementId: ref.agreementId, milestoneId: ref.milestoneId, ...errorFields(error) });
    return 'owed';
  }
}

async function fromIndex(deps: MilestoneCardDeps, index: PassIndex, nowIso: string, counts: Counts): Promise<void> {
  const today = utcToLondon(nowIso).date;
  const windowFrom = addDays(today, -MILESTONE_CARD_LOOKBACK_DAYS);
  const carried = await index.cursor('milestone-cards');
  // After a stop (or the first pass), the days since the last one whose owed cards were carried.
  let from = windowFrom;
  if (carried === undefined || carried < windowFrom) {
    const earliest = addDays(today, -RECORD_CARD_CATCH_UP_DAYS);
    from = carried === undefined ? earliest : addDays(carried, 1) > earliest ? addDays(carried, 1) : earliest;
  }
  const seen = new Map<string, Promise<Agreement | undefined>>();
  const agreementOf = (agreementId: string): Promise<Agreement | undefined> => {
    let found = seen.get(agreementId);
    if (!found) seen.set(agreementId, (found = deps.agreements.get(agreementId)));
    return found;
  };
  const owedList = await index.markers('milestone-card');
  const listed = new Set(owedList.map((m) => `${m.value.agreementId}|${m.value.sessionId ?? ''}`));
  const handled = new Set<string>();
  for (let day = from; day <= today; day = addDays(day, 1)) {
    for (const entry of await index.milestonesOn(day)) {
      if (entry.value.cardSettled || Date.parse(entry.value.endUtc) + MILESTONE_CARD_AFTER_MS > Date.parse(nowIso)) continue;
      const ref = `${entry.value.agreementId}|${entry.value.milestoneId}`;
      const state = await occurrence(deps, entry.value, nowIso, agreementOf, counts);
      handled.add(ref);
      if (state === 'settled') await index.settleMilestone(entry);
      // The day leaves the window after this pass: a card still owed goes on the owed list.
      else if (state === 'owed' && day <= windowFrom && !listed.has(ref)) await index.mark('milestone-card', entry.value.agreementId, entry.value.milestoneId);
    }
  }
  if (carried === undefined || carried < windowFrom) await index.setCursor('milestone-cards', windowFrom);
  for (const marker of owedList) {
    const { agreementId, sessionId: milestoneId } = marker.value;
    if (milestoneId === undefined || handled.has(`${agreementId}|${milestoneId}`)) continue;
    const state = await occurrence(deps, { agreementId, milestoneId }, nowIso, agreementOf, counts);
    if (state !== 'owed') await index.forget(marker);
  }
}

/** The pass on tables without an index: every agreement and each booked one's milestones. */
async function everyAgreement(deps: MilestoneCardDeps, nowIso: string, counts: Counts): Promise<void> {
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
}
