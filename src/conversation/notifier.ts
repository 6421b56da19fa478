import type { Reply } from './reply.js';

/**
 * Proactive messages to one person's personal chat with the bot. 'unreachable' means the channel
 * has no conversation for them yet (they never talked to the bot); nothing was sent.
 */
export interface Notifier {
  notify(personId: string, replies: readonly Reply[]): Promise<'delivered' | 'unreachable'>;
}
