import type { Event } from '@microsoft/microsoft-graph-types';
import type { CreatedCalendarEvent, NewCalendarEvent } from '../../../domain/ports/calendar.js';
import { runBatches, type BatchPlan } from './batch-runner.js';
import { batchSizes, toGraphEvent, type LondonZoneName } from './event-payload.js';
import { noClientRetry, sendOne, type CalendarContext } from './graph-request.js';

export interface CreateEventsOptions {
  /**
   * Called after each batch with the events it created, before createEvents returns, so a caller
   * can record progress (a crash then loses at most the batches in flight, and even those are
   * recovered without duplicates by their transactionId).
   */
  readonly onCreated?: (created: readonly CreatedCalendarEvent[]) => Promise<void> | void;
}

export interface EventBatching {
  readonly maxBatch: number;
  /** Fewest creates worth a batch of their own when spreading work across a mailbox's slots. */
  readonly minBatch: number;
  readonly timeZone: LondonZoneName;
}

export interface CreateEventsResult {
  readonly created: readonly CreatedCalendarEvent[];
  readonly failed: readonly { readonly transactionId: string; readonly error: string }[];
}

/** POST /users/{id}/events as links of sequential batches, one slot of the mailbox each. */
function createPlan(context: CalendarContext, mailboxId: string, batching: EventBatching, options: CreateEventsOptions): BatchPlan<NewCalendarEvent, CreatedCalendarEvent> {
  const url = `/users/${encodeURIComponent(mailboxId)}/events`;
  return {
    batching: { kind: 'sequential', sizes: (n) => batchSizes(n, { maxBatch: batching.maxBatch, slots: context.limiter.slotsPerMailbox, minBatch: batching.minBatch }) },
    mailboxOf: () => mailboxId,
    request: (event) => ({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json', Prefer: `outlook.timezone="${batching.timeZone}"` },
      body: toGraphEvent(event, batching.timeZone),
    }),
    read: (event, body) => createdFrom(event, body),
    incompleteReason: 'created event without an id',
    onSend: (events) => {
      context.stats.eventBatches++;
      context.stats.eventSubRequests += events.length;
    },
    ...(options.onCreated ? { onBatchDone: options.onCreated } : {}),
  };
}

/**
 * What a created event's answer tells: its id and links. outlook-calendar-online-meetings.md: an
 * online meeting needs a provider the organizer's calendar supports; where there is none Exchange
 * still creates the event (201), as an ordinary meeting without a join URL, which is said.
 */
function createdFrom(event: NewCalendarEvent, body: unknown): CreatedCalendarEvent | undefined {
  const made = (body ?? {}) as Event;
  if (!made.id) return undefined;
  const joinUrl = made.onlineMeeting?.joinUrl ?? undefined;
  return {
    transactionId: event.transactionId,
    eventId: made.id,
    joinUrl,
    webLink: made.webLink ?? undefined,
    ...(event.isOnlineMeeting && !joinUrl ? { teamsLinkMissing: true as const } : {}),
  };
}

/** Exchange's answer to a repeated transactionId, instead of the event the first create made. */
const DUPLICATE_TRANSACTION = 'ErrorDuplicateTransactionId';

/**
 * The event an earlier create with this transactionId made (event.md: transactionId is kept on the
 * event): the mailbox's calendarView over the event's own times, matched by transactionId. Undefined
 * when Outlook does not show it (yet).
 */
async function findByTransactionId(context: CalendarContext, mailboxId: string, event: NewCalendarEvent): Promise<CreatedCalendarEvent | undefined> {
  const page = await sendOne(context, mailboxId, 'calendarView', (signal) =>
    context.client
      .api(`/users/${encodeURIComponent(mailboxId)}/calendarView`)
      .query({ startDateTime: event.startUtc, endDateTime: event.endUtc })
      .select('id,transactionId,webLink,isOnlineMeeting,onlineMeeting')
      .header('Prefer', 'outlook.timezone="UTC", odata.maxpagesize=50')
      .middlewareOptions(noClientRetry())
      .option('signal', signal)
      .get() as Promise<{ value?: Event[] }>,
  );
  const made = (page.value ?? []).find((e) => e.transactionId === event.transactionId);
  return made ? createdFrom(event, made) : undefined;
}

/**
 * Creates events in one mailbox; results in input order. A create Graph refuses, or one still
 * failing when its retries are spent, is reported in `failed`, never thrown: the rest go ahead.
 * A create refused as a duplicate transactionId ran before (a lost answer, a crash): the event it
 * made is found and counted as created; one not found yet fails as retryable.
 */
export async function createEvents(
  context: CalendarContext,
  batching: EventBatching,
  mailboxId: string,
  events: readonly NewCalendarEvent[],
  options: CreateEventsOptions = {},
): Promise<CreateEventsResult> {
  const results = await runBatches(context, events, createPlan(context, mailboxId, batching, options));
  const created: CreatedCalendarEvent[] = [];
  const failed: Array<{ transactionId: string; error: string }> = [];
  const found: CreatedCalendarEvent[] = [];
  for (const [index, result] of results.entries()) {
    const event = events[index] as NewCalendarEvent;
    if (result.ok) {
      created.push(result.value);
      continue;
    }
    const { failure } = result;
    if (failure.reason.includes(DUPLICATE_TRANSACTION)) {
      const existing = await findByTransactionId(context, mailboxId, event);
      if (existing) {
        created.push(existing);
        found.push(existing);
        continue;
      }
      failed.push({ transactionId: event.transactionId, error: 'duplicate transactionId: the event it made is not visible yet' });
      continue;
    }
    failed.push({ transactionId: event.transactionId, error: failure.gaveUp ? `gave up after ${failure.attempts} attempts: ${failure.reason}` : failure.reason });
  }
  if (found.length > 0) {
    context.log.info('graph_calendar_duplicate_transaction_resolved', { found: found.length });
    await options.onCreated?.(found);
  }
  if (failed.length > 0) context.log.warn('graph_calendar_create_failed', { failed: failed.length, requested: events.length });
  return { created, failed };
}
