import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { AppError, isAppError } from '../../domain/errors.js';
import { LEASE_SECONDS, type ExclusiveResult, type Lease, type LeaseLock } from '../../domain/ports/storage.js';
import { retry, systemClock, type RetryClock, type Transient } from '../retry.js';
import { statusOf, storageErrorCode, toAppError } from './errors.js';

const MIN_SECONDS = LEASE_SECONDS.min;
const MAX_SECONDS = LEASE_SECONDS.max;

/**
 * One empty blob per lock name, leased through the Blob service. Blob leases are the service's
 * own mutual exclusion: the service, not our clocks, decides who holds it and when it lapses,
 * so it stays correct across instances with skewed clocks.
 */
export class BlobLeaseLock implements LeaseLock {
  private readonly what: string;

  constructor(private readonly container: ContainerClient) {
    this.what = `lease container ${container.containerName}`;
  }

  exclusive<R>(name: string, seconds: number, work: (signal: AbortSignal) => Promise<R>): Promise<ExclusiveResult<R>> {
    return runExclusive(this, name, seconds, work);
  }

  private blob(name: string) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name)) {
      throw new AppError('invalid_input', `${this.what}: lock name must be letters, digits, dot, underscore or hyphen`);
    }
    return this.container.getBlockBlobClient(name);
  }

  async acquire(name: string, seconds: number): Promise<Lease | undefined> {
    if (!Number.isInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw new AppError('invalid_input', `${this.what}: lease seconds must be ${MIN_SECONDS}–${MAX_SECONDS}`);
    }
    const blob = this.blob(name);
    const id = randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        await blob.getBlobLeaseClient(id).acquireLease(seconds);
        return { name, id };
      } catch (error) {
        const status = statusOf(error);
        if (status === 409) return undefined; // LeaseAlreadyPresent: someone else holds it.
        if (status !== 404 || attempt > 0) throw toAppError(error, `${this.what} acquire`);
      }
      // First use of this name: create the lock blob. Another instance may win that race, or
      // even lease it already, so any conflict here just means "it exists now".
      try {
        await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
      } catch (error) {
        const status = statusOf(error);
        if (status !== 409 && status !== 412) throw toAppError(error, `${this.what} create lock`);
      }
    }
  }

  async renew(lease: Lease): Promise<void> {
    try {
      await this.blob(lease.name).getBlobLeaseClient(lease.id).renewLease();
    } catch (error) {
      if (statusOf(error) === 409) {
        throw new AppError('precondition_failed', `${this.what} renew: the lease was lost`, { storageCode: storageErrorCode(error) }, { cause: error });
      }
      throw toAppError(error, `${this.what} renew`);
    }
  }

  async release(lease: Lease): Promise<void> {
    try {
      await this.blob(lease.name).getBlobLeaseClient(lease.id).releaseLease();
    } catch (error) {
      const status = statusOf(error);
      // Lost (409) or lock blob gone (404): either way we no longer hold it, which is the goal.
      if (status === 409 || status === 404) return;
      throw toAppError(error, `${this.what} release`);
    }
  }
}

export type { ExclusiveResult } from '../../domain/ports/storage.js';

/** Storage busy or unreachable: a renewal worth trying again. A lost lease (precondition_failed) is final. */
function transientRenewal(error: unknown): Transient | undefined {
  if (!isAppError(error) || (error.code !== 'unavailable' && error.code !== 'throttled')) return undefined;
  return { reason: error.code, throttled: error.code === 'throttled' };
}

/** The system clock, except that a wait ends early once `stop` aborts (the work has settled). */
function stoppableClock(stop: AbortSignal): RetryClock {
  return {
    ...systemClock,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (stop.aborted) return resolve();
        const timer = setTimeout(done, Math.max(0, ms));
        stop.addEventListener('abort', done, { once: true });
        function done(): void {
          clearTimeout(timer);
          stop.removeEventListener('abort', done);
          resolve();
        }
      }),
  };
}

/**
 * Runs `work` only if this instance gets the lease, renewing it in the background until work
 * settles. A renewal that fails because storage is busy or unreachable is retried (the retry
 * module's backoff) for as long as the lease has life left, less a margin; if the lease is lost,
 * or cannot be renewed in time, the signal aborts: work should stop at its next checkpoint,
 * because another instance may already be running it.
 */
export async function runExclusive<R>(
  lock: Pick<LeaseLock, 'acquire' | 'renew' | 'release'>,
  name: string,
  seconds: number,
  work: (signal: AbortSignal) => Promise<R>,
): Promise<ExclusiveResult<R>> {
  const lease = await lock.acquire(name, seconds);
  if (!lease) return { ran: false };
  const leaseMs = seconds * 1000;
  const lost = new AbortController();
  const settled = new AbortController();
  const clock = stoppableClock(settled.signal);
  // The service counts the lease from when it took the request; starting the count before
  // sending errs on the safe side.
  let heldSince = clock.now();
  let renewing = false;
  const renew = async (): Promise<void> => {
    if (renewing || lost.signal.aborted || settled.signal.aborted) return;
    renewing = true;
    const startedAt = clock.now();
    try {
      await retry(() => lock.renew(lease), {
        clock,
        retryable: (error) => (settled.signal.aborted ? undefined : transientRenewal(error)),
        policy: {
          // The lease's remaining life is the limit, not a count.
          maxAttempts: Number.POSITIVE_INFINITY,
          maxElapsedMs: heldSince + leaseMs - leaseMs / 6 - startedAt,
          baseDelayMs: 500,
          maxDelayMs: leaseMs / 6,
        },
      });
      heldSince = startedAt;
    } catch (error) {
      clearInterval(timer);
      lost.abort(error);
    } finally {
      renewing = false;
    }
  };
  // A third of the duration leaves two more thirds for a renewal that has to be retried.
  const timer = setInterval(() => void renew(), Math.max(1000, leaseMs / 3));
  try {
    return { ran: true, result: await work(lost.signal) };
  } finally {
    clearInterval(timer);
    settled.abort();
    await lock.release(lease);
  }
}
