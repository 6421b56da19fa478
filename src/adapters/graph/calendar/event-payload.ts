import type { Event } from '@microsoft/microsoft-graph-types';
import { parseInstant } from '../../../domain/calendar/instant.js';
import { londonOffsetMinutes } from '../../../domain/calendar/london-time.js';
import type { NewCalendarEvent } from '../../../domain/ports/calendar.js';

/** DESIGN.md "Time": sessions are written in London time so Outlook keeps them at their local time. */
export const OUTLOOK_TIME_ZONE = 'Europe/London';
/**
 * The names Graph accepts for the same zone: the IANA name, and Exchange's own Windows name
 * (what mailboxSettings reports for a UK mailbox).
 */
export type LondonZoneName = 'Europe/London' | 'GMT Standard Time';

/** A UTC instant as London wall-clock time, the way Graph's dateTimeTimeZone wants it. */
export function londonWallTime(utcIso: string): string {
  const ms = parseInstant(utcIso);
  return new Date(ms + londonOffsetMinutes(ms) * 60_000).toISOString().slice(0, 19);
}

/** The POST /users/{id}/events body (Graph docs, api-reference/v1.0/api/user-post-events.md). */
export function toGraphEvent(e: NewCalendarEvent, timeZone: LondonZoneName = OUTLOOK_TIME_ZONE): Event {
  const event: Event = {
    subject: e.subject,
    body: { contentType: 'html', content: e.body },
    start: { dateTime: londonWallTime(e.startUtc), timeZone },
    end: { dateTime: londonWallTime(e.endUtc), timeZone },
    attendees: e.attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: 'required' })),
    isOnlineMeeting: e.isOnlineMeeting,
    categories: [...e.categories],
    isReminderOn: true,
    reminderMinutesBeforeStart: e.reminderMinutesBeforeStart,
    showAs: 'busy',
    // Exchange de-duplicates creates by this key, so a resend after a lost answer returns the
    // event the first request made instead of a second one.
    transactionId: e.transactionId,
  };
  if (e.isOnlineMeeting) event.onlineMeetingProvider = 'teamsForBusiness';
  if (e.location) event.location = { displayName: e.location };
  return event;
}

/**
 * How many sequential batches to split n creates into, and their sizes. Graph's tip (concepts/
 * json-batching.md "Sequencing requests") is that a batch be fully sequential or fully parallel;
 * a parallel one would put up to 20 requests on one mailbox at once, 16 over Exchange's limit of
 * four, so each batch is a dependsOn chain holding one concurrency slot, and up to `slots`
 * batches run side by side. Batches are made as equal as possible, and as many as the slots
 * when that still leaves at least `minBatch` per batch, so the slowest chain (the wall time) is
 * as short as the request count (≤ 1 / minBatch per event) allows.
 */
export function batchSizes(n: number, options: { maxBatch: number; slots: number; minBatch: number }): number[] {
  if (n <= 0) return [];
  const { maxBatch, slots, minBatch } = options;
  let k = Math.max(1, Math.ceil(n / maxBatch), Math.min(slots, Math.floor(n / minBatch)));
  const filled = Math.ceil(k / slots) * slots;
  if (filled <= n && n / filled >= minBatch) k = filled;
  const base = Math.floor(n / k);
  const extra = n % k;
  return Array.from({ length: k }, (_, i) => base + (i < extra ? 1 : 0));
}
