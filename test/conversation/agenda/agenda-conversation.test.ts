import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { handleMessage, handleVerb } from '../../../src/conversation/handle-message.js';
import type { Reply } from '../../../src/conversation/reply.js';
import { actionKey, agendaKey } from '../../../src/repositories/tables.js';
import { useAzurite } from '../../support/azurite.js';
import { agendaFixture } from '../../usecases/agenda/fixture.js';

const azurite = useAzurite();
const me = (id: string) => ({ personId: id, displayName: undefined });
const json = (x: unknown) => JSON.stringify(x);

type Action = { verb?: string; title?: string; data?: Record<string, unknown> };
function cardOf(reply: Reply | undefined): { actions?: Action[]; body?: unknown[] } {
  expect(reply?.kind).toBe('card');
  return reply?.kind === 'card' ? (reply.card as { actions?: Action[] }) : {};
}
// A refusal that rests on the policy comes as a card with its words under "Why?" (issue 10 item 1):
// what it says is the card's text.
const cardText = (c: unknown) => ((c as { body?: { text?: string }[] }).body ?? []).map((b) => b.text ?? '').join(' ');
const textOf = (reply: Reply | undefined) => (reply?.kind === 'text' ? reply.text : reply?.kind === 'card' ? cardText(reply.card) : json(reply));

async function setup(policyId = 'sefton', supervisee = 'sw') {
  const f = await agendaFixture(azurite.connectionString);
  const id = `c${Math.random().toString(36).slice(2, 8)}`;
  await f.book(id, { policyId, supervisee, dates: ['2026-11-17', '2026-12-01', '2026-12-15'] });
  const ctx: ConversationContext = { directory: f.deps.directory, councilName: 'Testshire', agenda: f.deps };
  return { f, id, ctx };
}

describe('agenda in chat (issue 5 item 1)', () => {
  it('a supervisee adds, sees the numbered agenda and removes; a case item by its LCS number', async () => {
    const { f, id, ctx } = await setup('sefton', 'u-a');
    const added = await handleMessage(ctx, me('u-a'), 'add to agenda  training plan');
    expect(textOf(added[0])).toMatch(/Added to the agenda for Tuesday 1 December as item 1: training plan/);
    const caseAdded = await handleMessage(ctx, me('u-a'), 'Add to agenda case 1234567: court timetable');
    expect(textOf(caseAdded[0])).toMatch(/item 2: case 1234567: court timetable/);
    const shown = await handleMessage(ctx, me('u-a'), 'agenda');
    expect(shown).toHaveLength(1);
    const card = json(shown[0]);
    expect(card).toContain('1. training plan');
    expect(card).toContain('2. **Case 1234567**: court timetable');
    expect(cardOf(shown[0]).actions?.map((a) => a.verb)).toEqual(['agendaAdd', 'preparationShow']);
    expect(textOf((await handleMessage(ctx, me('u-a'), 'remove 1'))[0])).toMatch(/Removed from the agenda for Tuesday 1 December: training plan/);
    expect((await f.agendas.get(agendaKey(id, `${id}-s02`)))?.value.items.map((i) => i.text)).toEqual(['court timetable']);
    expect(textOf((await handleMessage(ctx, me('u-a'), 'remove 5'))[0])).toMatch(/no item 5/);
    expect(textOf((await handleMessage(ctx, me('u-a'), 'remove it'))[0])).toMatch(/for example "remove 2"/);
  });

  it('a name in a case item is refused with the policy\'s words, and nothing is stored', async () => {
    const { f, id, ctx } = await setup('sefton', 'u-b');
    const refused = await handleMessage(ctx, me('u-b'), "add to agenda case 1234567: Jayden's contact with dad");
    expect(textOf(refused[0])).toMatch(/"Jayden's" looks like a person's name\. Name the case by its LCS number only.*"use only LCS number; no personal details" \(Supervision - Supporting Employees in a Challenging Social Care Environment, Welfare supervision record \(Appendix 3\)\)/);
    const badRef = await handleMessage(ctx, me('u-b'), 'add to agenda case Jayden: contact');
    expect(textOf(badRef[0])).toMatch(/"Jayden" is not an LCS number/);
    expect(await f.agendas.get(agendaKey(id, `${id}-s02`))).toBeUndefined();
  });

  it('a plain sentence is offered with a confirm button; a double click adds one item; no session → the usual answer', async () => {
    const { f, id, ctx } = await setup('sefton', 'u-c');
    const offer = await handleMessage(ctx, me('u-c'), 'my caseload feels too high this month');
    const confirm = cardOf(offer[0]).actions?.find((a) => a.verb === 'agendaConfirm');
    expect(confirm?.title).toBe('Add to the agenda for Tuesday 1 December');
    expect(json(offer[0])).toContain('Add to the agenda for Tuesday 1 December?');
    const first = await handleVerb(ctx, me('u-c'), 'agendaConfirm', confirm?.data);
    const second = await handleVerb(ctx, me('u-c'), 'agendaConfirm', confirm?.data);
    expect(json(first?.card)).toContain('Added to the agenda for Tuesday 1 December as item 1.');
    expect(json(second?.card)).toContain('Already added to the agenda for Tuesday 1 December as item 1.');
    expect((await f.agendas.get(agendaKey(id, `${id}-s02`)))?.value.items).toHaveLength(1);
    // A plain "case <ref>: …" sentence is offered and added as a case item; a name is refused before any button.
    const caseOffer = cardOf((await handleMessage(ctx, me('u-c'), 'case 1234567: court hearing moved'))[0]).actions?.find((a) => a.verb === 'agendaConfirm');
    await handleVerb(ctx, me('u-c'), 'agendaConfirm', caseOffer?.data);
    expect((await f.agendas.get(agendaKey(id, `${id}-s02`)))?.value.items[1]).toMatchObject({ kind: 'case', caseRef: '1234567', text: 'court hearing moved' });
    expect(textOf((await handleMessage(ctx, me('u-c'), 'Jayden Smith was missing again'))[0])).toMatch(/I could not offer that as an agenda item: "Jayden Smith" looks like a person's name/);
    // A stranger replaying the button is refused.
    expect((await handleVerb(ctx, me('other'), 'agendaConfirm', confirm?.data))?.refusal?.code).toBe('forbidden');
    // Small talk and single words are not offered.
    for (const chat of ['thank you', 'ok', 'brilliant']) expect(textOf((await handleMessage(ctx, me('u-c'), chat))[0])).toMatch(/Sorry, I didn't understand/);
    // Nobody with a session: today's answer.
    expect(textOf((await handleMessage(ctx, me('nobody'), 'my caseload feels too high'))[0])).toMatch(/Sorry, I didn't understand/);
    expect(textOf((await handleMessage({ ...ctx, agenda: undefined }, me('u-c'), 'my caseload feels too high'))[0])).toMatch(/Sorry, I didn't understand/);
    expect(textOf((await handleMessage(ctx, me('nobody'), 'agenda'))[0])).toMatch(/no supervision session booked ahead/);
  });

  it('a supervisor sees each supervisee\'s next agenda and adds to one by name', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('sv1', { supervisor: 'boss1', supervisee: 'sw', dates: ['2026-12-01'] });
    await f.book('sv2', { supervisor: 'boss1', supervisee: 'nq', dates: ['2026-11-26'] });
    const ctx: ConversationContext = { directory: f.deps.directory, councilName: 'Testshire', agenda: f.deps };
    const ambiguous = await handleMessage(ctx, me('boss1'), 'add to agenda audit results');
    expect(textOf(ambiguous[0])).toMatch(/more than one person .*\(Nia, Sam\)/);
    const added = await handleMessage(ctx, me('boss1'), 'add to agenda for Sam: audit results');
    expect(textOf(added[0])).toMatch(/Added to Sam Worker's agenda for Tuesday 1 December as item 1: audit results/);
    expect(textOf((await handleMessage(ctx, me('boss1'), 'add to agenda for Zed: x'))[0])).toMatch(/could not find "Zed"/);
    const shown = await handleMessage(ctx, me('boss1'), 'agenda');
    expect(shown.map((r) => (r.kind === 'card' ? r.summary : r.text))).toEqual(['Agenda for Thursday 26 November 2026', 'Agenda for Tuesday 1 December 2026']);
    expect(json(shown[1])).toContain("Agenda for Sam Worker's supervision");
    expect(json(shown[1])).toContain('added by Boss, Monday 23 November 2026, 10:00');
    expect(cardOf(shown[1]).actions?.map((a) => a.verb)).toEqual(['agendaAdd']);
    const item = (await f.agendas.get(agendaKey('sv1', 'sv1-s01')))?.value.items[0];
    expect(item).toMatchObject({ addedById: 'boss1', addedByRole: 'supervisor', addedAt: '2026-11-23T10:00:00Z' });
    // The supervisee cannot remove the supervisor's item.
    expect(textOf((await handleMessage(ctx, me('sw'), 'remove 1'))[0])).toMatch(/added by your supervisor/);
  });

  it('the agenda card\'s add field: bad input comes back on the card with what was typed; good input adds once', async () => {
    const { f, id, ctx } = await setup('camden', 'u-d');
    const shown = cardOf((await handleMessage(ctx, me('u-d'), 'agenda'))[0]);
    expect(json(shown)).toContain('1st: the welfare of the worker, then practical and support issues, then cases (Social work supervision policy, section 6, Agenda).');
    const add = shown.actions?.find((a) => a.verb === 'agendaAdd');
    const bad = await handleVerb(ctx, me('u-d'), 'agendaAdd', { ...add?.data, newItem: 'Mrs Patel complaint', caseRef: '' });
    expect(json(bad?.card)).toContain('looks like a person');
    expect(json(bad?.card)).toContain('Mrs Patel complaint');
    const badRef = await handleVerb(ctx, me('u-d'), 'agendaAdd', { ...add?.data, newItem: 'court', caseRef: 'abc' });
    expect(json(badRef?.card)).toContain('is not a Mosaic ID');
    const empty = await handleVerb(ctx, me('u-d'), 'agendaAdd', { ...add?.data, newItem: '  ' });
    expect(json(empty?.card)).toContain('Type the item first.');
    const malformed = await handleVerb(ctx, me('u-d'), 'agendaAdd', { agreementId: 7 });
    expect(malformed?.refusal?.code).toBe('invalid_input');
    const ok = await handleVerb(ctx, me('u-d'), 'agendaAdd', { ...add?.data, newItem: 'court timetable', caseRef: '7654321' });
    const again = await handleVerb(ctx, me('u-d'), 'agendaAdd', { ...add?.data, newItem: 'court timetable', caseRef: '7654321' });
    expect(json(ok?.card)).toContain('Added as item 1.');
    expect(json(again?.card)).toContain('Item 1 was already added.');
    expect((await f.agendas.get(agendaKey(id, `${id}-s02`)))?.value.items).toHaveLength(1);
  });

  it('the preparation card: prompts and open actions, saved answers come back, bad input shown on the card', async () => {
    const { f, id, ctx } = await setup('buckinghamshire', 'u-e');
    await f.action(id, 'act1', `${id}-s01`, 'Book the training');
    const agenda = cardOf((await handleMessage(ctx, me('u-e'), 'agenda'))[0]);
    expect(json(agenda)).toContain('Book the training');
    const prepare = agenda.actions?.find((a) => a.verb === 'preparationShow');
    const shown = await handleVerb(ctx, me('u-e'), 'preparationShow', prepare?.data);
    const card = cardOf(shown?.replies[0]);
    expect(json(card)).toContain('What is worrying me and/or others?');
    expect(json(card)).toContain('status_act1');
    const save = card.actions?.find((a) => a.verb === 'preparationSave');
    const saved = await handleVerb(ctx, me('u-e'), 'preparationSave', { ...save?.data, p1: 'The court date', p2: 'Contact going well', status_act1: 'done', note_act1: 'Booked' });
    expect(json(saved?.card)).toContain('Saved 2 answers for Tuesday 1 December; 1 action marked done; 1 update added.');
    expect((await f.actions.get(actionKey(id, 'act1')))?.value.status).toBe('done');
    const doubleClick = await handleVerb(ctx, me('u-e'), 'preparationSave', { ...save?.data, p1: 'The court date', p2: 'Contact going well', status_act1: 'done', note_act1: 'Booked' });
    expect(json(doubleClick?.card)).toContain('Saved 2 answers for Tuesday 1 December.');
    expect((await f.actions.get(actionKey(id, 'act1')))?.value.notes).toHaveLength(1);
    const again = await handleVerb(ctx, me('u-e'), 'preparationShow', prepare?.data);
    expect(json(again?.replies[0])).toContain('The court date');
    const tooLong = await handleVerb(ctx, me('u-e'), 'preparationSave', { ...save?.data, p1: 'x'.repeat(4001) });
    expect(json(tooLong?.card)).toContain('the limit is 4000');
    expect((await handleVerb(ctx, me('tm'), 'preparationShow', prepare?.data))?.refusal?.code).toBe('forbidden');
    expect((await handleVerb(ctx, me('u-e'), 'preparationSave', { sessionId: 3 }))?.refusal?.code).toBe('invalid_input');
    const view = json(await handleMessage(ctx, me('tm'), 'agenda'));
    expect(view).toContain('saved their preparation');
  });
});
