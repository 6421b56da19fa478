import { TurnContext, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { VersionedStore } from '../../domain/ports/storage.js';

/** What proactive messages need to reach a person in their 1:1 chat with the bot. */
export const ZStoredReference = z.object({
  reference: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type StoredReference = z.infer<typeof ZStoredReference>;

/**
 * Keeps the latest personal-chat conversation reference of each person, keyed by Entra object id,
 * so reminders and escalations can later be delivered as proactive 1:1 messages.
 */
export class ConversationReferences {
  constructor(private readonly store: VersionedStore<StoredReference>) {}

  async remember(context: TurnContext, now: string): Promise<void> {
    const activity = context.activity;
    const personId = activity.from?.aadObjectId;
    if (!personId || activity.conversation?.conversationType !== 'personal') return;
    const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
    // Last writer wins is right here: the newest reference is the one that works.
    await this.store.upsert({ partition: 'personal', id: personId }, { reference: reference as Record<string, unknown>, updatedAt: now });
  }

  async find(personId: string): Promise<Partial<ConversationReference> | undefined> {
    const stored = await this.store.get({ partition: 'personal', id: personId });
    return stored?.value.reference as Partial<ConversationReference> | undefined;
  }
}
