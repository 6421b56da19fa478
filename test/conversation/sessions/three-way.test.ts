import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { handleMessage, handleVerb } from '../../../src/conversation/handle-message.js';
import type { Notifier } from '../../../src/conversation/notifier.js';
import type { Reply } from '../../../src/conversation/reply.js';
import { getPack } from '../../../src/policy/packs.js';
import { findPerson, type DemoPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { concernKey, threeWayTransactionId } from '../../../src/usecases/sessions/three-way-meeting.js';
import type { AgreementDeps } from '../../../src/usecases/agreements/deps.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { repositoriesOn } from '../../support/repositories.js';
import { ZSupervisionConcern } from '../../../src/domain/concerns/schema.js';
import { isolated } from '../../jobs/sweep/support.js';
import { startTenant, testNow } from '../../sandbox/helpers.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });

const TODAY = testNow.slice(0, 10);

class RecordingNotifier implements Notifier {
  readonly sent: { personId: string; replies: readonly Reply[] }[] = [];
  /** People Teams cannot reach (no chat with the bot, or a refused send). */
  readonly unreachable = new Set<string>();
  async notify(personId: string, replies: readonly Reply[]): Promise<'delivered' | 'unreachable'> {
    if (this.unreachable.has(personId)) return 'unreachable';
    this.sent.push({ personId, replies });
    return 'delivered';
  }
}

const json = (reply: Reply | undefined | object): string => JSON.stringify(reply && 'kind' in reply && reply.kind === 'card' ? reply.card : reply);
const slotsOf = (card: string): string[] => [...card.matchAll(/"value":"(\S+?Z\|\S+?Z)"/g)].map((m) => m[1] ?? '');

/** Leeds (§F (L124–134)), a fresh set of tables, the sandbox's Graph for directory and calendars. */
async function world(alias: string) {
  const p = (a: string) => findPerson(tenant.org, a)!;
  const sw = p(alias);
  const tm = p(sw.managerAlias!);
  const sm = p(tm.managerAlias!);
  const stranger = p('dir');
  const storage = isolated(createStorage(azurite.connectionString), uniqueName('tw'));
  const { repos, t } = repositoriesOn(storage);
  const concerns = t.concerns;
  await storage.ensureCreated();
  const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
  const directory = new GraphDirectory(graph);
  const calendar = new GraphCalendar({ client: graph });
  const notifier = new RecordingNotifier();
  const now = () => testNow;
  const pack = getPack('leeds');
  const ctx: ConversationContext = {
    directory, councilName: 'Leeds', notifier, concerns: repos.concerns,
    // The three-way meeting needs only the pack of the agreement flow.
    agreements: { pack } as unknown as AgreementDeps,
    sessions: { calendar, agreements: repos.agreements, directory, packFor: getPack, now, notices: repos.notices },
  };
  const as = (person: DemoPerson) => ({ personId: person.id, displayName: person.displayName });
  /** The concern's meeting in one mailbox: the organiser's event or an attendee's copy. */
  const meetings = (person: DemoPerson) => [...tenant.store.mailbox(person.id).values()].filter((e) => e.data.subject?.startsWith('Supervision concern:') && e.data.subject.includes(sw.displayName) && !e.data.isCancelled);
  const raise = async () => {
    const replies = await handleMessage(ctx, as(sw), "I'm not getting supervision");
    return json(replies[0]);
  };
  const press = (person: DemoPerson, slot: string | undefined) => handleVerb(ctx, as(person), 'threeWayBook', { superviseeId: sw.id, concernDate: TODAY, ...(slot ? { slot } : {}) });
  return { sw, tm, sm, stranger, ctx, notifier, concerns, calendar, meetings, raise, press };
}

describe('the three-way meeting is bookable (issue 6 item 3, Leeds §F (L124–134); Azurite and the sandbox tenant)', () => {
  it('the supervisee, supervisor and line manager each get the card; one press books one Teams meeting, organised by the line manager, in all three calendars', async () => {
    const w = await world('sw1');
    const mine = await w.raise();
    expect(mine).toContain('recorded that you are not getting supervision');
    expect(mine).toContain('"verb":"threeWayBook"');
    expect(mine).toContain(`"superviseeId":"${w.sw.id}"`);
    const slots = slotsOf(mine);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.length).toBeLessThanOrEqual(3);
    // Both managers got the same card, with the same times.
    expect(w.notifier.sent.map((s) => s.personId)).toEqual([w.tm.id, w.sm.id]);
    for (const s of w.notifier.sent) {
      expect(json(s.replies[0])).toContain(`${w.sw.displayName} has told me they are not getting supervision`);
      expect(slotsOf(json(s.replies[0]))).toEqual(slots);
    }

    const slot = slots[0]!;
    const out = await w.press(w.sw, slot);
    expect(out?.refusal).toBeUndefined();
    const booked = json(out?.card ?? {});
    expect(booked).toContain('Booked for');
    expect(booked).toContain(`organised by ${w.sm.displayName}`);
    expect(booked).not.toContain('"verb":"threeWayBook"');
    // One event in each of the three calendars: the line manager's is the organiser's.
    const [organiser] = w.meetings(w.sm);
    expect(w.meetings(w.sm)).toHaveLength(1);
    expect(organiser?.data.isOrganizer).toBe(true);
    expect(organiser?.data.isOnlineMeeting).toBe(true);
    expect(new Date(organiser!.startMs).toISOString().replace('.000', '')).toBe(slot.split('|')[0]);
    expect((organiser?.data.attendees ?? []).map((a) => a.emailAddress?.address?.toLowerCase()).sort()).toEqual([w.sw.mail, w.tm.mail].map((m) => m?.toLowerCase()).sort());
    for (const person of [w.sw, w.tm]) {
      expect(w.meetings(person)).toHaveLength(1);
      expect(w.meetings(person)[0]?.data.isOrganizer).toBe(false);
    }
    // The other two are told, once, with the booked card.
    const told = w.notifier.sent.slice(2);
    expect(told.map((s) => s.personId).sort()).toEqual([w.tm.id, w.sm.id].sort());
    for (const s of told) expect(json(s.replies[0])).toContain('Booked for');
    const stored = (await w.concerns.get(concernKey(w.sw.id, TODAY)))?.value;
    expect(stored?.booking).toMatchObject({ state: 'booked', organizerId: w.sm.id, bookedBy: w.sw.id, startUtc: slot.split('|')[0], eventId: organiser?.id });

    // A double click, or the supervisor pressing another time on their own card: still one meeting.
    const again = await w.press(w.sw, slot);
    expect(json(again?.card ?? {})).toContain('already booked');
    const other = await w.press(w.tm, slots[1] ?? slot);
    expect(json(other?.card ?? {})).toContain('already booked');
    for (const person of [w.sw, w.tm, w.sm]) expect(w.meetings(person)).toHaveLength(1);
    expect(w.notifier.sent).toHaveLength(4);

    // Saying it again the same day shows where it stands.
    const repeat = await w.raise();
    expect(repeat).toContain('already today');
    expect(repeat).toContain('Booked for');
  });

  it('the supervisee is told only of those it reached: a manager Teams could not reach is named as not told yet (issue 15 item 2)', async () => {
    const w = await world('sw5');
    w.notifier.unreachable.add(w.sm.id);
    const mine = await w.raise();
    expect(mine).toContain(`recorded that you are not getting supervision and told ${w.tm.displayName} (`);
    expect(mine).toContain(`I could not reach ${w.sm.displayName} in Teams just now, so they have not been told yet`);
    expect(w.notifier.sent.map((s) => s.personId)).toEqual([w.tm.id]);
  });

  it('two of them pressing at once book one meeting, and the others are told once', async () => {
    const w = await world('sw4');
    const slots = slotsOf(await w.raise());
    const [a, b] = await Promise.all([w.press(w.sw, slots[0]), w.press(w.sm, slots[1] ?? slots[0])]);
    expect(a?.refusal).toBeUndefined();
    expect(b?.refusal).toBeUndefined();
    for (const person of [w.sw, w.tm, w.sm]) expect(w.meetings(person)).toHaveLength(1);
    const cards = [json(a?.card ?? {}), json(b?.card ?? {})];
    expect(cards.every((c) => c.includes('Booked for'))).toBe(true);
    expect(cards.filter((c) => c.includes('already booked'))).toHaveLength(1);
    // After the two proposal cards: exactly two "booked" messages, to the two who did not press first.
    expect(w.notifier.sent.slice(2)).toHaveLength(2);
  });

  it('anyone else is refused, and bad card data gets a clear message', async () => {
    const w = await world('sw7');
    const slots = slotsOf(await w.raise());
    const out = await w.press(w.stranger, slots[0]);
    expect(out?.refusal).toMatchObject({ code: 'forbidden', status: 403, message: expect.stringContaining('Only the supervisee, their supervisor') });
    expect((await handleVerb(w.ctx, { personId: w.sw.id, displayName: 'x' }, 'threeWayBook', { superviseeId: w.sw.id, concernDate: 'yesterday', slot: slots[0] }))?.refusal?.code).toBe('invalid_input');
    expect((await w.press(w.sw, undefined))?.refusal).toMatchObject({ code: 'invalid_input', message: 'Choose one of the times offered.' });
    expect((await handleVerb(w.ctx, { personId: w.sw.id, displayName: 'x' }, 'threeWayBook', { superviseeId: w.sw.id, concernDate: '2020-01-01', slot: slots[0] }))?.refusal?.code).toBe('not_found');
    for (const person of [w.sw, w.tm, w.sm]) expect(w.meetings(person)).toHaveLength(0);
    expect((await w.concerns.get(concernKey(w.sw.id, TODAY)))?.value.booking).toBeUndefined();
  });

  it('a time taken meanwhile is not booked: fresh times free for all three are offered, and one of them books', async () => {
    const w = await world('sw10');
    const slots = slotsOf(await w.raise());
    const taken = slots[0]!;
    const [startUtc = '', endUtc = ''] = taken.split('|');
    // The supervisor's diary fills at that hour after the proposal went out.
    const busy = await w.calendar.createEvents(w.tm.id, [{
      transactionId: '3c0f1a2b-0000-8000-8000-000000000001', subject: 'Court hearing', body: '<p>x</p>', startUtc, endUtc,
      attendees: [], isOnlineMeeting: false, categories: [], reminderMinutesBeforeStart: 15,
    }]);
    expect(busy.created).toHaveLength(1);
    const out = await w.press(w.sw, taken);
    const card = json(out?.card ?? {});
    expect(card).toContain('no longer free for all three');
    const fresh = slotsOf(card);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh).not.toContain(taken);
    expect((await w.concerns.get(concernKey(w.sw.id, TODAY)))?.value.proposedSlots.map((s) => `${s.startUtc}|${s.endUtc}`)).toEqual(fresh);
    for (const person of [w.sw, w.tm, w.sm]) expect(w.meetings(person)).toHaveLength(0);
    // The old card's time, pressed by the line manager, gets the current times too.
    expect(slotsOf(json((await w.press(w.sm, taken))?.card ?? {}))).toEqual(fresh);

    const booked = await w.press(w.tm, fresh[0]);
    expect(json(booked?.card ?? {})).toContain('Booked for');
    for (const person of [w.sw, w.tm, w.sm]) expect(w.meetings(person)).toHaveLength(1);
  });

  it('concerns stored before the meeting was bookable still parse', () => {
    expect(ZSupervisionConcern.parse({ raisedAt: testNow, supervisorId: 'a', lineManagerId: 'b', proposedSlots: [] }).booking).toBeUndefined();
  });
});

describe('a booking interrupted after Outlook created the meeting (a crash, a lost answer)', () => {
  it('the next press finds the same event by its transactionId: still one meeting, now recorded as booked', async () => {
    const w = await world('sw2');
    const slots = slotsOf(await w.raise());
    const [startUtc = '', endUtc = ''] = slots[0]!.split('|');
    const key = concernKey(w.sw.id, TODAY);
    const stored = (await w.concerns.get(key))!;
    const transactionId = threeWayTransactionId(w.sw.id, TODAY, startUtc);
    // The claim was written and Outlook made the meeting, then the process died before recording it.
    await w.concerns.replace(key, { ...stored.value, booking: { state: 'pending', startUtc, endUtc, transactionId, organizerId: w.sm.id, bookedBy: w.tm.id, requestedAt: testNow } }, stored.etag);
    const first = await w.calendar.createEvents(w.sm.id, [{
      transactionId, subject: `Supervision concern: ${w.sw.displayName}`, body: '<p>x</p>', startUtc, endUtc,
      attendees: [{ email: w.sw.mail, name: w.sw.displayName }, { email: w.tm.mail, name: w.tm.displayName }], isOnlineMeeting: true, categories: [], reminderMinutesBeforeStart: 15,
    }]);
    const out = await w.press(w.sw, slots[slots.length - 1]);
    expect(json(out?.card ?? {})).toContain('Booked for');
    for (const person of [w.sw, w.tm, w.sm]) expect(w.meetings(person)).toHaveLength(1);
    expect((await w.concerns.get(key))?.value.booking).toMatchObject({ state: 'booked', startUtc, eventId: first.created[0]?.eventId });
  });
});
