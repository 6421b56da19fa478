import { isAppError } from '../../domain/errors.js';
import type { Delivery, JobMessage, JobQueue } from '../../domain/ports/storage.js';
import { silentLogger } from '../../observability/logger.js';
import { isPermanentFilingFailure, processFilingJob, type FilingDeps, type FilingOutcome } from './process-filing.js';
import type { FilingJob } from './queue.js';

export interface FilingWorkerDeps extends FilingDeps {
  readonly queue: JobQueue<FilingJob>;
}

export interface FilingWorkerOptions {
  /** Stops taking new messages; jobs already running finish first. */
  readonly signal: AbortSignal;
  /** How long a taken message stays hidden; renewed at half-time while its job runs. Default 60. */
  readonly visibilitySeconds?: number;
  /** Wait between empty polls. Default 1000. */
  readonly pollIntervalMs?: number;
  /** Records filed side by side. Default 2. */
  readonly concurrency?: number;
  /** First retry delay in seconds; doubles per attempt, capped at visibilitySeconds. Default 5. */
  readonly retryBaseSeconds?: number;
  readonly onOutcome?: (outcome: FilingOutcome) => void;
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

/** Codes and messages only: the port's errors carry no names or paths. */
function reason(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.name : 'unknown error';
}

/**
 * One message: hidden while it runs; completed on success; poisoned at once on a permanent error
 * (not final, a different file already filed, refused by SharePoint); otherwise handed back to
 * reappear after a backoff (429/5xx, storage outages), and poisoned by the queue after its limit.
 */
async function handle(deps: FilingWorkerDeps, message: JobMessage<FilingJob>, options: FilingWorkerOptions): Promise<void> {
  const log = deps.log ?? silentLogger;
  const visibility = options.visibilitySeconds ?? 60;
  const { sessionId } = message.body;
  let delivery: Delivery = { id: message.id, receipt: message.receipt };
  let renewals: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewals = renewals
      .then(async () => {
        delivery = await deps.queue.extend(delivery, visibility);
      })
      .catch((error: unknown) => log.warn('filing_heartbeat_failed', { sessionId, error: reason(error) }));
  }, (visibility * 1000) / 2);
  try {
    const outcome = await processFilingJob(deps, message.body);
    clearInterval(heartbeat);
    await renewals;
    await deps.queue.complete(delivery);
    options.onOutcome?.(outcome);
  } catch (error) {
    clearInterval(heartbeat);
    await renewals;
    if (isPermanentFilingFailure(error)) {
      log.error('filing_poisoned', { sessionId, attempt: message.dequeueCount, error: reason(error) });
      await deps.queue.poison({ ...message, ...delivery }, reason(error));
      return;
    }
    const delay = Math.min(visibility, (options.retryBaseSeconds ?? 5) * 2 ** Math.max(0, message.dequeueCount - 1));
    log.warn('filing_retry', { sessionId, attempt: message.dequeueCount, delaySeconds: delay, error: reason(error) });
    await deps.queue.extend(delivery, delay);
  }
}

/** Polls the filing queue until the signal aborts. */
export async function runFilingWorker(deps: FilingWorkerDeps, options: FilingWorkerOptions): Promise<void> {
  const log = deps.log ?? silentLogger;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const pollMs = options.pollIntervalMs ?? 1000;
  const running = new Set<Promise<void>>();
  while (!options.signal.aborted) {
    const free = concurrency - running.size;
    if (free <= 0) {
      await Promise.race(running);
      continue;
    }
    let messages: JobMessage<FilingJob>[] = [];
    try {
      messages = await deps.queue.receive({ max: free, visibilitySeconds: options.visibilitySeconds ?? 60 });
    } catch (error) {
      log.warn('filing_receive_failed', { error: reason(error) });
    }
    for (const message of messages) {
      const job: Promise<void> = handle(deps, message, options)
        .catch((error: unknown) => log.error('filing_handle_failed', { sessionId: message.body.sessionId, error: reason(error) }))
        .finally(() => running.delete(job));
      running.add(job);
    }
    if (messages.length === 0) await wait(pollMs, options.signal);
  }
  await Promise.all(running);
}
