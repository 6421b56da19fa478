/**
 * How a failed Graph call is retried (Graph docs, concepts/throttling.md "Best practices to
 * handle throttling": wait the Retry-After seconds; without it, back off exponentially).
 */
export interface RetryPolicy {
  /** Attempts per request (or batch sub-request) before it is reported as failed. */
  readonly maxAttempts: number;
  /** First backoff for 5xx and timeouts; doubles each attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Per-request timeout; a sequential batch gets this for each sub-request it carries. */
  readonly requestTimeoutMs: number;
  readonly random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  requestTimeoutMs: 30_000,
  random: Math.random,
};

export type Verdict =
  | { readonly kind: 'ok' }
  /** Never ran (424: an earlier request of its sequential batch failed): resend, no attempt spent. */
  | { readonly kind: 'not-run' }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly throttled: boolean; readonly reason: string }
  | { readonly kind: 'fail'; readonly reason: string };

/** Retry-After is whole seconds in Graph; an HTTP date is accepted too. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/**
 * status -1 stands for no answer (network error or our timeout). The request may still have
 * run; resending is safe only because every write carries an idempotency key (transactionId).
 */
export function judge(policy: RetryPolicy, status: number, retryAfter: string | null | undefined, attempt: number, nowMs: number): Verdict {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 424) return { kind: 'not-run' };
  const after = parseRetryAfter(retryAfter, nowMs);
  if (status === 429) {
    // A little jitter on top so callers that were throttled together do not return together.
    const delayMs = (after ?? backoffMs(policy, attempt)) + Math.round(policy.random() * 100);
    return { kind: 'retry', delayMs, throttled: true, reason: 'throttled (429)' };
  }
  if (status === -1 || status === 408 || status >= 500) {
    const delayMs = Math.max(after ?? 0, backoffMs(policy, attempt));
    return { kind: 'retry', delayMs, throttled: false, reason: status === -1 ? 'no response (timeout or network)' : `HTTP ${status}` };
  }
  return { kind: 'fail', reason: `HTTP ${status}` };
}
