import { describe, expect, it } from 'vitest';
import type { Notifier } from '../../../src/conversation/notifier.js';
import type { Reply } from '../../../src/conversation/reply.js';
import { dueRecordCards, recordCardForMeetingEnd, type RecordCardDeps } from '../../../src/usecases/records/send-record-card.js';
import { recordCardsJob } from '../../../src/jobs/records/record-cards.js';
import { startBackground } from '../../../src/jobs/registry.js';
import { recordCardReply } from '../../../src/conversation/records/flow.js';
import { silentLogger } from '../../../src/observability/logger.js';
import type { RecordDeps } from '../../../src/usecases/records/deps.js';
import { listRecords, recordKey } from '../../../src/repositories/tables.js';
import { actionSlotIds } from '../../../src/domain/records/form.js';
import { openRecordForSession } from '../../../src/usecases/records/open-record.js';
import { shareRecord } from '../../../src/usecases/records/share-record.js';
import { signRecord } from '../../../src/usecases/records/sign-record.js';
import { recordSessionNotHeld } from '../../../src/usecases/records/record-not-held.js';
import { useAzurite } from '../../support/azurite.js';
import { until } from '../../support/until.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { sessionKey } from '../../../src/repositories/tables.js';
import { bookedAgreement, completeCard, people, type Fixture } from './fixture.js';

/** Every test's agreement shares the tables; sessions marked held are out of later passes. */
async function retire(f: Fixture): Promise<void> {
  for (const s of f.sessions) {
    const stored = await f.stores.sessions.get(sessionKey(f.agreementId, s.sessionId));
    if (stored) await f.stores.sessions.replace(sessionKey(f.agreementId, s.sessionId), { ...stored.value, status: 'held' }, stored.etag);
  }
}

const azurite = useAzurite();

/** The record-card deps with the card rendered by the conversation layer and sent through `notifier`. */
function withNotifier(deps: RecordDeps, notifier: Notifier): RecordCardDeps {
  return { ...deps, deliverCard: async (record) => notifier.notify(record.supervisor.id, [await recordCardReply(deps, record)]) };
}

class CountingNotifier implements Notifier {
  readonly sent: { personId: string; replies: readonly Reply[] }[] = [];
  constructor(private answer: 'delivered' | 'unreachable' = 'delivered') {}
  reachable() {
    this.answer = 'delivered';
  }
  async notify(personId: string, replies: readonly Reply[]) {
    await new Promise((r) => setTimeout(r, 5));
    if (this.answer === 'delivered') this.sent.push({ personId, replies });
    return this.answer;
  }
}

describe('the record card at the scheduled end + 15 minutes (issue 5 item 2)', () => {
  it('goes to the supervisor once per ended session, even with two instances running at once; not before end + 15', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new CountingNotifier();
    const deps = withNotifier(f.deps, notifier);
    f.clock.now = '2026-12-02T11:14:00Z'; // s01 ended yesterday; s02 ended 14 minutes ago
    const first = await dueRecordCards(deps, f.clock.now);
    expect(first.sent).toBe(1);
    expect(notifier.sent.map((s) => s.personId)).toEqual([people.supervisor.id]);
    expect(JSON.stringify(notifier.sent[0]?.replies)).toContain(`"sessionId":"${f.sessions[0]!.sessionId}"`);

    f.clock.now = '2026-12-02T11:15:00Z';
    const [a, b] = await Promise.all([dueRecordCards(deps, f.clock.now), dueRecordCards(deps, f.clock.now)]);
    expect(a.sent + b.sent).toBe(1);
    expect(notifier.sent).toHaveLength(2);
    expect(JSON.stringify(notifier.sent[1]?.replies)).toContain('Sign and share with Sam Worker');
    const records = await listRecords(f.stores.records, f.agreementId);
    expect(records.map((r) => [r.value.sessionId, Boolean(r.value.cardSentAt)])).toEqual([[f.sessions[0]!.sessionId, true], [f.sessions[1]!.sessionId, true]]);

    // Later passes, and the meeting-end event for a session already handled, send nothing.
    await dueRecordCards(deps, '2026-12-03T09:00:00Z');
    expect(await recordCardForMeetingEnd(deps, f.sessions[1]!.joinUrl!)).toBe('already-sent');
    expect(notifier.sent).toHaveLength(2);
    await retire(f);
  });

  it('the Teams meeting-end event sends it at once by join URL; unknown meetings are said to be unknown', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new CountingNotifier();
    const deps = withNotifier(f.deps, notifier);
    f.clock.now = '2026-12-02T11:01:00Z';
    expect(await recordCardForMeetingEnd(deps, f.sessions[1]!.joinUrl!)).toBe('sent');
    expect(await recordCardForMeetingEnd(deps, f.sessions[1]!.sessionId)).toBe('already-sent');
    expect(await recordCardForMeetingEnd(deps, 'https://teams.example/join/nobody')).toBe('unknown-meeting');
    expect(notifier.sent).toHaveLength(1);
    await retire(f);
  });

  it('a supervisor the bot cannot reach yet is tried again on a later pass', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new CountingNotifier('unreachable');
    const deps = withNotifier(f.deps, notifier);
    f.clock.now = '2026-12-02T11:30:00Z';
    expect((await dueRecordCards(deps, f.clock.now)).unreachable).toBe(2);
    expect((await f.stores.records.get(recordKey(f.agreementId, f.sessions[0]!.sessionId)))?.value.cardSentAt).toBeUndefined();
    notifier.reachable();
    expect((await dueRecordCards(deps, f.clock.now)).sent).toBe(2);
    expect((await dueRecordCards(deps, f.clock.now)).sent).toBe(0);
    await retire(f);
  });

  it('the scheduler runs a pass at once, then stops when its signal aborts', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new CountingNotifier();
    f.clock.now = '2026-12-02T11:30:00Z';
    const storage = createStorage(azurite.connectionString);
    const lock = storage.leases();
    await storage.ensureCreated();
    const background = startBackground([recordCardsJob(withNotifier(f.deps, notifier), 60_000)], { lock, log: silentLogger, clock: Date.now });
    await until('both record cards sent', () => (notifier.sent.length === 2 ? true : undefined), 10_000);
    await background.stop();
    expect(notifier.sent).toHaveLength(2);
    await retire(f);
  });

  it('with a lease, an instance whose neighbour holds it scans nothing; once the lease is free it sends', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new CountingNotifier();
    const storage = createStorage(azurite.connectionString);
    const lock = storage.leases();
    await storage.ensureCreated();
    const held = await lock.acquire('record-cards', 60);
    expect(held).toBeDefined();
    f.clock.now = '2026-12-02T11:30:00Z';
    const background = startBackground([recordCardsJob(withNotifier(f.deps, notifier), 300)], { lock, log: silentLogger, clock: Date.now });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(notifier.sent).toHaveLength(0);
    await lock.release(held!);
    await until('both record cards sent once the lease is free', () => (notifier.sent.length === 2 ? true : undefined), 10_000);
    await background.stop();
    expect(notifier.sent).toHaveLength(2);
    await retire(f);
  });

  it('a final record whose hand-over to filing failed is handed over on the next pass, once', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    let calls = 0;
    const deps: RecordCardDeps = {
      ...withNotifier(f.deps, new CountingNotifier()),
      onFinal: async () => {
        calls += 1;
        if (calls === 1) throw new Error('filing queue down');
      },
    };
    const s1 = f.sessions[0]!.sessionId;
    const tm = { id: people.supervisor.id, name: people.supervisor.displayName };
    const sw = { id: people.supervisee.id, name: people.supervisee.displayName };
    await openRecordForSession(deps, f.agreementId, s1);
    const shared = await shareRecord(deps, tm, { agreementId: f.agreementId, sessionId: s1, basedOn: 0, fields: completeCard(), actionIds: actionSlotIds(s1, []) });
    const hash = shared.kind === 'shared' ? shared.record.versions[0]!.hash : '';
    // The signature stands even though the hand-over failed.
    expect((await signRecord(deps, sw, { agreementId: f.agreementId, sessionId: s1, hash })).record.status).toBe('final');
    expect(calls).toBe(1);
    const stored = await f.stores.records.get(recordKey(f.agreementId, s1));
    expect(stored?.value).toMatchObject({ status: 'final' });
    expect(stored?.value.filingRequestedAt).toBeUndefined();

    f.clock.now = '2026-12-02T11:30:00Z';
    expect((await dueRecordCards(deps, f.clock.now))['filing-requested']).toBe(1);
    expect(calls).toBe(2);
    expect((await f.stores.records.get(recordKey(f.agreementId, s1)))?.value.filingRequestedAt).toBe('2026-12-02T11:30:00Z');
    expect((await dueRecordCards(deps, f.clock.now))['filing-requested']).toBe(0);
    await signRecord(deps, sw, { agreementId: f.agreementId, sessionId: s1, hash });
    expect(calls).toBe(2);
    await retire(f);
  });

  it('a session marked not held and then rebooked gets its record card again after the new meeting; an early meeting-end event is not repeated', async () => {
    const f = await bookedAgreement(azurite.connectionString);
    const notifier = new CountingNotifier();
    const deps = withNotifier(f.deps, notifier);
    const s2 = f.sessions[1]!;
    f.clock.now = '2026-12-02T11:20:00Z';
    await dueRecordCards(deps, f.clock.now); // s01 and s02 cards
    expect(notifier.sent).toHaveLength(2);
    await recordSessionNotHeld(deps, { id: people.supervisor.id, name: people.supervisor.displayName }, { agreementId: f.agreementId, sessionId: s2.sessionId, outcome: 'postponed', reason: 'Supervisor ill' });
    // Rebooked (the postponement flow) to 9 December.
    const key = sessionKey(f.agreementId, s2.sessionId);
    const stored = (await f.stores.sessions.get(key))!;
    await f.stores.sessions.replace(key, { ...stored.value, status: 'booked', date: '2026-12-09', startUtc: '2026-12-09T10:00:00Z', endUtc: '2026-12-09T11:00:00Z' }, stored.etag);
    f.clock.now = '2026-12-05T09:00:00Z';
    expect((await dueRecordCards(deps, f.clock.now)).sent).toBe(0);
    // The Teams meeting-end event comes early (10:50), then the timer pass at 11:15: one card.
    f.clock.now = '2026-12-09T10:50:00Z';
    expect(await recordCardForMeetingEnd(deps, s2.joinUrl!)).toBe('sent');
    f.clock.now = '2026-12-09T11:15:00Z';
    expect((await dueRecordCards(deps, f.clock.now)).sent).toBe(0);
    expect(notifier.sent).toHaveLength(3);
    const record = (await f.stores.records.get(recordKey(f.agreementId, s2.sessionId)))!.value;
    expect(record).toMatchObject({ status: 'draft', sessionDate: '2026-12-09' });
    expect(record.notHeld).toBeUndefined();
    expect(record.history.map((h) => h.event)).toContain('reopened');
    await retire(f);
  });
});
