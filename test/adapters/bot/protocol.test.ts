import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { activityFrom, FakeChannel } from '../../support/fake-channel.js';
import { useStack } from '../../support/stack.js';

const stack = useStack();
const channel = new FakeChannel();
beforeAll(() => channel.start());
afterAll(() => channel.stop());

async function post(body: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${stack().url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

function person(alias: string) {
  const p = findPerson(stack().tenant.org, alias);
  if (!p) throw new Error(`no demo person ${alias}`);
  return { id: p.id, name: p.displayName, jobTitle: p.jobTitle };
}

async function exchange(body: object) {
  const before = channel.received.length;
  const res = await post(body);
  expect(res.status).toBeLessThan(300);
  await channel.waitFor(before + 1);
  return channel.received.slice(before);
}

function cardOf(activity: { attachments?: { contentType: string; content: unknown }[] } | undefined) {
  const attachment = activity?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return JSON.stringify(attachment?.content);
}

describe('Bot Framework protocol (sandbox mode)', () => {
  it('help is answered with the help card', async () => {
    const replies = await exchange(activityFrom(channel, person('sw1'), { type: 'message', text: 'help' }));
    expect(cardOf(replies[0])).toContain('What I can do');
  });

  it('installing the app greets a social worker as a supervisee with their manager from the directory', async () => {
    const sw = person('sw1');
    const replies = await exchange(activityFrom(channel, sw, { type: 'installationUpdate', action: 'add' }));
    const card = cardOf(replies[0]);
    expect(card).toContain('You receive supervision');
    expect(card).toContain('Northshire County Council (test)');
    expect(card).toContain(sw.jobTitle);
  });

  it('a team manager is welcomed as a supervisor and the director as a senior manager', async () => {
    expect(cardOf((await exchange(activityFrom(channel, person('tm1'), { type: 'installationUpdate', action: 'add' })))[0])).toContain('You supervise a team');
    expect(cardOf((await exchange(activityFrom(channel, person('dir'), { type: 'installationUpdate', action: 'add' })))[0])).toContain('You oversee supervision');
  });

  it('text it does not understand gets a helpful answer', async () => {
    const replies = await exchange(activityFrom(channel, person('sw1'), { type: 'message', text: 'banana' }));
    expect(replies[0]?.text).toMatch(/help/);
  });

  it('the welcome card button (Action.Execute showHelp) answers the invoke and sends the help card', async () => {
    const before = channel.received.length;
    const res = await post(activityFrom(channel, person('sw1'), { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'showHelp', data: {} } } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number };
    expect(body.statusCode).toBe(200);
    await channel.waitFor(before + 1);
    expect(cardOf(channel.received[before])).toContain('What I can do');
  });

  it('a malformed card action is refused with a clear message on the card', async () => {
    const res = await post(activityFrom(channel, person('sw1'), { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit' } } }));
    const body = (await res.json()) as { statusCode: number; value: { message: string } };
    expect(body.statusCode).toBe(400);
    expect(body.value.message).toMatch(/not recognised/);
  });
});

describe('greeting once', () => {
  it('in Teams, conversationUpdate after installationUpdate does not greet a second time', async () => {
    const before = channel.received.length;
    const res = await post(activityFrom(channel, person('sw2'), { type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }, { id: '29:someone', aadObjectId: person('sw2').id }] }));
    expect(res.status).toBeLessThan(300);
    // A following message proves the turn finished: only its reply arrives.
    await exchange(activityFrom(channel, person('sw2'), { type: 'message', text: 'help' }));
    expect(channel.received.length - before).toBe(1);
  });

  it('in other channels, a member added is greeted', async () => {
    const replies = await exchange({ ...activityFrom(channel, person('sw2'), { type: 'conversationUpdate', membersAdded: [{ id: 'user-x', aadObjectId: person('sw2').id, name: 'X' }] }), channelId: 'webchat' });
    expect(cardOf(replies[0])).toContain('You receive supervision');
  });
});

describe('conversation references for proactive messages', () => {
  it('a personal-chat turn stores the person\'s conversation reference in Azure Tables', async () => {
    const { createStorage } = await import('../../../src/adapters/storage/index.js');
    const { ZStoredReference } = await import('../../../src/adapters/bot/create-bot.js');
    const nqsw = person('nqsw1');
    await exchange(activityFrom(channel, nqsw, { type: 'message', text: 'help' }));
    const store = createStorage(stack().azurite.connectionString).versioned('conversationrefs', ZStoredReference);
    const stored = await store.get({ partition: 'personal', id: nqsw.id });
    expect(stored?.value.reference).toMatchObject({ serviceUrl: channel.url, conversation: { id: `a:personal-${nqsw.id}` } });
  });
});
