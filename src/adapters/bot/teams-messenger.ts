import { escalationCardFor } from '../../cards/escalation-card.js';
import type { Notifier } from '../../conversation/notifier.js';
import { card, text, type Reply } from '../../conversation/reply.js';
import type { AppInstaller, Messenger, OutboundMessage, SendOptions, SendOutcome } from '../../domain/ports/messenger.js';

export type { AppInstaller };

function render(message: OutboundMessage): string {
  return [`**${message.title}**`, message.text, ...message.facts.map((f) => `${f.title}: ${f.value}`)].filter((l) => l.trim() !== '').join('\n\n');
}

/** A card with one section and buttons per item (cards/escalation.json) when the message has items; text otherwise. */
export function teamsReplies(message: OutboundMessage): Reply[] {
  if (message.items && message.items.length > 0) return [card(escalationCardFor(message), message.title)];
  return [text(render(message))];
}

export interface TeamsMessengerOptions {
  /** Reach people who never talked to the bot: install the app, wait for the reference, send again. */
  readonly installer?: AppInstaller | undefined;
  /** Whether a personal-chat reference is stored for the person (ConversationReferences.find). */
  readonly hasReference?: ((personId: string) => Promise<boolean>) | undefined;
  /** How long to wait for the installationUpdate to store a reference (default 8 s). */
  readonly referenceWaitMs?: number | undefined;
  readonly pollMs?: number | undefined;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reminders, nudges and escalations as proactive 1:1 Teams messages, as an Adaptive Card with the
 * next actions (issue 6 item 4). Someone without a personal chat with the bot gets the app
 * installed through Graph first (when an installer is given) and the message is sent once the
 * bot has stored their reference; if that does not happen, or the person blocked the bot, the
 * answer is 'blocked' and the sweep falls back to e-mail.
 */
export function createTeamsMessenger(notifier: Notifier, options: TeamsMessengerOptions = {}): Messenger {
  const sleep = options.sleep ?? pause;
  // One install and one wait per person per process: someone whose reference never arrives
  // (Teams not licensed, app blocked by policy) must not hold up every later sweep.
  const attempted = new Set<string>();
  return {
    channel: 'teams',
    honoursIdempotencyKey: false,
    async send(personId: string, message: OutboundMessage, _options: SendOptions): Promise<SendOutcome> {
      const replies = teamsReplies(message);
      if ((await notifier.notify(personId, replies)) === 'delivered') return { status: 'delivered', channel: 'teams' };
      const { installer, hasReference } = options;
      // A stored reference that fails is a blocked bot or a gone chat: installing again changes nothing.
      if (!installer || !hasReference || attempted.has(personId) || (await hasReference(personId))) {
        return { status: 'blocked', channel: 'teams', reason: 'no reachable personal chat with the bot' };
      }
      attempted.add(personId);
      const installed = await installer.install(personId);
      if (installed === 'failed') return { status: 'blocked', channel: 'teams', reason: 'the app could not be installed for the person' };
      const wait = options.referenceWaitMs ?? 8000;
      const poll = options.pollMs ?? 500;
      for (let waited = 0; waited <= wait; waited += poll) {
        if (await hasReference(personId)) {
          return (await notifier.notify(personId, replies)) === 'delivered'
            ? { status: 'delivered', channel: 'teams' }
            : { status: 'blocked', channel: 'teams', reason: 'installed, but the personal chat did not accept the message' };
        }
        await sleep(poll);
      }
      return { status: 'blocked', channel: 'teams', reason: 'installed, but no personal chat reference arrived in time' };
    },
  };
}

/**
 * The sweep's Teams messenger as the composition root wires it: cards through the bot's notifier,
 * and, when an installer is given, people who never talked to the bot get the app installed and
 * the message once their personal-chat reference is stored (the bot stores it on every turn,
 * the installationUpdate included).
 */
export function createEscalationMessenger(deps: {
  readonly notifier: Notifier;
  readonly references: { find(personId: string): Promise<{ conversation?: { id?: string } | undefined; serviceUrl?: string | undefined } | undefined> };
  readonly installer?: AppInstaller | undefined;
  readonly referenceWaitMs?: number | undefined;
}): Messenger {
  return createTeamsMessenger(deps.notifier, {
    installer: deps.installer,
    hasReference: async (personId) => {
      const r = await deps.references.find(personId);
      return Boolean(r?.conversation?.id && r.serviceUrl);
    },
    referenceWaitMs: deps.referenceWaitMs,
  });
}
