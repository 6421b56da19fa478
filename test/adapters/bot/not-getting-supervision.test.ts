import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { ZSupervisionConcern } from '../../../src/domain/concerns/schema.js';
import { actionOf, cardIn, type CardJson } from '../../../src/sandbox/bot-driver.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { cardOf, useBot } from '../../support/bot.js';
import { until } from '../../support/until.js';

const { stack, bot, person } = useBot({ POLICY_PACK: 'leeds' });

/** The values of the card's time choices (`startUtc|endUtc`). */
function choicesOf(card: CardJson): string[] {
  const slot = (card.body ?? []).find((e) => (e as { id?: string }).id === 'slot') as { choices?: { value: string }[] } | undefined;
  return (slot?.choices ?? []).map((c) => c.value);
}

describe("\"I'm not getting supervision\" (issue 6 item 3, Leeds §F (L124–134))", () => {
  it('is recorded, the supervisor and their manager get the card, and pressing "Book this time" books one three-way meeting in all three calendars', async () => {
    const { tenant, azurite } = stack();
    const sw = person('sw1');
    const tm = person(findPerson(tenant.org, 'sw1')!.managerAlias!);
    const sm = person(findPerson(tenant.org, 'tm1')!.managerAlias!);
    const dir = person('dir');
    for (const p of [tm, sm, dir]) await bot.say(p, 'help');

    const sent = await bot.turn(sw, { type: 'message', text: "I'm not getting supervision" }, 3);
    const mine = cardOf(sent.find((a) => a.conversation?.id === `a:personal-${sw.id}`));
    const mineText = JSON.stringify(mine);
    expect(mineText).toMatch(/recorded that you are not getting supervision/);
    // The policy as people read it (issue 15 item 3): its title and section, never a rule id or line.
    expect(mineText).toContain('Supervision policy and accountability framework for schools and clusters, section F');
    expect(mineText).not.toMatch(/LE-E1|Leeds §F|\(L\d/);
    expect(mineText).toMatch(/three-way meeting with .* is proposed/);
    const slots = choicesOf(mine);
    expect(slots.length).toBeGreaterThan(0);
    for (const p of [tm, sm]) {
      const theirs = cardOf(sent.find((a) => a.conversation?.id === `a:personal-${p.id}`));
      expect(JSON.stringify(theirs)).toContain(`${sw.name} has told me they are not getting supervision`);
      expect(choicesOf(theirs)).toEqual(slots);
    }

    const concerns = createStorage(azurite.connectionString).versioned('concerns', ZSupervisionConcern);
    const stored = (await concerns.list(sw.id)).items;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.value).toMatchObject({ supervisorId: tm.id, lineManagerId: sm.id });
    expect(stored[0]?.value.proposedSlots.length).toBe(slots.length);

    // Someone who is not one of the three is refused on the card.
    const button = actionOf(mine, 'threeWayBook');
    expect(button?.title).toBe('Book this time');
    const refused = await bot.press(dir, 'threeWayBook', { ...button?.data, slot: slots[0] });
    expect(refused.statusCode).toBe(403);
    expect(refused.value.message).toMatch(/Only the supervisee, their supervisor/);

    // The supervisee presses "Book this time" (Teams merges the chosen time into the action's data).
    const mark = bot.mark();
    const answer = await bot.press(sw, 'threeWayBook', { ...button?.data, slot: slots[0] });
    expect(answer.statusCode).toBe(200);
    expect(JSON.stringify(answer.value)).toContain('Booked for');
    expect(actionOf(answer.value, 'threeWayBook')).toBeUndefined();
    // The other two are told, with the booked card.
    for (const p of [tm, sm]) {
      const told = await until(`booked card to ${p.name}`, () => bot.to(p, mark).map(cardIn).find((c) => JSON.stringify(c ?? {}).includes('Booked for')));
      expect(JSON.stringify(told)).toContain(`${sw.name} booked the meeting`);
    }
    // One Teams meeting: organised by the line manager, a copy in each of the other two calendars.
    const meetings = (id: string) => [...tenant.store.mailbox(id).values()].filter((e) => e.data.subject?.startsWith('Supervision concern:') && !e.data.isCancelled);
    expect(meetings(sm.id).map((e) => e.data.isOrganizer)).toEqual([true]);
    expect(meetings(tm.id).map((e) => e.data.isOrganizer)).toEqual([false]);
    expect(meetings(sw.id).map((e) => e.data.isOrganizer)).toEqual([false]);

    // A double click books nothing more.
    const again = await bot.press(sw, 'threeWayBook', { ...button?.data, slot: slots[0] });
    expect(JSON.stringify(again.value)).toContain('already booked');
    expect(meetings(sm.id)).toHaveLength(1);
    expect((await concerns.list(sw.id)).items[0]?.value.booking).toMatchObject({ state: 'booked', organizerId: sm.id, bookedBy: sw.id });

    // Saying it again the same day does not raise it twice.
    const repeat = await bot.say(sw, 'not getting supervision');
    expect(JSON.stringify(cardIn(repeat[0]))).toMatch(/already today/);
    expect((await concerns.list(sw.id)).items).toHaveLength(1);
  }, 60_000);
});
