/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect Graph JSON payloads loosely, as a client reading the wire would */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '@microsoft/microsoft-graph-types';
import { findPerson } from '../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { graphClient, raw, startTenant } from './helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(async () => {
  await tenant.close();
});
beforeEach(() => tenant.reset());

const tm1 = () => findPerson(tenant.org, 'tm1')!;
const sw1 = () => findPerson(tenant.org, 'sw1')!;

function supervision(txn?: string): Event {
  return {
    subject: 'Supervision: Olivia and Amara',
    body: { contentType: 'html', content: 'Supervision session booked from the signed agreement.' },
    start: { dateTime: '2026-04-07T14:00:00', timeZone: 'GMT Standard Time' },
    end: { dateTime: '2026-04-07T15:30:00', timeZone: 'GMT Standard Time' },
    attendees: [{ type: 'required', emailAddress: { address: sw1().mail, name: sw1().displayName } }],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    categories: ['Supervision'],
    ...(txn ? { transactionId: txn } : {}),
  };
}

describe('events', () => {
  it('creates a Teams meeting with a join URL, in the organizer zone and UTC', async () => {
    const client = graphClient(tenant);
    const ev = await client.api(`/users/${tm1().id}/events`).header('Prefer', 'outlook.timezone="GMT Standard Time"').post(supervision());
    expect(ev.id).toMatch(/^AAMk/);
    expect(ev['@odata.etag']).toMatch(/^W\/"/);
    expect(ev.isOnlineMeeting).toBe(true);
    expect(ev.onlineMeetingProvider).toBe('teamsForBusiness');
    expect(ev.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    // 7 April 2026 is in British Summer Time.
    expect(ev.start).toEqual({ dateTime: '2026-04-07T14:00:00.0000000', timeZone: 'GMT Standard Time' });
    const utc = await client.api(`/users/${tm1().id}/events/${ev.id}`).get();
    expect(utc.start).toEqual({ dateTime: '2026-04-07T13:00:00.0000000', timeZone: 'UTC' });
    expect(utc.transactionId).toBeUndefined();
    const res = await raw(tenant, 'POST', `/users/${tm1().id}/events`, supervision());
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toContain('/events(');
  });

  it('de-duplicates by transactionId: the same id twice gives one event', async () => {
    const client = graphClient(tenant);
    const before = tenant.store.mailbox(tm1().id).size;
    const a = await client.api(`/users/${tm1().id}/events`).post(supervision('agreement-1:session-3'));
    const b = await client.api(`/users/${tm1().userPrincipalName}/events`).post(supervision('agreement-1:session-3'));
    expect(b.id).toBe(a.id);
    expect(a.transactionId).toBe('agreement-1:session-3');
    expect(tenant.store.mailbox(tm1().id).size).toBe(before + 1);
    const c = await client.api(`/users/${tm1().id}/events`).post(supervision('agreement-1:session-4'));
    expect(c.id).not.toBe(a.id);
    const copies = [...tenant.store.mailbox(sw1().id).values()].filter((e) => e.data.iCalUId === a.iCalUId);
    expect(copies).toHaveLength(1);
  });

  it("puts the attendee's own copy in their calendar with the same iCalUId", async () => {
    const client = graphClient(tenant);
    const ev = await client.api(`/users/${tm1().id}/events`).post(supervision());
    const view = await client
      .api(`/users/${sw1().id}/calendarView`)
      .query({ startDateTime: '2026-04-07T00:00:00Z', endDateTime: '2026-04-08T00:00:00Z' })
      .top(50)
      .get();
    const copy = view.value.find((e: Event) => e.iCalUId === ev.iCalUId);
    expect(copy).toBeDefined();
    expect(copy.id).not.toBe(ev.id);
    expect(copy.isOrganizer).toBe(false);
    expect(copy.responseStatus.response).toBe('notResponded');
    expect(copy.organizer.emailAddress.address).toBe(tm1().mail);
    expect(copy.onlineMeeting.joinUrl).toBe(ev.onlineMeeting.joinUrl);
  });

  it('patches with If-Match, refuses a stale etag with 412, and deletes', async () => {
    const client = graphClient(tenant);
    const ev = await client.api(`/users/${tm1().id}/events`).post(supervision());
    const moved = await client
      .api(`/users/${tm1().id}/events/${ev.id}`)
      .header('If-Match', ev['@odata.etag'])
      .patch({ start: { dateTime: '2026-04-08T10:00:00', timeZone: 'GMT Standard Time' }, end: { dateTime: '2026-04-08T11:30:00', timeZone: 'GMT Standard Time' } });
    expect(moved['@odata.etag']).not.toBe(ev['@odata.etag']);
    expect(moved.start.dateTime).toBe('2026-04-08T09:00:00.0000000');
    const stale = await raw(tenant, 'PATCH', `/users/${tm1().id}/events/${ev.id}`, { subject: 'x' }, { 'if-match': ev['@odata.etag'] });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('ErrorIrresolvableConflict');
    await expect(client.api(`/users/${tm1().id}/events/${ev.id}`).header('If-Match', ev['@odata.etag']).patch({ subject: 'y' })).rejects.toMatchObject({ statusCode: 412 });
    // the attendee's copy followed the move
    const copy = [...tenant.store.mailbox(sw1().id).values()].find((e) => e.data.iCalUId === ev.iCalUId)!;
    expect(new Date(copy.startMs).toISOString()).toBe('2026-04-08T09:00:00.000Z');
    const del = await raw(tenant, 'DELETE', `/users/${tm1().id}/events/${ev.id}`);
    expect(del.status).toBe(204);
    const gone = await raw(tenant, 'GET', `/users/${tm1().id}/events/${ev.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('ErrorItemNotFound');
    expect(copy.data.isCancelled).toBe(true);
    const malformed = await raw(tenant, 'GET', `/users/${tm1().id}/events/not-an-id`);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('ErrorInvalidIdMalformed');
  });

  it('adds and removes attendee copies when the organizer edits the attendee list', async () => {
    const client = graphClient(tenant);
    const sw2 = findPerson(tenant.org, 'sw2')!;
    const ev = await client.api(`/users/${tm1().id}/events`).post(supervision());
    await client.api(`/users/${tm1().id}/events/${ev.id}`).patch({ attendees: [{ type: 'required', emailAddress: { address: sw2.mail } }] });
    const sw2Copy = [...tenant.store.mailbox(sw2.id).values()].find((e) => e.data.iCalUId === ev.iCalUId);
    expect(sw2Copy?.data.isCancelled).toBe(false);
    const sw1Copy = [...tenant.store.mailbox(sw1().id).values()].find((e) => e.data.iCalUId === ev.iCalUId);
    expect(sw1Copy?.data.isCancelled).toBe(true);
  });

  it('cancel by the organizer and decline by the attendee reach the other calendar', async () => {
    const client = graphClient(tenant);
    const ev = await client.api(`/users/${tm1().id}/events`).post(supervision());
    const copy = [...tenant.store.mailbox(sw1().id).values()].find((e) => e.data.iCalUId === ev.iCalUId)!;
    const notOrganizer = await raw(tenant, 'POST', `/users/${sw1().id}/events/${copy.id}/cancel`, { comment: 'no' });
    expect(notOrganizer.status).toBe(400);
    await client.api(`/users/${sw1().id}/events/${copy.id}/decline`).post({ comment: 'On leave', sendResponse: true });
    const org = await client.api(`/users/${tm1().id}/events/${ev.id}`).get();
    expect(org.attendees[0].status.response).toBe('declined');
    expect((await raw(tenant, 'GET', `/users/${sw1().id}/events/${copy.id}`)).status).toBe(404);

    const ev2 = await client.api(`/users/${tm1().id}/events`).post(supervision());
    const copy2 = [...tenant.store.mailbox(sw1().id).values()].find((e) => e.data.iCalUId === ev2.iCalUId)!;
    const cancel = await raw(tenant, 'POST', `/users/${tm1().id}/events/${ev2.id}/cancel`, { comment: 'Supervisor off sick' });
    expect(cancel.status).toBe(202);
    const seen = await client.api(`/users/${sw1().id}/events/${copy2.id}`).get();
    expect(seen.isCancelled).toBe(true);
    expect(seen.subject).toMatch(/^Canceled: /);
  });

  it('honours Prefer: outlook.timezone, $select, and refuses an unknown time zone', async () => {
    const res = await raw(tenant, 'GET', `/users/${sw1().id}/calendarView?startDateTime=2026-03-30T00:00:00Z&endDateTime=2026-04-04T00:00:00Z&$select=subject,start`, undefined, { prefer: 'outlook.timezone="Europe/London"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('preference-applied')).toBe('outlook.timezone="Europe/London"');
    for (const e of res.json.value) {
      expect(Object.keys(e).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
      expect(e.start.timeZone).toBe('Europe/London');
    }
    const bad = await raw(tenant, 'POST', `/users/${tm1().id}/events`, { ...supervision(), start: { dateTime: '2026-04-07T14:00:00', timeZone: 'Mars Standard Time' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('TimeZoneNotSupportedException');
    const backwards = await raw(tenant, 'POST', `/users/${tm1().id}/events`, { ...supervision(), end: { dateTime: '2026-04-07T13:00:00', timeZone: 'GMT Standard Time' } });
    expect(backwards.status).toBe(400);
    await raw(tenant, 'POST', `/users/${tm1().id}/events`, { ...supervision(), subject: 'Filter me' });
    const filtered = await graphClient(tenant).api(`/users/${tm1().id}/events`).filter("categories/any(c:c eq 'Supervision') and subject eq 'Filter me'").get();
    expect(filtered.value).toHaveLength(1);
    const unsupported = await raw(tenant, 'GET', `/users/${tm1().id}/events?$filter=${encodeURIComponent("contains(subject,'x')")}`);
    expect(unsupported.status).toBe(400);
    expect(unsupported.json.error.code).toBe('ErrorInvalidUrlQueryFilter');
    const unknownUser = await raw(tenant, 'POST', `/users/nobody@northshire.example/events`, supervision());
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.json.error.code).toBe('ErrorInvalidUser');
  });

  it('pages calendarView with @odata.nextLink', async () => {
    const client = graphClient(tenant);
    const q = { startDateTime: '2026-02-23T00:00:00Z', endDateTime: '2026-04-30T00:00:00Z' };
    const first = await client.api(`/users/${sw1().id}/calendarView`).query(q).get();
    expect(first.value).toHaveLength(10);
    expect(first['@odata.nextLink']).toContain('$skip=10');
    const ids = new Set<string>(first.value.map((e: Event) => e.id));
    let next: string | undefined = first['@odata.nextLink'];
    while (next) {
      const page = await raw(tenant, 'GET', next.slice(tenant.graphBaseUrl.length));
      for (const e of page.json.value) ids.add(e.id);
      next = page.json['@odata.nextLink'];
    }
    expect(ids.size).toBe(tenant.store.mailbox(sw1().id).size);
    const missing = await raw(tenant, 'GET', `/users/${sw1().id}/calendarView`);
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('ErrorInvalidParameter');
  });
});

describe('calendarView delta', () => {
  it('returns everything first, then only created, moved and deleted events', async () => {
    const client = graphClient(tenant);
    const base = `/users/${tm1().id}/calendarView/delta`;
    const collect = async (first: string, maxPage?: number) => {
      const items: any[] = [];
      let url: string | undefined = first;
      let deltaLink = '';
      while (url) {
        const res = await raw(tenant, 'GET', url, undefined, maxPage ? { prefer: `odata.maxpagesize=${maxPage}` } : {});
        expect(res.status).toBe(200);
        items.push(...res.json.value);
        url = res.json['@odata.nextLink']?.slice(tenant.graphBaseUrl.length);
        deltaLink = res.json['@odata.deltaLink'] ?? deltaLink;
      }
      return { items, deltaLink: deltaLink.slice(tenant.graphBaseUrl.length) };
    };
    const round1 = await collect(`${base}?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z`, 3);
    expect(round1.items.length).toBeGreaterThan(3);
    expect(round1.deltaLink).toContain('$deltatoken=');
    const quiet = await collect(round1.deltaLink);
    expect(quiet.items).toHaveLength(0);

    const created = await client.api(`/users/${tm1().id}/events`).post(supervision());
    const moved = round1.items[0];
    await client.api(`/users/${tm1().id}/events/${moved.id}`).patch({ start: { dateTime: '2026-04-20T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-04-20T10:00:00', timeZone: 'UTC' } });
    const deleted = round1.items[1];
    await client.api(`/users/${tm1().id}/events/${deleted.id}`).delete();

    const round2 = await collect(quiet.deltaLink);
    const byId = new Map(round2.items.map((x) => [x.id, x]));
    expect(byId.get(created.id)?.subject).toBe('Supervision: Olivia and Amara');
    expect(byId.get(moved.id)?.start.dateTime).toBe('2026-04-20T09:00:00.0000000');
    expect(byId.get(deleted.id)?.['@removed']).toEqual({ reason: 'deleted' });
    expect(round2.items).toHaveLength(3);
  });
});
