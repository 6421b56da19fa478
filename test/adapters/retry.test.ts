import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  decideRetry,
  defaultRetryPolicy,
  parseRetryAfter,
  retry,
  retryDelayMs,
  transientStatus,
  withDefaults,
  type RetryClock,
  type RetryPolicy,
  type Transient,
} from '../../src/adapters/retry.js';

const now = Date.parse('2026-06-01T10:00:00Z');

/** A clock that never really waits: sleeping moves its time forward. */
function fakeClock(random: () => number = () => 0.5): RetryClock & { sleeps: number[]; time: number } {
  const clock = {
    sleeps: [] as number[],
    time: now,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
    random,
  };
  return clock;
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly retryAfter?: string,
  ) {
    super(`HTTP ${statusCode}`);
  }
}

const byStatus = (error: unknown): Transient | undefined => (error instanceof HttpError ? transientStatus(error.statusCode, error.retryAfter) : undefined);

const arbPolicy = fc.record({
  baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 120_000 }),
  throttleJitterMs: fc.integer({ min: 0, max: 1_000 }),
});
const arbRandom = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('reads delta-seconds and an HTTP-date; nothing, garbage or a negative number is no instruction', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 01 Jun 2026 10:00:05 GMT', now)).toBe(5_000);
    // An HTTP-date already past means "now", never a negative wait.
    expect(parseRetryAfter('Mon, 01 Jun 2026 09:59:00 GMT', now)).toBe(0);
    for (const bad of [undefined, null, '', '  ', 'soon', '-5', '12abc']) expect(parseRetryAfter(bad, now), String(bad)).toBeUndefined();
  });

  it('any whole number of seconds is that many thousand milliseconds', () => {
    fc.assert(fc.property(fc.nat({ max: 10_000_000 }), (s) => parseRetryAfter(String(s), now) === s * 1000));
  });

  it('any HTTP-date is its distance from now, or zero when past', () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 86_400 }), (offsetSeconds) => {
        const at = new Date(now + offsetSeconds * 1000).toUTCString();
        return parseRetryAfter(at, now) === Math.max(0, offsetSeconds * 1000);
      }),
    );
  });
});

describe('backoff', () => {
  it('equal jitter: between half and all of min(cap, base × 2^(attempt-1)), whole milliseconds', () => {
    fc.assert(
      fc.property(arbPolicy, fc.integer({ min: 1, max: 40 }), arbRandom, (policy, attempt, r) => {
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delay = backoffMs(attempt, policy, () => r);
        return Number.isInteger(delay) && delay >= Math.floor(ceiling / 2) && delay <= Math.ceil(ceiling);
      }),
    );
  });

  it('never exceeds the cap, however many attempts', () => {
    fc.assert(fc.property(arbPolicy, fc.integer({ min: 1, max: 1_000 }), arbRandom, (policy, attempt, r) => backoffMs(attempt, policy, () => r) <= policy.maxDelayMs));
  });

  it('doubles until the cap (random 0.5 lands at three quarters of the ceiling)', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, policy, () => 0.5))).toEqual([75, 150, 300, 600, 750, 750]);
    expect(backoffMs(3, policy, () => 0)).toBe(200);
    expect(backoffMs(3, policy, () => 0.999_999)).toBe(400);
  });

  it('a throttle waits its Retry-After plus at most the throttle jitter; an outage never less than its Retry-After', () => {
    fc.assert(
      fc.property(arbPolicy, fc.integer({ min: 1, max: 20 }), fc.nat({ max: 600_000 }), arbRandom, (policy, attempt, after, r) => {
        const throttled = retryDelayMs(policy, attempt, { throttled: true, retryAfterMs: after }, () => r);
        const outage = retryDelayMs(policy, attempt, { throttled: false, retryAfterMs: after }, () => r);
        return throttled >= after && throttled <= after + policy.throttleJitterMs && outage >= after && outage === Math.max(after, backoffMs(attempt, policy, () => r));
      }),
    );
  });
});

describe('limits', () => {
  const policy: RetryPolicy = { ...defaultRetryPolicy, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 10_000, maxRetryAfterMs: 60_000 };

  it('stops at the attempt limit, the time limit, or a Retry-After too long to wait', () => {
    const r = () => 0.5;
    expect(decideRetry(policy, { attempt: 3, elapsedMs: 0 }, r)).toEqual({ retry: true, delayMs: 300 });
    expect(decideRetry(policy, { attempt: 4, elapsedMs: 0 }, r)).toEqual({ retry: false, why: 'attempts' });
    expect(decideRetry(policy, { attempt: 1, elapsedMs: 9_950 }, r)).toEqual({ retry: false, why: 'time' });
    expect(decideRetry(policy, { attempt: 1, elapsedMs: 0, throttled: true, retryAfterMs: 61_000 }, r)).toEqual({ retry: false, why: 'retry-after' });
    expect(decideRetry(policy, { attempt: 1, elapsedMs: 0, throttled: true, retryAfterMs: 9_000 }, r)).toEqual({ retry: true, delayMs: 9_000 });
  });

  it('no decision to retry ever outlasts the time limit or the attempt limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.option(fc.nat({ max: 120_000 }), { nil: undefined }),
        fc.boolean(),
        arbRandom,
        (maxAttempts, maxElapsedMs, attempt, elapsedMs, retryAfterMs, throttled, r) => {
          const p = { ...policy, maxAttempts, maxElapsedMs };
          const d = decideRetry(p, { attempt, elapsedMs, throttled, retryAfterMs }, () => r);
          if (!d.retry) return true;
          return attempt < maxAttempts && elapsedMs + d.delayMs <= maxElapsedMs && (retryAfterMs === undefined || retryAfterMs <= p.maxRetryAfterMs);
        },
      ),
    );
  });

  it('a field given as undefined keeps its default', () => {
    expect(withDefaults({ maxAttempts: 2, maxElapsedMs: undefined })).toEqual({ ...defaultRetryPolicy, maxAttempts: 2 });
  });
});

describe('retry()', () => {
  it('retries transient failures with backoff and returns the first success', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await retry(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new HttpError(503);
        return 'done';
      },
      { clock, retryable: byStatus, policy: { baseDelayMs: 100, maxDelayMs: 1_000 } },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([75, 150]);
  });

  it('waits exactly the Retry-After of a 429 (no jitter unless asked), in either form', async () => {
    const clock = fakeClock();
    const answers = [new HttpError(429, '2'), new HttpError(429, 'Mon, 01 Jun 2026 10:00:07 GMT')];
    await retry(
      async () => {
        const next = answers.shift();
        if (next) throw next;
      },
      { clock, retryable: byStatus },
    );
    // The second Retry-After is a date 7 s after the start; 2 s have passed by then.
    expect(clock.sleeps).toEqual([2_000, 5_000]);
  });

  it('a failure the predicate does not call transient stops at once and is thrown as it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(400, 401, 403, 404, 409, 412, 423), async (status) => {
        const clock = fakeClock();
        let calls = 0;
        const thrown = new HttpError(status);
        const error = await retry(
          async () => {
            calls++;
            throw thrown;
          },
          { clock, retryable: byStatus },
        ).catch((e: unknown) => e);
        return error === thrown && calls === 1 && clock.sleeps.length === 0;
      }),
    );
  });

  it('gives up after maxAttempts tries, throwing the last error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10 }), async (maxAttempts) => {
        const clock = fakeClock();
        let calls = 0;
        const error = await retry(
          async () => {
            calls++;
            throw new HttpError(500 + calls);
          },
          { clock, retryable: byStatus, policy: { maxAttempts, baseDelayMs: 10 } },
        ).catch((e: unknown) => e);
        return calls === maxAttempts && (error as HttpError).statusCode === 500 + maxAttempts && clock.sleeps.length === maxAttempts - 1;
      }),
    );
  });

  it('gives up when the next wait would pass the time limit, without sleeping first', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new HttpError(429, '30');
        },
        { clock, retryable: byStatus, policy: { maxAttempts: 100, maxElapsedMs: 75_000 } },
      ),
    ).rejects.toMatchObject({ statusCode: 429 });
    // 30 s, 60 s; a third wait would end at 90 s.
    expect(clock.sleeps).toEqual([30_000, 30_000]);
    expect(calls).toBe(3);
  });

  it('a value may be the failure (a fetch Response): retried, and returned as it is once retries are spent', async () => {
    const clock = fakeClock();
    let calls = 0;
    const last = await retry(
      async () => {
        calls++;
        return { status: 503 };
      },
      { clock, retryableResult: (r) => transientStatus(r.status), policy: { maxAttempts: 3, baseDelayMs: 10 } },
    );
    expect(last).toEqual({ status: 503 });
    expect(calls).toBe(3);
  });

  it('tells onRetry each wait, its reason and whether a Retry-After was given', async () => {
    const clock = fakeClock();
    const seen: unknown[] = [];
    const answers = [new HttpError(429, '1'), new HttpError(503)];
    await retry(
      async () => {
        const next = answers.shift();
        if (next) throw next;
      },
      { clock, retryable: byStatus, policy: { baseDelayMs: 100 }, onRetry: (e) => void seen.push({ attempt: e.attempt, delayMs: e.delayMs, reason: e.transient.reason, retryAfterMs: e.retryAfterMs }) },
    );
    expect(seen).toEqual([
      { attempt: 1, delayMs: 1_000, reason: 'throttled (429)', retryAfterMs: 1_000 },
      { attempt: 2, delayMs: 150, reason: 'HTTP 503', retryAfterMs: undefined },
    ]);
  });

  it('the statuses anyone may retry: no answer, 408, 429 and 5xx', () => {
    expect(transientStatus(undefined)).toMatchObject({ reason: 'no response (timeout or network)' });
    expect(transientStatus(429, '3')).toEqual({ reason: 'throttled (429)', throttled: true, retryAfter: '3' });
    for (const s of [408, 500, 502, 503, 504]) expect(transientStatus(s)).toMatchObject({ reason: `HTTP ${s}` });
    for (const s of [200, 400, 401, 403, 404, 409, 412, 424]) expect(transientStatus(s)).toBeUndefined();
  });
});
