export { bookingQueue, enqueueBooking, ZBookingJob, BOOKING_QUEUE, type BookingJob } from './queue.js';
export { bookingTransactionId, bookingTransactionPrefix, sessionBody, sessionSubject, SUPERVISION_CATEGORY, REMINDER_MINUTES } from '../../domain/sessions/event-content.js';
export { processBookingJob, isPermanentFailure, type BookingCalendar, type BookingDeps, type BookingSummary, type BookedSessionSummary } from '../../usecases/booking/book-agreement-year.js';
export { runBookingWorker, type BookingWorkerDeps, type BookingWorkerOptions } from './worker.js';
