/**
 * What a calendar call's answer means for a retry. The waits and limits are the adapters' one
 * retry module (src/adapters/retry.ts); this file only reads Graph's statuses, including the
 * 424 a sequential $batch answers for requests it never ran.
 */
import { backoffMs as jitteredBackoff, decideRetry, parseRetryAfter, transientStatus, type RetryPolicy as Limits } from '../../retry.js';

export { parseRetryAfter };

export interface RetryPolicy {
  /** Attempts per request (or batch sub-request) before it is reported as failed. */
  readonly maxAttempts: number;
  /** First backoff for 5xx and timeouts; doubles each attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Per-request timeout; a sequential batch gets this for each sub-request it carries. */
  readonly requestTimeoutMs: number;
  readonly random: () => number;
  /** Time from a request's first try after which it is not tried again (default: no limit). */
  readonly maxElapsedMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  requestTimeoutMs: 30_000,
  random: Math.random,
};

/** Up to this much on top of a Retry-After, so callers throttled together do not return together. */
export const THROTTLE_JITTER_MS = 100;

export type Verdict =
  | { readonly kind: 'ok' }
  /** Never ran (424: an earlier request of its sequential batch failed): resend, no attempt spent. */
  | { readonly kind: 'not-run' }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly throttled: boolean; readonly reason: string }
  | { readonly kind: 'fail'; readonly reason: string }
  /** Still failing when the attempts (or the time) ran out. */
  | { readonly kind: 'gave-up'; readonly reason: string; readonly attempts: number };

/** The calendar's policy in the retry module's terms. */
export function limitsOf(policy: RetryPolicy): Limits {
  return {
    maxAttempts: policy.maxAttempts,
    maxElapsedMs: policy.maxElapsedMs ?? Number.POSITIVE_INFINITY,
    baseDelayMs: policy.baseDelayMs,
    maxDelayMs: policy.maxDelayMs,
    maxRetryAfterMs: Number.POSITIVE_INFINITY,
    throttleJitterMs: THROTTLE_JITTER_MS,
  };
}

/** Exponential backoff with equal jitter (the retry module's), for a 1-based attempt. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return jitteredBackoff(attempt, policy, policy.random);
}

/**
 * status -1 stands for no answer (network error or our timeout). The request may still have
 * run; resending is safe only because every write carries an idempotency key (transactionId).
 * `elapsedMs` is the time since the request's first try.
 */
export function judge(policy: RetryPolicy, status: number, retryAfter: string | null | undefined, attempt: number, nowMs: number, elapsedMs = 0): Verdict {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 424) return { kind: 'not-run' };
  const transient = transientStatus(status === -1 ? undefined : status, retryAfter);
  if (!transient) return { kind: 'fail', reason: `HTTP ${status}` };
  const throttled = transient.throttled === true;
  const decision = decideRetry(limitsOf(policy), { attempt, elapsedMs, throttled, retryAfterMs: parseRetryAfter(retryAfter, nowMs) }, policy.random);
  if (!decision.retry) return { kind: 'gave-up', reason: transient.reason, attempts: attempt };
  return { kind: 'retry', delayMs: decision.delayMs, throttled, reason: transient.reason };
}
