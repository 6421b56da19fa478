import type { JobQueue } from '../../domain/ports/storage.js';
import { runQueueWorker } from '../queue-worker.js';
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

export async function runBookingWorker(deps: BookingWorkerDeps, options: BookingWorkerOptions): Promise<void> {
  await runQueueWorker(
    {
      name: 'booking', queue: deps.queue, log: deps.log,
      run: (job) => processBookingJob(deps, job.agreementId),
      isPermanent: isPermanentFailure,
      logFields: (job) => ({ agreementId: job.agreementId }),
      onDone: options.onBooked,
    },
    { ...options, concurrency: options.concurrency ?? 4 },
  );
}
