import { describe, expect, it } from 'vitest';
import { createConversationStorage } from '../../../src/adapters/bot/conversation-storage.js';
import { useAzurite } from '../../support/azurite.js';

const azurite = useAzurite();

describe('createConversationStorage (BlobsStorage on Azurite)', () => {
  it('writes, reads and deletes bot state', async () => {
    const storage = createConversationStorage(azurite.connectionString, 'bot-state');
    const key = 'msteams/conversations/a:1#x?/user';
    await storage.write({ [key]: { step: 'agenda', items: ['welfare'] } });
    const read = await storage.read([key, 'missing']);
    expect(read[key]).toMatchObject({ step: 'agenda', items: ['welfare'] });
    expect(typeof read[key].eTag).toBe('string');
    expect(read.missing).toBeUndefined();
    await storage.delete([key]);
    expect((await storage.read([key]))[key]).toBeUndefined();
  });

  it('refuses a write carrying a stale eTag', async () => {
    const storage = createConversationStorage(azurite.connectionString, 'bot-state-etag');
    await storage.write({ k: { n: 1 } });
    const first = (await storage.read(['k'])).k as { eTag: string };
    await storage.write({ k: { n: 2, eTag: first.eTag } });
    await expect(storage.write({ k: { n: 3, eTag: first.eTag } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['k'])).k).toMatchObject({ n: 2 });
  });

  it('rejects an invalid container name up front', () => {
    expect(() => createConversationStorage(azurite.connectionString, 'Bot_State')).toThrow(/container/);
  });
});
