import { describe, expect, it } from 'vitest';
import type { Notifier } from '../../../src/conversation/notifier.js';
import type { Reply } from '../../../src/conversation/reply.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { agendaKey } from '../../../src/repositories/tables.js';
import { sendDuePreparationCards, type PreparationJobDeps } from '../../../src/usecases/agenda/send-preparation-cards.js';
import { preparationCardReply } from '../../../src/conversation/agenda/present.js';
import { every, startBackground } from '../../../src/jobs/registry.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { useAzurite } from '../../support/azurite.js';
import { until } from '../../support/until.js';
import { agendaFixture } from './fixture.js';

const azurite = useAzurite();
const calendar = createWorkingCalendar({ nation: 'england-and-wales' });

class SlowNotifier implements Notifier {
  readonly sent: { personId: string; replies: readonly Reply[] }[] = [];
  readonly unreachable = new Set<string>();
  async notify(personId: string, replies: readonly Reply[]) {
    await new Promise((r) => setTimeout(r, 20));
    if (this.unreachable.has(personId)) return 'unreachable' as const;
    this.sent.push({ personId, replies });
    return 'delivered' as const;
  }
}

async function setup() {
  const f = await agendaFixture(azurite.connectionString);
  const notifier = new SlowNotifier();
  const deps: PreparationJobDeps = {
    ...f.deps, calendar,
    deliverCard: (u, carried) => notifier.notify(u.agreement.terms.superviseeId, [preparationCardReply(u, carried)]),
  };
  return { f, notifier, deps };
}

describe('the preparation card job (issue 5 item 1; lead time local configuration, default 2 working days, K13)', () => {
  it('sends 2 working days before the session, once; two concurrent runs send one card', async () => {
    const { f, notifier, deps } = await setup();
    // Sefton: Tue 1 Dec 2026 → Fri 27 Nov.
    await f.book('p1', { supervisee: 'sw', dates: ['2026-11-17', '2026-12-01'] });
    await f.action('p1', 'act1', 'p1-s01', 'Book the training');
    expect(await sendDuePreparationCards(deps, '2026-11-26T09:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    // The due day, but before 08:00 London, and a later weekend day: not yet.
    expect(await sendDuePreparationCards(deps, '2026-11-27T07:59:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await sendDuePreparationCards(deps, '2026-11-28T10:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(notifier.sent).toHaveLength(0);

    const [a, b] = await Promise.all([sendDuePreparationCards(deps, '2026-11-27T08:00:00Z'), sendDuePreparationCards(deps, '2026-11-27T08:00:00Z')]);
    expect(a.sent + b.sent).toBe(1);
    expect(a.alreadySent + b.alreadySent).toBe(1);
    expect(notifier.sent.map((s) => s.personId)).toEqual(['sw']);
    const card = JSON.stringify(notifier.sent[0]?.replies);
    expect(card).toContain('Prepare for your supervision on Tuesday 1 December 2026 at 10:00');
    expect(card).toContain('How am I feeling?');
    expect(card).toContain('Book the training');
    expect(card).toContain('preparationSave');
    expect((await f.agendas.get(agendaKey('p1', 'p1-s02')))?.value.preparationSentAt).toBe('2026-11-27T08:00:00Z');

    // A restart, the next day: nothing more.
    expect(await sendDuePreparationCards(deps, '2026-11-30T08:00:00Z')).toMatchObject({ sent: 0, alreadySent: 1 });
    expect(notifier.sent).toHaveLength(1);
  });

  it('an unreachable supervisee: the claim is released and the card goes when they can be reached', async () => {
    const { f, notifier, deps } = await setup();
    await f.book('p2', { supervisee: 'nq', dates: ['2026-12-15'] });
    await f.book('p3', { supervisee: 'other', dates: ['2026-12-15'], status: 'ended' });
    notifier.unreachable.add('nq');
    expect(await sendDuePreparationCards(deps, '2026-12-11T09:00:00Z')).toMatchObject({ unreachable: 1, sent: 0 });
    expect((await f.agendas.get(agendaKey('p2', 'p2-s01')))?.value.preparationSentAt).toBeUndefined();
    notifier.unreachable.delete('nq');
    expect(await sendDuePreparationCards(deps, '2026-12-11T10:00:00Z')).toMatchObject({ sent: 1 });
    expect(notifier.sent.map((s) => s.personId)).toEqual(['nq']);
  });

  it('declared in the background registry, the pass runs at once and stops with the rest', async () => {
    const { f, notifier, deps } = await setup();
    await f.book('p4', { supervisee: 'u-s', dates: ['2027-01-05'] });
    const lock = f.storage.leases();
    const background = startBackground([every('preparation', 50, async () => ({ ...(await sendDuePreparationCards(deps, '2027-01-04T09:00:00Z')) }))], { lock, log: silentLogger, clock: Date.now });
    await until('the card was sent', () => notifier.sent.find((s) => s.personId === 'u-s'), 5000, 20);
    await background.stop();
    // 2 working days before Tue 5 Jan 2027 is Thu 31 Dec (Fri 1 Jan is a bank holiday): due, sent on the next working morning.
    expect(notifier.sent.filter((s) => s.personId === 'u-s')).toHaveLength(1);
  });
});
