import type { Event } from '@microsoft/microsoft-graph-types';
import type { CreatedCalendarEvent, NewCalendarEvent } from '../../../domain/ports/calendar.js';
import { runBatches, type BatchPlan } from './batch-runner.js';
import { batchSizes, toGraphEvent, type LondonZoneName } from './event-payload.js';
import type { CalendarContext } from './graph-request.js';

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
    read: (event, body) => {
      const made = (body ?? {}) as Event;
      if (!made.id) return undefined;
      return { transactionId: event.transactionId, eventId: made.id, joinUrl: made.onlineMeeting?.joinUrl ?? undefined, webLink: made.webLink ?? undefined };
    },
    incompleteReason: 'created event without an id',
    onSend: (events) => {
      context.stats.eventBatches++;
      context.stats.eventSubRequests += events.length;
    },
    ...(options.onCreated ? { onBatchDone: options.onCreated } : {}),
  };
}

/**
 * Creates events in one mailbox; results in input order. A create Graph refuses, or one still
 * failing when its retries are spent, is reported in `failed`, never thrown: the rest go ahead.
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
  results.forEach((result, index) => {
    if (result.ok) created.push(result.value);
    else {
      const { failure } = result;
      failed.push({ transactionId: events[index]?.transactionId ?? '', error: failure.gaveUp ? `gave up after ${failure.attempts} attempts: ${failure.reason}` : failure.reason });
    }
  });
  if (failed.length > 0) context.log.warn('graph_calendar_create_failed', { failed: failed.length, requested: events.length });
  return { created, failed };
}
