/**
 * Outlook calendars through Microsoft Graph (the CalendarGateway port). Every Graph request goes
 * through one of two paths, both retried by the adapters' retry module and each holding a slot of
 * the mailbox it is charged to (mailbox-limiter.ts):
 * - batch-runner.ts: JSON $batch, each sub-request resent on its own (free-busy.ts, create-events.ts);
 * - graph-request.ts: one request on its own (cancel-event.ts, calendar-delta.ts, mailbox-addresses.ts).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CalendarChanges, CalendarEventChange, CalendarGateway, NewCalendarEvent } from '../../../domain/ports/calendar.js';
import type { BusyInterval } from '../../../domain/schedule/types.js';
import { silentLogger, type Logger } from '../../../observability/logger.js';
import { MAX_BATCH_REQUESTS } from './batch-runner.js';
import { calendarChanges, eventChange } from './calendar-delta.js';
import { emptyStats, type GraphCalendarStats } from './calendar-stats.js';
import { cancelEvent } from './cancel-event.js';
import { createEvents, type CreateEventsOptions, type CreateEventsResult, type EventBatching } from './create-events.js';
import { OUTLOOK_TIME_ZONE, type LondonZoneName } from './event-payload.js';
import { freeBusy, SCHEDULE_WINDOW_DAYS } from './free-busy.js';
import type { CalendarContext } from './graph-request.js';
import { MailboxAddresses } from './mailbox-addresses.js';
import { MailboxLimiter } from './mailbox-limiter.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

export { MAX_BATCH_REQUESTS } from './batch-runner.js';
export { SCHEDULE_WINDOW_DAYS } from './free-busy.js';
export type { CreateEventsOptions } from './create-events.js';
export type { GraphCalendarStats } from './calendar-stats.js';

/** Exchange's concurrent-request limit per app and mailbox (concepts/throttling-limits.md, Outlook). */
export const MAX_CONCURRENT_PER_MAILBOX = 4;

export interface GraphCalendarOptions {
  /** From createGraphClient (src/adapters/graph/graph-client.ts). */
  readonly client: Client;
  /**
   * The base URL the client was made with (GRAPH_BASE_URL). A stored delta link under another
   * address is not followed: the sync starts a fresh delta instead (calendar-delta.ts).
   */
  readonly baseUrl?: string | undefined;
  readonly maxConcurrentPerMailbox?: number;
  readonly maxBatchSize?: number;
  /** Fewest creates worth a batch of their own when spreading work across a mailbox's slots. */
  readonly minBatchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly scheduleWindowDays?: number;
  /** Share one limiter between adapter instances that talk to the same tenant. */
  readonly limiter?: MailboxLimiter;
  readonly log?: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How event times are labelled (default 'Europe/London'); both names mean London time. */
  readonly timeZone?: LondonZoneName;
}

const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class GraphCalendar implements CalendarGateway {
  readonly stats: GraphCalendarStats = emptyStats();
  private readonly context: CalendarContext;
  private readonly addresses: MailboxAddresses;
  private readonly batching: EventBatching;
  private readonly windowDays: number;
  private readonly maxBatch: number;

  constructor(options: GraphCalendarOptions) {
    this.maxBatch = Math.min(MAX_BATCH_REQUESTS, Math.max(1, options.maxBatchSize ?? MAX_BATCH_REQUESTS));
    this.windowDays = Math.min(61, Math.max(1, options.scheduleWindowDays ?? SCHEDULE_WINDOW_DAYS));
    this.context = {
      client: options.client,
      baseUrl: options.baseUrl,
      limiter: options.limiter ?? new MailboxLimiter(options.maxConcurrentPerMailbox ?? MAX_CONCURRENT_PER_MAILBOX),
      policy: { ...defaultRetryPolicy, ...options.retry },
      stats: this.stats,
      log: options.log ?? silentLogger,
      sleep: options.sleep ?? sleepMs,
    };
    this.batching = { maxBatch: this.maxBatch, minBatch: Math.max(1, options.minBatchSize ?? 10), timeZone: options.timeZone ?? OUTLOOK_TIME_ZONE };
    this.addresses = new MailboxAddresses(this.context);
  }

  busy(mailboxIds: readonly string[], fromUtc: string, toUtc: string): Promise<ReadonlyMap<string, readonly BusyInterval[]>> {
    return freeBusy(this.context, { windowDays: this.windowDays, maxBatch: this.maxBatch, addresses: this.addresses }, mailboxIds, fromUtc, toUtc);
  }

  /**
   * Remembers a person's mailbox address already read from the directory (the booking reads
   * both people for their names), so busy() need not ask Graph for it again.
   */
  knowAddress(id: string, address: string): void {
    this.addresses.know(id, address);
  }

  createEvents(mailboxId: string, events: readonly NewCalendarEvent[], options: CreateEventsOptions = {}): Promise<CreateEventsResult> {
    return createEvents(this.context, this.batching, mailboxId, events, options);
  }

  cancelEvent(mailboxId: string, eventId: string, comment: string): Promise<void> {
    return cancelEvent(this.context, mailboxId, eventId, comment);
  }

  changes(mailboxId: string, token: string | undefined, window: { fromUtc: string; toUtc: string }): Promise<CalendarChanges> {
    return calendarChanges(this.context, mailboxId, token, window);
  }

  /** One event as a change: what an `@removed` in a delta round really was (moved away, or gone). */
  eventChange(mailboxId: string, eventId: string): Promise<CalendarEventChange> {
    return eventChange(this.context, mailboxId, eventId);
  }
}
