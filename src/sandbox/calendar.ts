import { createHash, randomBytes } from 'node:crypto';
import type { Attendee, Event, Location, User } from '@microsoft/microsoft-graph-types';
import { errors, GraphHttpError } from './errors.js';
import type { SandboxStore, StoredEvent } from './store.js';
import { parseDateTimeTimeZone, toDateTimeTimeZone } from './time.js';

/** Exchange item ids start with AAMk and are base64; anything else is refused as malformed. */
const eventIdPattern = /^AAMk[A-Za-z0-9_\-=+]{16,}$/;

export function assertEventId(id: string): void {
  if (!eventIdPattern.test(id)) throw errors.idMalformed();
}

export function newEventId(seed?: string): string {
  const bytes = seed ? createHash('sha256').update(`event:${seed}`).digest().subarray(0, 30) : randomBytes(30);
  return `AAMkAGNvcnRo${bytes.toString('base64url')}AAA=`;
}

function newICalUId(seed?: string): string {
  const bytes = seed ? createHash('sha256').update(`ical:${seed}`).digest().subarray(0, 16) : randomBytes(16);
  return `040000008200E00074C5B7101A82E00800000000${bytes.toString('hex').toUpperCase()}`;
}

function changeKeyFor(id: string, version: number): string {
  return createHash('sha256').update(`${id}:${version}`).digest().subarray(0, 20).toString('base64');
}

const utcIso = (ms: number): string => new Date(ms).toISOString().replace('Z', '0000Z');

function stripHtml(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

function normaliseBody(body: Event['body']): NonNullable<Event['body']> {
  const type = (body?.contentType ?? 'text').toString().toLowerCase() === 'html' ? 'html' : 'text';
  const content = body?.content ?? '';
  if (type === 'html' && !/<html/i.test(content)) {
    return { contentType: 'html', content: `<html><head></head><body>${content}</body></html>` };
  }
  return { contentType: type, content };
}

function normaliseLocation(loc: Location | null | undefined): Location {
  const name = loc?.displayName ?? '';
  if (!name) return { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} };
  return { displayName: name, locationType: 'default', uniqueId: name, uniqueIdType: 'private', ...(loc?.address ? { address: loc.address } : {}) };
}

function normaliseAttendees(list: Attendee[] | null | undefined): Attendee[] {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw errors.invalidRequest('The attendees property must be a collection.');
  return list.map((a) => {
    const address = a?.emailAddress?.address;
    if (!address) throw new GraphHttpError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    return {
      type: (a.type ?? 'required').toString().toLowerCase() as Attendee['type'],
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: a.emailAddress?.name ?? address, address },
    };
  });
}

function joinUrlFor(ical: string): string {
  const thread = Buffer.from(ical).toString('base64url').slice(0, 40);
  return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=%7b%22Tid%22%3a%22sandbox%22%7d`;
}

function timesOf(input: Event): { startMs: number; endMs: number } {
  const startMs = parseDateTimeTimeZone(input.start, 'start');
  const endMs = parseDateTimeTimeZone(input.end, 'end');
  if (endMs < startMs) throw new GraphHttpError(400, 'ErrorCalendarEndDateIsEarlierThanStartDate', 'The end date occurs before the start date.');
  return { startMs, endMs };
}

function touch(store: SandboxStore, ev: StoredEvent, nowMs: number): void {
  ev.version += 1;
  ev.seq = store.nextSeq();
  ev.data.changeKey = changeKeyFor(ev.id, ev.version);
  ev.data.lastModifiedDateTime = utcIso(nowMs);
}

export interface CreateOptions {
  /** Deterministic ids for seeded events. */
  seed?: string;
}

export interface CreateResult {
  event: StoredEvent;
  created: boolean;
}

/**
 * Creates an event in the organizer's mailbox and, as Exchange does when it sends the invitation,
 * a copy in every attendee mailbox of the tenant (own id, same iCalUId).
 */
export function createEvent(store: SandboxStore, organizer: User, input: Event, nowMs: number, opts: CreateOptions = {}): CreateResult {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw errors.badRequest('Empty Payload. JSON content expected.');
  const mailbox = organizer.id as string;
  const txn = typeof input.transactionId === 'string' && input.transactionId ? input.transactionId : undefined;
  if (txn) {
    const existingId = store.transactions.get(`${mailbox}|${txn}`);
    const existing = existingId ? store.getEvent(existingId) : undefined;
    if (existing) return { event: existing, created: false };
  }
  const { startMs, endMs } = timesOf(input);
  const id = newEventId(opts.seed);
  const ical = newICalUId(opts.seed);
  // outlook-calendar-online-meetings.md: an online meeting needs a provider the organizer's
  // calendar supports. Where it supports none (Teams off by policy, no licence), Exchange still
  // creates the event (201) but as an ordinary meeting: isOnlineMeeting false, provider unknown.
  const online = input.isOnlineMeeting === true && !store.teamsOff.has(mailbox);
  const provider = online ? (input.onlineMeetingProvider ?? 'teamsForBusiness') : 'unknown';
  const body = normaliseBody(input.body);
  const location = normaliseLocation(input.location);
  const created = utcIso(nowMs);
  const data: Event = {
    id,
    createdDateTime: created,
    lastModifiedDateTime: created,
    changeKey: changeKeyFor(id, 1),
    categories: input.categories ?? [],
    originalStartTimeZone: input.start?.timeZone ?? 'UTC',
    originalEndTimeZone: input.end?.timeZone ?? 'UTC',
    iCalUId: ical,
    reminderMinutesBeforeStart: input.reminderMinutesBeforeStart ?? 15,
    isReminderOn: input.isReminderOn ?? true,
    hasAttachments: false,
    subject: input.subject ?? '',
    bodyPreview: stripHtml(body.content ?? '').slice(0, 255),
    importance: input.importance ?? 'normal',
    sensitivity: input.sensitivity ?? 'normal',
    isAllDay: input.isAllDay ?? false,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: input.responseRequested ?? true,
    seriesMasterId: null,
    showAs: input.showAs ?? 'busy',
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: online,
    onlineMeetingProvider: provider,
    allowNewTimeProposals: input.allowNewTimeProposals ?? true,
    isDraft: false,
    hideAttendees: input.hideAttendees ?? false,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body,
    start: { dateTime: '', timeZone: 'UTC' },
    end: { dateTime: '', timeZone: 'UTC' },
    location,
    locations: location.displayName ? [location] : [],
    recurrence: null,
    attendees: normaliseAttendees(input.attendees),
    organizer: { emailAddress: { name: organizer.displayName ?? '', address: organizer.mail ?? organizer.userPrincipalName ?? '' } },
    onlineMeeting: online && provider === 'teamsForBusiness' ? { joinUrl: joinUrlFor(ical) } : null,
  };
  if (txn) data.transactionId = txn;
  const ev: StoredEvent = { id, mailbox, data, startMs, endMs, seq: store.nextSeq(), version: 1, ...(txn ? { transactionId: txn } : {}) };
  store.putEvent(ev);
  syncAttendeeCopies(store, ev, nowMs, opts.seed);
  return { event: ev, created: true };
}

/** Attendee-side copy of an organizer's event, as it lands in the attendee's calendar. */
function attendeeCopy(store: SandboxStore, source: StoredEvent, attendee: User, nowMs: number, seed?: string): StoredEvent {
  const id = newEventId(seed ? `${seed}:${attendee.id}` : undefined);
  const data: Event = {
    ...structuredClone(source.data),
    id,
    isOrganizer: false,
    createdDateTime: utcIso(nowMs),
    lastModifiedDateTime: utcIso(nowMs),
    changeKey: changeKeyFor(id, 1),
    responseStatus: { response: 'notResponded', time: '0001-01-01T00:00:00Z' },
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
  };
  delete data.transactionId;
  const ev: StoredEvent = { id, mailbox: attendee.id as string, data, startMs: source.startMs, endMs: source.endMs, seq: store.nextSeq(), version: 1 };
  store.putEvent(ev);
  return ev;
}

/** Makes attendee mailboxes agree with the organizer's event: new copies, updates, removals. */
function syncAttendeeCopies(store: SandboxStore, organizerEvent: StoredEvent, nowMs: number, seed?: string): void {
  const copies = new Map<string, StoredEvent>();
  for (const c of store.copiesOf(organizerEvent)) copies.set(c.mailbox, c);
  const wanted = new Set<string>();
  for (const a of organizerEvent.data.attendees ?? []) {
    const user = a.emailAddress?.address ? store.findUser(a.emailAddress.address) : undefined;
    if (!user?.id || user.id === organizerEvent.mailbox) continue;
    wanted.add(user.id);
    const copy = copies.get(user.id);
    if (!copy) {
      attendeeCopy(store, organizerEvent, user, nowMs, seed);
      continue;
    }
    const shared: Array<keyof Event> = ['subject', 'body', 'bodyPreview', 'location', 'locations', 'attendees', 'isAllDay', 'importance', 'sensitivity', 'isOnlineMeeting', 'onlineMeetingProvider', 'onlineMeeting', 'originalStartTimeZone', 'originalEndTimeZone', 'isCancelled'];
    const d = copy.data as Record<string, unknown>;
    const s = organizerEvent.data as Record<string, unknown>;
    for (const k of shared) d[k] = structuredClone(s[k]);
    const moved = copy.startMs !== organizerEvent.startMs || copy.endMs !== organizerEvent.endMs;
    copy.startMs = organizerEvent.startMs;
    copy.endMs = organizerEvent.endMs;
    // A moved meeting asks the attendee to respond again, as Outlook does.
    if (moved && copy.data.responseStatus?.response !== 'notResponded') copy.data.responseStatus = { response: 'notResponded', time: '0001-01-01T00:00:00Z' };
    touch(store, copy, nowMs);
  }
  for (const [mb, copy] of copies) {
    if (!wanted.has(mb) && copy.data.isCancelled !== true) cancelCopy(store, copy, nowMs);
  }
}

function cancelCopy(store: SandboxStore, copy: StoredEvent, nowMs: number): void {
  copy.data.isCancelled = true;
  const subject = copy.data.subject ?? '';
  if (!subject.startsWith('Canceled: ')) copy.data.subject = `Canceled: ${subject}`;
  touch(store, copy, nowMs);
}

/** Properties a client may PATCH; read-only ones are ignored as Graph ignores them. */
const writable = new Set<keyof Event>([
  'subject', 'body', 'start', 'end', 'location', 'locations', 'attendees', 'isOnlineMeeting', 'onlineMeetingProvider', 'categories', 'showAs',
  'importance', 'sensitivity', 'isReminderOn', 'reminderMinutesBeforeStart', 'isAllDay', 'responseRequested', 'allowNewTimeProposals', 'hideAttendees',
]);

export function updateEvent(store: SandboxStore, ev: StoredEvent, patch: Event, nowMs: number): StoredEvent {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw errors.badRequest('Empty Payload. JSON content expected.');
  if (patch.transactionId !== undefined && patch.transactionId !== ev.transactionId) {
    throw errors.invalidRequest('The transactionId of an event cannot be changed after it is created.');
  }
  const next: Event = { ...ev.data };
  for (const [k, v] of Object.entries(patch) as Array<[keyof Event, unknown]>) {
    if (!writable.has(k)) continue;
    (next as Record<string, unknown>)[k] = v;
  }
  if (patch.body !== undefined) {
    next.body = normaliseBody(patch.body);
    next.bodyPreview = stripHtml(next.body.content ?? '').slice(0, 255);
  }
  if (patch.location !== undefined) {
    next.location = normaliseLocation(patch.location);
    next.locations = next.location.displayName ? [next.location] : [];
  }
  if (patch.attendees !== undefined) {
    const previous = new Map((ev.data.attendees ?? []).map((a) => [a.emailAddress?.address?.toLowerCase() ?? '', a]));
    next.attendees = normaliseAttendees(patch.attendees).map((a) => previous.get(a.emailAddress?.address?.toLowerCase() ?? '') ?? a);
  }
  let startMs = ev.startMs;
  let endMs = ev.endMs;
  if (patch.start !== undefined || patch.end !== undefined) {
    startMs = patch.start !== undefined ? parseDateTimeTimeZone(patch.start, 'start') : ev.startMs;
    endMs = patch.end !== undefined ? parseDateTimeTimeZone(patch.end, 'end') : ev.endMs;
    if (endMs < startMs) throw new GraphHttpError(400, 'ErrorCalendarEndDateIsEarlierThanStartDate', 'The end date occurs before the start date.');
    if (patch.start?.timeZone) next.originalStartTimeZone = patch.start.timeZone;
    if (patch.end?.timeZone) next.originalEndTimeZone = patch.end.timeZone;
  }
  if (patch.isOnlineMeeting !== undefined || patch.onlineMeetingProvider !== undefined) {
    const online = next.isOnlineMeeting === true && !store.teamsOff.has(ev.mailbox);
    next.isOnlineMeeting = online;
    next.onlineMeetingProvider = online ? (next.onlineMeetingProvider && next.onlineMeetingProvider !== 'unknown' ? next.onlineMeetingProvider : 'teamsForBusiness') : (next.onlineMeetingProvider ?? 'unknown');
    next.onlineMeeting = online && next.onlineMeetingProvider === 'teamsForBusiness' ? (ev.data.onlineMeeting ?? { joinUrl: joinUrlFor(ev.data.iCalUId ?? ev.id) }) : null;
  }
  ev.data = next;
  ev.startMs = startMs;
  ev.endMs = endMs;
  touch(store, ev, nowMs);
  if (ev.data.isOrganizer) syncAttendeeCopies(store, ev, nowMs);
  return ev;
}

/** Organizer deletes or cancels: the organizer's item goes, attendees' copies show as cancelled. */
export function deleteEvent(store: SandboxStore, ev: StoredEvent, nowMs: number): void {
  if (ev.data.isOrganizer && (ev.data.attendees?.length ?? 0) > 0) {
    for (const copy of store.copiesOf(ev)) if (copy.data.isCancelled !== true) cancelCopy(store, copy, nowMs);
  }
  store.removeEvent(ev);
}

export type Response = 'accepted' | 'tentativelyAccepted' | 'declined';

/** An attendee answers: the organizer's attendee list records it; a declined copy leaves the calendar. */
export function respond(store: SandboxStore, ev: StoredEvent, response: Response, nowMs: number): void {
  if (ev.data.isOrganizer) {
    throw errors.invalidRequest("Your request can't be completed. You can't respond to a meeting that you organized.");
  }
  const me = store.users.get(ev.mailbox);
  const myAddress = (me?.mail ?? me?.userPrincipalName ?? '').toLowerCase();
  const time = utcIso(nowMs);
  for (const copy of store.copiesOf(ev)) {
    if (!copy.data.isOrganizer) continue;
    const att = copy.data.attendees?.find((a) => a.emailAddress?.address?.toLowerCase() === myAddress);
    if (att) {
      att.status = { response, time };
      touch(store, copy, nowMs);
    }
  }
  if (response === 'declined') {
    store.removeEvent(ev);
    return;
  }
  ev.data.responseStatus = { response, time };
  touch(store, ev, nowMs);
}

/** The event as Graph returns it, with times in the caller's preferred zone (UTC by default). */
export function presentEvent(ev: StoredEvent, zoneName: string | undefined): Event & { '@odata.etag': string } {
  const zone = zoneName ?? 'UTC';
  const data = structuredClone(ev.data);
  data.start = toDateTimeTimeZone(ev.startMs, zone);
  data.end = toDateTimeTimeZone(ev.endMs, zone);
  return { '@odata.etag': `W/"${data.changeKey ?? ''}"`, ...data };
}

export function etagOf(ev: StoredEvent): string {
  return `W/"${ev.data.changeKey ?? ''}"`;
}

/** If-Match may carry the weak etag, the quoted changeKey, the bare changeKey, or *. */
export function ifMatchOk(header: string | undefined, ev: StoredEvent): boolean {
  if (header === undefined) return true;
  const ck = ev.data.changeKey ?? '';
  return header
    .split(',')
    .map((s) => s.trim())
    .some((tag) => tag === '*' || tag === `W/"${ck}"` || tag === `"${ck}"` || tag === ck);
}
