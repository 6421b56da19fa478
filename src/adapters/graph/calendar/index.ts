export { GraphCalendar, MAX_BATCH_REQUESTS, MAX_CONCURRENT_PER_MAILBOX, SCHEDULE_WINDOW_DAYS, type CreateEventsOptions, type GraphCalendarOptions, type GraphCalendarStats } from './graph-calendar.js';
export { MailboxLimiter } from './mailbox-limiter.js';
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
export { batchSizes, londonWallTime, toGraphEvent, OUTLOOK_TIME_ZONE, type LondonZoneName } from './event-payload.js';
