import { describe, expect, it } from 'vitest';
import { createTeamsMessenger } from '../../../src/adapters/bot/teams-messenger.js';
import type { Notifier } from '../../../src/conversation/notifier.js';
import type { Reply } from '../../../src/conversation/reply.js';

function recorder(outcome: 'delivered' | 'unreachable') {
  const sent: { personId: string; replies: readonly Reply[] }[] = [];
  const notifier: Notifier = { notify: async (personId, replies) => (sent.push({ personId, replies }), outcome) };
  return { sent, notifier };
}

const message = { title: 'Supervision is overdue', text: 'No session since 2 Oct.', facts: [{ title: 'Policy', value: 'SE-F6 Sefton ¶3.8 (L90)' }], actions: [] };

describe('Teams messenger for reminders and escalations', () => {
  it('delivers the title, text and citation as one 1:1 message', async () => {
    const { sent, notifier } = recorder('delivered');
    expect(await createTeamsMessenger(notifier).send('p1', message, { idempotencyKey: 'k' })).toEqual({ status: 'delivered', channel: 'teams' });
    expect(sent[0]?.personId).toBe('p1');
    expect(sent[0]?.replies[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('SE-F6 Sefton ¶3.8 (L90)') });
  });

  it('someone the bot cannot reach is reported blocked, so the sweep falls back to e-mail', async () => {
    const { notifier } = recorder('unreachable');
    expect(await createTeamsMessenger(notifier).send('p1', message, { idempotencyKey: 'k' })).toMatchObject({ status: 'blocked' });
  });
});
