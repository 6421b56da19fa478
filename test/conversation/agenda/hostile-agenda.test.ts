import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { handleMessage, handleVerb } from '../../../src/conversation/handle-message.js';
import type { Reply } from '../../../src/conversation/reply.js';
import { agendaKey } from '../../../src/repositories/tables.js';
import { useAzurite } from '../../support/azurite.js';
import { agendaFixture } from '../../usecases/agenda/fixture.js';

const azurite = useAzurite();
const me = (id: string) => ({ personId: id, displayName: undefined });
const cardText = (c: unknown) => ((c as { body?: { text?: string }[] }).body ?? []).map((b) => b.text ?? '').join(' ');
const textOf = (reply: Reply | undefined) => (reply?.kind === 'text' ? reply.text : reply?.kind === 'card' ? cardText(reply.card) : JSON.stringify(reply));

async function setup(supervisee: string) {
  const f = await agendaFixture(azurite.connectionString);
  const id = `h${Math.random().toString(36).slice(2, 8)}`;
  await f.book(id, { supervisee, dates: ['2026-11-17', '2026-12-01', '2026-12-15'] });
  const ctx: ConversationContext = { directory: f.deps.directory, councilName: 'Testshire', agenda: f.deps };
  const items = async () => (await f.agendas.get(agendaKey(id, `${id}-s02`)))?.value.items.map((i) => i.text) ?? [];
  return { f, id, ctx, items };
}

describe('agenda chat with hostile input (issue 16)', () => {
  it('L4: "remove -1" removes nothing (it used to remove item 1), and says items are numbered from 1', async () => {
    const { ctx, items } = await setup('u-l4');
    await handleMessage(ctx, me('u-l4'), 'add to agenda training plan');
    await handleMessage(ctx, me('u-l4'), 'add to agenda caseload');
    for (const said of ['remove -1', 'remove item -1', 'remove #-2', 'remove 0', 'remove --1']) {
      expect(textOf((await handleMessage(ctx, me('u-l4'), said))[0])).toMatch(/numbered from 1/);
    }
    expect(await items()).toEqual(['training plan', 'caseload']);
    expect(textOf((await handleMessage(ctx, me('u-l4'), 'remove - 1'))[0])).toMatch(/Removed from the agenda .*: training plan/);
    expect(await items()).toEqual(['caseload']);
  });

  it('L5: an item of only zero-width and no-break spaces is refused in chat and on the card, and nothing is stored', async () => {
    const { id, ctx, items } = await setup('u-l5');
    const invisible = '\u200B\u00A0\u200B\u00A0\u2060';
    const chat = await handleMessage(ctx, me('u-l5'), `add to agenda ${invisible}`);
    expect(textOf(chat[0])).not.toMatch(/^Added/);
    const pressed = await handleVerb(ctx, me('u-l5'), 'agendaAdd', { agreementId: id, sessionId: `${id}-s02`, itemId: 'i-l5', newItem: invisible, caseRef: '' });
    expect(JSON.stringify(pressed?.card)).toMatch(/Say what the item is about|Type the item first/);
    expect(await items()).toEqual([]);
  });

  it('M4: "jayden smith" and "Jay\\u200Bden Sm\\u200Bith" are refused in chat and on the card; nothing is stored', async () => {
    const { id, ctx, items } = await setup('u-m4');
    for (const said of ['add to agenda case 1234567: jayden smith contact', 'add to agenda case 1234567: Jay\u200Bden Sm\u200Bith contact', 'add to agenda JAYDEN SMITH']) {
      expect(textOf((await handleMessage(ctx, me('u-m4'), said))[0])).toMatch(/looks like a person's name/);
    }
    const pressed = await handleVerb(ctx, me('u-m4'), 'agendaAdd', { agreementId: id, sessionId: `${id}-s02`, itemId: 'i-m4', newItem: 'jayden smith contact', caseRef: '1234567' });
    expect(JSON.stringify(pressed?.card)).toMatch(/looks like a person's name/);
    expect(await items()).toEqual([]);
  });
});
