import { TurnContext, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { VersionedStore } from '../../domain/ports/storage.js';

/** What proactive messages need to reach a person in their 1:1 chat with the bot. */
export const ZStoredReference = z.object({
  reference: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type StoredReference = z.infer<typeof ZStoredReference>;

/** How long a reference this process wrote is trusted to be the stored one before it is written again. */
export const REFERENCE_REFRESH_MS = 15 * 60_000;
/** At most this many people's last writes are remembered (a council's staff fit many times over). */
const REMEMBERED_WRITES = 20_000;

/**
 * Keeps the latest personal-chat conversation reference of each person, keyed by Entra object id,
 * so reminders and escalations can later be delivered as proactive 1:1 messages.
 *
 * Every turn used to write the reference (a storage round trip on every turn, issue 16 item 4),
 * though it changes only when the person's chat does. Now a turn writes it only when it differs
 * from what this process last wrote for the person (the activity's own id aside, which is
 * different every turn and which no proactive message needs), or when that write is older than
 * REFERENCE_REFRESH_MS — so a reference another instance wrote, or one removed from storage, is
 * put right within that time, and a new or changed chat is written before the turn goes on, as
 * before (a proactive message the turn sends finds it).
 */
export class ConversationReferences {
  private readonly written = new Map<string, { readonly key: string; readonly atMs: number }>();

  constructor(
    private readonly store: VersionedStore<StoredReference>,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  async remember(context: TurnContext, now: string): Promise<void> {
    const activity = context.activity;
    const personId = activity.from?.aadObjectId;
    if (!personId || activity.conversation?.conversationType !== 'personal') return;
    const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
    const { activityId: _turnOnly, ...lasting } = reference;
    const key = JSON.stringify(lasting);
    const last = this.written.get(personId);
    const atMs = this.nowMs();
    if (last?.key === key && atMs - last.atMs < REFERENCE_REFRESH_MS) return;
    // Last writer wins is right here: the newest reference is the one that works.
    await this.store.upsert({ partition: 'personal', id: personId }, { reference: reference as Record<string, unknown>, updatedAt: now });
    if (this.written.size >= REMEMBERED_WRITES) this.written.clear();
    this.written.set(personId, { key, atMs });
  }

  async find(personId: string): Promise<Partial<ConversationReference> | undefined> {
    const stored = await this.store.get({ partition: 'personal', id: personId });
    return stored?.value.reference as Partial<ConversationReference> | undefined;
  }
}
