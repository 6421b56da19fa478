import { ConversationState } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Config } from '../../config/schema.js';
import type { ConversationContext } from '../../conversation/context.js';
import type { Notifier } from '../../conversation/notifier.js';
import type { VersionedStore } from '../../domain/ports/storage.js';
import type { Logger } from '../../observability/logger.js';
import { botEndpoint } from './bot-endpoint.js';
import { ConversationReferences, type StoredReference } from './conversation-references.js';
import { createConversationStorage } from './conversation-storage.js';
import { createAdapter } from './create-adapter.js';
import { BotNotifier } from './notifier.js';
import { SupervisionBot } from './supervision-bot.js';

export { ZStoredReference } from './conversation-references.js';

export interface BotDeps {
  readonly config: Config;
  readonly log: Logger;
  /** Given the notifier, so conversation handlers can message the other party proactively. */
  readonly conversation: (notifier: Notifier) => ConversationContext;
  readonly storageConnectionString: string;
  readonly referenceStore: VersionedStore<StoredReference>;
  readonly now: () => string;
  /** Called when Teams says a meeting the bot is in has ended, with the meeting's join URL. */
  readonly onMeetingEnd?: (joinUrl: string) => Promise<void>;
}

/**
 * Everything Bot Framework-specific, assembled behind one function: the composition root gets an
 * HTTP handler and never sees the SDK, so the Agents SDK can replace this folder alone.
 */
export function createBot(deps: BotDeps): {
  messages: (req: Request, res: Response) => Promise<void>;
  references: ConversationReferences;
  notifier: Notifier;
  conversation: ConversationContext;
} {
  const adapter = createAdapter(deps.config, deps.log);
  const conversationState = new ConversationState(createConversationStorage(deps.storageConnectionString, 'bot-state'));
  const references = new ConversationReferences(deps.referenceStore);
  const appId = deps.config.SUPERVISION_MODE === 'tenant' ? deps.config.MICROSOFT_APP_ID : '';
  const notifier = new BotNotifier(adapter, references, appId, deps.log);
  const conversation = deps.conversation(notifier);
  const bot = new SupervisionBot(conversation, deps.log, { conversationState, references, now: deps.now, onMeetingEnd: deps.onMeetingEnd });
  return { messages: botEndpoint(adapter, bot), references, notifier, conversation };
}
