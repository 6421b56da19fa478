import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../../../src/domain/calendar/london-time.js';
import { createWorkingCalendar, nextWorkingDayOnOrAfter } from '../../../src/domain/calendar/working-calendar.js';
import type { CalendarGateway } from '../../../src/domain/ports/calendar.js';
import { getPack } from '../../../src/policy/packs.js';
import { createRepositories } from '../../../src/repositories/index.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { rebookingOffer } from '../../../src/usecases/sessions/rebooking-offer.js';
import { recordPostponement, type RecordPostponementDeps } from '../../../src/usecases/sessions/record-postponement.js';
import { useAzurite } from '../../support/azurite.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());

const workingDays = createWorkingCalendar({ nation: 'england-and-wales' });
const camden = getPack('camden');
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000', '');
const todayInLondon = () => utcToLondon(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')).date;

/**
 * A booked Camden agreement (two-hour sessions, rebooked within 3 working days, reasons from a
 * list) with one session postponed tomorrow-or-later, and the deps with a clock the test can move.
 */
async function postponed(id: string, managerAlias: string) {
  const storage = createStorage(azurite.connectionString);
  const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1 });
  const real = new GraphCalendar({ client });
  const clock = { offsetMs: 0 };
  /** Runs once right after the next meeting is created in Outlook: a slow press, or a crash. */
  const hooks: { afterCreate?: (() => Promise<void>) | undefined } = {};
  const calendar: CalendarGateway = {
    busy: (ids, from, to) => real.busy(ids, from, to),
    cancelEvent: (mb, eventId, comment) => real.cancelEvent(mb, eventId, comment),
    changes: (mb, token, window) => real.changes(mb, token, window),
    async createEvents(mailbox, events) {
      const result = await real.createEvents(mailbox, events);
      const after = hooks.afterCreate;
      hooks.afterCreate = undefined;
      if (after) await after();
      return result;
    },
  };
  const deps: RecordPostponementDeps = {
    calendar,
    agreements: createRepositories(storage).agreements,
    directory: new GraphDirectory(client),
    packFor: getPack,
    now: () => new Date(Date.now() + clock.offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  await storage.ensureCreated();
  // A pair of people of its own for each test, so one test's meetings are not another's.
  const tm = findPerson(tenant.org, managerAlias)!;
  const sw = tenant.org.people.find((p) => p.managerAlias === managerAlias)!;
  const date = nextWorkingDayOnOrAfter(workingDays, addDays(todayInLondon(), 1));
  const startUtc = londonToUtc(date, '10:00');
  const agreement: Agreement = {
    id,
    terms: { policyId: 'camden', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: date,
      weekday: 1, time: '10:00', minutes: 120, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: date },
    status: 'booked', signatures: {}, comments: [], createdAt: deps.now(), updatedAt: deps.now(),
  };
  await deps.agreements.create(agreement);
  const session: PlannedSession = { sessionId: `${id}-s01`, agreementId: id, date, start: '10:00', minutes: 120, startUtc, endUtc: plus(startUtc, 120), rule: 'CA-F1', status: 'postponed' };
  await deps.agreements.createSession(session);
  const today = todayInLondon();
  const busyMap = await real.busy([tm.id, sw.id], londonToUtc(addDays(today, 1), '00:00'), londonToUtc(addDays(today, 30), '00:00'));
  const offer = rebookingOffer({ pack: camden, session, postponedOn: today, busy: [...busyMap.values()].flat() });
  const input = (slot: { startUtc: string; endUtc: string }) => ({ agreementId: id, sessionId: session.sessionId, byPersonId: tm.id, reasonId: 'urgent-case-situation', startUtc: slot.startUtc, endUtc: slot.endUtc });
  /** Supervision meetings in either person's calendar over the offer's days, not cancelled. */
  const meetings = async () => {
    const from = londonToUtc(addDays(today, 1), '00:00');
    const to = londonToUtc(addDays(offer.due ?? addDays(today, 20), 8), '00:00');
    const seen: string[] = [];
    for (const person of [tm, sw]) {
      const page = (await client.api(`/users/${person.id}/calendarView`).query({ startDateTime: from, endDateTime: to, $top: 500 }).get()) as { value: { subject: string; isCancelled?: boolean; start: { dateTime: string } }[] };
      for (const e of page.value) if (!e.isCancelled && e.subject.startsWith('Supervision') && e.subject === `Supervision: ${sw.displayName} and ${tm.displayName}`) seen.push(`${person.id}@${e.start.dateTime}`);
    }
    return seen;
  };
  const stored = async () => (await deps.agreements.session(id, session.sessionId))!;
  return { deps, client, tm, sw, session, offer, input, meetings, stored, clock, hooks };
}

describe('rebooking only what could have been offered (issue 16 M3)', () => {
  it('M3: sessionRebook books only an offered, free, in-hours slot of the pack\'s length', async () => {
    const t = await postponed('m3-a1', 'tm1');
    expect(t.offer.slots.length).toBeGreaterThan(1);
    const offered = t.offer.slots[0]!;
    const refused: [string, { startUtc: string; endUtc: string }, RegExp][] = [
      ['a 57,600-minute session', { startUtc: offered.startUtc, endUtc: plus(offered.startUtc, 57_600) }, /120 minutes long/],
      ['a 30-minute session', { startUtc: offered.startUtc, endUtc: plus(offered.startUtc, 30) }, /120 minutes long/],
      ['07:00, before working hours', { startUtc: londonToUtc(offered.date, '07:00'), endUtc: plus(londonToUtc(offered.date, '07:00'), 120) }, /between 09:00 and 17:00/],
      ['16:00, ending after working hours', { startUtc: londonToUtc(offered.date, '16:00'), endUtc: plus(londonToUtc(offered.date, '16:00'), 120) }, /between 09:00 and 17:00/],
      ['10:10, off the offer\'s half hours', { startUtc: londonToUtc(offered.date, '10:10'), endUtc: plus(londonToUtc(offered.date, '10:10'), 120) }, /between 09:00 and 17:00/],
      ['a Saturday', (() => { let d = offered.date; while (workingDays.isWorkingDay(d)) d = addDays(d, 1); return { startUtc: londonToUtc(d, '10:00'), endUtc: plus(londonToUtc(d, '10:00'), 120) }; })(), /working day/],
      ['two months on, past the deadline', { startUtc: londonToUtc(nextWorkingDayOnOrAfter(workingDays, addDays(offered.date, 60)), '10:00'), endUtc: plus(londonToUtc(nextWorkingDayOnOrAfter(workingDays, addDays(offered.date, 60)), '10:00'), 120) }, /rebooking deadline/],
    ];
    for (const [what, slot, why] of refused) {
      await expect(recordPostponement(t.deps, t.input(slot)), what).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(why) });
    }
    expect((await t.stored()).status).toBe('postponed');
    expect(await t.meetings()).toEqual([]);

    // Busy for the supervisee: an offered time taken since the card was sent is not booked over.
    const taken = t.offer.slots[1]!;
    await new GraphCalendar({ client: t.client }).createEvents(t.sw.id, [{ transactionId: '00000000-0000-4000-8000-00000000b501', subject: 'Court', body: 'Court', startUtc: taken.startUtc, endUtc: taken.endUtc,
      attendees: [], isOnlineMeeting: false, categories: [], reminderMinutesBeforeStart: 15 }]);
    await expect(recordPostponement(t.deps, t.input(taken))).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/no longer free for both/) });
    expect((await t.stored()).status).toBe('postponed');

    // An offered, free slot is booked.
    const done = await recordPostponement(t.deps, t.input(offered));
    expect(done.session).toMatchObject({ status: 'booked', startUtc: offered.startUtc, minutes: 120 });
    expect(done.session.rebooking).toBeUndefined();
    expect(await t.meetings()).toHaveLength(2);
  });
});

describe('two rebooking times pressed at once (issue 16 M2)', () => {
  it('M2: one wins; only its meeting is created, in both calendars, and the session links it', async () => {
    const t = await postponed('m2-a1', 'tm2');
    const [a, b] = [t.offer.slots[0]!, t.offer.slots[1]!];
    const results = await Promise.allSettled([recordPostponement(t.deps, t.input(a)), recordPostponement(t.deps, t.input(b))]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'conflict' });
    const session = await t.stored();
    expect(session.status).toBe('booked');
    expect(session.rebooking).toBeUndefined();
    // One supervision meeting in each calendar: the winner's, at the stored time.
    const meetings = await t.meetings();
    expect(meetings).toHaveLength(2);
    const startLocal = utcToLondon(session.startUtc);
    expect(meetings.every((m) => m.includes(`${startLocal.date}T${startLocal.time}`))).toBe(true);
  });

  it('M2: a press that outlasts its claim (another time took it over) cancels the meeting it made; one meeting remains', async () => {
    const t = await postponed('m2-a2', 'tm3');
    const [a, b] = [t.offer.slots[0]!, t.offer.slots[1]!];
    // The first press is slow: its meeting is made, then three minutes pass and a second time is booked.
    t.hooks.afterCreate = async () => {
      t.clock.offsetMs += 3 * 60_000;
      await recordPostponement(t.deps, t.input(b));
    };
    await expect(recordPostponement(t.deps, t.input(a))).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/another time/) });
    expect(await t.stored()).toMatchObject({ status: 'booked', startUtc: b.startUtc });
    const meetings = await t.meetings();
    const bLocal = utcToLondon(b.startUtc);
    expect(meetings).toHaveLength(2);
    expect(meetings.every((m) => m.includes(`${bLocal.date}T${bLocal.time}`))).toBe(true);
  });

  it('M2: a claim a crash left behind does not block another time for ever, and leaves no meeting behind', async () => {
    const t = await postponed('m2-a3', 'tm4');
    const [a, b] = [t.offer.slots[0]!, t.offer.slots[1]!];
    // Time A is claimed and its meeting made, then the process dies before the session is written.
    t.hooks.afterCreate = async () => {
      throw new Error('the process died here');
    };
    await expect(recordPostponement(t.deps, t.input(a))).rejects.toThrow(/died/);
    expect((await t.stored()).rebooking?.startUtc).toBe(a.startUtc);
    // Straight away, another time is refused: the first is still under way.
    await expect(recordPostponement(t.deps, t.input(b))).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/being rebooked/) });
    // Minutes later, the claim has expired: the new time is booked and the abandoned meeting cancelled.
    t.clock.offsetMs += 5 * 60_000;
    expect((await recordPostponement(t.deps, t.input(b))).session).toMatchObject({ status: 'booked', startUtc: b.startUtc });
    const bLocal = utcToLondon(b.startUtc);
    const meetings = await t.meetings();
    expect(meetings).toHaveLength(2);
    expect(meetings.every((m) => m.includes(`${bLocal.date}T${bLocal.time}`))).toBe(true);
  });
});
