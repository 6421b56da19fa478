import type { SandboxStore } from './store.js';
import { lifecycleEvent, type LifecycleEvent } from './subscriptions.js';

/**
 * Fault switches for what a tenant does rarely, on demand (issue 11). The faithful behaviour is
 * the default; each switch makes one documented rarity happen now:
 * - expireDeltaTokens: Outlook drops the delta sync state of every round so far (delta-query-overview.md
 *   "Token duration" and "Synchronization reset"): every deltaLink issued before answers 410 Gone
 *   SyncStateNotFound, and the client must synchronise in full again;
 * - duplicateTransactionIdNext: the next `count` event creates that repeat a transactionId already
 *   used in the mailbox are refused with ErrorDuplicateTransactionId instead of answering with the
 *   existing event (Exchange answers either way);
 * - setTeamsMeetings: a mailbox's calendar offers no online meeting provider (tenant policy, no
 *   Teams licence: outlook-calendar-online-meetings.md), so its events are created without a link;
 * - lifecycle: Graph asks for a mailbox's subscriptions to be reauthorized, removes them, or misses
 *   the next notifications (change-notifications-lifecycle-events.md; subscriptions.ts).
 */
export class SandboxSwitches {
  /** Creates repeating a transactionId still to be refused with ErrorDuplicateTransactionId. */
  duplicateTransactionIdAnswers = 0;

  constructor(private readonly store: () => SandboxStore) {}

  expireDeltaTokens(): void {
    const s = this.store();
    s.deltaEpoch += 1;
    s.changed();
  }

  duplicateTransactionIdNext(count = 1): void {
    this.duplicateTransactionIdAnswers = Math.max(0, Math.floor(count));
  }

  /** True when the next repeat of a transactionId is to be refused (and counts it). */
  takeDuplicateTransactionIdAnswer(): boolean {
    if (this.duplicateTransactionIdAnswers <= 0) return false;
    this.duplicateTransactionIdAnswers -= 1;
    return true;
  }

  /** `mailboxId` is the user's object id. */
  setTeamsMeetings(mailboxId: string, enabled: boolean): void {
    const s = this.store();
    if (enabled) s.teamsOff.delete(mailboxId);
    else s.teamsOff.add(mailboxId);
    s.changed();
  }

  /** `mailboxId` is the user's object id; answers how many lifecycle notifications were sent now. */
  lifecycle(mailboxId: string, event: LifecycleEvent): Promise<number> {
    return lifecycleEvent(this.store(), mailboxId, event);
  }

  reset(): void {
    this.duplicateTransactionIdAnswers = 0;
  }
}
