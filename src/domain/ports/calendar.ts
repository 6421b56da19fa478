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
  /**
   * A Teams meeting was asked for and Outlook made the event without one (the organizer's
   * calendar offers no online meeting provider: tenant policy, no Teams licence).
   */
  readonly teamsLinkMissing?: true | undefined;
}

export interface CalendarEventChange {
  readonly eventId: string;
  readonly transactionId?: string | undefined;
  readonly kind: 'updated' | 'cancelled' | 'deleted' | 'declined';
  readonly startUtc?: string | undefined;
  readonly endUtc?: string | undefined;
  /**
   * Outlook said only that the event left the synchronised window (`@removed`): deleted, or
   * moved outside the window (event-delta.md). Whoever cares must look the event up.
   */
  readonly removedFromView?: true | undefined;
}

/** A round of calendar changes, and the token for the next. */
export interface CalendarChanges {
  readonly changes: readonly CalendarEventChange[];
  readonly nextToken: string;
  /**
   * Set when the token given had expired (Outlook keeps delta tokens for a while only), or was a
   * link to another Graph address than the one in use ('link-moved': the sandbox tenant started on
   * another port, or the app pointed at another Graph endpoint), and the changes are a full listing
   * of the window instead, as when there is no token.
   */
  readonly restarted?: 'token-expired' | 'link-moved' | undefined;
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
  /** Changes since the token (or an initial sync over the window when no token, or when the token expired). */
  changes(mailboxId: string, token: string | undefined, window: { fromUtc: string; toUtc: string }): Promise<CalendarChanges>;
}
