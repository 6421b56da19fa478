import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ConversationReferences, REFERENCE_REFRESH_MS, type StoredReference } from '../../../src/adapters/bot/conversation-references.js';
import { MemoryStore } from '../../usecases/agreements/memory-store.js';

let n = 0;
function turn(fields: { conversationId?: string; serviceUrl?: string; personId?: string } = {}): TurnContext {
  n++;
  const activity: Partial<Activity> = {
    type: 'message', id: `activity-${n}`, text: 'help', channelId: 'msteams', serviceUrl: fields.serviceUrl ?? 'https://smba.example/uk/',
    from: { id: '29:sw', name: 'Sam Worker', aadObjectId: fields.personId ?? 'sw' },
    recipient: { id: '28:bot', name: 'Supervision Assistant' },
    conversation: { id: fields.conversationId ?? 'a:personal-sw', conversationType: 'personal', isGroup: false, name: '' },
  };
  return new TurnContext(new TestAdapter(), activity);
}

function references() {
  const store = new MemoryStore<StoredReference>();
  let clock = 0;
  const refs = new ConversationReferences(store, () => clock);
  return { store, refs, advance: (ms: number) => (clock += ms) };
}

describe('conversation references are written when they change, not at every turn (issue 16 item 4)', () => {
  it('writes the first turn\'s reference before the turn goes on, and not again for later turns in the same chat', async () => {
    const { store, refs } = references();
    await refs.remember(turn(), '2026-12-02T10:00:00Z');
    expect(store.writes).toBe(1);
    expect((await refs.find('sw'))?.conversation?.id).toBe('a:personal-sw');
    await refs.remember(turn(), '2026-12-02T10:00:05Z');
    await refs.remember(turn(), '2026-12-02T10:00:09Z');
    expect(store.writes).toBe(1);
  });

  it('writes at once when the chat changes (a reinstalled app, another service URL), and for each person apart', async () => {
    const { store, refs } = references();
    await refs.remember(turn(), '2026-12-02T10:00:00Z');
    await refs.remember(turn({ conversationId: 'a:personal-sw-new' }), '2026-12-02T10:00:05Z');
    expect((await refs.find('sw'))?.conversation?.id).toBe('a:personal-sw-new');
    await refs.remember(turn({ conversationId: 'a:personal-sw-new', serviceUrl: 'https://smba.example/emea/' }), '2026-12-02T10:00:06Z');
    expect((await refs.find('sw'))?.serviceUrl).toBe('https://smba.example/emea/');
    await refs.remember(turn({ personId: 'tm', conversationId: 'a:personal-tm' }), '2026-12-02T10:00:07Z');
    expect(store.writes).toBe(4);
  });

  it('writes the same reference again once the last write is older than the refresh time, so a row another instance changed or removed is put right', async () => {
    const { store, refs, advance } = references();
    await refs.remember(turn(), '2026-12-02T10:00:00Z');
    await store.delete({ partition: 'personal', id: 'sw' });
    advance(REFERENCE_REFRESH_MS - 1);
    await refs.remember(turn(), '2026-12-02T10:14:59Z');
    expect(await refs.find('sw')).toBeUndefined();
    advance(1);
    await refs.remember(turn(), '2026-12-02T10:15:00Z');
    expect((await refs.find('sw'))?.conversation?.id).toBe('a:personal-sw');
  });

  it('tries again at the next turn when a write failed', async () => {
    const { store, refs } = references();
    const upsert = store.upsert.bind(store);
    let fail = true;
    store.upsert = async (key, value) => {
      if (fail) throw new Error('storage unavailable');
      return upsert(key, value);
    };
    await expect(refs.remember(turn(), '2026-12-02T10:00:00Z')).rejects.toThrow('storage unavailable');
    fail = false;
    await refs.remember(turn(), '2026-12-02T10:00:05Z');
    expect((await refs.find('sw'))?.conversation?.id).toBe('a:personal-sw');
  });
});
