import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage, type AppStorage } from '../../../src/adapters/storage/index.js';
import { isAppError } from '../../../src/domain/errors.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import type { JobQueue, VersionedStore } from '../../../src/domain/ports/storage.js';
import { AgreementRepository, LINKS_TABLE } from '../../../src/repositories/agreements.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';
import { bookingQueue, bookingTransactionId, bookingTransactionPrefix, enqueueBooking, processBookingJob, runBookingWorker, type BookingDeps, type BookingJob, type BookingSummary } from '../../../src/jobs/booking/index.js';
import { agreementKey, agreementStore, listSessions, sessionKey, sessionStore } from '../../../src/repositories/tables.js';
import { findPerson, type DemoPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { getPack } from '../../../src/policy/packs.js';
import { planYear } from '../../../src/usecases/plan-year.js';
import { calendarFor, countBy } from '../../adapters/graph/calendar/helpers.js';
import { useAzurite } from '../../support/azurite.js';
import { signedAgreement } from './fixtures.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
let storage: AppStorage;
let agreements: VersionedStore<Agreement>;
let sessions: VersionedStore<PlannedSession>;
let queue: JobQueue<BookingJob>;
let deps: BookingDeps;

beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z', faults: { latencyMs: 2 } });
  storage = createStorage(azurite.connectionString);
  agreements = agreementStore(storage);
  sessions = sessionStore(storage);
  queue = bookingQueue(storage, { maxAttempts: 3 });
  await storage.ensureCreated();
  const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
  deps = { agreements: new AgreementRepository({ agreements, sessions, links: storage.versioned(LINKS_TABLE, ZAgreementLink) }), calendar: calendarFor(tenant), directory: new GraphDirectory(client), now: () => new Date('2026-05-21T08:00:00Z') };
});
afterAll(() => tenant?.close());

function person(alias: string): DemoPerson {
  const p = findPerson(tenant.org, alias);
  if (!p) throw new Error(`no ${alias}`);
  return p;
}

let n = 0;
async function storeAgreement(supervisor: string, supervisee: string, over: Parameters<typeof signedAgreement>[3] = {}): Promise<Agreement> {
  const a = signedAgreement(`agr-${process.pid}-${n++}`, person(supervisor), person(supervisee), over);
  await agreements.create(agreementKey(a.id), a);
  return a;
}

/** Organizer events of the agreement, and the supervisee's copies, counted per session slot. */
function calendarsOf(a: Agreement) {
  const prefix = bookingTransactionPrefix(a.id);
  const organizer = [...tenant.store.mailbox(a.terms.supervisorId).values()].filter((e) => (e.transactionId ?? '').startsWith(prefix));
  const ical = new Set(organizer.map((e) => e.data.iCalUId));
  const copies = [...tenant.store.mailbox(a.terms.superviseeId).values()].filter((e) => ical.has(e.data.iCalUId));
  return { organizer, copies };
}

async function expectBookedOnce(a: Agreement): Promise<void> {
  const rows = (await listSessions(sessions, a.id)).map((r) => r.value);
  expect(rows.length).toBeGreaterThanOrEqual(12);
  expect(rows.every((r) => r.status === 'booked' && r.eventId)).toBe(true);
  const { organizer, copies } = calendarsOf(a);
  expect(organizer).toHaveLength(rows.length);
  expect(copies).toHaveLength(rows.length);
  const byTxn = countBy(organizer, (e) => e.transactionId ?? '');
  for (const r of rows) expect(byTxn.get(bookingTransactionId(a.id, r.sessionId)), r.sessionId).toBe(1);
  expect(new Set(organizer.map((e) => e.id))).toEqual(new Set(rows.map((r) => r.eventId)));
  expect([...countBy(copies, (e) => String(e.startMs)).values()].every((c) => c === 1)).toBe(true);
  expect((await agreements.get(agreementKey(a.id)))?.value.status).toBe('booked');
}

describe('processBookingJob', () => {
  it('books the signed agreement: one Teams meeting per session in both calendars, rows booked, agreement booked', async () => {
    const a = await storeAgreement('tm1', 'sw1');
    // The plan is made from both people's free/busy: the first session is early in the year (issue 15 item 5), where
    // the sandbox people have meetings of their own.
    const busyByPerson = await deps.calendar.busy([a.terms.supervisorId, a.terms.superviseeId], '2026-06-01T23:00:00Z', '2027-06-01T23:00:00Z');
    const busy = [...(busyByPerson.get(a.terms.supervisorId) ?? []), ...(busyByPerson.get(a.terms.superviseeId) ?? [])];
    const summary = await processBookingJob(deps, a.id);
    await expectBookedOnce(a);
    expect(summary.agreementStatus).toBe('booked');
    expect(summary.sessions.every((s) => s.joinUrl?.startsWith('https://teams.microsoft.com/') && s.webLink)).toBe(true);

    const expected = planYear({ pack: getPack('sefton'), terms: a.terms, busy, agreementId: a.id });
    expect(summary.sessions.map((s) => s.startUtc)).toEqual(expected.map((s) => s.startUtc));

    const event = tenant.store.getEvent(summary.sessions[0]?.sessionId ? ((await sessions.get(sessionKey(a.id, summary.sessions[0].sessionId)))?.value.eventId ?? '') : '');
    const supervisor = person('tm1');
    const supervisee = person('sw1');
    expect(event?.data.subject).toBe(`Supervision: ${supervisee.displayName} and ${supervisor.displayName}`);
    expect(event?.data.categories).toEqual(['Supervision']);
    expect(event?.data.reminderMinutesBeforeStart).toBe(1440);
    expect(event?.data.isOnlineMeeting).toBe(true);
    expect(event?.data.attendees?.map((x) => x.emailAddress?.address)).toEqual([supervisee.mail]);
    const body = event?.data.body?.content ?? '';
    expect(body).toContain('Supervision Assistant chat');
    expect(body).toContain(summary.sessions[0] ? expected[0]?.rule : 'x');
    expect(body).toMatch(/Sefton/);
    expect(body).not.toMatch(/Induction to the team/); // key tasks stay in the agreement, not the invitation
  });

  it('a second run (a redelivered message) changes nothing', async () => {
    const a = await storeAgreement('tm2', 'sw4');
    const first = await processBookingJob(deps, a.id);
    const requests = tenant.stats().graphRequests;
    const again = await processBookingJob(deps, a.id);
    expect(again).toEqual(first);
    expect(tenant.stats().graphRequests).toBe(requests);
    await expectBookedOnce(a);
  });

  it('resumes a crashed run: rows without the first-session marker are planned again; events Graph made before the crash are not made twice', async () => {
    const a = await storeAgreement('tm3', 'sw7', { format: { kind: 'in-person', location: 'West Office, room 4' } });
    const planned = planYear({ pack: getPack('sefton'), terms: a.terms, busy: [], agreementId: a.id });
    // Crash 1: half the rows written, the marker (s01) not yet.
    for (const s of planned.slice(5)) await sessions.create(sessionKey(a.id, s.sessionId), { ...s, startUtc: '2026-06-03T09:00:00Z', endUtc: '2026-06-03T10:30:00Z' });
    const summary = await processBookingJob(deps, a.id);
    expect(summary.sessions.map((s) => s.startUtc)).toEqual(planned.map((s) => s.startUtc));
    await expectBookedOnce(a);
    const event = tenant.store.getEvent(summary.sessions[0] ? ((await sessions.get(sessionKey(a.id, summary.sessions[0].sessionId)))?.value.eventId ?? '') : '');
    expect(event?.data.isOnlineMeeting).toBe(false);
    expect(event?.data.location?.displayName).toBe('West Office, room 4');
  });

  it('resumes after Graph created events whose rows were never marked (the answer was lost with the worker)', async () => {
    const a = await storeAgreement('tm4', 'pa1');
    const first = await processBookingJob(deps, a.id);
    // Roll the rows and the agreement back to before the booking answers arrived.
    for (const s of first.sessions) {
      const row = await sessions.get(sessionKey(a.id, s.sessionId));
      if (!row) throw new Error('row');
      await sessions.replace(sessionKey(a.id, s.sessionId), { ...row.value, status: 'planned', eventId: undefined, joinUrl: undefined, webLink: undefined }, row.etag);
    }
    const stored = await agreements.get(agreementKey(a.id));
    await agreements.replace(agreementKey(a.id), { ...stored!.value, status: 'signed' }, stored!.etag);
    const again = await processBookingJob(deps, a.id);
    expect(again.sessions.map((s) => s.joinUrl)).toEqual(first.sessions.map((s) => s.joinUrl));
    await expectBookedOnce(a);
  });

  it('plans around both people\'s busy time', async () => {
    const supervisor = person('sp1');
    const supervisee = person('sw2');
    const a = signedAgreement(`agr-${process.pid}-busy`, supervisor, supervisee);
    const free = planYear({ pack: getPack('sefton'), terms: a.terms, busy: [], agreementId: a.id });
    const clash = free[0]!;
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
    await graph.api(`/users/${supervisee.id}/events`).post({ subject: 'Court', start: { dateTime: clash.startUtc.replace('Z', ''), timeZone: 'UTC' }, end: { dateTime: clash.endUtc.replace('Z', ''), timeZone: 'UTC' } });
    await agreements.create(agreementKey(a.id), a);
    const summary = await processBookingJob(deps, a.id);
    expect(summary.sessions[0]?.startUtc).not.toBe(clash.startUtc);
    for (const s of summary.sessions) expect(s.startUtc < clash.endUtc && s.endUtc > clash.startUtc).toBe(false);
  });

  it('refuses an agreement that is not signed, and one whose year cannot be planned, naming the rule', async () => {
    const draft = signedAgreement(`agr-${process.pid}-draft`, person('sm1'), person('tm1'));
    await agreements.create(agreementKey(draft.id), { ...draft, status: 'awaiting-supervisor' });
    await expect(processBookingJob(deps, draft.id)).rejects.toMatchObject({ code: 'precondition_failed' });

    const full = await storeAgreement('sm2', 'tm3');
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
    await graph.api(`/users/${person('tm3').id}/events`).post({ subject: 'Secondment', showAs: 'oof', start: { dateTime: '2026-05-30T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-06-05T00:00:00', timeZone: 'UTC' } });
    try {
      await processBookingJob(deps, full.id);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('policy_violation');
      expect(isAppError(error) && String(error.details?.rule)).toMatch(/Sefton/);
    }
    expect(await listSessions(sessions, full.id)).toEqual([]);
  });
});

describe('runBookingWorker', () => {
  it('takes the message, books, completes it; poisons what cannot succeed; retries through a 503 storm', async () => {
    const good = await storeAgreement('sm3', 'tm4');
    const stormy = await storeAgreement('sp2', 'sw5');
    const draft = signedAgreement(`agr-${process.pid}-w-draft`, person('sp3'), person('sw8'));
    await agreements.create(agreementKey(draft.id), { ...draft, status: 'draft' });

    await enqueueBooking(queue, good.id);
    await enqueueBooking(queue, draft.id);
    const booked: BookingSummary[] = [];
    const events: string[] = [];
    const log = { debug() {}, info() {}, warn: (e: string) => void events.push(e), error: (e: string) => void events.push(e) };
    const controller = new AbortController();
    // Few attempts inside the adapter, so the storm fails the job and the queue brings it back.
    const calendar = calendarFor(tenant, { retry: { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 2 } });
    const worker = runBookingWorker(
      { ...deps, calendar, queue, log },
      { signal: controller.signal, visibilitySeconds: 2, pollIntervalMs: 50, onBooked: (s) => booked.push(s) },
    );
    try {
      await waitFor(() => booked.some((b) => b.agreementId === good.id));
      await expectBookedOnce(good);

      // Every Graph request fails for a while: the job fails, the message comes back, and the
      // run after the storm books everything exactly once.
      tenant.setFaults({ errorRate: 1, retryAfterSeconds: 0 });
      await enqueueBooking(queue, stormy.id);
      await waitFor(async () => (await queue.peekPoisoned()).some((p) => p.reason.includes('draft')));
      await waitFor(() => events.includes('booking_retry'));
      tenant.setFaults({ errorRate: 0 });
      await waitFor(() => booked.some((b) => b.agreementId === stormy.id), 20_000);
      await expectBookedOnce(stormy);
      expect(events).toContain('booking_poisoned');
    } finally {
      tenant.setFaults({ errorRate: 0 });
      controller.abort();
      await worker;
    }
    expect(await queue.receive({ visibilitySeconds: 1 })).toEqual([]);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
