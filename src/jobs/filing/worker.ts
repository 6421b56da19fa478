import type { JobQueue } from '../../domain/ports/storage.js';
import { runQueueWorker, type QueueWorkerOptions } from '../queue-worker.js';
import { isPermanentFilingFailure, processFilingJob, type FilingDeps, type FilingOutcome } from './process-filing.js';
import type { FilingJob } from './queue.js';

export interface FilingWorkerDeps extends FilingDeps {
  readonly queue: JobQueue<FilingJob>;
}

export interface FilingWorkerOptions extends Omit<QueueWorkerOptions, 'concurrency'> {
  /** Records filed side by side. Default 2. */
  readonly concurrency?: number;
  readonly onOutcome?: (outcome: FilingOutcome) => void;
}

/** Polls the filing queue until the signal aborts. A permanent error (not final, a different file already filed, refused by SharePoint) is poisoned at once; 429/5xx and storage outages are retried. */
export async function runFilingWorker(deps: FilingWorkerDeps, options: FilingWorkerOptions): Promise<void> {
  await runQueueWorker(
    {
      name: 'filing', queue: deps.queue, log: deps.log,
      run: (job) => processFilingJob(deps, job),
      isPermanent: isPermanentFilingFailure,
      logFields: (job) => ({ sessionId: job.sessionId }),
      onDone: options.onOutcome,
    },
    { ...options, concurrency: options.concurrency ?? 2 },
  );
}
