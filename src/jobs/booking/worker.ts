import type { JobQueue } from '../../domain/ports/storage.js';
import { runQueueWorker, type QueueWorkerOptions } from '../queue-worker.js';
import { isPermanentFailure, processBookingJob, type BookingDeps, type BookingSummary } from '../../usecases/booking/book-agreement-year.js';
import type { BookingJob } from './queue.js';

export interface BookingWorkerDeps extends BookingDeps {
  readonly queue: JobQueue<BookingJob>;
}

export interface BookingWorkerOptions extends Omit<QueueWorkerOptions, 'concurrency'> {
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
