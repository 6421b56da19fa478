import type { BusyInterval } from '../schedule/types.js';

/**
 * Outlook calendars as the domain needs them. The Graph adapter (src/adapters/graph) implements
 * it: getSchedule windows, $batch, per-mailbox concurrency, Retry-After and idempotency live there.
 */
export interface NewCalendarEvent {
  /** Deterministic per agreement and session, so a retried create never makes a second event. */
  readonly transactionId: string;
  readonly subject: string;
  /** HTML body; says what the meeting is and nothing about cases. */
  readonly body: string;
  /** UTC instants (ISO 8601, Z); written to Graph in Europe/London so Outlook shows local time. */
  readonly startUtc: string;
  readonly endUtc: string;
  readonly attendees: readonly { readonly email: string; readonly name: string }[];
  readonly isOnlineMeeting: boolean;
  readonly location?: string | undefined;
  readonly categories: readonly string[];
  readonly reminderMinutesBeforeStart: number;
}

export interface CreatedCalendarEvent {
  readonly transactionId: string;
  readonly eventId: string;
  readonly joinUrl?: string | undefined;
  readonly webLink?: string | undefined;
}

export interface CalendarEventChange {
  readonly eventId: string;
  readonly transactionId?: string | undefined;
  readonly kind: 'updated' | 'cancelled' | 'deleted' | 'declined';
  readonly startUtc?: string | undefined;
  readonly endUtc?: string | undefined;
}

export interface CalendarGateway {
  /** Busy time of each person between two instants (any window length: the adapter splits it). */
  busy(mailboxIds: readonly string[], fromUtc: string, toUtc: string): Promise<ReadonlyMap<string, readonly BusyInterval[]>>;
  /** Creates events in one mailbox; results in input order; a failure is reported, not thrown. */
  createEvents(
    mailboxId: string,
    events: readonly NewCalendarEvent[],
  ): Promise<{ readonly created: readonly CreatedCalendarEvent[]; readonly failed: readonly { readonly transactionId: string; readonly error: string }[] }>;
  cancelEvent(mailboxId: string, eventId: string, comment: string): Promise<void>;
  /** Changes since the token (or an initial sync over the window when no token). */
  changes(mailboxId: string, token: string | undefined, window: { fromUtc: string; toUtc: string }): Promise<{ readonly changes: readonly CalendarEventChange[]; readonly nextToken: string }>;
}
