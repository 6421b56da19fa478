import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Notifier } from '../../conversation/notifier.js';
import type { Reply } from '../../conversation/reply.js';
import type { Logger } from '../../observability/logger.js';
import { errorFields } from '../../observability/error-fields.js';
import { retry, type RetryPolicy } from '../retry.js';
import type { ConversationReferences } from './conversation-references.js';
import { send } from './supervision-bot.js';

/**
 * Backoff when Teams throttles proactive messages (429), in the retry module's terms
 * (src/adapters/retry.ts): Retry-After when given, else base × 2^(attempt-1), capped, with equal
 * jitter. A Retry-After longer than maxRetryAfterMs is not waited for: the message is reported
 * unreachable for now (the sweep tries again another day).
 */
export interface ThrottleRetry extends Pick<RetryPolicy, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'> {
  /** Whole time a send may spend waiting on throttles (default: no limit beyond the attempts). */
  readonly maxElapsedMs?: number;
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
    const { sleep, random, ...limits } = this.retry;
    let attempts = 0;
    try {
      await retry(
        async (attempt) => {
          attempts = attempt;
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
        },
        {
          policy: { ...limits, throttleJitterMs: 0 },
          clock: { now: () => Date.now(), sleep, random },
          // Only Teams' throttling is worth waiting for here; anything else is reported at once.
          retryable: (error) => (statusOf(error) === 429 ? { reason: 'throttled (429)', throttled: true, retryAfter: retryAfterOf(error) } : undefined),
          onRetry: ({ attempt, delayMs, retryAfterMs }) => this.log.info('bot.proactive_throttled', { attempt, delayMs, retryAfter: retryAfterMs !== undefined }),
        },
      );
      return 'delivered';
    } catch (error) {
      // The reference may be stale (app uninstalled, conversation gone), the person may have
      // blocked the bot (403), or throttling outlasted the retries: report, never throw at the sender.
      this.log.warn('bot.proactive_failed', { ...errorFields(error), attempts });
      return 'unreachable';
    }
  }
}
