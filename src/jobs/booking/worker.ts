import type { JobQueue } from '../../domain/ports/storage.js';
import { runQueueWorker, type QueueWorkerOptions } from '../queue-worker.js';
import { isPermanentFailure, processBookingJob, type BookingDeps, type BookingSummary } from '../../usecases/booking/book-agreement-year.js';
import type { BookingJob } from './queue.js';
import { errorFields } from '../../observability/error-fields.js';

export interface BookingWorkerDeps extends BookingDeps {
  readonly queue: JobQueue<BookingJob>;
  /**
   * Installs the app for both people before their year is booked (issue 14 item 5,
   * usecases/agreements/install-app.ts), so the confirmation and every later reminder reach a chat
   * that exists. Its failure never holds up the booking.
   */
  readonly installApp?: ((agreementId: string) => Promise<Partial<Record<string, string>>>) | undefined;
  /**
   * A reviewed agreement both signed (issue 14 item 3, usecases/agreements/agreement-review.ts
   * completeRenewal): the agreement it renews records its review, or ends after a change of
   * supervisor, before the next year is booked. A failure fails the job, which is retried.
   */
  readonly completeRenewal?: ((agreementId: string) => Promise<void>) | undefined;
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
      run: async (job) => {
        if (deps.installApp) {
          try {
            const outcomes = await deps.installApp(job.agreementId);
            if (Object.values(outcomes).includes('failed')) deps.log?.warn('booking.install_failed', { agreementId: job.agreementId, ...outcomes });
          } catch (error) {
            deps.log?.warn('booking.install_failed', { agreementId: job.agreementId, ...errorFields(error) });
          }
        }
        await deps.completeRenewal?.(job.agreementId);
        return processBookingJob(deps, job.agreementId);
      },
      isPermanent: isPermanentFailure,
      logFields: (job) => ({ agreementId: job.agreementId }),
      onDone: options.onBooked,
    },
    { ...options, concurrency: options.concurrency ?? 4 },
  );
}
