/**
 * The one retry policy of the adapters: Microsoft Graph calls (the Graph client's middleware and
 * the calendar's $batch sub-requests), SharePoint upload fragments, the bot's proactive sends,
 * and the lease renewal. Each caller says what is worth retrying; the arithmetic and the limits
 * live only here:
 *
 * - Retry-After (RFC 9110 §10.2.3: delta-seconds or an HTTP-date) is obeyed, as Graph and Teams
 *   ask (Graph docs, concepts/throttling.md "Best practices to handle throttling");
 * - without it, exponential backoff with "equal jitter" (half fixed, half random), capped, so
 *   clients that failed together do not come back together;
 * - a limit on attempts and on the total time spent, and on how long a Retry-After is worth
 *   waiting (past it, the caller reports failure and its job tries again later).
 *
 * Pure apart from the clock it is given: tests pass their own sleep, random and now.
 */

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly maxAttempts: number;
  /** No retry is started whose wait would end more than this after the first try began. */
  readonly maxElapsedMs: number;
  /** First backoff when there is no Retry-After; doubles each attempt. */
  readonly baseDelayMs: number;
  /** Cap on one backoff (a Retry-After is not capped, it is the service's instruction). */
  readonly maxDelayMs: number;
  /** A Retry-After longer than this ends the retries instead of being waited out. */
  readonly maxRetryAfterMs: number;
  /**
   * Random extra wait, up to this, after a throttle: callers throttled together by one
   * Retry-After would otherwise all return at the same instant and be throttled again.
   */
  readonly throttleJitterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  maxElapsedMs: Number.POSITIVE_INFINITY,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: Number.POSITIVE_INFINITY,
  throttleJitterMs: 0,
};

/** A partial policy over the defaults; a field given as undefined keeps its default. */
export function withDefaults(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<RetryPolicy>;
  return { ...defaultRetryPolicy, ...given };
}

/** Time as the retry loop sees it; the system one by default, a fake one in tests. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1), like Math.random. */
  random(): number;
}

export const systemClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random(),
};

/** What a caller's predicate says about a failure worth another try. */
export interface Transient {
  /** For logs and statistics: 'throttled (429)', 'HTTP 503', 'no response (timeout or network)'. */
  readonly reason: string;
  /** A 429: Retry-After is the wait itself; otherwise it is only a floor under the backoff. */
  readonly throttled?: boolean;
  /** The Retry-After header as received, if any. */
  readonly retryAfter?: string | null | undefined;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly why: 'attempts' | 'time' | 'retry-after' };

/** Retry-After in milliseconds from now: delta-seconds ('120') or an HTTP-date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse also reads bare numbers and odd shapes as dates; an HTTP-date names its weekday or month.
  if (!/[A-Za-z]/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Equal-jitter exponential backoff for a 1-based attempt: in [ceiling/2, ceiling], ceiling = min(cap, base × 2^(attempt-1)). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait before the next try. A throttle waits its Retry-After (or the backoff when none is
 * given) plus the throttle jitter; any other transient failure backs off, never for less than a
 * Retry-After the service sent with it.
 */
export function retryDelayMs(
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'throttleJitterMs'>,
  attempt: number,
  failure: { readonly throttled?: boolean | undefined; readonly retryAfterMs?: number | undefined },
  random: () => number,
): number {
  if (failure.throttled) return (failure.retryAfterMs ?? backoffMs(attempt, policy, random)) + Math.round(random() * policy.throttleJitterMs);
  return Math.max(failure.retryAfterMs ?? 0, backoffMs(attempt, policy, random));
}

/**
 * Whether a transient failure of the given attempt (1-based) is tried again, and after how long.
 * `elapsedMs` is the time since the first try began.
 */
export function decideRetry(
  policy: RetryPolicy,
  state: { readonly attempt: number; readonly elapsedMs: number; readonly throttled?: boolean | undefined; readonly retryAfterMs?: number | undefined },
  random: () => number,
): RetryDecision {
  if (state.retryAfterMs !== undefined && state.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, why: 'retry-after' };
  if (state.attempt >= policy.maxAttempts) return { retry: false, why: 'attempts' };
  const delayMs = retryDelayMs(policy, state.attempt, state, random);
  if (state.elapsedMs + delayMs > policy.maxElapsedMs) return { retry: false, why: 'time' };
  return { retry: true, delayMs };
}

export interface RetryEvent {
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly transient: Transient;
  /** Retry-After as read, in milliseconds. */
  readonly retryAfterMs: number | undefined;
}

export interface RetryOptions<T> {
  readonly policy?: Partial<RetryPolicy>;
  readonly clock?: RetryClock;
  /** Whether a thrown error is worth another try; undefined means give up and throw it now. */
  readonly retryable?: (error: unknown) => Transient | undefined;
  /** Whether a returned value is a failure worth another try (a fetch Response with 429, say); once retries are spent it is returned as is. */
  readonly retryableResult?: (value: T) => Transient | undefined;
  /** Called before each wait: statistics, logs, pausing a mailbox for a Retry-After. */
  readonly onRetry?: (event: RetryEvent) => void | Promise<void>;
}

/**
 * Runs `run` until it succeeds, fails in a way the predicates do not call transient, or a limit
 * is reached; then the last error is thrown (or the last value returned).
 */
export async function retry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions<T> = {}): Promise<T> {
  const policy = withDefaults(options.policy);
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    let transient: Transient | undefined;
    let settle: () => T;
    try {
      const value = await run(attempt);
      transient = options.retryableResult?.(value);
      settle = () => value;
    } catch (error) {
      transient = options.retryable?.(error);
      settle = () => {
        throw error;
      };
    }
    if (!transient) return settle();
    const now = clock.now();
    const retryAfterMs = parseRetryAfter(transient.retryAfter, now);
    const decision = decideRetry(policy, { attempt, elapsedMs: now - started, throttled: transient.throttled, retryAfterMs }, clock.random);
    if (!decision.retry) return settle();
    await options.onRetry?.({ attempt, delayMs: decision.delayMs, transient, retryAfterMs });
    await clock.sleep(decision.delayMs);
  }
}

/** The statuses any caller may treat as passing: no answer (undefined), 408, 429 and 5xx. */
export function transientStatus(status: number | undefined, retryAfter?: string | null): Transient | undefined {
  if (status === undefined) return { reason: 'no response (timeout or network)' };
  if (status === 429) return { reason: 'throttled (429)', throttled: true, retryAfter };
  if (status === 408 || status >= 500) return { reason: `HTTP ${status}`, retryAfter };
  return undefined;
}
