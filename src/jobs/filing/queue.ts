import { z } from 'zod';
import type { JobQueue } from '../../domain/ports/storage.js';
import type { QueueStorage } from '../booking/queue.js';

/**
 * The queue carries only the record's key: the record itself is read from the records store, so a
 * redelivered or duplicated message always acts on the current state (and a filed record is a no-op).
 */
export const ZFilingJob = z.object({ agreementId: z.string().min(1).max(200), sessionId: z.string().min(1).max(200) });
export type FilingJob = z.infer<typeof ZFilingJob>;

export const FILING_QUEUE = 'filing';

/** Deliveries before a filing job goes to the poison queue (filing-poison). */
export const FILING_MAX_ATTEMPTS = 8;

export function filingQueue(storage: QueueStorage, options: { maxAttempts?: number } = {}): JobQueue<FilingJob> {
  return storage.queue(FILING_QUEUE, ZFilingJob, { maxAttempts: options.maxAttempts ?? FILING_MAX_ATTEMPTS });
}

/**
 * Asks for a final record to be stored in the employee's supervision file. Safe to call more
 * than once (a replayed signature, a restart): the job is idempotent and a filed record a no-op.
 */
export async function enqueueFiling(queue: JobQueue<FilingJob>, job: FilingJob): Promise<{ id: string }> {
  return queue.send({ agreementId: job.agreementId, sessionId: job.sessionId });
}
