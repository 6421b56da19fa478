import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../../src/adapters/graph/token-providers.js';
import { batchSizes, londonWallTime } from '../../../../src/adapters/graph/calendar/event-payload.js';
import { MailboxLimiter } from '../../../../src/adapters/graph/calendar/mailbox-limiter.js';
import { findPerson, type DemoPerson } from '../../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../../src/sandbox/graph-server.js';
import { calendarFor, countBy, organizerEvents, sessionEvents } from './helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z', faults: { latencyMs: 5 } });
});
afterAll(() => tenant.close());

function person(alias: string): DemoPerson {
  const p = findPerson(tenant.org, alias);
  if (!p) throw new Error(`no ${alias} in the demo org`);
  return p;
}

function prefixOf(transactionId: string): string {
  return transactionId.slice(0, transactionId.lastIndexOf('-'));
}

/** Exactly one organizer event and one attendee copy per requested event, matched by subject and start. */
function expectExactlyOnce(organizer: DemoPerson, attendee: DemoPerson, events: ReturnType<typeof sessionEvents>): void {
  const prefix = prefixOf(events[0]?.transactionId ?? '');
  const mine = organizerEvents(tenant, organizer.id, prefix);
  const byTxn = countBy(mine, (e) => e.transactionId ?? '');
  expect(mine).toHaveLength(events.length);
  for (const e of events) expect(byTxn.get(e.transactionId), e.transactionId).toBe(1);
  const copies = [...tenant.store.mailbox(attendee.id).values()].filter((e) => (e.data.subject ?? '').includes(prefix));
  const bySlot = countBy(copies, (e) => `${e.data.subject}|${e.startMs}`);
  expect(copies).toHaveLength(events.length);
  expect([...bySlot.values()].every((n) => n === 1)).toBe(true);
}

describe('batch planning', () => {
  it('uses the fewest equal sequential batches, spread over the four slots when each keeps ten or more', () => {
    const plan = (n: number) => batchSizes(n, { maxBatch: 20, slots: 4, minBatch: 10 });
    expect(plan(0)).toEqual([]);
    expect(plan(13)).toEqual([13]);
    expect(plan(20)).toEqual([10, 10]);
    expect(plan(25)).toEqual([13, 12]);
    expect(plan(50)).toEqual([13, 13, 12, 12]);
    expect(plan(104)).toEqual([13, 13, 13, 13, 13, 13, 13, 13]);
    for (let n = 1; n <= 400; n++) {
      const sizes = plan(n);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(20);
      if (n >= 10) expect(sizes.length / n).toBeLessThanOrEqual(0.1);
    }
  });

  it('writes London wall time across the clock change', () => {
    expect(londonWallTime('2026-03-27T10:00:00Z')).toBe('2026-03-27T10:00:00');
    expect(londonWallTime('2026-03-30T09:00:00Z')).toBe('2026-03-30T10:00:00');
  });

  it('the limiter hands slots out in order and never more than its size', async () => {
    const limiter = new MailboxLimiter(2);
    const order: number[] = [];
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const release = await limiter.acquire('MB');
        peak = Math.max(peak, limiter.inFlight('mb'));
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('GraphCalendar against the sandbox tenant', () => {
  it('creates events in $batch requests of at most 20 with every field, in London time, results in input order', async () => {
    const calendar = calendarFor(tenant);
    const organizer = person('tm1');
    const attendee = person('sw1');
    const events = sessionEvents(25, attendee);
    events[1] = { ...events[1]!, isOnlineMeeting: false, location: 'Room 2, East Office' };
    const before = tenant.stats().batches;
    const progress: number[] = [];
    const result = await calendar.createEvents(organizer.id, events, { onCreated: (c) => void progress.push(c.length) });

    expect(result.failed).toEqual([]);
    expect(result.created.map((c) => c.transactionId)).toEqual(events.map((e) => e.transactionId));
    expect(tenant.stats().batches - before).toBe(2);
    expect(calendar.stats.eventBatches).toBe(2);
    expect(progress.sort()).toEqual([12, 13]);
    expectExactlyOnce(organizer, attendee, events);

    const first = tenant.store.getEvent(result.created[0]!.eventId)!;
    expect(result.created[0]?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(result.created[0]?.webLink).toMatch(/^https:\/\/outlook\.office365\.com\//);
    expect(first.data).toMatchObject({
      subject: events[0]?.subject,
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      categories: ['Supervision'],
      isReminderOn: true,
      reminderMinutesBeforeStart: 1440,
      originalStartTimeZone: 'Europe/London',
      transactionId: events[0]?.transactionId,
    });
    expect(first.data.attendees?.[0]).toMatchObject({ type: 'required', emailAddress: { address: attendee.mail } });
    expect(first.data.body?.contentType).toBe('html');
    expect(new Date(first.startMs).toISOString()).toBe(new Date(events[0]!.startUtc).toISOString());
    const inPerson = tenant.store.getEvent(result.created[1]!.eventId)!;
    expect(inPerson.data.isOnlineMeeting).toBe(false);
    expect(inPerson.data.location?.displayName).toBe('Room 2, East Office');
    expect(result.created[1]?.joinUrl).toBeUndefined();
  });

  it("labels times 'GMT Standard Time' when configured: the same London wall-clock time", async () => {
    const organizer = person('sp3');
    const attendee = person('sw8');
    const events = sessionEvents(2, attendee, { firstDay: '2026-10-23' });
    const windows = await calendarFor(tenant, { timeZone: 'GMT Standard Time' }).createEvents(organizer.id, events);
    for (const [i, c] of windows.created.entries()) {
      const stored = tenant.store.getEvent(c.eventId);
      expect(stored?.data.originalStartTimeZone).toBe('GMT Standard Time');
      expect(stored?.startMs).toBe(Date.parse(events[i]!.startUtc));
    }
  });

  it('sending the same events again returns the same events (transactionId) and creates nothing', async () => {
    const calendar = calendarFor(tenant);
    const organizer = person('tm2');
    const attendee = person('sw4');
    const events = sessionEvents(12, attendee);
    const first = await calendar.createEvents(organizer.id, events);
    const again = await calendar.createEvents(organizer.id, events);
    expect(again.created.map((c) => c.eventId)).toEqual(first.created.map((c) => c.eventId));
    expectExactlyOnce(organizer, attendee, events);
  });

  it('keeps at most four requests in flight per mailbox however many callers share the adapter', async () => {
    const calendar = calendarFor(tenant);
    const organizer = person('tm3');
    const attendee = person('sw7');
    const batches = [sessionEvents(40, attendee), sessionEvents(40, attendee, { firstDay: '2026-09-01' }), sessionEvents(13, attendee, { firstDay: '2026-12-01' })];
    const throttledBefore = tenant.stats().throttled;
    const results = await Promise.all(batches.map((b) => calendar.createEvents(organizer.id, b)));
    expect(results.every((r) => r.failed.length === 0)).toBe(true);
    expect(tenant.stats().byMailbox[organizer.id]?.peakConcurrent).toBeLessThanOrEqual(4);
    expect(tenant.stats().throttled).toBe(throttledBefore);
    expect(calendar.stats.throttled).toBe(0);
    for (const b of batches) expectExactlyOnce(organizer, attendee, b);
  });

  it('a 429 storm (two adapters over the mailbox limit, and a spent request budget) still gives exactly one event each', async () => {
    const organizer = person('tm4');
    const attendee = person('pa1');
    // Two adapter instances stand for two processes: together they exceed four in flight.
    const a = calendarFor(tenant);
    const b = calendarFor(tenant);
    tenant.setThrottle({ requestsPerWindow: 15, windowMs: 1000, retryAfterSeconds: 1 });
    try {
      const ea = sessionEvents(30, attendee);
      const eb = sessionEvents(30, attendee, { firstDay: '2026-08-03' });
      const [ra, rb] = await Promise.all([a.createEvents(organizer.id, ea), b.createEvents(organizer.id, eb)]);
      expect(ra.failed).toEqual([]);
      expect(rb.failed).toEqual([]);
      expect(a.stats.throttled + b.stats.throttled).toBeGreaterThan(0);
      expectExactlyOnce(organizer, attendee, ea);
      expectExactlyOnce(organizer, attendee, eb);
    } finally {
      tenant.setThrottle({ requestsPerWindow: 10_000, windowMs: 600_000 });
    }
  });

  it('503s and lost responses (504 after the create ran) are retried alone: exactly one event each', async () => {
    const calendar = calendarFor(tenant);
    const organizer = person('sm1');
    const attendee = person('tm1');
    tenant.setFaults({ errorRate: 0.2, lostResponseRate: 0.2, retryAfterSeconds: 0, seed: 11 });
    try {
      const events = sessionEvents(40, attendee);
      const result = await calendar.createEvents(organizer.id, events);
      expect(result.failed).toEqual([]);
      expect(calendar.stats.retries).toBeGreaterThan(0);
      expect(new Set(result.created.map((c) => c.eventId)).size).toBe(40);
      expectExactlyOnce(organizer, attendee, events);
    } finally {
      tenant.setFaults({ errorRate: 0, lostResponseRate: 0 });
    }
  });

  it('gives up after a bounded number of attempts and reports each failure instead of throwing', async () => {
    const calendar = calendarFor(tenant, { retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 } });
    const organizer = person('sm2');
    const attendee = person('tm3');
    tenant.setFaults({ errorRate: 1, retryAfterSeconds: 0 });
    try {
      const events = sessionEvents(5, attendee);
      const result = await calendar.createEvents(organizer.id, events);
      expect(result.created).toEqual([]);
      expect(result.failed.map((f) => f.transactionId)).toEqual(events.map((e) => e.transactionId));
      expect(result.failed[0]?.error).toMatch(/gave up after 3 attempts: HTTP 503/);
    } finally {
      tenant.setFaults({ errorRate: 0 });
    }
  });

  it('a sub-request Graph refuses (400) fails alone; the rest of the batch is created', async () => {
    const calendar = calendarFor(tenant);
    const organizer = person('sm3');
    const attendee = person('tm4');
    const events = sessionEvents(6, attendee);
    events[2] = { ...events[2]!, attendees: [{ email: '', name: 'nobody' }] };
    const result = await calendar.createEvents(organizer.id, events);
    expect(result.failed).toEqual([{ transactionId: events[2]!.transactionId, error: expect.stringMatching(/HTTP 400/) }]);
    expect(result.created).toHaveLength(5);
  });

  it('busy(): a year of free/busy for both people in windows under 62 days; free time is not busy', async () => {
    const calendar = calendarFor(tenant);
    const supervisor = person('sp1');
    const supervisee = person('sw2');
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
    const mk = (who: DemoPerson, start: string, end: string, showAs: string) =>
      graph.api(`/users/${who.id}/events`).post({ subject: 'x', start: { dateTime: start, timeZone: 'UTC' }, end: { dateTime: end, timeZone: 'UTC' }, showAs });
    await mk(supervisor, '2026-07-01T09:00:00', '2026-07-01T10:00:00', 'busy');
    await mk(supervisor, '2026-07-02T09:00:00', '2026-07-02T10:00:00', 'free');
    await mk(supervisee, '2027-02-10T13:00:00', '2027-02-10T14:30:00', 'tentative');
    await mk(supervisee, '2026-12-24T00:00:00', '2026-12-29T00:00:00', 'oof');
    const before = { ...calendar.stats };
    const busy = await calendar.busy([supervisor.id, supervisee.id], '2026-06-01T00:00:00Z', '2027-06-01T00:00:00Z');
    // Seven 8-week windows as getSchedule calls, sent as parallel $batch requests with each
    // mailbox at most once per batch: four HTTP requests (plus two address lookups).
    expect(calendar.stats.scheduleRequests - before.scheduleRequests).toBe(7);
    expect(calendar.stats.httpRequests - before.httpRequests).toBe(4 + 2);
    expect(tenant.stats().byMailbox[supervisor.id]?.peakConcurrent).toBeLessThanOrEqual(4);

    tenant.setFaults({ errorRate: 0.4, retryAfterSeconds: 0, seed: 3 });
    try {
      const again = await calendar.busy([supervisor.id, supervisee.id], '2026-06-01T00:00:00Z', '2027-06-01T00:00:00Z');
      expect(again).toEqual(busy);
    } finally {
      tenant.setFaults({ errorRate: 0 });
    }
    expect(busy.get(supervisor.id)).toContainEqual({ start: '2026-07-01T09:00:00Z', end: '2026-07-01T10:00:00Z' });
    expect(busy.get(supervisor.id)).not.toContainEqual({ start: '2026-07-02T09:00:00Z', end: '2026-07-02T10:00:00Z' });
    expect(busy.get(supervisee.id)).toContainEqual({ start: '2027-02-10T13:00:00Z', end: '2027-02-10T14:30:00Z' });
    expect(busy.get(supervisee.id)).toContainEqual({ start: '2026-12-24T00:00:00Z', end: '2026-12-29T00:00:00Z' });
  });

  it('changes(): first call syncs the window, the deltaLink token then reports declines, cancellations and deletions', async () => {
    const calendar = calendarFor(tenant);
    const organizer = person('sp2');
    const attendee = person('sw5');
    const window = { fromUtc: '2026-06-01T00:00:00Z', toUtc: '2027-06-01T00:00:00Z' };
    const events = sessionEvents(3, attendee);
    const { created } = await calendar.createEvents(organizer.id, events);
    const initial = await calendar.changes(organizer.id, undefined, window);
    for (const c of created) expect(initial.changes).toContainEqual(expect.objectContaining({ eventId: c.eventId, kind: 'updated', transactionId: c.transactionId }));

    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
    const copy = [...tenant.store.mailbox(attendee.id).values()].find((e) => e.data.subject === events[0]?.subject);
    await graph.api(`/users/${attendee.id}/events/${copy?.id}/decline`).post({ comment: 'away', sendResponse: true });
    await calendar.cancelEvent(organizer.id, created[1]!.eventId, 'Supervision moved to a new agreement');
    await graph.api(`/users/${organizer.id}/events/${created[2]!.eventId}`).delete();

    const next = await calendar.changes(organizer.id, initial.nextToken, window);
    const kinds = new Map(next.changes.map((c) => [c.eventId, c.kind]));
    expect(kinds.get(created[0]!.eventId)).toBe('declined');
    expect(['cancelled', 'deleted']).toContain(kinds.get(created[1]!.eventId));
    expect(kinds.get(created[2]!.eventId)).toBe('deleted');
    const attendeeCopyOfCancelled = [...tenant.store.mailbox(attendee.id).values()].find((e) => e.data.subject?.includes(events[1]!.subject));
    expect(attendeeCopyOfCancelled?.data.isCancelled).toBe(true);
  });
});
