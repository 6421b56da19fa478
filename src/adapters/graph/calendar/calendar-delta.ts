import type { Event } from '@microsoft/microsoft-graph-types';
import { formatInstant, parseInstant } from '../../../domain/calendar/instant.js';
import { AppError } from '../../../domain/errors.js';
import type { CalendarChanges, CalendarEventChange } from '../../../domain/ports/calendar.js';
import { utcInstant } from './graph-date-time.js';
import { noClientRetry, sendOne, statusOf, type CalendarContext } from './graph-request.js';

type DeltaItem = Event & { '@removed'?: unknown };
type DeltaPage = { value?: DeltaItem[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

/** What the sync reads of an event: its times, whether it is cancelled, and its attendees' answers. */
const EVENT_FIELDS = 'id,start,end,isCancelled,attendees,transactionId';

function toChange(item: DeltaItem): CalendarEventChange {
  const id = item.id as string;
  const transactionId = item.transactionId ?? undefined;
  // event-delta.md: `@removed` (reason deleted) is an event deleted in the window, or one added,
  // changed or deleted outside it; only a lookup tells which.
  if (item['@removed'] !== undefined) return { eventId: id, transactionId, kind: 'deleted', removedFromView: true };
  const startUtc = utcInstant(item.start?.dateTime);
  const endUtc = utcInstant(item.end?.dateTime);
  const times = { startUtc, endUtc };
  if (item.isCancelled) return { eventId: id, transactionId, kind: 'cancelled', ...times };
  const declined = (item.attendees ?? []).some((a) => a.status?.response === 'declined');
  return { eventId: id, transactionId, kind: declined ? 'declined' : 'updated', ...times };
}

/**
 * delta-query-overview.md: an expired delta token answers a 40X with syncStateNotFound (Exchange:
 * 410 Gone, SyncStateNotFound), and a 410 Gone asks for a full synchronisation (resyncRequired).
 */
function tokenExpired(error: unknown): boolean {
  const cause = error instanceof AppError ? (error as Error & { cause?: unknown }).cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  return statusOf(cause) === 410 || (typeof code === 'string' && ['syncstatenotfound', 'resyncrequired', 'syncstateinvalid'].includes(code.toLowerCase()));
}

/** Whether an absolute delta link points somewhere other than under the Graph base URL in use. */
export function movedAway(token: string, baseUrl: string | undefined): boolean {
  if (!baseUrl || !/^https?:\/\//i.test(token)) return false;
  let link: URL;
  let base: URL;
  try {
    link = new URL(token);
    base = new URL(baseUrl);
  } catch {
    return true;
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  return link.origin !== base.origin || !(link.pathname === basePath || link.pathname.startsWith(`${basePath}/`));
}

function initialLink(mailboxId: string, window: { fromUtc: string; toUtc: string }): string {
  const from = encodeURIComponent(formatInstant(parseInstant(window.fromUtc)));
  const to = encodeURIComponent(formatInstant(parseInstant(window.toUtc)));
  return `/users/${encodeURIComponent(mailboxId)}/calendarView/delta?startDateTime=${from}&endDateTime=${to}`;
}

async function round(context: CalendarContext, mailboxId: string, start: string): Promise<{ changes: CalendarEventChange[]; nextToken: string }> {
  const changes: CalendarEventChange[] = [];
  let link = start;
  for (;;) {
    const page = await sendOne(context, mailboxId, 'delta', (signal) =>
      context.client
        .api(link)
        .header('Prefer', 'outlook.timezone="UTC", odata.maxpagesize=100')
        .middlewareOptions(noClientRetry())
        .option('signal', signal)
        .get() as Promise<DeltaPage>,
    );
    for (const item of page.value ?? []) {
      if (!item.id) continue;
      changes.push(toChange(item));
    }
    if (page['@odata.nextLink']) {
      link = page['@odata.nextLink'];
      continue;
    }
    if (!page['@odata.deltaLink']) throw new AppError('unavailable', 'calendar delta ended without a deltaLink');
    return { changes, nextToken: page['@odata.deltaLink'] };
  }
}

/**
 * Changes to a mailbox's events since the token (GET /users/{id}/calendarView/delta, every page),
 * or an initial sync over the window when there is no token yet. The deltaLink is the next token.
 * A token Outlook no longer has is not an outage: the round starts again as a full listing of the
 * window, and says so (`restarted`), so the caller treats it as the first round it is.
 */
export async function calendarChanges(
  context: CalendarContext,
  mailboxId: string,
  token: string | undefined,
  window: { fromUtc: string; toUtc: string },
): Promise<CalendarChanges> {
  if (token === undefined) return round(context, mailboxId, initialLink(mailboxId, window));
  // A deltaLink is an absolute URL. One under another address than the Graph in use (the sandbox
  // tenant restarted on another port, or GRAPH_BASE_URL changed) cannot be followed, and waiting
  // would never help: start a fresh delta, as Graph's answer to a token it no longer knows asks
  // (delta-query-overview.md, resyncRequired), so the caller reconciles with a full listing.
  if (movedAway(token, context.baseUrl)) {
    context.log.info('calendar_sync.delta_link_moved', { code: 'calendar_sync.delta_link_moved' });
    return { ...(await round(context, mailboxId, initialLink(mailboxId, window))), restarted: 'link-moved' };
  }
  try {
    return await round(context, mailboxId, token);
  } catch (error) {
    if (!tokenExpired(error)) throw error;
    return { ...(await round(context, mailboxId, initialLink(mailboxId, window))), restarted: 'token-expired' };
  }
}

/**
 * One event of the mailbox as a change (GET /users/{id}/events/{id}, event-get.md): what a
 * `@removed` really was. An event that is gone (404) is a deletion.
 */
export async function eventChange(context: CalendarContext, mailboxId: string, eventId: string): Promise<CalendarEventChange> {
  const event = await sendOne(
    context,
    mailboxId,
    'event',
    (signal) =>
      context.client
        .api(`/users/${encodeURIComponent(mailboxId)}/events/${encodeURIComponent(eventId)}`)
        .select(EVENT_FIELDS)
        .header('Prefer', 'outlook.timezone="UTC"')
        .middlewareOptions(noClientRetry())
        .option('signal', signal)
        .get() as Promise<DeltaItem>,
    (status) => status === 404,
  );
  return event?.id ? toChange(event) : { eventId, kind: 'deleted' };
}
