import { ConversationState, MemoryStorage, TestAdapter, type Activity, type InvokeResponse } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ConversationReferences, type StoredReference } from '../../../src/adapters/bot/conversation-references.js';
import { SupervisionBot } from '../../../src/adapters/bot/supervision-bot.js';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { InMemoryDirectory } from '../../support/in-memory-directory.js';
import { harness } from '../../usecases/agreements/harness.js';
import { MemoryStore } from '../../usecases/agreements/memory-store.js';

const directory = new InMemoryDirectory()
  .add({ id: 'tm', displayName: 'Tariq Manager', givenName: 'Tariq', jobTitle: 'Team Manager' })
  .add({ id: 'sw', displayName: 'Sam Worker', givenName: 'Sam', jobTitle: 'Social Worker' }, 'tm');
const ctx: ConversationContext = { directory, councilName: 'Testshire Council', agreements: { ...harness().deps, directory } };

/** The bot as tenant mode builds it (only Teams names the person), driven by the SDK's own test adapter. */
function tenantBot() {
  const references = new MemoryStore<StoredReference>();
  const bot = new SupervisionBot(ctx, silentLogger, {
    conversationState: new ConversationState(new MemoryStorage()),
    references: new ConversationReferences(references),
    now: () => '2026-12-02T10:00:00Z',
    personChannels: ['msteams'],
  });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const from = (channelId: string, fields: Partial<Activity>): Partial<Activity> => ({
    channelId,
    from: { id: 'user-1', name: 'Caller', aadObjectId: 'sw' },
    conversation: { id: 'a:personal-sw', conversationType: 'personal', isGroup: false, name: '' },
    ...fields,
  });
  const say = async (channelId: string, text: string): Promise<string> => {
    await adapter.processActivity(from(channelId, { type: 'message', text }));
    return adapter.activeQueue.splice(0).map((a) => a.text ?? JSON.stringify(a.attachments ?? [])).join('\n');
  };
  const press = async (channelId: string, verb: string, data: Record<string, unknown>): Promise<InvokeResponse> => {
    await adapter.processActivity(from(channelId, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }));
    // The SDK hands the invoke's answer back as an 'invokeResponse' activity.
    const answer = adapter.activeQueue.splice(0).find((a) => a.type === 'invokeResponse');
    return answer?.value as InvokeResponse;
  };
  return { say, press, references };
}

describe('in tenant mode only the Teams channel may act as a person (issue 16)', () => {
  it('from Web Chat or Direct Line, an aadObjectId names nobody: "who am I" does not show that person', async () => {
    const { say } = tenantBot();
    for (const channel of ['webchat', 'directline', 'emulator', 'slack']) {
      const answer = await say(channel, 'who am I');
      expect(answer).toContain('I could not find you in the directory');
      expect(answer).not.toContain('Social Worker');
    }
  });

  it('from Teams the same id is the person', async () => {
    const { say } = tenantBot();
    expect(await say('msteams', 'who am I')).toContain('Social Worker');
  });

  it('a card button pressed from another channel is refused as acting for nobody', async () => {
    const { press } = tenantBot();
    const data = { agreementId: 'a0000000-0000-4000-8000-000000000001' };
    expect((await press('webchat', 'agreementShow', data)).body).toMatchObject({ statusCode: 403, value: { message: expect.stringMatching(/cannot tell who you are/) } });
    // From Teams the same press is the person's: there is simply no such agreement.
    expect((await press('msteams', 'agreementShow', data)).body).toMatchObject({ statusCode: 404 });
  });

  it('another channel never becomes the way to reach the person (their cards would go to it)', async () => {
    const { say, references } = tenantBot();
    await say('webchat', 'help');
    expect(await references.get({ partition: 'personal', id: 'sw' })).toBeUndefined();
    await say('msteams', 'help');
    expect(await references.get({ partition: 'personal', id: 'sw' })).toBeDefined();
  });
});
