import { describe, expect, it } from 'vitest';
import type { ChannelActivity } from '../../support/fake-channel.js';
import { cardOf, useBot } from '../../support/bot.js';

const { stack, channel, bot, person } = useBot();

/** The card an activity carries, as JSON text. */
const cardText = (activity: ChannelActivity | undefined) => JSON.stringify(cardOf(activity));

describe('Bot Framework protocol (sandbox mode)', () => {
  it('help is answered with the help card', async () => {
    const replies = await bot.say(person('sw1'), 'help');
    expect(cardText(replies[0])).toContain('What I can do');
  });

  it('installing the app greets a social worker as a supervisee with their manager from the directory', async () => {
    const sw = person('sw1');
    const replies = await bot.turn(sw, { type: 'installationUpdate', action: 'add' });
    const card = cardText(replies[0]);
    expect(card).toContain('You receive supervision');
    expect(card).toContain('Northshire County Council (test)');
    expect(card).toContain(sw.jobTitle);
  });

  it('a team manager is welcomed as a supervisor and the director as a senior manager', async () => {
    expect(cardText((await bot.turn(person('tm1'), { type: 'installationUpdate', action: 'add' }))[0])).toContain('You supervise a team');
    expect(cardText((await bot.turn(person('dir'), { type: 'installationUpdate', action: 'add' }))[0])).toContain('You oversee supervision');
  });

  it('text it does not understand gets a helpful answer', async () => {
    const replies = await bot.say(person('sw1'), 'banana');
    expect(replies[0]?.text).toMatch(/help/);
  });

  it('the welcome card button (Action.Execute showHelp) answers the invoke and sends the help card', async () => {
    const before = bot.mark();
    const body = await bot.press(person('sw1'), 'showHelp', {}); // the HTTP answer is 200
    expect(body.statusCode).toBe(200);
    await channel.waitFor(before + 1);
    expect(cardText(channel.received[before])).toContain('What I can do');
  });

  it('a malformed card action is refused with a clear message on the card', async () => {
    const res = await bot.send(person('sw1'), { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit' } } });
    const body = (await res.json()) as { statusCode: number; value: { message: string } };
    expect(body.statusCode).toBe(400);
    expect(body.value.message).toMatch(/not recognised/);
  });
});

describe('greeting once', () => {
  it('in Teams, conversationUpdate after installationUpdate does not greet a second time', async () => {
    const before = bot.mark();
    const res = await bot.send(person('sw2'), { type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }, { id: '29:someone', aadObjectId: person('sw2').id }] });
    expect(res.status).toBeLessThan(300);
    // A following message proves the turn finished: only its reply arrives.
    await bot.say(person('sw2'), 'help');
    expect(channel.received.length - before).toBe(1);
  });

  it('in other channels, a member added is greeted', async () => {
    const replies = await bot.turn(person('sw2'), { type: 'conversationUpdate', membersAdded: [{ id: 'user-x', aadObjectId: person('sw2').id, name: 'X' }], channelId: 'webchat' });
    expect(cardText(replies[0])).toContain('You receive supervision');
  });
});

describe('conversation references for proactive messages', () => {
  it('a personal-chat turn stores the person\'s conversation reference in Azure Tables', async () => {
    const { createStorage } = await import('../../../src/adapters/storage/index.js');
    const { ZStoredReference } = await import('../../../src/adapters/bot/create-bot.js');
    const nqsw = person('nqsw1');
    await bot.say(nqsw, 'help');
    const store = createStorage(stack().azurite.connectionString).versioned('conversationrefs', ZStoredReference);
    const stored = await store.get({ partition: 'personal', id: nqsw.id });
    expect(stored?.value.reference).toMatchObject({ serviceUrl: channel.url, conversation: { id: `a:personal-${nqsw.id}` } });
  });
});
