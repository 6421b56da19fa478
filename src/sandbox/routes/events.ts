import type { Event, ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';
import { assertEventId, createEvent, deleteEvent, etagOf, ifMatchOk, presentEvent, respond, updateEvent, type Response as MeetingResponse } from '../calendar.js';
import { errors, GraphHttpError } from '../errors.js';
import { applySelect, decodeToken, encodeToken, linkWith, parseTop } from '../odata.js';
import type { StoredEvent } from '../store.js';
import { parseDateTimeTimeZone, parsePrefer, resolveZone, toDateTimeTimeZone, wallToUtc } from '../time.js';
import type { Route, RouteContext, SandboxRequest, SandboxResponse } from '../types.js';
import { contextUrl, json, jsonBody, mailboxUser, noContent } from './common.js';

/** Outlook's default page size for event collections. */
const defaultPageSize = 10;
/** getSchedule refuses windows this long or longer (Exchange's FreeBusyViewOptions.TimeWindow limit). */
const maxScheduleDays = 62;

function zoneOf(req: SandboxRequest): { zone: string | undefined; headers: Record<string, string> } {
  const tz = parsePrefer(req.headers['prefer']).timeZone;
  if (!tz) return { zone: undefined, headers: {} };
  resolveZone(tz);
  return { zone: tz, headers: { 'preference-applied': `outlook.timezone="${tz}"` } };
}

function findInMailbox(ctx: RouteContext, userKey: string, eventId: string): StoredEvent {
  const user = mailboxUser(ctx, userKey);
  assertEventId(eventId);
  const ev = ctx.store.mailbox(user.id as string).get(eventId);
  if (!ev) throw errors.eventNotFound();
  return ev;
}

function eventResponse(ctx: RouteContext, req: SandboxRequest, userId: string, ev: StoredEvent, status: number, extra: Record<string, string> = {}): SandboxResponse {
  const { zone, headers } = zoneOf(req);
  const select = req.query.get('$select');
  const body = { '@odata.context': contextUrl(ctx, `users('${userId}')/events/$entity`), ...applySelect(presentEvent(ev, zone), select) };
  return json(status, body, { etag: etagOf(ev), ...headers, ...extra });
}

/** calendarView and delta take ISO instants; text without an offset is UTC. */
function instant(value: string | null, name: string): number {
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

function queryParam(q: URLSearchParams, name: string): string | null {
  for (const [k, v] of q) if (k.toLowerCase() === name.toLowerCase()) return v;
  return null;
}

function overlaps(ev: StoredEvent, start: number, end: number): boolean {
  if (ev.startMs === ev.endMs) return ev.startMs >= start && ev.startMs < end;
  return ev.startMs < end && ev.endMs > start;
}

function byStart(a: StoredEvent, b: StoredEvent): number {
  return a.startMs - b.startMs || a.id.localeCompare(b.id);
}

function pageSize(req: SandboxRequest): number {
  return parseTop(req.query, 1000) ?? parsePrefer(req.headers['prefer']).maxPageSize ?? defaultPageSize;
}

/**
 * The event filters a calendar client typically sends; anything else is refused rather than
 * silently ignored, so a product never believes a filter it relies on was applied.
 */
function eventFilter(filter: string | null): (ev: StoredEvent) => boolean {
  if (!filter) return () => true;
  const clauses = filter.split(/\s+and\s+/i).map((c) => c.trim().replace(/^\((.*)\)$/, '$1'));
  const preds = clauses.map((c): ((ev: StoredEvent) => boolean) => {
    let m = /^categories\/any\((\w+):\s*\1\s+eq\s+'((?:[^']|'')*)'\)$/i.exec(c);
    if (m) {
      const v = (m[2] ?? '').replace(/''/g, "'");
      return (ev) => (ev.data.categories ?? []).includes(v);
    }
    m = /^(subject|iCalUId|showAs)\s+eq\s+'((?:[^']|'')*)'$/i.exec(c);
    if (m) {
      const prop = (m[1] ?? '').toLowerCase();
      const v = (m[2] ?? '').replace(/''/g, "'");
      return (ev) => {
        const actual = prop === 'subject' ? ev.data.subject : prop === 'icaluid' ? ev.data.iCalUId : ev.data.showAs;
        return (actual ?? '') === v;
      };
    }
    m = /^(isCancelled|isOrganizer|isAllDay|isOnlineMeeting)\s+eq\s+(true|false)$/i.exec(c);
    if (m) {
      const key = (['isCancelled', 'isOrganizer', 'isAllDay', 'isOnlineMeeting'] as const).find((k) => k.toLowerCase() === m?.[1]?.toLowerCase()) as 'isCancelled';
      const v = m[2]?.toLowerCase() === 'true';
      return (ev) => (ev.data[key] ?? false) === v;
    }
    m = /^(start|end)\/dateTime\s+(ge|gt|le|lt|eq)\s+'([^']+)'$/i.exec(c);
    if (m) {
      const at = wallToUtc(m[3] ?? '', 'UTC');
      const field = m[1]?.toLowerCase() === 'start' ? 'startMs' : 'endMs';
      const op = m[2]?.toLowerCase();
      return (ev) => {
        const x = ev[field];
        return op === 'ge' ? x >= at : op === 'gt' ? x > at : op === 'le' ? x <= at : op === 'lt' ? x < at : x === at;
      };
    }
    throw new GraphHttpError(400, 'ErrorInvalidUrlQueryFilter', `The query filter '${c}' isn't supported.`);
  });
  return (ev) => preds.every((p) => p(ev));
}

function listResponse(ctx: RouteContext, req: SandboxRequest, userId: string, all: StoredEvent[], fragment: string): SandboxResponse {
  const items = all.filter(eventFilter(req.query.get('$filter')));
  const { zone, headers } = zoneOf(req);
  const size = pageSize(req);
  const skip = Number(req.query.get('$skip') ?? 0);
  if (!Number.isInteger(skip) || skip < 0) throw errors.badRequest(`Invalid value '${req.query.get('$skip')}' for $skip query option.`);
  const select = req.query.get('$select');
  const page = items.slice(skip, skip + size);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, `users('${userId}')/${fragment}`) };
  if (skip + size < items.length) body['@odata.nextLink'] = linkWith(ctx.graphBaseUrl, req.path, req.query, { $skip: String(skip + size) });
  body.value = page.map((ev) => applySelect(presentEvent(ev, zone), select));
  return json(200, body, headers);
}

interface DeltaState {
  m: string;
  s: number;
  e: number;
  /** Changes after this sequence number belong to the round. */
  since: number;
  /** High-water mark fixed when the round began. */
  hi: number;
  /** Last id returned in this round (pages are ordered by id so concurrent changes do not shift them). */
  after?: string;
  n?: number;
}

function delta(req: SandboxRequest, ctx: RouteContext, userKey: string): SandboxResponse {
  const user = mailboxUser(ctx, userKey);
  const mailbox = user.id as string;
  const skipToken = req.query.get('$skiptoken');
  const deltaToken = req.query.get('$deltatoken');
  let state: DeltaState;
  if (skipToken) state = decodeToken<DeltaState>(skipToken);
  else if (deltaToken) state = { ...decodeToken<DeltaState>(deltaToken), hi: ctx.store.seq, after: undefined };
  else {
    const s = instant(queryParam(req.query, 'startDateTime'), 'startDateTime');
    const e = instant(queryParam(req.query, 'endDateTime'), 'endDateTime');
    state = { m: mailbox, s, e, since: 0, hi: ctx.store.seq };
  }
  if (state.m !== mailbox) throw errors.badRequest('The delta token does not belong to this mailbox.');
  const prefer = parsePrefer(req.headers['prefer']);
  const size = state.n ?? prefer.maxPageSize ?? defaultPageSize;
  const { zone, headers } = zoneOf(req);

  type Entry = { id: string; item: Record<string, unknown> };
  const entries: Entry[] = [];
  for (const ev of ctx.store.mailbox(mailbox).values()) {
    if (ev.seq > state.hi || ev.seq <= state.since) continue;
    if (overlaps(ev, state.s, state.e)) entries.push({ id: ev.id, item: { '@odata.type': '#microsoft.graph.event', ...presentEvent(ev, zone) } });
    else if (state.since > 0) entries.push({ id: ev.id, item: { '@odata.type': '#microsoft.graph.event', id: ev.id, '@removed': { reason: 'deleted' } } });
  }
  if (state.since > 0) {
    for (const t of ctx.store.tombstones.get(mailbox) ?? []) {
      if (t.seq > state.since && t.seq <= state.hi) entries.push({ id: t.id, item: { '@odata.type': '#microsoft.graph.event', id: t.id, '@removed': { reason: 'deleted' } } });
    }
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  const pending = state.after ? entries.filter((x) => x.id > (state.after as string)) : entries;
  const page = pending.slice(0, size);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, 'Collection(event)') };
  const deltaPath = req.path;
  if (pending.length > size) {
    const next: DeltaState = { ...state, after: page[page.length - 1]?.id, n: size };
    body['@odata.nextLink'] = linkWith(ctx.graphBaseUrl, deltaPath, new URLSearchParams(), { $skiptoken: encodeToken(next) });
  } else {
    const done: DeltaState = { m: state.m, s: state.s, e: state.e, since: state.hi, hi: state.hi, ...(prefer.maxPageSize ? { n: prefer.maxPageSize } : {}) };
    body['@odata.deltaLink'] = linkWith(ctx.graphBaseUrl, deltaPath, new URLSearchParams(), { $deltatoken: encodeToken(done) });
  }
  body.value = page.map((x) => x.item);
  return json(200, body, headers);
}

const availabilityCode: Record<string, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };
const rank: Record<string, number> = { free: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };

function getSchedule(req: SandboxRequest, ctx: RouteContext, userKey: string): SandboxResponse {
  mailboxUser(ctx, userKey);
  const body = jsonBody<{ schedules?: unknown; startTime?: Event['start']; endTime?: Event['end']; availabilityViewInterval?: unknown }>(req);
  if (!Array.isArray(body.schedules) || body.schedules.length === 0 || !body.schedules.every((s) => typeof s === 'string')) {
    throw new GraphHttpError(400, 'ErrorInvalidParameter', "The parameter 'schedules' is required and must be a collection of SMTP addresses.");
  }
  const start = parseDateTimeTimeZone(body.startTime, 'startTime');
  const end = parseDateTimeTimeZone(body.endTime, 'endTime');
  if (end <= start) throw new GraphHttpError(400, 'ErrorInvalidTimeInterval', 'The start time must be earlier than the end time.');
  const days = Math.ceil((end - start) / 86_400_000);
  if (end - start >= maxScheduleDays * 86_400_000) {
    throw new GraphHttpError(
      400,
      'ErrorTimeIntervalTooBig',
      `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = ${maxScheduleDays} days; the actual limit = ${days} days.`,
    );
  }
  const interval = body.availabilityViewInterval === undefined ? 30 : Number(body.availabilityViewInterval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw new GraphHttpError(400, 'ErrorInvalidParameter', 'The availabilityViewInterval must be between 5 and 1440 minutes.');
  }
  const { zone, headers } = zoneOf(req);
  const outZone = zone ?? 'UTC';
  const value: ScheduleInformation[] = (body.schedules as string[]).map((address) => {
    const u = ctx.store.findUser(address);
    if (!u?.id) {
      return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: `The recipient '${address}' couldn't be found.`, responseCode: 'ErrorMailRecipientNotFound' } };
    }
    const busy = [...ctx.store.mailbox(u.id).values()]
      .filter((ev) => !ev.data.isCancelled && (ev.data.showAs ?? 'busy') !== 'free' && ev.data.showAs !== 'unknown' && overlaps(ev, start, end))
      .sort(byStart);
    const items: ScheduleItem[] = busy.map((ev) => ({
      isPrivate: ev.data.sensitivity === 'private',
      status: (ev.data.showAs ?? 'busy') as ScheduleItem['status'],
      subject: ev.data.subject ?? '',
      location: ev.data.location?.displayName ?? '',
      isMeeting: (ev.data.attendees?.length ?? 0) > 0,
      isRecurring: false,
      isException: false,
      isReminderSet: ev.data.isReminderOn ?? false,
      start: toDateTimeTimeZone(ev.startMs, outZone),
      end: toDateTimeTimeZone(ev.endMs, outZone),
    }));
    let view = '';
    for (let t = start; t < end; t += interval * 60_000) {
      const slotEnd = Math.min(end, t + interval * 60_000);
      let best = 'free';
      for (const ev of busy) {
        if (ev.startMs < slotEnd && ev.endMs > t) {
          const st = ev.data.showAs ?? 'busy';
          if ((rank[st] ?? 0) > (rank[best] ?? 0)) best = st;
        }
      }
      view += availabilityCode[best] ?? '2';
    }
    return {
      scheduleId: address,
      availabilityView: view,
      scheduleItems: items,
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '17:00:00.0000000',
        timeZone: { name: 'GMT Standard Time' },
      },
    };
  });
  return json(200, { '@odata.context': contextUrl(ctx, 'Collection(microsoft.graph.scheduleInformation)'), value }, headers);
}

const U = '([^/]+)';
const CAL = '(?:/calendar)?';

function post(ctx: RouteContext, req: SandboxRequest, userKey: string): SandboxResponse {
  const user = mailboxUser(ctx, userKey);
  const input = jsonBody<Event>(req);
  const { event, created } = createEvent(ctx.store, user, input, ctx.now());
  ctx.store.changed();
  // A repeated transactionId returns the event created by the first POST, not a second event.
  return eventResponse(ctx, req, user.id as string, event, 201, created ? { location: `${ctx.graphBaseUrl}/users('${user.id}')/events('${event.id}')` } : {});
}

function action(kind: 'cancel' | MeetingResponse) {
  return (req: SandboxRequest, [userKey, id]: string[], ctx: RouteContext): SandboxResponse => {
    const ev = findInMailbox(ctx, userKey as string, id as string);
    if (req.body.length > 0) jsonBody(req);
    if (kind === 'cancel') {
      if (!ev.data.isOrganizer) throw new GraphHttpError(400, 'ErrorAccessDenied', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
      deleteEvent(ctx.store, ev, ctx.now());
    } else {
      respond(ctx.store, ev, kind, ctx.now());
    }
    ctx.store.changed();
    return noContent(202);
  };
}

export const eventRoutes: Route[] = [
  { method: 'POST', pattern: new RegExp(`^/users/${U}${CAL}/events$`), handler: (req, [u], ctx) => post(ctx, req, u as string) },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${U}${CAL}/events$`),
    handler: (req, [u], ctx) => {
      const user = mailboxUser(ctx, u as string);
      const items = [...ctx.store.mailbox(user.id as string).values()].sort(byStart);
      return listResponse(ctx, req, user.id as string, items, 'events');
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${U}${CAL}/events/${U}$`),
    handler: (req, [u, id], ctx) => {
      const ev = findInMailbox(ctx, u as string, id as string);
      return eventResponse(ctx, req, ev.mailbox, ev, 200);
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/users/${U}${CAL}/events/${U}$`),
    handler: (req, [u, id], ctx) => {
      const ev = findInMailbox(ctx, u as string, id as string);
      if (!ifMatchOk(req.headers['if-match'], ev)) throw errors.changeKeyMismatch();
      updateEvent(ctx.store, ev, jsonBody<Event>(req), ctx.now());
      ctx.store.changed();
      return eventResponse(ctx, req, ev.mailbox, ev, 200);
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/users/${U}${CAL}/events/${U}$`),
    handler: (req, [u, id], ctx) => {
      const ev = findInMailbox(ctx, u as string, id as string);
      if (!ifMatchOk(req.headers['if-match'], ev)) throw errors.changeKeyMismatch();
      deleteEvent(ctx.store, ev, ctx.now());
      ctx.store.changed();
      return noContent(204);
    },
  },
  { method: 'POST', pattern: new RegExp(`^/users/${U}${CAL}/events/${U}/cancel$`), handler: action('cancel') },
  { method: 'POST', pattern: new RegExp(`^/users/${U}${CAL}/events/${U}/decline$`), handler: action('declined') },
  { method: 'POST', pattern: new RegExp(`^/users/${U}${CAL}/events/${U}/accept$`), handler: action('accepted') },
  { method: 'POST', pattern: new RegExp(`^/users/${U}${CAL}/events/${U}/tentativelyAccept$`), handler: action('tentativelyAccepted') },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${U}${CAL}/calendarView$`),
    handler: (req, [u], ctx) => {
      const user = mailboxUser(ctx, u as string);
      const start = instant(queryParam(req.query, 'startDateTime'), 'startDateTime');
      const end = instant(queryParam(req.query, 'endDateTime'), 'endDateTime');
      const items = [...ctx.store.mailbox(user.id as string).values()].filter((ev) => overlaps(ev, start, end)).sort(byStart);
      return listResponse(ctx, req, user.id as string, items, 'calendarView');
    },
  },
  { method: 'GET', pattern: new RegExp(`^/users/${U}${CAL}/calendarView/delta(?:\\(\\))?$`), handler: (req, [u], ctx) => delta(req, ctx, u as string) },
  { method: 'POST', pattern: new RegExp(`^/users/${U}/calendar/getSchedule$`), handler: (req, [u], ctx) => getSchedule(req, ctx, u as string) },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${U}/calendar$`),
    handler: (_req, [u], ctx) => {
      const user = mailboxUser(ctx, u as string);
      return json(200, {
        '@odata.context': contextUrl(ctx, `users('${user.id}')/calendar/$entity`),
        id: `AAMkAGNvcnRoY2FsZW5kYXI${Buffer.from(user.id as string).toString('base64url').slice(0, 24)}AAA=`,
        name: 'Calendar',
        color: 'auto',
        isDefaultCalendar: true,
        canShare: true,
        canViewPrivateItems: true,
        canEdit: true,
        allowedOnlineMeetingProviders: ['teamsForBusiness'],
        defaultOnlineMeetingProvider: 'teamsForBusiness',
        isTallyingResponses: true,
        isRemovable: false,
        owner: { name: user.displayName, address: user.mail },
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/users/${U}/mailboxSettings$`),
    handler: (_req, [u], ctx) => {
      const user = mailboxUser(ctx, u as string);
      // Everyone in the demo council works Monday to Friday, 09:00-17:00 UK time.
      return json(200, {
        '@odata.context': contextUrl(ctx, `users('${user.id}')/mailboxSettings`),
        archiveFolder: 'AAMkAGNvcnRoYXJjaGl2ZQAAA=',
        timeZone: 'GMT Standard Time',
        automaticRepliesSetting: { status: 'disabled', externalAudience: 'none', internalReplyMessage: '', externalReplyMessage: '' },
        dateFormat: 'dd/MM/yyyy',
        timeFormat: 'HH:mm',
        delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
        language: { locale: 'en-GB', displayName: 'English (United Kingdom)' },
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '09:00:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'GMT Standard Time' },
        },
        userPurpose: 'user',
      });
    },
  },
];
