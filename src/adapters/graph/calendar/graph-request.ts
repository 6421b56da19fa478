import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import { AppError, type ErrorCode } from '../../../domain/errors.js';
import type { Logger } from '../../../observability/logger.js';
import { retry, transientStatus, type RetryClock } from '../../retry.js';
import { countRetry, type GraphCalendarStats } from './calendar-stats.js';
import type { MailboxLimiter } from './mailbox-limiter.js';
import { limitsOf, type RetryPolicy } from './retry-policy.js';

/** What every calendar request needs: one per GraphCalendar instance. */
export interface CalendarContext {
  readonly client: Client;
  /** The Graph base URL the client talks to (e.g. https://graph.microsoft.com/v1.0), when known. */
  readonly baseUrl?: string | undefined;
  readonly limiter: MailboxLimiter;
  readonly policy: RetryPolicy;
  readonly stats: GraphCalendarStats;
  readonly log: Logger;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * The Graph client's retry middleware is switched off for every request sent here: it would
 * retry a whole $batch on a top-level 429/503/504 (resending sub-requests that already
 * succeeded), it cannot see the 429s inside a batch's 200 at all, and it sleeps while this
 * adapter still holds the mailbox's concurrency slot. This adapter retries instead, per
 * sub-request, obeying Retry-After with the slot released.
 */
export const noClientRetry = (): RetryHandlerOptions[] => [new RetryHandlerOptions(0, 0)];

/** The HTTP status of a Graph client error; -1 for no answer (network error or our timeout). */
export function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status > 0 ? status : -1;
}

export function retryAfterOf(error: unknown): string | null {
  const headers = (error as { headers?: unknown } | null)?.headers;
  if (headers && typeof (headers as Headers).get === 'function') return (headers as Headers).get('retry-after');
  return null;
}

export function codeFor(status: number): ErrorCode {
  if (status === 429) return 'throttled';
  if (status === -1 || status === 408 || status >= 500) return 'unavailable';
  if (status === 404) return 'not_found';
  if (status === 400) return 'invalid_input';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 412) return 'precondition_failed';
  return 'internal';
}

/** The retry module's clock, with the calendar's own sleep and random (both injectable for tests). */
export function clockOf(context: CalendarContext): RetryClock {
  return { now: () => Date.now(), sleep: context.sleep, random: context.policy.random };
}

/**
 * One request outside a batch (a person's address, a cancel, a delta page), holding one of the
 * mailbox's slots for each try and retried by the retry module after Retry-After or backoff.
 * `acceptFailure` turns an error status into success (a resent cancel that finds the event gone).
 */
export function sendOne<T>(context: CalendarContext, mailboxId: string, op: string, send: (signal: AbortSignal) => Promise<T>): Promise<T>;
export function sendOne<T>(
  context: CalendarContext,
  mailboxId: string,
  op: string,
  send: (signal: AbortSignal) => Promise<T>,
  acceptFailure: (status: number, attempt: number) => boolean,
): Promise<T | undefined>;
export async function sendOne<T>(
  context: CalendarContext,
  mailboxId: string,
  op: string,
  send: (signal: AbortSignal) => Promise<T>,
  acceptFailure?: (status: number, attempt: number) => boolean,
): Promise<T | undefined> {
  const { limiter, policy, stats } = context;
  let attempts = 0;
  try {
    return await retry<T | undefined>(
      async (attempt) => {
        attempts = attempt;
        const release = await limiter.acquire(mailboxId);
        try {
          stats.httpRequests++;
          return await send(AbortSignal.timeout(policy.requestTimeoutMs));
        } catch (error) {
          if (error instanceof AppError) throw error;
          const status = statusOf(error);
          if (status === 429) stats.throttled++;
          if (acceptFailure?.(status, attempt)) return undefined;
          throw error;
        } finally {
          release();
        }
      },
      {
        policy: limitsOf(policy),
        clock: clockOf(context),
        retryable: (error) => (error instanceof AppError ? undefined : transientStatus(statusOf(error) === -1 ? undefined : statusOf(error), retryAfterOf(error))),
        onRetry: ({ delayMs, transient }) => {
          // Graph's Retry-After is for the mailbox: everyone sharing the limiter waits it out.
          if (transient.throttled) limiter.pause(mailboxId, Date.now() + delayMs);
          countRetry(stats, transient.reason);
        },
      },
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = statusOf(error);
    const code = (error as { code?: unknown } | null)?.code;
    const what = `${status === -1 ? 'no response' : `HTTP ${status}`}${typeof code === 'string' ? ` ${code}` : ''}${attempts > 1 ? ` after ${attempts} attempts` : ''}`;
    throw new AppError(codeFor(status), `Graph ${op} failed: ${what}`, undefined, { cause: error });
  }
}
