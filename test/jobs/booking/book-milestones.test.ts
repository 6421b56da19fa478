import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement } from '../../../src/domain/agreements/types.js';
import { milestoneTransactionPrefix } from '../../../src/domain/milestones/event.js';
import { bookingTransactionPrefix, processBookingJob, type BookingDeps } from '../../../src/jobs/booking/index.js';
import { createRepositories, type Repositories } from '../../../src/repositories/index.js';
import { findPerson, type DemoPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { endAgreement } from '../../../src/usecases/agreements/end-agreement.js';
import { deliverBookingConfirmation } from '../../../src/usecases/agreements/confirm-booking.js';
import { bookingConfirmation } from '../../../src/conversation/agreements/present.js';
import { dayInWords } from '../../../src/domain/words/dates.js';
import { getPack } from '../../../src/policy/packs.js';
import { calendarFor } from '../../adapters/graph/calendar/helpers.js';
import { useAzurite } from '../../support/azurite.js';
import { signedAgreement } from './fixtures.js';

/**
 * Issue 14 item 1: the year's reviews and milestones are booked with its sessions, each once,
 * however often the job runs and wherever it stopped (Graph de-duplicates creates by
 * transactionId within a mailbox; the rows are create-only with deterministic ids).
 */
const azurite = useAzurite();
let tenant: SandboxTenant;
let repos: Repositories;
let deps: BookingDeps;

beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z' });
  const storage = createStorage(azurite.connectionString);
  repos = createRepositories(storage);
  await storage.ensureCreated();
  const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
  deps = { agreements: repos.agreements, milestones: repos.milestones, calendar: calendarFor(tenant), directory: new GraphDirectory(client), now: () => new Date('2026-05-21T08:00:00Z') };
});
afterAll(() => tenant?.close());

const person = (alias: string): DemoPerson => findPerson(tenant.org, alias) as DemoPerson;
let n = 0;
async function storeAgreement(supervisor: string, supervisee: string, over: Parameters<typeof signedAgreement>[3] = {}): Promise<Agreement> {
  const a = signedAgreement(`ms-${process.pid}-${n++}`, person(supervisor), person(supervisee), over);
  await repos.agreements.create(a);
  return a;
}
const events = (mailbox: string, prefix: string) => [...tenant.store.mailbox(mailbox).values()].filter((e) => (e.transactionId ?? '').startsWith(prefix));

describe('the year\'s reviews and milestones booked with its sessions (issue 14 item 1)', () => {
  it('Sefton NQSW (¶3.14 (L102) ASYE learning agreement and 3/6/12-month reviews, ¶4.6 (L140) observation, ¶4.9 (L148) PDR): each booked once in both calendars, a second run changes nothing', async () => {
    const a = await storeAgreement('tm1', 'nqsw1', { roleId: 'nqsw', phaseId: 'weekly', employmentStart: '2026-06-01', agreementDate: '2026-06-01', weekday: 1, reviewDate: '2027-06-01' });
    const summary = await processBookingJob(deps, a.id);
    expect(summary.agreementStatus).toBe('booked');
    const rows = await repos.milestones.list(a.id);
    expect(rows.map((m) => `${m.kind} ${m.subject}`).sort()).toEqual([
      'agreement-review review-2027-06-01', 'asye-learning-agreement learning-agreement', 'asye-review month-12', 'asye-review month-3', 'asye-review month-6',
      'direct-observation after-2026-06-01', 'pdr after-2026-06-01',
    ]);
    const made = events(a.terms.supervisorId, milestoneTransactionPrefix(a.id));
    expect(made).toHaveLength(rows.length);
    expect(new Set(rows.map((m) => m.eventId))).toEqual(new Set(made.map((e) => e.id)));
    // The supervisee is invited to each; none is taken for a session.
    for (const e of made) expect((e.data.attendees ?? []).map((x) => x.emailAddress?.address?.toLowerCase())).toContain(person('nqsw1').mail.toLowerCase());
    expect(made.some((e) => e.transactionId?.startsWith(bookingTransactionPrefix(a.id)))).toBe(false);
    // The learning agreement at the initial meeting: the first session's day, after it (Sefton ¶3.14 (L102)).
    const first = (await repos.agreements.sessions(a.id)).map((s) => s.date).sort()[0];
    expect(rows.find((m) => m.kind === 'asye-learning-agreement')?.date).toBe(first);

    await processBookingJob({ ...deps }, a.id);
    expect(events(a.terms.supervisorId, milestoneTransactionPrefix(a.id))).toHaveLength(rows.length);
  });

  it('the booking confirmation lists the year\'s reviews and milestones with its sessions (Sefton ¶3.14 (L102), ¶4.6 (L140), ¶4.9 (L148), ¶8.1 (L251)): each in the policy\'s words, its date in full, who attends, its link', async () => {
    const a = await storeAgreement('tm1', 'nqsw2', { roleId: 'nqsw', phaseId: 'weekly', employmentStart: '2026-06-01', agreementDate: '2026-06-01', weekday: 1, reviewDate: '2027-06-01' });
    await processBookingJob(deps, a.id);
    const rows = await repos.milestones.list(a.id);
    const cards = new Map<string, string>();
    const agreementDeps = { agreements: repos.agreements, directory: new GraphDirectory(createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() })), pack: getPack('sefton'), now: () => '2026-05-21T08:00:00Z', today: () => '2026-05-21', enqueueBooking: async () => undefined, milestones: repos.milestones };
    await deliverBookingConfirmation(agreementDeps, a.id, async (agreement, sessions, personId, milestones) => {
      cards.set(personId, JSON.stringify(bookingConfirmation(agreement, sessions, personId, new Map(), milestones)));
      return 'delivered';
    });
    const forSupervisee = cards.get(a.terms.superviseeId) ?? '';
    expect(forSupervisee).toContain('Reviews and milestones of the year');
    expect(forSupervisee).toContain(`and ${rows.length} reviews and milestones of the year, are in both your Outlook calendars`);
    for (const m of rows) {
      // "Monday 7 September 2026, 10:00–11:30: **ASYE review at 3 months**, you and <supervisor> · [Join the Teams meeting](…)"
      expect(forSupervisee).toContain(`${dayInWords(m.date)}, ${m.start}–`);
      expect(forSupervisee).toContain(`**${m.label}**, you and ${a.parties?.supervisorName ?? 'the supervisor'}`);
      if (m.joinUrl) expect(forSupervisee).toContain(m.joinUrl);
    }
    expect(forSupervisee).not.toMatch(/SE-[A-Z]\d/);
    expect(cards.get(a.terms.supervisorId)).toContain(`you and ${a.parties?.superviseeName ?? 'the supervisee'}`);
  });

  it('a run that stopped after Outlook made the meetings, before it noted them, books each once when it runs again', async () => {
    const a = await storeAgreement('tm2', 'nqsw2', { roleId: 'nqsw', phaseId: 'weekly', employmentStart: '2026-06-01', agreementDate: '2026-06-01', weekday: 1, reviewDate: '2027-06-01' });
    let calls = 0;
    const crashing: BookingDeps = {
      ...deps,
      calendar: Object.assign(Object.create(deps.calendar) as typeof deps.calendar, {
        createEvents: async (mailbox: string, batch: Parameters<typeof deps.calendar.createEvents>[1], options?: Parameters<typeof deps.calendar.createEvents>[2]) => {
          calls += 1;
          // The sessions go through; the milestones' creates reach Outlook, then the process stops.
          if (calls === 1) return deps.calendar.createEvents(mailbox, batch, options);
          await deps.calendar.createEvents(mailbox, batch);
          throw new Error('the process stopped here');
        },
      }),
    };
    await expect(processBookingJob(crashing, a.id)).rejects.toThrow('the process stopped here');
    const made = events(a.terms.supervisorId, milestoneTransactionPrefix(a.id));
    expect(made.length).toBe(7);
    expect((await repos.milestones.list(a.id)).every((m) => m.status === 'planned')).toBe(true);
    expect((await repos.agreements.get(a.id))?.status).toBe('signed');

    const summary = await processBookingJob(deps, a.id);
    expect(summary.agreementStatus).toBe('booked');
    const rows = await repos.milestones.list(a.id);
    expect(rows.every((m) => m.status === 'booked')).toBe(true);
    expect(events(a.terms.supervisorId, milestoneTransactionPrefix(a.id))).toHaveLength(made.length);
    expect(new Set(rows.map((m) => m.eventId))).toEqual(new Set(made.map((e) => e.id)));
  });

  it('ending the agreement cancels its reviews and milestones still ahead in Outlook, with the sessions', async () => {
    const a = await storeAgreement('tm1', 'nqsw4', { roleId: 'nqsw', phaseId: 'weekly', employmentStart: '2026-06-03', agreementDate: '2026-06-03', weekday: 3, time: '15:00', reviewDate: '2027-06-03' });
    await processBookingJob(deps, a.id);
    const booked = await repos.milestones.list(a.id);
    expect(booked.length).toBe(7);
    const ends = { calendar: deps.calendar, agreements: repos.agreements, notices: repos.notices, milestones: repos.milestones, now: () => '2026-05-21T08:00:00Z' };
    await endAgreement(ends, a.id, 'change-of-supervisor', a.terms.supervisorId);
    expect((await repos.milestones.list(a.id)).map((m) => m.status)).toEqual(booked.map(() => 'cancelled'));
    // Cancelled in Outlook: gone from the organiser's calendar (event-cancel.md), or marked cancelled.
    for (const m of booked) {
      const left = tenant.store.mailbox(a.terms.supervisorId).get(m.eventId ?? '');
      expect(left === undefined || left.data.isCancelled === true, m.label).toBe(true);
    }
    expect(events(a.terms.supervisorId, milestoneTransactionPrefix(a.id)).filter((e) => e.data.isCancelled !== true)).toEqual([]);
    // A second press changes nothing more.
    await endAgreement(ends, a.id, 'change-of-supervisor', a.terms.supervisorId);
    expect((await repos.milestones.list(a.id)).every((m) => m.status === 'cancelled')).toBe(true);
  });
});
