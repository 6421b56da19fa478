import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runExclusive } from '../../../src/adapters/storage/lease-lock.js';
import { AppError } from '../../../src/domain/errors.js';
import type { Lease, LeaseLock } from '../../../src/domain/ports/storage.js';

/** A lock whose renewals answer from a script: an error to throw, or undefined for success. */
function scriptedLock(answers: Array<AppError | undefined>, fallback?: AppError) {
  const renewedAt: number[] = [];
  const lock: Pick<LeaseLock, 'acquire' | 'renew' | 'release'> & { renewedAt: number[]; released: boolean } = {
    renewedAt,
    released: false,
    acquire: async (name: string): Promise<Lease> => ({ name, id: 'lease-1' }),
    renew: async () => {
      renewedAt.push(Date.now());
      const next = answers.length > 0 ? answers.shift() : fallback;
      if (next) throw next;
    },
    release: async () => {
      lock.released = true;
    },
  };
  return lock;
}

/** Work that runs until told to finish, noting when its signal aborted. */
function longWork() {
  let finish: () => void = () => {};
  let abortedAt: number | undefined;
  let reason: unknown;
  const work = (signal: AbortSignal) =>
    new Promise<string>((resolve) => {
      signal.addEventListener('abort', () => {
        abortedAt = Date.now();
        reason = signal.reason;
      });
      finish = () => resolve('done');
    });
  return { work, finish: () => finish(), abortedAt: () => abortedAt, reason: () => reason };
}

const busy = () => new AppError('unavailable', 'lease container locks renew: storage busy (ServerBusy)');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(Date.parse('2026-06-01T10:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('runExclusive: renewing the lease while work runs', () => {
  it('a renewal that meets a storage outage is retried, and the work carries on', async () => {
    const lock = scriptedLock([busy(), busy(), undefined]);
    const w = longWork();
    const started = Date.now();
    const run = runExclusive(lock, 'sweep', 60, w.work);
    await vi.advanceTimersByTimeAsync(45_000);
    expect(w.abortedAt()).toBeUndefined();
    // First renewal a third of the way in, two retries soon after, then the next third.
    expect(lock.renewedAt.length).toBeGreaterThanOrEqual(4);
    expect(lock.renewedAt[0]! - started).toBe(20_000);
    expect(lock.renewedAt[2]! - started).toBeLessThan(25_000);
    w.finish();
    expect(await run).toEqual({ ran: true, result: 'done' });
    expect(lock.released).toBe(true);
  });

  it('a lost lease aborts the work at once: another instance may hold it', async () => {
    const lost = new AppError('precondition_failed', 'lease container locks renew: the lease was lost');
    const lock = scriptedLock([lost]);
    const w = longWork();
    const started = Date.now();
    const run = runExclusive(lock, 'sweep', 60, w.work);
    await vi.advanceTimersByTimeAsync(21_000);
    expect(w.abortedAt()! - started).toBe(20_000);
    expect(w.reason()).toBe(lost);
    expect(lock.renewedAt).toHaveLength(1);
    w.finish();
    await run;
  });

  it('an outage that outlasts the lease aborts the work before the lease can lapse', async () => {
    const lock = scriptedLock([], busy());
    const w = longWork();
    const started = Date.now();
    const run = runExclusive(lock, 'sweep', 60, w.work);
    await vi.advanceTimersByTimeAsync(70_000);
    const abortedAfter = w.abortedAt()! - started;
    expect(abortedAfter).toBeGreaterThan(20_000);
    // A sixth of the lease (10 s) is kept as margin: never later than 50 s into a 60 s lease.
    expect(abortedAfter).toBeLessThanOrEqual(50_000);
    expect(w.reason()).toMatchObject({ code: 'unavailable' });
    w.finish();
    await run;
  });
});
