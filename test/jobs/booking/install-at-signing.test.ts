import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { createTeamsAppInstaller, readManifestId } from '../../../src/adapters/graph/teams-app-installer.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';
import { bookingQueue, enqueueBooking, runBookingWorker, type BookingSummary } from '../../../src/jobs/booking/index.js';
import { AgreementRepository, LINKS_TABLE } from '../../../src/repositories/agreements.js';
import { agreementStore, sessionStore } from '../../../src/repositories/tables.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { installAppForParties } from '../../../src/usecases/agreements/install-app.js';
import { calendarFor } from '../../adapters/graph/calendar/helpers.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { isolated } from '../sweep/support.js';
import { signedAgreement } from './fixtures.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z' }); });
afterAll(() => tenant?.close());

const waitFor = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(done()).toBe(true);
};

describe('the app installed for both people at signing (issue 14 item 5)', () => {
  it('the booking job installs it for the two people of a signed agreement (Graph installedApps) before booking the year; a redelivery installs nothing twice; someone the bot already chats with is left alone', async () => {
    const storage = isolated(createStorage(azurite.connectionString), uniqueName('ias'));
    const agreements = new AgreementRepository({ agreements: agreementStore(storage), sessions: sessionStore(storage), links: storage.versioned(LINKS_TABLE, ZAgreementLink) });
    const queue = bookingQueue(storage);
    await storage.ensureCreated();
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
    const installer = createTeamsAppInstaller({ graph, manifestId: readManifestId(), graphBaseUrl: tenant.graphBaseUrl });
    const calls: string[] = [];
    const counted = { install: async (id: string) => { calls.push(id); return installer.install(id); } };
    const [tm, sw, sm, tm2] = ['tm2', 'sw4', 'sm1', 'tm3'].map((a) => findPerson(tenant.org, a)!);
    const withChat = new Set([sm!.id]);
    const installApp = (agreementId: string) => installAppForParties({ agreements, installer: counted, hasReference: async (id) => withChat.has(id) }, agreementId);
    const installedFor = (id: string) => [...tenant.store.installs.values()].filter((i) => i.userId === id).length;

    const a = signedAgreement(`ias-${process.pid}`, tm!, sw!);
    const b = signedAgreement(`ias-${process.pid}-b`, tm2!, sm!);
    for (const x of [a, b]) await agreements.create(x);
    expect(installedFor(tm!.id) + installedFor(sw!.id)).toBe(0);

    const booked: BookingSummary[] = [];
    const controller = new AbortController();
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const worker = runBookingWorker(
      { agreements, calendar: calendarFor(tenant), directory: new GraphDirectory(graph), queue, log, installApp, now: () => new Date('2026-05-21T08:00:00Z') },
      { signal: controller.signal, visibilitySeconds: 5, pollIntervalMs: 50, onBooked: (s) => booked.push(s) },
    );
    try {
      await enqueueBooking(queue, a.id);
      await enqueueBooking(queue, b.id);
      await waitFor(() => booked.filter((s) => s.agreementStatus === 'booked').length === 2);
      expect(installedFor(tm!.id)).toBe(1);
      expect(installedFor(sw!.id)).toBe(1);
      // The service manager already had a chat with the bot: not installed for again.
      expect(calls).not.toContain(sm!.id);
      expect(installedFor(tm2!.id)).toBe(1);
      expect((await agreements.get(a.id))?.status).toBe('booked');
      // The same job again (a redelivery): the agreement is booked, nothing is installed or called.
      const before = calls.length;
      await enqueueBooking(queue, a.id);
      await waitFor(() => booked.filter((s) => s.agreementId === a.id).length === 2);
      expect(calls.length).toBe(before);
      expect(installedFor(tm!.id)).toBe(1);
    } finally {
      controller.abort();
      await worker;
    }
    // Installing again for a signed agreement is harmless: Graph says 409, already installed.
    await agreements.update(a.id, (cur) => ({ ...cur, status: 'signed' }));
    expect(await installApp(a.id)).toEqual({ supervisor: 'already-installed', supervisee: 'already-installed' });
  });
});
