import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { createWorkingCalendar, nextWorkingDayOnOrAfter } from '../../../src/domain/calendar/working-calendar.js';
import { agreementKey, agreementStore, sessionKey, sessionStore } from '../../../src/jobs/booking/stores.js';
import { agendaKey, agendaStore } from '../../../src/jobs/records/stores.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { ZAgreementLink } from '../../../src/usecases/agreements/deps.js';
import { activityFrom, FakeChannel, type ChannelActivity } from '../../support/fake-channel.js';
import { useStack } from '../../support/stack.js';

/**
 * Issue 5 item 1: agenda preparation through the Bot Framework protocol, against the sandbox
 * tenant and Azurite, with the channel's Connector API faked.
 */
const stack = useStack();
const channel = new FakeChannel();
beforeAll(() => channel.start());
afterAll(() => channel.stop());

type Card = { body?: unknown[]; actions?: { type: string; title?: string; verb?: string; data?: Record<string, unknown> }[] };
interface InvokeBody { statusCode: number; type: string; value: Card & { code?: string; message?: string } }

function person(alias: string) {
  const p = findPerson(stack().tenant.org, alias);
  if (!p) throw new Error(`no demo person ${alias}`);
  return { id: p.id, name: p.displayName };
}

async function post(body: object): Promise<Response> {
  return fetch(`${stack().url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function say(who: { id: string; name: string }, text: string, expected = 1): Promise<ChannelActivity[]> {
  const before = channel.received.length;
  const res = await post(activityFrom(channel, who, { type: 'message', text }));
  expect(res.status).toBeLessThan(300);
  await channel.waitFor(before + expected);
  return channel.received.slice(before);
}

async function press(who: { id: string; name: string }, verb: string, data: Record<string, unknown>): Promise<InvokeBody> {
  const res = await post(activityFrom(channel, who, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }));
  expect(res.status).toBe(200);
  return (await res.json()) as InvokeBody;
}

function cardOf(activity: ChannelActivity | undefined): Card {
  const attachment = activity?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as Card;
}
const action = (card: Card, verb: string) => card.actions?.find((a) => a.verb === verb);
const json = (x: unknown) => JSON.stringify(x);

/** A booked Sefton agreement with one session 10+ days ahead, written straight into storage. */
async function booked(id: string, supervisor: { id: string; name: string }, supervisee: { id: string; name: string }) {
  const storage = createStorage(stack().azurite.connectionString);
  const links = storage.versioned('agreementparties', ZAgreementLink);
  const cal = createWorkingCalendar({ nation: 'england-and-wales' });
  const date = nextWorkingDayOnOrAfter(cal, new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const agreement: Agreement = {
    id,
    terms: { policyId: 'sefton', roleId: 'social-worker', supervisorId: supervisor.id, superviseeId: supervisee.id, employmentStart: '2020-01-06', agreementDate: date,
      weekday: 2, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: date },
    status: 'booked', signatures: {}, comments: [], createdAt: now, updatedAt: now, parties: { supervisorName: supervisor.name, superviseeName: supervisee.name },
  };
  await agreementStore(storage).create(agreementKey(id), agreement);
  await links.upsert({ partition: supervisee.id, id }, { agreementId: id, party: 'supervisee', createdAt: now });
  await links.upsert({ partition: supervisor.id, id }, { agreementId: id, party: 'supervisor', createdAt: now });
  const session: PlannedSession = { sessionId: `${id}-s01`, agreementId: id, date, start: '10:00', minutes: 90, startUtc: `${date}T10:00:00Z`, endUtc: `${date}T11:30:00Z`, rule: 'SE-F1', status: 'booked' };
  await sessionStore(storage).create(sessionKey(id, session.sessionId), session);
  return { session, agendas: agendaStore(storage) };
}

describe('agenda preparation, through the Bot Framework protocol', () => {
  it('add, show, offer and confirm (twice), remove, the name refusal, the supervisor adding by name, the preparation card', async () => {
    const tm1 = person('tm1');
    const sw1 = person('sw1');
    const { session, agendas } = await booked('ag-flow-1', tm1, sw1);
    const key = agendaKey('ag-flow-1', session.sessionId);

    expect(json(await say(sw1, 'add to agenda training plan'))).toMatch(/as item 1: training plan/);
    expect(json(await say(sw1, "add to agenda case 1234567: Jayden's contact"))).toMatch(/looks like a person's name.*use only LCS number; no personal details/);

    const offer = cardOf((await say(sw1, 'my caseload feels too high this month'))[0]);
    const confirm = action(offer, 'agendaConfirm');
    expect(confirm?.title).toMatch(/^Add to the agenda for /);
    const first = await press(sw1, 'agendaConfirm', confirm?.data ?? {});
    const second = await press(sw1, 'agendaConfirm', confirm?.data ?? {});
    expect(json(first.value)).toMatch(/Added to the agenda for .* as item 2/);
    expect(json(second.value)).toMatch(/Already added/);
    expect((await agendas.get(key))?.value.items.map((i) => i.text)).toEqual(['training plan', 'my caseload feels too high this month']);

    expect(json(await say(sw1, 'remove 1'))).toMatch(/Removed from the agenda/);
    expect(json(await say(tm1, `add to agenda for ${sw1.name}: audit results`))).toMatch(/item 2: audit results/);

    const agenda = cardOf((await say(sw1, 'agenda'))[0]);
    expect(json(agenda)).toContain('1. my caseload feels too high this month');
    expect(json(agenda)).toContain(`2. audit results · _added by ${tm1.name}`);
    const prepared = await press(sw1, 'preparationShow', action(agenda, 'preparationShow')?.data ?? {});
    expect(prepared.statusCode).toBe(200);
    const prep = await until(() => channel.received.slice(-1).find((a) => json(a).includes('preparationSave')));
    const save = action(cardOf(prep), 'preparationSave');
    const saved = await press(sw1, 'preparationSave', { ...save?.data, p1: 'Busy but fine' });
    expect(json(saved.value)).toMatch(/Saved 1 answer/);
    expect((await agendas.get(key))?.value.preparation).toEqual([{ prompt: 'How am I feeling?', answer: 'Busy but fine' }]);

    // Someone else pressing the supervisee's button is refused on the card.
    const stranger = await press(person('sw4'), 'agendaConfirm', confirm?.data ?? {});
    expect(stranger.value.code).toBe('forbidden');
  });
});

async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
