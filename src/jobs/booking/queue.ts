import { z } from 'zod';
import type { JobQueue } from '../../domain/ports/storage.js';

/** The queue carries only the agreement id: everything else is read from the stores, so a
 * redelivered or duplicated message always acts on the current state. */
export const ZBookingJob = z.object({ agreementId: z.string().min(1).max(200) });
export type BookingJob = z.infer<typeof ZBookingJob>;

export const BOOKING_QUEUE = 'booking';

/** Deliveries before a booking job goes to the poison queue (booking-poison). */
export const BOOKING_MAX_ATTEMPTS = 5;

/** The part of AppStorage (src/adapters/storage) the queue needs. */
export interface QueueStorage {
  queue<T>(name: string, schema: z.ZodType<T>, options?: { maxAttempts?: number }): JobQueue<T>;
}

export function bookingQueue(storage: QueueStorage, options: { maxAttempts?: number } = {}): JobQueue<BookingJob> {
  return storage.queue(BOOKING_QUEUE, ZBookingJob, { maxAttempts: options.maxAttempts ?? BOOKING_MAX_ATTEMPTS });
}

/**
 * Asks for an agreement to be booked. Safe to call more than once for the same agreement (a
 * second card submit, a retried handler): the job is idempotent and a booked agreement is a no-op.
 */
export async function enqueueBooking(queue: JobQueue<BookingJob>, agreementId: string): Promise<{ id: string }> {
  return queue.send({ agreementId });
}
