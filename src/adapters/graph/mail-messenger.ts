import type { Client } from '@microsoft/microsoft-graph-client';
import type { Message } from '@microsoft/microsoft-graph-types';
import type { Messenger, OutboundMessage, SendOptions, SendOutcome } from '../../domain/ports/messenger.js';

export interface MailMessengerOptions {
  readonly graph: Client;
  /** The service mailbox the mail is sent from (POST /users/{senderId}/sendMail; Mail.Send on it only). */
  readonly senderId: string;
  /** The person's e-mail address from the directory. */
  readonly addressOf: (personId: string) => Promise<string | undefined>;
}

function statusOf(error: unknown): number | undefined {
  const s = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === 'number' ? s : undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cards do not survive e-mail: the text and facts become a plain HTML body. */
export function mailBody(message: OutboundMessage): string {
  const paragraphs = message.text.split('\n').map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  const facts = message.facts.length === 0 ? '' : `<table>${message.facts.map((f) => `<tr><th align="left">${escapeHtml(f.title)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</table>`;
  const next = message.actions.length === 0 ? '' : `<p>Open Supervision Assistant in Teams to: ${escapeHtml([...new Set(message.actions.map((a) => a.title.toLowerCase()))].join(', '))}.</p>`;
  return `${paragraphs}${facts}${next}`;
}

/**
 * The e-mail fallback for people who blocked the bot (issue 6 "Delivery"): Graph sendMail from
 * a service mailbox. sendMail has no idempotency key, so this messenger cannot dedupe a resend;
 * it says so (honoursIdempotencyKey false) and the sweep does not resend after a crash.
 * Retry-After on 429/503/504 is the Graph client's retry middleware's job (graph-client.ts).
 */
export function createMailMessenger(options: MailMessengerOptions): Messenger {
  return {
    channel: 'mail',
    honoursIdempotencyKey: false,
    async send(personId: string, message: OutboundMessage, send: SendOptions): Promise<SendOutcome> {
      const address = await options.addressOf(personId);
      if (!address) return { status: 'failed', channel: 'mail', reason: 'no-mail-address', retryable: false };
      const mail: Message = {
        subject: message.title,
        body: { contentType: 'html', content: mailBody(message) },
        toRecipients: [{ emailAddress: { address } }],
        // Lets a mailbox rule or an operator spot a duplicate; Graph itself does not dedupe on it.
        internetMessageHeaders: [{ name: 'X-Supervision-Key', value: send.idempotencyKey.replace(/[^\x20-\x7e]/g, '') }],
      };
      try {
        await options.graph.api(`/users/${encodeURIComponent(options.senderId)}/sendMail`).post({ message: mail, saveToSentItems: true });
        return { status: 'delivered', channel: 'mail' };
      } catch (error) {
        const status = statusOf(error);
        const retryable = status === undefined || status === 429 || status >= 500;
        return { status: 'failed', channel: 'mail', reason: status === undefined ? 'unreachable' : `HTTP ${status}`, retryable };
      }
    },
  };
}
