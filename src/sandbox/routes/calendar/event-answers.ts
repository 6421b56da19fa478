import { assertEventId, etagOf, presentEvent } from '../../calendar.js';
import { errors, GraphHttpError } from '../../errors.js';
import { graphPath } from '../../http/paths.js';
import { queryOf } from '../../http/request.js';
import { json } from '../../http/reply.js';
import { applySelect, linkWith, parseTop } from '../../odata.js';
import type { StoredEvent } from '../../store.js';
import { parsePrefer, resolveZone, wallToUtc } from '../../time.js';
import { contextUrl, mailboxUser, type GraphContext } from '../common.js';
import { eventFilter } from './event-filter.js';

/** Outlook's default page size for event collections. */
export const defaultPageSize = 10;

/** `Prefer: outlook.timezone="…"`: times in that zone, acknowledged in Preference-Applied. */
export function zoneOf(c: GraphContext): { zone: string | undefined; headers: Record<string, string> } {
  const tz = parsePrefer(c.req.header('prefer')).timeZone;
  if (!tz) return { zone: undefined, headers: {} };
  resolveZone(tz);
  return { zone: tz, headers: { 'preference-applied': `outlook.timezone="${tz}"` } };
}

export function findInMailbox(c: GraphContext, userKey: string, eventId: string): StoredEvent {
  const user = mailboxUser(c, userKey);
  assertEventId(eventId);
  const ev = c.var.tenant.store.mailbox(user.id as string).get(eventId);
  if (!ev) throw errors.eventNotFound();
  return ev;
}

export function eventResponse(c: GraphContext, userId: string, ev: StoredEvent, status: number, extra: Record<string, string> = {}): Response {
  const { zone, headers } = zoneOf(c);
  const select = queryOf(c).get('$select');
  const body = { '@odata.context': contextUrl(c, `users('${userId}')/events/$entity`), ...applySelect(presentEvent(ev, zone), select) };
  return json(status, body, { etag: etagOf(ev), ...headers, ...extra });
}

/** calendarView and delta take ISO instants; text without an offset is UTC. */
export function instant(value: string | null, name: string): number {
  if (!value) {
    throw new GraphHttpError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  try {
    // An unencoded '+' in an offset arrives as a space; read it back as the offset it was.
    return wallToUtc(value.replace(/ (\d{2}:?\d{2})$/, '+$1'), 'UTC');
  } catch {
    throw new GraphHttpError(400, 'ErrorInvalidParameter', `The value '${value}' of parameter '${name}' is invalid.`);
  }
}

/** startDateTime and endDateTime are matched without regard to case, as Graph does. */
export function queryParam(q: URLSearchParams, name: string): string | null {
  for (const [k, v] of q) if (k.toLowerCase() === name.toLowerCase()) return v;
  return null;
}

export function overlaps(ev: StoredEvent, start: number, end: number): boolean {
  if (ev.startMs === ev.endMs) return ev.startMs >= start && ev.startMs < end;
  return ev.startMs < end && ev.endMs > start;
}

export function byStart(a: StoredEvent, b: StoredEvent): number {
  return a.startMs - b.startMs || a.id.localeCompare(b.id);
}

/** A page of events: `$filter`, `$select`, `$top` or `Prefer: odata.maxpagesize`, `$skip`. */
export function eventPage(c: GraphContext, userId: string, all: StoredEvent[], fragment: string): Response {
  const query = queryOf(c);
  const items = all.filter(eventFilter(query.get('$filter')));
  const { zone, headers } = zoneOf(c);
  const size = parseTop(query, 1000) ?? parsePrefer(c.req.header('prefer')).maxPageSize ?? defaultPageSize;
  const skip = Number(query.get('$skip') ?? 0);
  if (!Number.isInteger(skip) || skip < 0) throw errors.badRequest(`Invalid value '${query.get('$skip')}' for $skip query option.`);
  const select = query.get('$select');
  const page = items.slice(skip, skip + size);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(c, `users('${userId}')/${fragment}`) };
  if (skip + size < items.length) body['@odata.nextLink'] = linkWith(c.var.tenant.graphBaseUrl, graphPath(c), query, { $skip: String(skip + size) });
  body.value = page.map((ev) => applySelect(presentEvent(ev, zone), select));
  return json(200, body, headers);
}
