import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Notifier } from '../../conversation/notifier.js';
import type { Reply } from '../../conversation/reply.js';
import type { Logger } from '../../observability/logger.js';
import type { ConversationReferences } from './conversation-references.js';
import { send } from './supervision-bot.js';

/**
 * Proactive 1:1 messages through the stored personal-chat reference (Bot Framework
 * continueConversation). Teams lets a bot message a person only in a conversation that exists,
 * so someone who has never talked to the bot is reported as unreachable rather than guessed at.
 */
export class BotNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly references: ConversationReferences,
    /** Empty in sandbox mode, where the adapter runs without authentication. */
    private readonly appId: string,
    private readonly log: Logger,
  ) {}

  async notify(personId: string, replies: readonly Reply[]): Promise<'delivered' | 'unreachable'> {
    const reference = await this.references.find(personId);
    if (!reference?.conversation?.id || !reference.serviceUrl) return 'unreachable';
    try {
      await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, async (context) => {
        await send(context, replies);
      });
      return 'delivered';
    } catch (error) {
      // The reference may be stale (app uninstalled, conversation gone): report, never throw at the sender.
      this.log.warn('bot.proactive_failed', { error: error instanceof Error ? error.name : 'unknown', status: (error as { statusCode?: number }).statusCode });
      return 'unreachable';
    }
  }
}
