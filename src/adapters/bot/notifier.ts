import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Notifier } from '../../conversation/notifier.js';
import type { Reply } from '../../conversation/reply.js';
import type { Logger } from '../../observability/logger.js';
import { parseRetryAfter } from '../graph/calendar/retry-policy.js';
import type { ConversationReferences } from './conversation-references.js';
import { send } from './supervision-bot.js';

/** Backoff when Teams throttles proactive messages (429). */
export interface ThrottleRetry {
  /** Sends per message, the first included (default 5). */
  readonly maxAttempts: number;
  /** Backoff without Retry-After: base × 2^(attempt-1), capped, with equal jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the message is reported unreachable for now. */
  readonly maxRetryAfterMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultThrottleRetry: ThrottleRetry = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function statusOf(error: unknown): number | undefined {
  const s = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === 'number' ? s : undefined;
}

/** Retry-After from the connector's RestError (core-http HttpHeaders or a plain object). */
function retryAfterOf(error: unknown): string | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (name: string) => unknown } & Record<string, unknown>;
  const v = typeof h.get === 'function' ? h.get('retry-after') : h['retry-after'] ?? h['Retry-After'];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/**
 * Proactive 1:1 messages through the stored personal-chat reference (Bot Framework
 * continueConversation). Teams lets a bot message a person only in a conversation that exists,
 * so someone who has never talked to the bot is reported as unreachable rather than guessed at.
 * Teams' rate limits (per bot per conversation, and per tenant) answer 429: the send waits the
 * Retry-After when given, else a jittered exponential backoff, for a bounded number of attempts.
 */
export class BotNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly references: ConversationReferences,
    /** Empty in sandbox mode, where the adapter runs without authentication. */
    private readonly appId: string,
    private readonly log: Logger,
    private readonly retry: ThrottleRetry = defaultThrottleRetry,
  ) {}

  async notify(personId: string, replies: readonly Reply[]): Promise<'delivered' | 'unreachable'> {
    const reference = await this.references.find(personId);
    if (!reference?.conversation?.id || !reference.serviceUrl) return 'unreachable';
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Caught inside the turn: an error escaping it goes to the adapter's onTurnError, which
        // swallows it (and would try to post an apology into the chat), so the send would look delivered.
        let failure: unknown;
        await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, async (context) => {
          try {
            await send(context, replies);
          } catch (error) {
            failure = error;
          }
        });
        if (failure !== undefined) throw failure;
        return 'delivered';
      } catch (error) {
        const status = statusOf(error);
        if (status === 429 && attempt < this.retry.maxAttempts) {
          const after = parseRetryAfter(retryAfterOf(error), Date.now());
          if (after === undefined || after <= this.retry.maxRetryAfterMs) {
            const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
            const delay = after ?? Math.round(ceiling / 2 + (this.retry.random() * ceiling) / 2);
            this.log.info('bot.proactive_throttled', { attempt, delayMs: delay, retryAfter: after !== undefined });
            await this.retry.sleep(delay);
            continue;
          }
        }
        // The reference may be stale (app uninstalled, conversation gone), the person may have
        // blocked the bot (403), or throttling outlasted the retries: report, never throw at the sender.
        this.log.warn('bot.proactive_failed', { error: error instanceof Error ? error.name : 'unknown', status, attempts: attempt });
        return 'unreachable';
      }
    }
  }
}
