import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { ZSupervisionConcern } from '../../../src/conversation/sessions/not-getting-supervision.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { activityFrom, FakeChannel } from '../../support/fake-channel.js';
import { useStack } from '../../support/stack.js';

const stack = useStack({ POLICY_PACK: 'leeds' });
const channel = new FakeChannel();
beforeAll(() => channel.start());
afterAll(() => channel.stop());

describe("\"I'm not getting supervision\" (issue 6 item 3, Leeds §F (L124–134))", () => {
  it('is recorded, the supervisor and their manager are told, and a three-way meeting is proposed at times free for all three', async () => {
    const { tenant, azurite, url } = stack();
    const sw = findPerson(tenant.org, 'sw1')!;
    const tm = findPerson(tenant.org, sw.managerAlias!)!;
    const sm = findPerson(tenant.org, tm.managerAlias!)!;
    const post = (body: object) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const p of [tm, sm]) {
      const before = channel.received.length;
      await post(activityFrom(channel, { id: p.id, name: p.displayName }, { type: 'message', text: 'help' }));
      await channel.waitFor(before + 1);
    }

    const before = channel.received.length;
    await post(activityFrom(channel, { id: sw.id, name: sw.displayName }, { type: 'message', text: "I'm not getting supervision" }));
    await channel.waitFor(before + 3);
    const sent = channel.received.slice(before);
    const toSupervisee = sent.find((a) => a.conversation?.id === `a:personal-${sw.id}`)?.text ?? '';
    expect(toSupervisee).toMatch(/recorded that you are not getting supervision/);
    expect(toSupervisee).toMatch(/LE-E1|Leeds §F/);
    expect(toSupervisee).toMatch(/three-way meeting with .* is proposed/);
    for (const person of [tm, sm]) {
      expect(sent.find((a) => a.conversation?.id === `a:personal-${person.id}`)?.text).toContain(`${sw.displayName} has told me they are not getting supervision`);
    }

    const concerns = createStorage(azurite.connectionString).versioned('concerns', ZSupervisionConcern);
    const stored = (await concerns.list(sw.id)).items;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.value).toMatchObject({ supervisorId: tm.id, lineManagerId: sm.id });
    expect(stored[0]?.value.proposedSlots.length).toBeGreaterThan(0);

    // Saying it again the same day does not raise it twice.
    const again = channel.received.length;
    await post(activityFrom(channel, { id: sw.id, name: sw.displayName }, { type: 'message', text: 'not getting supervision' }));
    await channel.waitFor(again + 1);
    expect(channel.received[again]?.text).toMatch(/already today/);
    expect((await concerns.list(sw.id)).items).toHaveLength(1);
  }, 60_000);
});
