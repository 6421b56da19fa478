import { isAppError } from '../domain/errors.js';
import type { Delivery, JobMessage, JobQueue } from '../domain/ports/storage.js';
import { silentLogger, type Logger } from '../observability/logger.js';

/**
 * The loop every durable job shares (booking, SharePoint filing): take messages, keep each hidden
 * while its job runs, complete it on success, poison it at once on a permanent error, otherwise
 * hand it back to reappear after a backoff; the queue poisons it after its attempt limit.
 */
export interface QueueWorker<T, R> {
  /** Prefix of log events, e.g. 'booking' → booking_retry. */
  readonly name: string;
  readonly queue: JobQueue<T>;
  readonly log?: Logger | undefined;
  run(body: T): Promise<R>;
  isPermanent(error: unknown): boolean;
  /** Ids to log with a failure (never names or content). */
  logFields(body: T): Record<string, string>;
  onDone?: ((result: R) => void) | undefined;
}

export interface QueueWorkerOptions {
  /** Stops taking new messages; jobs already running finish first. */
  readonly signal: AbortSignal;
  /** How long a taken message stays hidden; renewed at half-time while its job runs. Default 60. */
  readonly visibilitySeconds?: number;
  /** Wait between empty polls. Default 1000. */
  readonly pollIntervalMs?: number;
  /** Jobs side by side. */
  readonly concurrency: number;
  /** First retry delay in seconds; doubles per attempt, capped at visibilitySeconds. Default 5. */
  readonly retryBaseSeconds?: number;
}

/** For the poison queue (operators read it): our own errors' code and message, others' name. */
export function failureReason(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.name : 'unknown error';
}

/** For log lines: codes and error names only, since a message may name a person. */
function logReason(error: unknown): string {
  if (isAppError(error)) return error.code;
  return error instanceof Error ? error.name : 'unknown error';
}

export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function handle<T, R>(worker: QueueWorker<T, R>, message: JobMessage<T>, options: QueueWorkerOptions): Promise<void> {
  const log = worker.log ?? silentLogger;
  const visibility = options.visibilitySeconds ?? 60;
  const fields = worker.logFields(message.body);
  let delivery: Delivery = { id: message.id, receipt: message.receipt };
  // Renewals change the receipt; chaining them means complete() always uses the newest.
  let renewals: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewals = renewals
      .then(async () => {
        delivery = await worker.queue.extend(delivery, visibility);
      })
      .catch((error: unknown) => log.warn(`${worker.name}_heartbeat_failed`, { ...fields, error: logReason(error) }));
  }, (visibility * 1000) / 2);
  try {
    const result = await worker.run(message.body);
    clearInterval(heartbeat);
    await renewals;
    await worker.queue.complete(delivery);
    worker.onDone?.(result);
  } catch (error) {
    clearInterval(heartbeat);
    await renewals;
    if (worker.isPermanent(error)) {
      log.error(`${worker.name}_poisoned`, { ...fields, attempt: message.dequeueCount, error: logReason(error) });
      await worker.queue.poison({ ...message, ...delivery }, failureReason(error));
      return;
    }
    // First retry soon (a 5xx storm may be over), later ones further apart, never past visibility.
    const delay = Math.min(visibility, (options.retryBaseSeconds ?? 5) * 2 ** Math.max(0, message.dequeueCount - 1));
    log.warn(`${worker.name}_retry`, { ...fields, attempt: message.dequeueCount, delaySeconds: delay, error: logReason(error) });
    await worker.queue.extend(delivery, delay);
  }
}

/** Polls the queue until the signal aborts, running up to `concurrency` jobs at once. */
export async function runQueueWorker<T, R>(worker: QueueWorker<T, R>, options: QueueWorkerOptions): Promise<void> {
  const log = worker.log ?? silentLogger;
  const concurrency = Math.max(1, options.concurrency);
  const pollMs = options.pollIntervalMs ?? 1000;
  const running = new Set<Promise<void>>();
  while (!options.signal.aborted) {
    const free = concurrency - running.size;
    if (free <= 0) {
      await Promise.race(running);
      continue;
    }
    let messages: JobMessage<T>[] = [];
    try {
      messages = await worker.queue.receive({ max: free, visibilitySeconds: options.visibilitySeconds ?? 60 });
    } catch (error) {
      log.warn(`${worker.name}_receive_failed`, { error: logReason(error) });
    }
    for (const message of messages) {
      const job: Promise<void> = handle(worker, message, options)
        .catch((error: unknown) => log.error(`${worker.name}_handle_failed`, { ...worker.logFields(message.body), error: logReason(error) }))
        .finally(() => running.delete(job));
      running.add(job);
    }
    if (messages.length === 0) await wait(pollMs, options.signal);
  }
  await Promise.all(running);
}
