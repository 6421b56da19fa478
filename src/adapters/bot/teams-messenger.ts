import type { Notifier } from '../../conversation/notifier.js';
import { text } from '../../conversation/reply.js';
import type { Messenger, OutboundMessage, SendOptions, SendOutcome } from '../../domain/ports/messenger.js';

function render(message: OutboundMessage): string {
  return [`**${message.title}**`, message.text, ...message.facts.map((f) => `${f.title}: ${f.value}`)].filter((l) => l.trim() !== '').join('\n\n');
}

/**
 * Reminders, nudges and escalations as proactive 1:1 Teams messages. Someone the bot cannot reach
 * (never opened the app, or blocked it) is reported as 'blocked', so the sweep falls back to
 * e-mail. Card buttons (acknowledge, rebook, add a note, open the record) are not offered yet.
 */
export function createTeamsMessenger(notifier: Notifier): Messenger {
  return {
    channel: 'teams',
    honoursIdempotencyKey: false,
    async send(personId: string, message: OutboundMessage, _options: SendOptions): Promise<SendOutcome> {
      const outcome = await notifier.notify(personId, [text(render(message))]);
      return outcome === 'delivered'
        ? { status: 'delivered', channel: 'teams' }
        : { status: 'blocked', channel: 'teams', reason: 'no reachable personal chat with the bot' };
    },
  };
}
