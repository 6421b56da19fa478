import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { ZAgreement } from '../../../src/domain/agreements/schema.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { agreementKey } from '../../../src/repositories/tables.js';
import { CONFIRMATION_MAX_ATTEMPTS } from '../../../src/domain/agreements/confirmation.js';
import {
  claimBookingConfirmation,
  deliverBookingConfirmation,
  resendPendingConfirmations,
  undeliveredParties,
  type ConfirmationDeps,
  type SendConfirmation,
} from '../../../src/usecases/agreements/confirm-booking.js';
import { useAzurite, uniqueName } from '../../support/azurite.js';
import { harness } from './harness.js';
import { AgreementRepository } from '../../../src/repositories/agreements.js';
import { agreementWrites, indexedStore, PassIndex, ZPassIndexEntry } from '../../../src/repositories/pass-index.js';

// Issue 4 item 4 (both parties get the booked dates) with the house rule "never lose a user's data":
// the confirmation is at-least-once per person, stored in Azurite with ETags.
const azurite = useAzurite();

const T0 = '2026-11-23T10:00:00Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function bookedAgreement(id: string, extra: Partial<Agreement> = {}): Agreement {
  return {
    id,
    terms: {
      policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm', superviseeId: 'sw', employmentStart: '2024-05-01', agreementDate: '2026-12-01',
      weekday: 2, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: '2027-12-01',
    },
    status: 'booked',
    signatures: {},
    comments: [],
    createdAt: T0,
    updatedAt: T0,
    parties: { supervisorName: 'Tariq Manager', superviseeName: 'Sam Worker' },
    ...extra,
  };
}

function sessionOf(agreementId: string): PlannedSession {
  return {
    sessionId: `${agreementId}-s01`, agreementId, date: '2026-12-01', start: '10:00', minutes: 90,
    startUtc: '2026-12-01T10:00:00Z', endUtc: '2026-12-01T11:30:00Z', rule: 'Sefton ¶6.2 (L228)', status: 'booked',
  };
}

/** A channel that counts cards per person; people in `unreachable` have never talked to the bot. */
function channel() {
  const sent: string[] = [];
  const unreachable = new Set<string>();
  const send: SendConfirmation = async (agreement, sessions, personId) => {
    expect(sessions.map((s) => s.sessionId)).toEqual([`${agreement.id}-s01`]);
    await new Promise((r) => setTimeout(r, 5));
    if (unreachable.has(personId)) return 'unreachable';
    sent.push(`${agreement.id}:${personId}`);
    return 'delivered';
  };
  return { sent, unreachable, send };
}

async function setup(ids: readonly string[], extra: Partial<Agreement> = {}) {
  const storage = createStorage(azurite.connectionString);
  // The agreements table keeps a pass index of its own, as the product's tables do (pass-index.ts).
  const index = new PassIndex(storage.versioned(uniqueName('idx'), ZPassIndexEntry));
  const agreements = indexedStore(storage.versioned<Agreement>(uniqueName('agr'), ZAgreement), index, agreementWrites);
  await storage.ensureCreated();
  const h = harness({ now: at(0) });
  for (const id of ids) {
    await agreements.create(agreementKey(id), bookedAgreement(id, extra));
    h.sessions.set(id, [sessionOf(id)]);
  }
  const ch = channel();
  const deps: ConfirmationDeps = { ...h.deps, agreements: new AgreementRepository({ ...h.deps.agreements.tables, agreements, index }), sendConfirmation: ch.send };
  const read = async (id: string) => (await agreements.get(agreementKey(id)))?.value;
  return { deps, ch, read, agreements };
}

describe('booking confirmation, at least once per person (issue 4 item 4)', () => {
  it('normal case: one card each, both marked delivered, the backstop sends nothing more', async () => {
    const { deps, ch, read } = await setup(['a1']);
    const outcomes = await deliverBookingConfirmation(deps, 'a1', ch.send);
    expect(outcomes).toEqual({ supervisor: 'delivered', supervisee: 'delivered' });
    expect(await deliverBookingConfirmation(deps, 'a1', ch.send)).toBeUndefined();
    const stored = await read('a1');
    expect(stored?.confirmation?.deliveredTo.supervisor).toBeDefined();
    expect(stored?.confirmation?.deliveredTo.supervisee).toBeDefined();
    await resendPendingConfirmations(deps, at(30));
    expect(ch.sent.sort()).toEqual(['a1:sw', 'a1:tm']);
  });

  it('a crash after the claim and before any send: the backstop sends to both once, after the window only', async () => {
    const { deps, ch, read } = await setup(['a1']);
    // The process dies here: claimed, nothing sent.
    expect(await claimBookingConfirmation(deps, 'a1')).toBeDefined();
    expect(undeliveredParties((await read('a1'))!)).toEqual(['supervisor', 'supervisee']);

    expect(await resendPendingConfirmations(deps, at(2))).toMatchObject({ agreements: 0, delivered: 0 });
    expect(ch.sent).toEqual([]);

    expect(await resendPendingConfirmations(deps, at(6))).toMatchObject({ agreements: 1, delivered: 2 });
    expect(ch.sent.sort()).toEqual(['a1:sw', 'a1:tm']);
    expect(undeliveredParties((await read('a1'))!)).toEqual([]);

    await resendPendingConfirmations(deps, at(60));
    expect(ch.sent).toHaveLength(2);
  });

  it('one person unreachable: the other is marked delivered, the backstop retries only the unreachable one', async () => {
    const { deps, ch, read } = await setup(['a1']);
    ch.unreachable.add('sw');
    expect(await deliverBookingConfirmation(deps, 'a1', ch.send)).toEqual({ supervisor: 'delivered', supervisee: 'unreachable' });
    const first = await read('a1');
    expect(first?.confirmation?.deliveredTo.supervisor).toBeDefined();
    expect(first?.confirmation?.deliveredTo.supervisee).toBeUndefined();

    // Still unreachable at the first retry: attempted, not delivered, the supervisor not bothered again.
    expect(await resendPendingConfirmations(deps, at(6))).toMatchObject({ agreements: 1, unreachable: 1, delivered: 0 });
    expect((await read('a1'))?.confirmation?.sendingTo?.supervisee).toBe(at(6));

    // The supervisee opens a chat with the bot; the next retry (a window after the last attempt) reaches them.
    ch.unreachable.delete('sw');
    expect(await resendPendingConfirmations(deps, at(8))).toMatchObject({ agreements: 0 });
    expect(await resendPendingConfirmations(deps, at(12))).toMatchObject({ agreements: 1, delivered: 1 });
    expect(ch.sent.sort()).toEqual(['a1:sw', 'a1:tm']);
    expect(undeliveredParties((await read('a1'))!)).toEqual([]);
  });

  it('two backstops running at once (two instances) send one card per person', async () => {
    const ids = ['c1', 'c2', 'c3'];
    const { deps, ch } = await setup(ids);
    for (const id of ids) await claimBookingConfirmation(deps, id);
    const [a, b] = await Promise.all([resendPendingConfirmations(deps, at(6)), resendPendingConfirmations(deps, at(6))]);
    expect(a.delivered + b.delivered).toBe(6);
    expect(ch.sent.sort()).toEqual(['c1:sw', 'c1:tm', 'c2:sw', 'c2:tm', 'c3:sw', 'c3:tm']);
  });

  it('a booking that finished but was never claimed (stopped before onBooked) is confirmed by the backstop', async () => {
    const { deps, ch, read } = await setup(['u1']);
    expect(await resendPendingConfirmations(deps, at(3))).toMatchObject({ agreements: 0 });
    expect(await resendPendingConfirmations(deps, at(6))).toMatchObject({ agreements: 1, delivered: 2 });
    expect(ch.sent.sort()).toEqual(['u1:sw', 'u1:tm']);
    expect((await read('u1'))?.confirmation?.claimedAt).toBe(at(6));
  });

  it('old rows with only confirmationSentAt parse and count as delivered: nothing is sent again', async () => {
    const old = { ...bookedAgreement('o1'), confirmationSentAt: at(-600) };
    expect(ZAgreement.parse(JSON.parse(JSON.stringify(old)))).toEqual(old);
    const { deps, ch, read } = await setup(['o1'], { confirmationSentAt: at(-600) });
    expect((await read('o1'))?.confirmationSentAt).toBe(at(-600));
    expect(undeliveredParties((await read('o1'))!)).toEqual([]);
    expect(await claimBookingConfirmation(deps, 'o1')).toBeUndefined();
    expect(await resendPendingConfirmations(deps, at(60))).toMatchObject({ agreements: 0 });
    expect(ch.sent).toEqual([]);
  });

  it('agreements not booked (ended, awaiting signatures) get no confirmation from the backstop', async () => {
    const { deps, ch } = await setup(['e1'], { status: 'ended' });
    await resendPendingConfirmations(deps, at(60));
    expect(ch.sent).toEqual([]);
  });

  it('someone never reached is tried on a widening interval, twelve times in about two days, then no more; the index lets the agreement go (issue 16)', async () => {
    const { deps, ch, read } = await setup(['g1']);
    ch.unreachable.add('sw');
    const tries: number[] = [];
    const counting: SendConfirmation = async (agreement, sessions, personId, milestones) => {
      if (personId === 'sw') tries.push(Date.parse(at(0)));
      return ch.send(agreement, sessions, personId, milestones);
    };
    expect(await deliverBookingConfirmation(deps, 'g1', counting)).toEqual({ supervisor: 'delivered', supervisee: 'unreachable' });
    let gaveUp = 0;
    // The backstop's pass every five minutes for three days.
    for (let minute = 5; minute <= 3 * 24 * 60; minute += 5) {
      const now = at(minute);
      const summary = await resendPendingConfirmations({ ...deps, now: () => now, sendConfirmation: async (...args) => { tries.push(Date.parse(now)); return ch.send(...args); } }, now);
      gaveUp += summary.gaveUp;
    }
    expect(tries).toHaveLength(CONFIRMATION_MAX_ATTEMPTS);
    expect(gaveUp).toBe(1);
    const waits = tries.slice(1).map((t, i) => (t - (tries[i] ?? 0)) / 60_000);
    // A window apart at first (a crash's recovery), then each wait doubles.
    expect(waits.slice(0, 3)).toEqual([5, 5, 5]);
    for (let i = 3; i < waits.length; i++) expect(waits[i]).toBe(2 * (waits[i - 1] ?? 0));
    expect((tries.at(-1)! - tries[0]!) / 3_600_000).toBeLessThan(48);
    const stored = await read('g1');
    expect(stored?.confirmation?.attempts?.supervisee).toBe(CONFIRMATION_MAX_ATTEMPTS);
    expect(stored?.confirmation?.deliveredTo.supervisee).toBeUndefined();
    expect(await deps.agreements.index?.markers('confirmation')).toEqual([]);
    // The supervisor had theirs once, at the start.
    expect(ch.sent).toEqual(['g1:tm']);
  });

  it('a row from before attempts were counted is retried as before: its claim counts as the first attempt', async () => {
    const legacy = { claimedAt: at(0), deliveredTo: { supervisor: at(0) }, sendingTo: { supervisee: at(0) } };
    const { deps, ch, read } = await setup(['l1'], { confirmation: legacy });
    expect(await resendPendingConfirmations(deps, at(6))).toMatchObject({ agreements: 1, delivered: 1 });
    expect(ch.sent).toEqual(['l1:sw']);
    expect((await read('l1'))?.confirmation?.attempts?.supervisee).toBe(2);
  });
});
