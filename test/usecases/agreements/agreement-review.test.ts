import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';
import { termsHash } from '../../../src/domain/agreements/state-machine.js';
import type { Agreement, AgreementReviewOffer } from '../../../src/domain/agreements/types.js';
import { diffDays } from '../../../src/domain/calendar/local-date.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { historyOf } from '../../../src/domain/obligations/history-of.js';
import { computeObligations } from '../../../src/domain/obligations/index.js';
import { processBookingJob } from '../../../src/jobs/booking/index.js';
import { runAgreementReviews } from '../../../src/jobs/agreement-review/run-agreement-reviews.js';
import { agreementReviewJob } from '../../../src/jobs/agreement-review/index.js';
import { getPack } from '../../../src/policy/packs.js';
import { AgreementRepository, LINKS_TABLE } from '../../../src/repositories/agreements.js';
import { NoticeRepository, noticeTable } from '../../../src/repositories/notices.js';
import { agreementStore, sessionStore } from '../../../src/repositories/tables.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { completeRenewal, offerAgreementReview, type AgreementReviewDeps } from '../../../src/usecases/agreements/agreement-review.js';
import { REVIEW_SEND_BACKOFF_MINUTES, REVIEW_SEND_MAX_ATTEMPTS } from '../../../src/domain/agreements/review.js';
import { signAgreement } from '../../../src/usecases/agreements/sign-agreement.js';
import { calendarFor } from '../../adapters/graph/calendar/helpers.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { signedAgreement } from '../../jobs/booking/fixtures.js';
import { isolated } from '../../jobs/sweep/support.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z' }); });
afterAll(() => tenant?.close());

async function world() {
  const storage = isolated(createStorage(azurite.connectionString), uniqueName('rev'));
  const agreements = new AgreementRepository({ agreements: agreementStore(storage), sessions: sessionStore(storage), links: storage.versioned(LINKS_TABLE, ZAgreementLink) });
  const notices = new NoticeRepository(noticeTable(storage));
  const lock = storage.leases();
  await storage.ensureCreated();
  const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
  const directory = new GraphDirectory(graph);
  const clock = { now: '2026-05-21T08:00:00Z', today: '2026-05-21' };
  const sent: string[] = [];
  let unreachable = new Set<string>();
  const deps: AgreementReviewDeps = {
    agreements, directory, now: () => clock.now, today: () => clock.today, calendar: createWorkingCalendar({ nation: 'england-and-wales' }),
    sendReview: async (successor, personId, reason) => {
      if (unreachable.has(personId)) return 'unreachable';
      sent.push(`${successor.id}:${personId}:${reason}`);
      return 'delivered';
    },
  };
  const booking = { agreements, calendar: calendarFor(tenant), directory, now: () => new Date(clock.now) };
  return { lock, agreements, notices, directory, clock, sent, deps, booking, setUnreachable: (s: Set<string>) => { unreachable = s; } };
}

const log = { debug() {}, info() {}, warn() {}, error() {} };

describe('the agreement back for its review (issue 14 item 3), against Azurite and the sandbox tenant', () => {
  it('Sefton ¶8.1 (L251): ten working days ahead of its review date the card comes back pre-filled to both, once, however many passes or instances; both sign and the next year is booked from the day after this one, no gap and nothing twice; the review is met', async () => {
    const w = await world();
    const sw = findPerson(tenant.org, 'sw6')!;
    const manager = (await w.directory.getManager(sw.id))!;
    const supervisor = tenant.org.people.find((p) => p.id === manager.id)!;
    // Signed 20 May 2026; its review due within Sefton's 12 months (SE-D5), on 18 May 2027.
    const old: Agreement = signedAgreement(`rev-${process.pid}`, supervisor, sw, { reviewDate: '2027-05-18' });
    await w.agreements.create(old);
    await processBookingJob(w.booking, old.id);
    const oldSessions = await w.agreements.sessions(old.id);
    expect((await w.agreements.get(old.id))?.status).toBe('booked');

    // Before the review is near: nothing; nor on the day before it comes back.
    expect(await runAgreementReviews({ ...w.deps, log })).toEqual({ offered: 0, sent: 0, failed: 0 });
    // Ten working days ahead of its date (AGREEMENT_REVIEW_LEAD_WORKING_DAYS' default; no policy says how far
    // ahead), so both can review and sign before it: Tuesday 4 May 2027 for Tuesday 18 May (Monday 3 May is a bank holiday).
    const offerDay = '2027-05-04';
    w.clock.today = '2027-05-03';
    w.clock.now = '2027-05-03T08:00:00Z';
    expect(await runAgreementReviews({ ...w.deps, log })).toEqual({ offered: 0, sent: 0, failed: 0 });
    // On it, the supervisee cannot be reached at first: the supervisor's card goes, the other waits.
    w.clock.today = offerDay;
    w.clock.now = `${offerDay}T08:00:00Z`;
    w.setUnreachable(new Set([sw.id]));
    // Two instances at once, each under the job's lease (registry.ts), as the app runs it.
    await Promise.all([1, 2].map(() => w.lock.exclusive('agreement-review', 60, () => runAgreementReviews({ ...w.deps, log }))));
    const successorId = `${old.id}-next`;
    expect(w.sent).toEqual([`${successorId}:${manager.id}:review-date`]);
    const review = (await w.agreements.get(old.id))?.review as AgreementReviewOffer;
    expect(review).toMatchObject({ reason: 'review-date', successorId });
    expect(review.sentTo.supervisor).toBeDefined();
    expect(review.sentTo.supervisee).toBeUndefined();
    // The next pass, 15 minutes on (the first wait of the backoff), reaches the supervisee; later passes send nothing more.
    w.setUnreachable(new Set());
    await runAgreementReviews({ ...w.deps, log });
    expect(w.sent).toHaveLength(1);
    w.clock.now = `${offerDay}T08:15:00Z`;
    await runAgreementReviews({ ...w.deps, log });
    await runAgreementReviews({ ...w.deps, log });
    expect(w.sent).toEqual([`${successorId}:${manager.id}:review-date`, `${successorId}:${sw.id}:review-date`]);
    expect((await w.agreements.list()).filter((a) => a.renews?.agreementId === old.id)).toHaveLength(1);

    // Pre-filled: the same terms for the next year, waiting for the supervisee; both people see it.
    const successor = (await w.agreements.get(successorId))!;
    expect(successor).toMatchObject({ status: 'awaiting-supervisee', renews: { agreementId: old.id, lastSession: oldSessions.map((s) => s.date).sort().pop() } });
    expect(successor.terms).toMatchObject({ supervisorId: manager.id, superviseeId: sw.id, weekday: old.terms.weekday, time: old.terms.time, minutes: old.terms.minutes, keyTasks: old.terms.keyTasks, agreementDate: '2027-06-02' });
    expect((await w.agreements.linksOf(sw.id)).map((l) => l.agreementId)).toContain(successorId);

    // Both sign: the supervisee, then the supervisor (which queues the booking).
    const queued: string[] = [];
    const agreementDeps = { agreements: w.agreements, directory: w.directory, pack: getPack('sefton'), now: () => w.clock.now, today: () => w.clock.today, enqueueBooking: async (id: string) => { queued.push(id); } };
    await signAgreement(agreementDeps, { id: sw.id, name: sw.displayName }, successorId, termsHash(successor));
    await signAgreement(agreementDeps, { id: manager.id, name: manager.displayName }, successorId, termsHash(successor));
    expect(queued).toEqual([successorId]);
    // The booking job: the renewal completed, then the year booked; run twice, as a redelivery would.
    for (let i = 0; i < 2; i++) {
      await completeRenewal({ calendar: w.booking.calendar, agreements: w.agreements, notices: w.notices, now: () => w.clock.now }, successorId);
      await processBookingJob(w.booking, successorId);
    }
    const renewed = (await w.agreements.get(old.id))!;
    expect(renewed.status).toBe('booked');
    // Signed before the review date: the review is met on time, and the next year booked before this one ends.
    expect(renewed.renewedBy).toEqual({ agreementId: successorId, signedOn: offerDay, from: '2027-06-02' });
    const nextSessions = await w.agreements.sessions(successorId);
    expect(nextSessions.length).toBeGreaterThanOrEqual(12);
    // Nothing twice: the old year's sessions are all before the new year's, none on the same day, each booked once.
    const lastOld = oldSessions.map((s) => s.date).sort().pop()!;
    const firstNew = nextSessions.map((s) => s.date).sort()[0]!;
    expect(lastOld < '2027-06-02' && firstNew >= '2027-06-02').toBe(true);
    expect(new Set([...oldSessions, ...nextSessions].map((s) => s.date)).size).toBe(oldSessions.length + nextSessions.length);
    expect(new Set(nextSessions.map((s) => s.eventId)).size).toBe(nextSessions.length);
    // No gap: across the year's end the sessions are no further apart than Sefton's 8 weeks (¶3.2).
    expect(diffDays(lastOld, firstNew)).toBeLessThanOrEqual(56);
    // The old agreement's review counts as done (no stopgap table): its agreement-review obligation is met.
    const obligations = computeObligations(getPack('sefton'), historyOf(renewed, oldSessions, []), old.terms.reviewDate);
    const reviewDue = obligations.filter((o) => o.kind === 'agreement-review');
    expect(reviewDue.length).toBeGreaterThan(0);
    expect(reviewDue[0]).toMatchObject({ metOn: offerDay, status: 'met' });
  });

  it('the pass runs under the storage lease it is declared with: a blob lease lasts 15–60 seconds, and the 300 it asked for failed every pass with invalid_input before it read anything', async () => {
    const w = await world();
    const sw = findPerson(tenant.org, 'sw8')!;
    const manager = (await w.directory.getManager(sw.id))!;
    const supervisor = tenant.org.people.find((p) => p.id === manager.id)!;
    const old = signedAgreement(`rev-${process.pid}-lease`, supervisor, sw, { reviewDate: '2026-05-21' });
    await w.agreements.create(old);
    const job = agreementReviewJob({ ...w.deps, log });
    expect(job.kind === 'periodic' ? job.leaseSeconds : undefined).toBeDefined();
    // As the registry runs a leased pass (registry.ts startPeriodic), on Azurite's blob leases.
    const outcome = await w.lock.exclusive(job.name, job.leaseSeconds!, (signal) => job.run(signal));
    expect(outcome).toEqual({ ran: true, result: { offered: 1, sent: 0, failed: 0 } });
    expect(w.sent.sort()).toEqual([`${old.id}-next:${manager.id}:review-date`, `${old.id}-next:${sw.id}:review-date`].sort());
  });

  it('someone the bot cannot reach is tried again with a growing wait, each attempt stored first (one count across instances), then no more: recorded on the agreement and logged by code, without their name', async () => {
    const w = await world();
    const sw = findPerson(tenant.org, 'sw9')!;
    const manager = (await w.directory.getManager(sw.id))!;
    const supervisor = tenant.org.people.find((p) => p.id === manager.id)!;
    const old = signedAgreement(`rev-${process.pid}-unr`, supervisor, sw, { reviewDate: '2026-05-21' });
    await w.agreements.create(old);
    w.setUnreachable(new Set([sw.id]));
    const lines: { event: string; fields: Record<string, unknown> }[] = [];
    const logged = { ...log, warn: (event: string, fields: Record<string, unknown> = {}) => void lines.push({ event, fields }) };
    const tries: string[] = [];
    const deps = { ...w.deps, log: logged, sendReview: async (...args: Parameters<AgreementReviewDeps['sendReview']>) => (tries.push(w.clock.now), w.deps.sendReview(...args)) };
    // Every 15 minutes for four days, as the pass runs, on two instances at once (no lease: the stored attempt is what they share).
    const start = Date.parse('2026-05-21T08:00:00Z');
    for (let t = start; t <= start + 4 * 86_400_000; t += 15 * 60_000) {
      w.clock.now = new Date(t).toISOString();
      await Promise.all([runAgreementReviews(deps), runAgreementReviews(deps)]);
    }
    const toSupervisee = tries.filter((_, i) => i > 0); // the first was the supervisor's, delivered
    expect(toSupervisee.length).toBe(REVIEW_SEND_MAX_ATTEMPTS);
    // The waits grow: 15 minutes, 1 hour, 4 hours, 12 hours, 1 day, 2 days.
    const gaps = toSupervisee.slice(1).map((at, i) => (Date.parse(at) - Date.parse(toSupervisee[i]!)) / 60_000);
    expect(gaps).toEqual([...REVIEW_SEND_BACKOFF_MINUTES]);
    const review = (await w.agreements.get(old.id))!.review!;
    expect(review.attempts?.supervisee?.count).toBe(REVIEW_SEND_MAX_ATTEMPTS);
    expect(review.gaveUp?.supervisee).toBeDefined();
    expect(review.sentTo.supervisee).toBeUndefined();
    const stopped = lines.filter((l) => l.event === 'agreement-review.unreachable');
    expect(stopped).toEqual([{ event: 'agreement-review.unreachable', fields: { agreementId: old.id, party: 'supervisee', attempts: REVIEW_SEND_MAX_ATTEMPTS } }]);
    expect(JSON.stringify(lines)).not.toContain(sw.displayName);
  });

  it('Sefton ¶8.1 (L251), Camden §6 (L86): when the directory names a new manager, the card comes back for the new supervisor at once; once signed, the old agreement ends and its future meetings are cancelled', async () => {
    const w = await world();
    const sw = findPerson(tenant.org, 'sw7')!;
    const manager = (await w.directory.getManager(sw.id))!;
    // The agreement is with their line manager then; the directory names a new one later.
    const previous = findPerson(tenant.org, 'tm4')!.id === manager.id ? findPerson(tenant.org, 'tm3')! : findPerson(tenant.org, 'tm4')!;
    let moved = false;
    const deps: AgreementReviewDeps = { ...w.deps, directory: { getPerson: (id) => w.directory.getPerson(id), getManager: async (id) => (id === sw.id && !moved ? previous : w.directory.getManager(id)) } };
    const old = signedAgreement(`rev-${process.pid}-cs`, previous, sw);
    await w.agreements.create(old);
    await processBookingJob(w.booking, old.id);
    // The first pass remembers who the directory names as their manager: their supervisor.
    expect(await offerAgreementReview(deps, old.id)).toBe('not-due');
    expect((await w.agreements.get(old.id))?.lineManagerId).toBe(previous.id);
    moved = true;
    w.clock.today = '2026-09-01';
    w.clock.now = '2026-09-01T08:00:00Z';
    expect(await offerAgreementReview(deps, old.id)).toBe('offered');
    const successorId = `${old.id}-next`;
    expect(w.sent.sort()).toEqual([`${successorId}:${manager.id}:change-of-supervisor`, `${successorId}:${sw.id}:change-of-supervisor`].sort());
    const successor = (await w.agreements.get(successorId))!;
    expect(successor.terms).toMatchObject({ supervisorId: manager.id, superviseeId: sw.id, agreementDate: '2026-09-02' });
    expect(successor.parties?.supervisorName).toBe(manager.displayName);
    // Offered once: another call changes nothing.
    expect(await offerAgreementReview(deps, old.id)).toBe('not-due');

    const agreementDeps = { agreements: w.agreements, directory: w.directory, pack: getPack('sefton'), now: () => w.clock.now, today: () => w.clock.today, enqueueBooking: async () => {} };
    await signAgreement(agreementDeps, { id: sw.id, name: sw.displayName }, successorId, termsHash(successor));
    await signAgreement(agreementDeps, { id: manager.id, name: manager.displayName }, successorId, termsHash(successor));
    await completeRenewal({ calendar: w.booking.calendar, agreements: w.agreements, notices: w.notices, now: () => w.clock.now }, successorId);
    const ended = (await w.agreements.get(old.id))!;
    expect(ended.status).toBe('ended');
    expect(ended.renewedBy?.agreementId).toBe(successorId);
    const after = (await w.agreements.sessions(old.id)).filter((s) => s.date > '2026-09-01');
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => s.status === 'cancelled')).toBe(true);
  });

  it('Sefton ¶8.1 (L251): someone supervised by another than their line manager is not sent the agreement back as a change of supervisor; it comes back at its review date', async () => {
    const w = await world();
    const sw = findPerson(tenant.org, 'sw7')!;
    const manager = (await w.directory.getManager(sw.id))!;
    const seniorPractitioner = findPerson(tenant.org, 'tm4')!.id === manager.id ? findPerson(tenant.org, 'tm3')! : findPerson(tenant.org, 'tm4')!;
    const a = signedAgreement(`rev-${process.pid}-sp`, seniorPractitioner, sw);
    await w.agreements.create(a);
    await processBookingJob(w.booking, a.id);
    // Before, this came back at once naming the line manager as a new supervisor.
    w.clock.today = '2026-09-01';
    w.clock.now = '2026-09-01T08:00:00Z';
    expect(await offerAgreementReview(w.deps, a.id)).toBe('not-due');
    expect(await offerAgreementReview(w.deps, a.id)).toBe('not-due');
    expect(w.sent).toEqual([]);
    expect((await w.agreements.get(a.id))?.lineManagerId).toBe(manager.id);
    const reviewDate = (await w.agreements.get(a.id))!.terms.reviewDate;
    w.clock.today = reviewDate;
    w.clock.now = `${reviewDate}T08:00:00Z`;
    expect(await offerAgreementReview(w.deps, a.id)).toBe('offered');
    expect(w.sent.every((line) => line.endsWith(':review-date'))).toBe(true);
    expect(w.sent.some((line) => line.includes(`:${seniorPractitioner.id}:`))).toBe(true);
  });
});
