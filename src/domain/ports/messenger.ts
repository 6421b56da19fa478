import type { StepKind } from '../escalation/ladder.js';

/**
 * Sending one message to one person, whatever the channel (Teams 1:1 chat, e-mail). The sweep
 * depends only on this port; adapters live in src/adapters (Graph mail here, Teams proactive
 * messages in src/adapters/bot).
 */
export interface MessageFact {
  readonly title: string;
  readonly value: string;
}

/** The next actions an escalation offers (issue 6 "Delivery"); a card renders them as buttons. */
export interface MessageAction {
  readonly verb: 'acknowledge' | 'rebook' | 'add-note' | 'open-record';
  readonly title: string;
  /** Ids only (agreement, obligation): the handler looks the rest up. */
  readonly data: Readonly<Record<string, string>>;
}

/** One item of a digest, with its own buttons (a card shows several on one message). */
export interface MessageItem {
  /** The rung of the escalation ladder it is on; a card takes its colour from this, never from the wording. */
  readonly step: StepKind;
  readonly heading: string;
  /** What is (or will be) late, and whose supervision it is. */
  readonly what: string;
  readonly facts: readonly MessageFact[];
  readonly actions: readonly MessageAction[];
  /** The policy's words for the rule the item cites, for a card's "Why?" (src/policy/why.ts). */
  readonly why?: { readonly quote: string; readonly label: string };
}

export interface OutboundMessage {
  readonly title: string;
  readonly text: string;
  readonly facts: readonly MessageFact[];
  readonly actions: readonly MessageAction[];
  /** The same content item by item, for channels that render cards (Teams); mail uses text and facts. */
  readonly items?: readonly MessageItem[];
}

export interface SendOptions {
  /**
   * The same key means the same message. A messenger with honoursIdempotencyKey must deliver a
   * key at most once (answering 'delivered' to a repeat without sending it again).
   */
  readonly idempotencyKey: string;
}

export type SendOutcome =
  | { readonly status: 'delivered'; readonly channel: string }
  /** The person blocked the bot (Teams answers 403): another channel may still reach them. */
  | { readonly status: 'blocked'; readonly channel: string; readonly reason: string }
  | { readonly status: 'failed'; readonly channel: string; readonly reason: string; readonly retryable: boolean };

export interface Messenger {
  readonly channel: string;
  /** Whether send() dedupes on the idempotency key (see SendOptions). */
  readonly honoursIdempotencyKey: boolean;
  send(personId: string, message: OutboundMessage, options: SendOptions): Promise<SendOutcome>;
}

/**
 * Installs the app for a person who never opened it (Graph teamwork/installedApps), so Teams
 * creates the personal chat and the bot receives an installationUpdate with its reference.
 */
export interface AppInstaller {
  install(personId: string): Promise<'installed' | 'already-installed' | 'failed'>;
}
