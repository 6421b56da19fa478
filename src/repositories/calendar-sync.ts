/**
 * The calendar sync's own state per supervisor mailbox: the Outlook delta token (so each pass
 * reads only what changed) and the Graph change-notification subscription with its clientState.
 */
import { z } from 'zod';
import type { VersionedStore } from '../domain/ports/storage.js';
import { Collection } from './collection.js';
import type { VersionedStorage } from './storage.js';

export const ZSyncState = z.object({
  token: z.string().min(1),
  syncedAt: z.string(),
  /**
   * The calendarView window the token's round synchronises (a delta token keeps its window for
   * ever); absent in states saved before the window was kept.
   */
  window: z.object({ fromUtc: z.string(), toUtc: z.string() }).optional(),
});
export type SyncState = z.infer<typeof ZSyncState>;

export const ZChangeSubscription = z.object({
  subscriptionId: z.string().min(1),
  clientState: z.string().min(1),
  expiresAt: z.string(),
  /** Made with a lifecycleNotificationUrl (issue 11 item 5); older ones are replaced. */
  lifecycle: z.boolean().optional(),
});
export type ChangeSubscription = z.infer<typeof ZChangeSubscription>;

export const SYNC_STATE_TABLE = 'calendarsync';
export const SUBSCRIPTIONS_TABLE = 'changesubscriptions';
const MAILBOX = 'mailbox';

export interface CalendarSyncTables {
  readonly syncState: VersionedStore<SyncState>;
  readonly subscriptions: VersionedStore<ChangeSubscription>;
}

export function calendarSyncTables(storage: VersionedStorage): CalendarSyncTables {
  return { syncState: storage.versioned(SYNC_STATE_TABLE, ZSyncState), subscriptions: storage.versioned(SUBSCRIPTIONS_TABLE, ZChangeSubscription) };
}

export class CalendarSyncRepository {
  private readonly states: Collection<SyncState, string>;
  private readonly subs: Collection<ChangeSubscription, string>;

  constructor(readonly tables: CalendarSyncTables) {
    this.states = new Collection(tables.syncState, (mailbox) => ({ partition: MAILBOX, id: mailbox }), 'That mailbox has not been synchronised yet.');
    this.subs = new Collection(tables.subscriptions, (mailbox) => ({ partition: MAILBOX, id: mailbox }), 'That mailbox has no change subscription.');
  }

  syncState(mailbox: string): Promise<SyncState | undefined> {
    return this.states.get(mailbox);
  }

  /** The token is saved last in a pass; whoever saves last wins, which is the newest token. */
  saveSyncState(mailbox: string, state: SyncState): Promise<void> {
    return this.states.put(mailbox, state);
  }

  subscription(mailbox: string): Promise<ChangeSubscription | undefined> {
    return this.subs.get(mailbox);
  }

  saveSubscription(mailbox: string, subscription: ChangeSubscription): Promise<void> {
    return this.subs.put(mailbox, subscription);
  }

  /**
   * Each subscription with its mailbox, by subscription id: a lifecycle notification names only its
   * subscription (change-notifications-lifecycle-events.md). One row per supervisor with a booked agreement.
   */
  async subscriptionsById(): Promise<Map<string, { mailbox: string; subscription: ChangeSubscription }>> {
    return new Map((await this.subs.items(MAILBOX)).map((row) => [row.value.subscriptionId, { mailbox: row.key.id, subscription: row.value }]));
  }
}
