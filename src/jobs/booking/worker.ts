import { isAppError } from '../../domain/errors.js';
import type { Delivery, JobMessage, JobQueue } from '../../domain/ports/storage.js';
import { silentLogger } from '../../observability/logger.js';
import { isPermanentFailure, processBookingJob, type BookingDeps, type BookingSummary } from './process-booking.js';
import type { BookingJob } from './queue.js';

export interface BookingWorkerDeps extends BookingDeps {
  readonly queue: JobQueue<BookingJob>;
}

export interface BookingWorkerOptions {
  /** Stops taking new messages; jobs already running finish first. */
  readonly signal: AbortSignal;
  /** How long a taken message stays hidden; renewed at half-time while its job runs. Default 60. */
  readonly visibilitySeconds?: number;
  /** Wait between empty polls. Default 1000. */
  readonly pollIntervalMs?: number;
  /** Agreements booked side by side. Default 4. */
  readonly concurrency?: number;
  readonly onBooked?: (summary: BookingSummary) => void;
}

/** First retry soon (a 5xx storm may be over), later ones further apart, never past visibility. */
function retryDelaySeconds(dequeueCount: number, visibilitySeconds: number): number {
  return Math.min(visibilitySeconds, 5 * 2 ** Math.max(0, dequeueCount - 1));
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
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

function reason(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one message's job, keeping the message hidden while it works. On success the message is
 * completed; a permanent failure goes to the poison queue now; any other failure hands the
 * message back to reappear after a backoff, and the queue poisons it after its attempt limit.
 */
async function handle(deps: BookingWorkerDeps, message: JobMessage<BookingJob>, options: BookingWorkerOptions): Promise<void> {
  const log = deps.log ?? silentLogger;
  const visibility = options.visibilitySeconds ?? 60;
  const { agreementId } = message.body;
  let delivery: Delivery = { id: message.id, receipt: message.receipt };
  // Renewals change the receipt; chaining them means complete() always uses the newest.
  let renewals: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewals = renewals
      .then(async () => {
        delivery = await deps.queue.extend(delivery, visibility);
      })
      .catch((error: unknown) => log.warn('booking_heartbeat_failed', { agreementId, error: reason(error) }));
  }, (visibility * 1000) / 2);
  try {
    const summary = await processBookingJob(deps, agreementId);
    clearInterval(heartbeat);
    await renewals;
    await deps.queue.complete(delivery);
    options.onBooked?.(summary);
  } catch (error) {
    clearInterval(heartbeat);
    await renewals;
    if (isPermanentFailure(error)) {
      log.error('booking_poisoned', { agreementId, attempt: message.dequeueCount, error: reason(error) });
      await deps.queue.poison({ ...message, ...delivery }, reason(error));
      return;
    }
    log.warn('booking_retry', { agreementId, attempt: message.dequeueCount, error: reason(error) });
    await deps.queue.extend(delivery, retryDelaySeconds(message.dequeueCount, visibility));
  }
}

/** Polls the booking queue until the signal aborts, booking up to `concurrency` agreements at once. */
export async function runBookingWorker(deps: BookingWorkerDeps, options: BookingWorkerOptions): Promise<void> {
  const log = deps.log ?? silentLogger;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pollMs = options.pollIntervalMs ?? 1000;
  const running = new Set<Promise<void>>();
  while (!options.signal.aborted) {
    const free = concurrency - running.size;
    if (free <= 0) {
      await Promise.race(running);
      continue;
    }
    let messages: JobMessage<BookingJob>[] = [];
    try {
      messages = await deps.queue.receive({ max: free, visibilitySeconds: options.visibilitySeconds ?? 60 });
    } catch (error) {
      log.warn('booking_receive_failed', { error: reason(error) });
    }
    for (const message of messages) {
      const job: Promise<void> = handle(deps, message, options)
        .catch((error: unknown) => log.error('booking_handle_failed', { agreementId: message.body.agreementId, error: reason(error) }))
        .finally(() => running.delete(job));
      running.add(job);
    }
    if (messages.length === 0) await wait(pollMs, options.signal);
  }
  await Promise.all(running);
}
