export { agreementKey, agreementStore, listSessions, sessionKey, sessionStore, AGREEMENTS_TABLE, SESSIONS_TABLE } from './stores.js';
export { bookingQueue, enqueueBooking, ZBookingJob, BOOKING_QUEUE, type BookingJob } from './queue.js';
export { bookingTransactionId, bookingTransactionPrefix, sessionBody, sessionSubject, SUPERVISION_CATEGORY, REMINDER_MINUTES } from './event-content.js';
export { processBookingJob, isPermanentFailure, type BookingCalendar, type BookingDeps, type BookingSummary, type BookedSessionSummary } from './process-booking.js';
export { runBookingWorker, type BookingWorkerDeps, type BookingWorkerOptions } from './worker.js';
