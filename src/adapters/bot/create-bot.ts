import { ConversationState } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Config } from '../../config/schema.js';
import type { ConversationContext } from '../../conversation/context.js';
import type { Notifier } from '../../conversation/notifier.js';
import type { VersionedStore } from '../../domain/ports/storage.js';
import type { Logger } from '../../observability/logger.js';
import type { AppTokens } from '../identity/confidential-client.js';
import type { StorageTarget } from '../storage/index.js';
import { botEndpoint } from './bot-endpoint.js';
import { ConversationReferences, type StoredReference } from './conversation-references.js';
import { createConversationStorage } from './conversation-storage.js';
import { createAdapter } from './create-adapter.js';
import { BotNotifier } from './notifier.js';
import { SupervisionBot } from './supervision-bot.js';

export { ZStoredReference } from './conversation-references.js';

export interface BotChannelDeps {
  readonly config: Config;
  readonly log: Logger;
  /** The app's storage account (connection string, or account URLs and a token credential). */
  readonly storage: StorageTarget | string;
  readonly referenceStore: VersionedStore<StoredReference>;
  /** Tenant mode: the app's confidential client, which a federated bot credential gets its tokens from. */
  readonly appTokens?: AppTokens;
}

export interface ServeDeps {
  readonly now: () => string;
  /** Called when Teams says a meeting the bot is in has ended, with the meeting's join URL. */
  readonly onMeetingEnd?: (joinUrl: string) => Promise<void>;
}

/**
 * Everything Bot Framework-specific, assembled behind two steps so the composition root never
 * sees the SDK (the Agents SDK can replace this folder alone): the channel first — the proactive
 * notifier every background job and escalation needs — and then, once the conversation is wired
 * to it, the HTTP handler that serves turns.
 */
export interface BotChannel {
  readonly notifier: Notifier;
  readonly references: ConversationReferences;
  serve(conversation: ConversationContext, deps: ServeDeps): (req: Request, res: Response) => Promise<void>;
}

export function createBotChannel(deps: BotChannelDeps): BotChannel {
  const adapter = createAdapter(deps.config, deps.log, deps.appTokens);
  const references = new ConversationReferences(deps.referenceStore);
  const appId = deps.config.SUPERVISION_MODE === 'tenant' ? deps.config.MICROSOFT_APP_ID : '';
  const notifier = new BotNotifier(adapter, references, appId, deps.log);
  return {
    notifier,
    references,
    serve(conversation, serve) {
      const conversationState = new ConversationState(createConversationStorage(deps.storage, 'bot-state'));
      // Tenant mode: only Teams may say who is acting (issue 16); the sandbox's channels are all this machine's.
      const personChannels = deps.config.SUPERVISION_MODE === 'tenant' ? ['msteams'] : undefined;
      const bot = new SupervisionBot(conversation, deps.log, { conversationState, references, now: serve.now, onMeetingEnd: serve.onMeetingEnd, personChannels });
      return botEndpoint(adapter, bot);
    },
  };
}
