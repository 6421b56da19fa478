/**
 * Background work in one shape (issue 10 item 4). Each periodic pass and each queue worker is
 * declared with its schedule, lease and handler; startBackground starts them all, and stop() is
 * the one graceful shutdown: no new passes, every running pass, worker and tracked task finishes.
 */
import { AppError } from '../domain/errors.js';
import { LEASE_SECONDS, type LeaseLock } from '../domain/ports/storage.js';
import { errorFields } from '../observability/error-fields.js';
import type { Logger } from '../observability/logger.js';

/** Counts a pass reports (logged at info when `busy` says so, else at debug). */
export type PassCounts = Readonly<Record<string, number>>;

export interface PeriodicJob {
  readonly kind: 'periodic';
  /** Log events are `<name>.done` / `<name>.failed`; also the lease's name. */
  readonly name: string;
  /**
   * When the next pass is due, given the end of the last one (or the start, for the first):
   * every few minutes, or the next working day's sweep time.
   */
  readonly next: (nowMs: number) => number;
  /** Run a first pass at start instead of waiting for `next` (default true for intervals). */
  readonly atStart: boolean;
  /** One instance at a time across the deployment (blob lease), renewed while the pass runs. */
  readonly leaseSeconds?: number | undefined;
  readonly run: (signal: AbortSignal) => Promise<PassCounts | void>;
  /** Whether the counts are worth an info line (routine empty passes go to debug). */
  readonly busy?: ((counts: PassCounts) => boolean) | undefined;
}

export interface WorkerJob {
  readonly kind: 'worker';
  readonly name: string;
  /** Takes work until the signal aborts, then finishes what it holds and resolves. */
  readonly run: (signal: AbortSignal) => Promise<void>;
}

export type BackgroundJob = PeriodicJob | WorkerJob;

/**
 * A lease the lock cannot give fails every pass before it starts (the agreement-review pass asked
 * for 300 seconds and logged `agreement-review.failed` invalid_input on each, issue 14): refused
 * when the job is declared, so the app does not start with a pass that can never run.
 */
function checkedLease(name: string, seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (!Number.isInteger(seconds) || seconds < LEASE_SECONDS.min || seconds > LEASE_SECONDS.max) {
    throw new AppError('invalid_input', `job ${name}: a lease lasts ${LEASE_SECONDS.min}–${LEASE_SECONDS.max} seconds (renewed while the pass runs), not ${seconds}`);
  }
  return seconds;
}

/** A pass every `everyMs`, the first at start. */
export function every(name: string, everyMs: number, run: PeriodicJob['run'], options: Partial<Pick<PeriodicJob, 'leaseSeconds' | 'busy' | 'atStart'>> = {}): PeriodicJob {
  checkedLease(name, options.leaseSeconds);
  return { kind: 'periodic', name, next: (nowMs) => nowMs + everyMs, atStart: options.atStart ?? true, run, leaseSeconds: options.leaseSeconds, busy: options.busy };
}

/** A pass at the times `next` gives (e.g. each working day at 08:00), none at start. */
export function at(name: string, next: PeriodicJob['next'], run: PeriodicJob['run'], options: Partial<Pick<PeriodicJob, 'leaseSeconds' | 'busy'>> = {}): PeriodicJob {
  checkedLease(name, options.leaseSeconds);
  return { kind: 'periodic', name, next, atStart: false, run, leaseSeconds: options.leaseSeconds, busy: options.busy };
}

export function worker(name: string, run: WorkerJob['run']): WorkerJob {
  return { kind: 'worker', name, run };
}

export interface BackgroundDeps {
  readonly lock: LeaseLock;
  readonly log: Logger;
  /** Milliseconds since the epoch; the sandbox's travelling clock in sandbox mode. */
  readonly clock: () => number;
}

export interface Background {
  /** Work started outside the schedule (a confirmation send, a notified mailbox) that shutdown must wait for. */
  track(name: string, work: Promise<unknown>): void;
  /** Stops every job: no new passes; resolves when running passes, workers and tracked work have finished. */
  stop(): Promise<void>;
}

/** setTimeout's limit is about 24.8 days; re-arming within a day keeps far from it. */
const MAX_WAIT_MS = 86_400_000;

function startPeriodic(job: PeriodicJob, deps: BackgroundDeps, stopping: AbortSignal): Promise<void> {
  const { log } = deps;
  let timer: NodeJS.Timeout | undefined;
  let dueAt = job.atStart ? deps.clock() : job.next(deps.clock());
  const pass = async (): Promise<void> => {
    const outcome = job.leaseSeconds === undefined
      ? { ran: true as const, result: await job.run(stopping) }
      : await deps.lock.exclusive(job.name, job.leaseSeconds, (lost) => job.run(AbortSignal.any([stopping, lost])));
    if (!outcome.ran || !outcome.result) return;
    const counts = outcome.result;
    (job.busy === undefined || job.busy(counts) ? log.info : log.debug)(`${job.name}.done`, { ...counts });
  };
  return new Promise<void>((resolve) => {
    const arm = (): void => {
      if (stopping.aborted) return resolve();
      timer = setTimeout(tick, Math.min(Math.max(0, dueAt - deps.clock()), MAX_WAIT_MS));
      timer.unref();
    };
    const tick = (): void => {
      timer = undefined;
      // Woken early (a long wait is re-armed daily, or the clock was moved): wait on.
      if (deps.clock() < dueAt) return arm();
      pass()
        .catch((error: unknown) => log.warn(`${job.name}.failed`, { ...errorFields(error) }))
        .finally(() => {
          dueAt = job.next(deps.clock());
          arm();
        });
    };
    stopping.addEventListener('abort', () => {
      // A pass in flight re-arms (and so resolves) when it ends; an idle timer is cleared here.
      if (timer !== undefined) {
        clearTimeout(timer);
        resolve();
      }
    }, { once: true });
    arm();
  });
}

/** Starts every declared job. Workers and passes that fail are logged by name and error code. */
export function startBackground(jobs: readonly BackgroundJob[], deps: BackgroundDeps): Background {
  const stopping = new AbortController();
  const running = jobs.map((job) =>
    job.kind === 'worker'
      ? job.run(stopping.signal).catch((error: unknown) => deps.log.error(`${job.name}.stopped`, { ...errorFields(error) }))
      : startPeriodic(job, deps, stopping.signal));
  const tracked = new Set<Promise<unknown>>();
  return {
    track(name, work) {
      const settled: Promise<unknown> = work
        .catch((error: unknown) => deps.log.warn(`${name}.failed`, { ...errorFields(error) }))
        .finally(() => tracked.delete(settled));
      tracked.add(settled);
    },
    async stop() {
      stopping.abort();
      await Promise.all(running);
      // Tracked work may start more tracked work while it finishes (a send after a sync).
      while (tracked.size > 0) await Promise.all([...tracked]);
    },
  };
}
