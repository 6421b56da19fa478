import { dueRecordCards, type RecordCardDeps } from '../../usecases/records/send-record-card.js';
import { every, type PeriodicJob } from '../registry.js';

/**
 * The record card at the scheduled end plus 15 minutes (issue 5 item 2): a pass over booked
 * sessions, one instance at a time (the per-session claim already stops duplicates; the lease
 * saves the reads). Teams' meeting-end event is the fast path (recordCardForMeetingEnd).
 */
export function recordCardsJob(deps: RecordCardDeps, everyMs: number): PeriodicJob {
  return every('record-cards', everyMs, async () => ({ ...(await dueRecordCards(deps, deps.now())) }), {
    leaseSeconds: 60,
    busy: (counts) => (counts['sent'] ?? 0) + (counts['failed'] ?? 0) > 0,
  });
}
