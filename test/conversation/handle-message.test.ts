import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../src/conversation/context.js';
import { handleInstall, handleMessage, handleVerb } from '../../src/conversation/handle-message.js';
import type { Reply } from '../../src/conversation/reply.js';
import { InMemoryDirectory } from '../support/in-memory-directory.js';

const directory = new InMemoryDirectory()
  .add({ id: 'dir', displayName: 'Dana Director', givenName: 'Dana', jobTitle: 'Director of Children\'s Services' })
  .add({ id: 'tm', displayName: 'Tariq Manager', givenName: 'Tariq', jobTitle: 'Team Manager', department: 'Assessment Team' }, 'dir')
  .add({ id: 'sw', displayName: 'Sam Worker', givenName: 'Sam', jobTitle: 'Social Worker', department: 'Assessment Team' }, 'tm');
const ctx: ConversationContext = { directory, councilName: 'Testshire Council' };

function cardText(reply: Reply | undefined): string {
  expect(reply?.kind).toBe('card');
  return reply?.kind === 'card' ? JSON.stringify(reply.card) : '';
}

describe('first conversation', () => {
  it('help lists what the bot can do on a card', async () => {
    const replies = await handleMessage(ctx, { personId: 'sw', displayName: 'Sam' }, 'help');
    const json = cardText(replies[0]);
    expect(json).toContain('What I can do');
    expect(json).toContain('who am I');
  });

  it('help is understood with punctuation, capitals and an @mention', async () => {
    const replies = await handleMessage(ctx, { personId: 'sw', displayName: 'Sam' }, '<at>Supervision</at> Help!');
    expect(cardText(replies[0])).toContain('What I can do');
  });

  it('text it does not understand gets a helpful answer, never silence', async () => {
    const replies = await handleMessage(ctx, { personId: 'sw', displayName: 'Sam' }, 'the weather is lovely');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ kind: 'text' });
    expect(replies[0]?.kind === 'text' && replies[0].text).toMatch(/help/);
  });

  it('a near miss is answered with the command the person probably meant', async () => {
    const replies = await handleMessage(ctx, { personId: 'sw', displayName: 'Sam' }, 'hlep');
    expect(replies[0]?.kind === 'text' && replies[0].text).toContain('Did you mean "help"');
  });

  it.each([
    ['sw', 'supervisee', 'You receive supervision'],
    ['tm', 'supervisor', 'You supervise a team'],
    ['dir', 'senior manager', 'You oversee supervision across teams'],
  ])('the welcome card suits %s as a %s', async (id, role, intro) => {
    const replies = await handleInstall(ctx, { personId: id, displayName: undefined });
    const json = cardText(replies[0]);
    expect(json).toContain(intro);
    expect(json).toContain(role);
    expect(json).toContain('Testshire Council');
  });

  it('the welcome card names the line manager from the directory', async () => {
    const json = cardText((await handleInstall(ctx, { personId: 'sw', displayName: undefined }))[0]);
    expect(json).toContain('Tariq Manager');
  });

  it('someone the directory does not know is welcomed as a supervisee and told so', async () => {
    const json = cardText((await handleInstall(ctx, { personId: 'nobody', displayName: 'Pat' }))[0]);
    expect(json).toContain('Hello Pat');
    expect(json).toContain('could not find you in the directory');
  });

  it('who am I reports the directory facts', async () => {
    const replies = await handleMessage(ctx, { personId: 'tm', displayName: 'Tariq' }, 'who am I?');
    expect(replies[0]?.kind === 'text' && replies[0].text).toContain('People you supervise: 1');
  });

  it('the help button on the welcome card shows the help card; an unknown verb is refused', async () => {
    const outcome = await handleVerb(ctx, { personId: 'sw', displayName: undefined }, 'showHelp');
    expect(cardText(outcome?.replies[0])).toContain('What I can do');
    expect(await handleVerb(ctx, { personId: 'sw', displayName: undefined }, 'deleteEverything')).toBeUndefined();
  });
});
