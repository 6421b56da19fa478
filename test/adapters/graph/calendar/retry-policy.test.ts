import { describe, expect, it } from 'vitest';
import { backoffMs, defaultRetryPolicy, judge, parseRetryAfter } from '../../../../src/adapters/graph/calendar/retry-policy.js';

const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 };
const now = Date.parse('2026-06-01T10:00:00Z');

describe('retry policy (concepts/throttling.md: Retry-After first, else exponential backoff)', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Mon, 01 Jun 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('429 waits Retry-After (top level or in a batch, same rule), plus a little jitter', () => {
    const v = judge(policy, 429, '2', 1, now);
    expect(v).toMatchObject({ kind: 'retry', throttled: true });
    expect(v.kind === 'retry' && v.delayMs).toBeGreaterThanOrEqual(2_000);
    expect(v.kind === 'retry' && v.delayMs).toBeLessThanOrEqual(2_100);
  });

  it('5xx, 408 and no answer back off exponentially with jitter, capped; Retry-After on a 503 is a floor', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((a) => backoffMs(policy, a));
    expect(delays).toEqual([75, 150, 300, 600, 750, 750]);
    expect(backoffMs({ ...policy, random: () => 0 }, 3)).toBe(200);
    expect(backoffMs({ ...policy, random: () => 1 }, 3)).toBe(400);
    for (const status of [500, 502, 503, 504, 408, -1]) expect(judge(policy, status, null, 1, now)).toMatchObject({ kind: 'retry', throttled: false });
    expect(judge(policy, 503, '4', 1, now)).toMatchObject({ kind: 'retry', delayMs: 4_000 });
  });

  it('424 (an earlier request of the sequential batch failed) is resent without spending an attempt; other 4xx are final', () => {
    expect(judge(policy, 424, null, 1, now)).toEqual({ kind: 'not-run' });
    expect(judge(policy, 400, null, 1, now)).toEqual({ kind: 'fail', reason: 'HTTP 400' });
    expect(judge(policy, 403, null, 1, now)).toEqual({ kind: 'fail', reason: 'HTTP 403' });
    expect(judge(policy, 201, null, 1, now)).toEqual({ kind: 'ok' });
  });
});
