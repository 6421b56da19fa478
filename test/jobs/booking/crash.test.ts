import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import type { JobQueue, VersionedStore } from '../../../src/domain/ports/storage.js';
import { bookingQueue, bookingTransactionId, bookingTransactionPrefix, enqueueBooking, type BookingJob } from '../../../src/jobs/booking/index.js';
import { agreementKey, agreementStore, listSessions, sessionStore } from '../../../src/repositories/tables.js';
import type { AzuriteInstance } from '../../../src/sandbox/azurite.js';
import { startAzuriteProcess } from '../../../src/sandbox/azurite-process.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { countBy } from '../../adapters/graph/calendar/helpers.js';
import { signedAgreement } from './fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const VISIBILITY_SECONDS = 2;

let azurite: AzuriteInstance;
let tenant: SandboxTenant;
let agreements: VersionedStore<Agreement>;
let sessions: VersionedStore<PlannedSession>;
let queue: JobQueue<BookingJob>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // Both processes share one Azurite, so it runs in a process of its own.
  [azurite, tenant] = await Promise.all([startAzuriteProcess(), startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z', faults: { latencyMs: 100 } })]);
  const storage = createStorage(azurite.connectionString);
  agreements = agreementStore(storage);
  sessions = sessionStore(storage);
  queue = bookingQueue(storage);
  await storage.ensureCreated();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await tenant?.close();
  await azurite?.close();
});

/** The worker in its own process; one Azure-queue consumer like any other instance of the app. */
async function startWorker(settings: Record<string, unknown>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'worker-process.ts'), JSON.stringify({ connectionString: azurite.connectionString, graphBaseUrl: tenant.graphBaseUrl, visibilitySeconds: VISIBILITY_SECONDS, ...settings })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${stderr}`)));
  });
  return child;
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('booking survives a worker killed in the middle of a batch', () => {
  it('a second worker finishes the year: exactly one event per session in both calendars, none missing', async () => {
    const supervisor = findPerson(tenant.org, 'tm1');
    const supervisee = findPerson(tenant.org, 'sw3');
    if (!supervisor || !supervisee) throw new Error('demo people');
    const agreement = signedAgreement(`crash-${process.pid}`, supervisor, supervisee);
    await agreements.create(agreementKey(agreement.id), agreement);
    await enqueueBooking(queue, agreement.id);
    const prefix = bookingTransactionPrefix(agreement.id);
    const inGraph = () => [...tenant.store.mailbox(supervisor.id).values()].filter((e) => (e.transactionId ?? '').startsWith(prefix));

    // One batch of at most five at a time, each create taking 100 ms: the kill lands inside a
    // batch (Graph has made events the worker has not heard about) after an earlier batch's rows
    // were marked booked.
    const first = await startWorker({ maxConcurrentPerMailbox: 1, maxBatchSize: 5 });
    await until(async () => {
      const rows = await listSessions(sessions, agreement.id);
      const done = rows.filter((r) => r.value.status === 'booked').length;
      const made = inGraph().length;
      return done >= 1 && made > done && made < rows.length - 1;
    }, 'a later batch to be under way');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const rowsAtCrash = (await listSessions(sessions, agreement.id)).map((r) => r.value);
    const eventsAtCrash = inGraph().length;
    const bookedAtCrash = rowsAtCrash.filter((r) => r.status === 'booked').length;
    expect(bookedAtCrash).toBeGreaterThanOrEqual(1);
    expect(bookedAtCrash).toBeLessThan(rowsAtCrash.length);
    expect(eventsAtCrash).toBeGreaterThanOrEqual(bookedAtCrash);
    expect(eventsAtCrash).toBeLessThan(rowsAtCrash.length);
    expect((await agreements.get(agreementKey(agreement.id)))?.value.status).toBe('signed');

    // The second worker also meets lost responses and 503s on its way.
    tenant.setFaults({ lostResponseRate: 0.15, errorRate: 0.1, retryAfterSeconds: 0, seed: 5 });
    try {
      const second = await startWorker({});
      await until(async () => (await agreements.get(agreementKey(agreement.id)))?.value.status === 'booked', 'the agreement to be booked');
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    } finally {
      tenant.setFaults({ lostResponseRate: 0, errorRate: 0 });
    }

    const rows = (await listSessions(sessions, agreement.id)).map((r) => r.value);
    expect(rows.map((r) => r.sessionId)).toEqual(rowsAtCrash.map((r) => r.sessionId));
    expect(rows.every((r) => r.status === 'booked' && r.eventId && r.joinUrl)).toBe(true);
    // Rows booked before the crash kept their events.
    for (const before of rowsAtCrash.filter((r) => r.status === 'booked')) expect(rows.find((r) => r.sessionId === before.sessionId)?.eventId).toBe(before.eventId);

    const organizer = inGraph();
    expect(organizer).toHaveLength(rows.length);
    const byTxn = countBy(organizer, (e) => e.transactionId ?? '');
    for (const r of rows) expect(byTxn.get(bookingTransactionId(agreement.id, r.sessionId)), r.sessionId).toBe(1);
    expect(new Set(organizer.map((e) => e.id))).toEqual(new Set(rows.map((r) => r.eventId)));
    const bySlot = countBy(organizer, (e) => `${e.data.subject}|${e.startMs}`);
    expect([...bySlot.values()].every((c) => c === 1)).toBe(true);

    const ical = new Set(organizer.map((e) => e.data.iCalUId));
    const copies = [...tenant.store.mailbox(supervisee.id).values()].filter((e) => ical.has(e.data.iCalUId));
    expect(copies).toHaveLength(rows.length);
    expect([...countBy(copies, (e) => `${e.data.subject}|${e.startMs}`).values()].every((c) => c === 1)).toBe(true);

    expect(await queue.receive({ visibilitySeconds: 1 })).toEqual([]);
    expect(await queue.peekPoisoned()).toEqual([]);
  });
});
