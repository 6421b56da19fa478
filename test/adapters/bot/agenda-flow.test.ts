import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { createWorkingCalendar, nextWorkingDayOnOrAfter } from '../../../src/domain/calendar/working-calendar.js';
import { agendaKey, agendaStore } from '../../../src/repositories/tables.js';
import { actionOf } from '../../../src/sandbox/bot-driver.js';
import { cardOf, seedSeftonAgreement, useBot, type Person } from '../../support/bot.js';
import { until } from '../../support/until.js';

/**
 * Issue 5 item 1: agenda preparation through the Bot Framework protocol, against the sandbox
 * tenant and Azurite, with the channel's Connector API faked.
 */
const { stack, channel, bot, person } = useBot();
const json = (x: unknown) => JSON.stringify(x);

/** A booked Sefton agreement with one session 10+ days ahead, written straight into storage. */
async function booked(id: string, supervisor: Person, supervisee: Person) {
  const storage = createStorage(stack().azurite.connectionString);
  const cal = createWorkingCalendar({ nation: 'england-and-wales' });
  const date = nextWorkingDayOnOrAfter(cal, new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { session } = await seedSeftonAgreement(storage, { id, supervisor, supervisee, sessionDate: date, createdAt: now });
  return { session, agendas: agendaStore(storage) };
}

describe('agenda preparation, through the Bot Framework protocol', () => {
  it('add, show, offer and confirm (twice), remove, the name refusal, the supervisor adding by name, the preparation card', async () => {
    const tm1 = person('tm1');
    const sw1 = person('sw1');
    const { session, agendas } = await booked('ag-flow-1', tm1, sw1);
    const key = agendaKey('ag-flow-1', session.sessionId);

    expect(json(await bot.say(sw1, 'add to agenda training plan'))).toMatch(/as item 1: training plan/);
    expect(json(await bot.say(sw1, "add to agenda case 1234567: Jayden's contact"))).toMatch(/looks like a person's name.*use only LCS number; no personal details/);

    const offer = cardOf((await bot.say(sw1, 'my caseload feels too high this month'))[0]);
    const confirm = actionOf(offer, 'agendaConfirm');
    expect(confirm?.title).toMatch(/^Add to the agenda for /);
    const first = await bot.press(sw1, 'agendaConfirm', confirm?.data ?? {});
    const second = await bot.press(sw1, 'agendaConfirm', confirm?.data ?? {});
    expect(json(first.value)).toMatch(/Added to the agenda for .* as item 2/);
    expect(json(second.value)).toMatch(/Already added/);
    expect((await agendas.get(key))?.value.items.map((i) => i.text)).toEqual(['training plan', 'my caseload feels too high this month']);

    expect(json(await bot.say(sw1, 'remove 1'))).toMatch(/Removed from the agenda/);
    expect(json(await bot.say(tm1, `add to agenda for ${sw1.name}: audit results`))).toMatch(/item 2: audit results/);

    const agenda = cardOf((await bot.say(sw1, 'agenda'))[0]);
    expect(json(agenda)).toContain('1. my caseload feels too high this month');
    expect(json(agenda)).toContain(`2. audit results · _added by ${tm1.name}`);
    const prepared = await bot.press(sw1, 'preparationShow', actionOf(agenda, 'preparationShow')?.data ?? {});
    expect(prepared.statusCode).toBe(200);
    const prep = await until('the preparation card', () => channel.received.slice(-1).find((a) => json(a).includes('preparationSave')));
    const save = actionOf(cardOf(prep), 'preparationSave');
    const saved = await bot.press(sw1, 'preparationSave', { ...save?.data, p1: 'Busy but fine' });
    expect(json(saved.value)).toMatch(/Saved 1 answer/);
    expect((await agendas.get(key))?.value.preparation).toEqual([{ prompt: 'How am I feeling?', answer: 'Busy but fine' }]);

    // Someone else pressing the supervisee's button is refused on the card.
    const stranger = await bot.press(person('sw4'), 'agendaConfirm', confirm?.data ?? {});
    expect(stranger.value.code).toBe('forbidden');
  });
});
