import type { Event } from '@microsoft/microsoft-graph-types';
import { formatInstant, parseInstant } from '../../../domain/calendar/instant.js';
import { AppError } from '../../../domain/errors.js';
import type { CalendarEventChange } from '../../../domain/ports/calendar.js';
import { utcInstant } from './graph-date-time.js';
import { noClientRetry, sendOne, type CalendarContext } from './graph-request.js';

type DeltaPage = { value?: Array<Event & { '@removed'?: unknown }>; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

function toChange(item: Event & { '@removed'?: unknown }): CalendarEventChange {
  const id = item.id as string;
  const transactionId = item.transactionId ?? undefined;
  if (item['@removed'] !== undefined) return { eventId: id, transactionId, kind: 'deleted' };
  const startUtc = utcInstant(item.start?.dateTime);
  const endUtc = utcInstant(item.end?.dateTime);
  const times = { startUtc, endUtc };
  if (item.isCancelled) return { eventId: id, transactionId, kind: 'cancelled', ...times };
  const declined = (item.attendees ?? []).some((a) => a.status?.response === 'declined');
  return { eventId: id, transactionId, kind: declined ? 'declined' : 'updated', ...times };
}

/**
 * Changes to a mailbox's events since the token (GET /users/{id}/calendarView/delta, every page),
 * or an initial sync over the window when there is no token yet. The deltaLink is the next token.
 */
export async function calendarChanges(
  context: CalendarContext,
  mailboxId: string,
  token: string | undefined,
  window: { fromUtc: string; toUtc: string },
): Promise<{ readonly changes: readonly CalendarEventChange[]; readonly nextToken: string }> {
  const changes: CalendarEventChange[] = [];
  let link =
    token ??
    `/users/${encodeURIComponent(mailboxId)}/calendarView/delta?startDateTime=${encodeURIComponent(formatInstant(parseInstant(window.fromUtc)))}&endDateTime=${encodeURIComponent(formatInstant(parseInstant(window.toUtc)))}`;
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
