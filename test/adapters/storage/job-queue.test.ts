import { QueueServiceClient } from '@azure/storage-queue';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { useAzurite, uniqueName } from '../../support/azurite.js';
import { restoreClock, travel } from '../../support/clock.js';
import { codeOf } from '../../support/error-code.js';

const ZJob = z.object({ kind: z.literal('book'), agreementId: z.string(), done: z.number().int().default(0) });

const azurite = useAzurite();

async function freshQueue(maxAttempts = 5) {
  const storage = createStorage(azurite.connectionString);
  const name = uniqueName('jobs-');
  const queue = storage.queue(name, ZJob, { maxAttempts });
  await storage.ensureCreated();
  return { queue, name };
}

describe('AzureJobQueue', () => {
  afterEach(restoreClock);

  it('sends and receives a validated body, and complete removes it', async () => {
    const { queue } = await freshQueue();
    await queue.send({ kind: 'book', agreementId: 'agr-é1', done: 0 });
    const [message] = await queue.receive({ visibilitySeconds: 5 });
    expect(message?.body).toEqual({ kind: 'book', agreementId: 'agr-é1', done: 0 });
    expect(message?.dequeueCount).toBe(1);
    expect(message?.visibleAgainAt.getTime()).toBeGreaterThan(Date.now());
    await queue.complete(message!);
    expect(await queue.receive()).toEqual([]);
  });

  it('stores messages as base64 JSON', async () => {
    const { queue, name } = await freshQueue();
    await queue.send({ kind: 'book', agreementId: 'a1', done: 0 });
    const keyed = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient(name);
    const peeked = await keyed.peekMessages();
    const text = peeked.peekedMessageItems[0]?.messageText ?? '';
    expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toEqual({ kind: 'book', agreementId: 'a1', done: 0 });
  });

  it('hides a message for the visibility delay given to send', async () => {
    const { queue } = await freshQueue();
    await queue.send({ kind: 'book', agreementId: 'later', done: 0 }, { delaySeconds: 1 });
    expect(await queue.receive()).toEqual([]);
    travel(1500);
    expect((await queue.receive()).map((m) => m.body.agreementId)).toEqual(['later']);
  });

  it('redelivers the message of a worker that died, with a higher dequeueCount', async () => {
    const { queue } = await freshQueue();
    await queue.send({ kind: 'book', agreementId: 'a2', done: 0 });
    const [first] = await queue.receive({ visibilitySeconds: 1 });
    expect(first?.dequeueCount).toBe(1);
    // The worker "dies": it never completes. Nobody else sees the message meanwhile.
    expect(await queue.receive()).toEqual([]);
    travel(1500);
    const [again] = await queue.receive({ visibilitySeconds: 10 });
    expect(again?.id).toBe(first?.id);
    expect(again?.dequeueCount).toBe(2);
    // The dead worker's receipt is stale now; it cannot complete someone else's delivery.
    expect(['precondition_failed', 'not_found']).toContain(await codeOf(queue.complete(first!)));
    await queue.complete(again!);
  });

  it('extends a long job and reschedules it with progress', async () => {
    const { queue } = await freshQueue();
    await queue.send({ kind: 'book', agreementId: 'a3', done: 0 });
    const [message] = await queue.receive({ visibilitySeconds: 1 });
    const extended = await queue.extend(message!, 3);
    travel(1500);
    expect(await queue.receive()).toEqual([]); // would have reappeared without the extension
    const rescheduled = await queue.reschedule(extended, { kind: 'book', agreementId: 'a3', done: 7 }, 0);
    expect(rescheduled.receipt).not.toBe(extended.receipt);
    const [resumed] = await queue.receive();
    expect(resumed?.body.done).toBe(7);
    await queue.complete(resumed!);
  });

  it('moves a message to the poison queue after maxAttempts deliveries', async () => {
    const { queue } = await freshQueue(2);
    await queue.send({ kind: 'book', agreementId: 'doomed', done: 0 });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [m] = await queue.receive();
      expect(m?.dequeueCount).toBe(attempt);
      await queue.extend(m!, 0); // the job failed: hand it straight back
    }
    expect(await queue.receive()).toEqual([]);
    const poisoned = await queue.peekPoisoned();
    expect(poisoned).toHaveLength(1);
    expect(poisoned[0]?.dequeueCount).toBe(3);
    expect(poisoned[0]?.reason).toMatch(/2 attempts/);
    expect(JSON.parse(Buffer.from(poisoned[0]!.text, 'base64').toString())).toMatchObject({ agreementId: 'doomed' });
  });

  it('poisons unparseable messages at once and on request', async () => {
    const { queue, name } = await freshQueue();
    const raw = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient(name);
    await raw.sendMessage(Buffer.from('{"kind":"unknown"}').toString('base64'));
    await raw.sendMessage('not base64 json');
    await queue.send({ kind: 'book', agreementId: 'permanent-failure', done: 0 });
    const received = await queue.receive({ max: 10 });
    expect(received.map((m) => m.body.agreementId)).toEqual(['permanent-failure']);
    await queue.poison(received[0]!, 'mailbox does not exist');
    const reasons = (await queue.peekPoisoned()).map((p) => p.reason).sort();
    expect(reasons).toEqual(['mailbox does not exist', 'message does not match its schema', 'message does not match its schema']);
    expect(await queue.receive()).toEqual([]);
  });

  it('refuses bodies that do not match the schema or are too large', async () => {
    const { queue } = await freshQueue();
    expect(await codeOf(queue.send({ kind: 'nope' } as never))).toBe('invalid_input');
    expect(await codeOf(queue.send({ kind: 'book', agreementId: 'x'.repeat(60_000), done: 0 }))).toBe('invalid_input');
  });
});
