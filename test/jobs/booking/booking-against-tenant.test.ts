import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage, type AppStorage } from '../../../src/adapters/storage/index.js';
import { bookingConfirmation } from '../../../src/conversation/agreements/present.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import type { VersionedStore } from '../../../src/domain/ports/storage.js';
import { bookingTransactionPrefix, processBookingJob, type BookingDeps } from '../../../src/jobs/booking/index.js';
import { AgreementRepository, LINKS_TABLE } from '../../../src/repositories/agreements.js';
import { agreementKey, agreementStore, listSessions, sessionStore } from '../../../src/repositories/tables.js';
import { findPerson, type DemoPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { calendarFor } from '../../adapters/graph/calendar/helpers.js';
import { useAzurite } from '../../support/azurite.js';
import { signedAgreement } from './fixtures.js';

/**
 * Issue 11 item 4, against the sandbox answering as a tenant may: Exchange can refuse a repeated
 * transactionId (ErrorDuplicateTransactionId) instead of answering with the event, and makes a
 * Teams meeting without its link where the organizer's calendar offers no online meeting provider
 * (outlook-calendar-online-meetings.md).
 */
const azurite = useAzurite();
let tenant: SandboxTenant;
let storage: AppStorage;
let agreements: VersionedStore<Agreement>;
let sessions: VersionedStore<PlannedSession>;
let deps: BookingDeps;

beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z' });
  storage = createStorage(azurite.connectionString);
  agreements = agreementStore(storage);
  sessions = sessionStore(storage);
  await storage.ensureCreated();
  const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
  deps = { agreements: new AgreementRepository({ agreements, sessions, links: storage.versioned(LINKS_TABLE, ZAgreementLink) }), calendar: calendarFor(tenant), directory: new GraphDirectory(client), now: () => new Date('2026-05-21T08:00:00Z') };
});
afterAll(() => tenant?.close());

const person = (alias: string): DemoPerson => findPerson(tenant.org, alias) as DemoPerson;
let n = 0;
async function storeAgreement(supervisor: string, supervisee: string): Promise<Agreement> {
  const a = signedAgreement(`real-${process.pid}-${n++}`, person(supervisor), person(supervisee));
  await agreements.create(agreementKey(a.id), a);
  return a;
}
const organizerEvents = (a: Agreement) => [...tenant.store.mailbox(a.terms.supervisorId).values()].filter((e) => (e.transactionId ?? '').startsWith(bookingTransactionPrefix(a.id)));

describe('booking against a tenant that refuses a repeated transactionId', () => {
  it('a rerun after a crash finds the events the first run made and books each session once', async () => {
    const a = await storeAgreement('tm1', 'sw2');
    // The first run's creates reach Outlook, then the job dies before it records any of them.
    const crashing: BookingDeps = {
      ...deps,
      calendar: Object.assign(Object.create(deps.calendar) as typeof deps.calendar, {
        createEvents: async (mailbox: string, events: Parameters<typeof deps.calendar.createEvents>[1]) => {
          await deps.calendar.createEvents(mailbox, events);
          throw new Error('the process stopped here');
        },
      }),
    };
    await expect(processBookingJob(crashing, a.id)).rejects.toThrow('the process stopped here');
    const made = organizerEvents(a);
    expect(made.length).toBeGreaterThanOrEqual(12);

    tenant.switches.duplicateTransactionIdNext(made.length);
    const summary = await processBookingJob(deps, a.id);
    expect(summary.agreementStatus).toBe('booked');
    const rows = (await listSessions(sessions, a.id)).map((r) => r.value);
    expect(rows.every((r) => r.status === 'booked')).toBe(true);
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(made.map((e) => e.id)));
    expect(organizerEvents(a)).toHaveLength(made.length);
    expect(rows.every((r) => r.joinUrl?.startsWith('https://teams.microsoft.com/'))).toBe(true);
    expect(tenant.switches.duplicateTransactionIdAnswers).toBe(0);
  });
});

describe('booking for a supervisor whose mailbox cannot host Teams meetings', () => {
  it('books every session, records each as without a Teams link, and the confirmation card tells the supervisor what to do', async () => {
    const a = await storeAgreement('tm3', 'sw7');
    tenant.switches.setTeamsMeetings(a.terms.supervisorId, false);
    const summary = await processBookingJob(deps, a.id);
    expect(summary.agreementStatus).toBe('booked');
    const rows = (await listSessions(sessions, a.id)).map((r) => r.value);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.every((r) => r.status === 'booked' && r.teamsLinkMissing === true && r.joinUrl === undefined)).toBe(true);

    const booked = (await agreements.get(agreementKey(a.id)))!.value;
    const forSupervisor = JSON.stringify(bookingConfirmation(booked, rows, a.terms.supervisorId));
    expect(forSupervisor).toContain(`${rows.length} meetings have no Teams link: Outlook could not add one`);
    expect(forSupervisor).toContain('**No Teams link**');
    const forSupervisee = JSON.stringify(bookingConfirmation(booked, rows, a.terms.superviseeId));
    expect(forSupervisee).toContain('has been asked to add one in Outlook');
  });
});
