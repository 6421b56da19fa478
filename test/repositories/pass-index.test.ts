import { describe, expect, it } from 'vitest';
import type { Agreement, PlannedSession } from '../../src/domain/agreements/types.js';
import { AppError } from '../../src/domain/errors.js';
import type { AppendOnlyLog, VersionedStore } from '../../src/domain/ports/storage.js';
import type { SessionRecord } from '../../src/domain/records/schema.js';
import type { AgreementLink } from '../../src/domain/agreements/schema.js';
import type { SessionAgenda } from '../../src/domain/agenda/schema.js';
import type { TrackedAction } from '../../src/domain/records/schema.js';
import { getPack } from '../../src/policy/packs.js';
import { AgreementRepository } from '../../src/repositories/agreements.js';
import { agreementWrites, indexedStore, meetingKey, PassIndex, recordWrites, sessionWrites, type PassIndexEntry } from '../../src/repositories/pass-index.js';
import { RecordRepository, type RecordAuditEntry } from '../../src/repositories/records.js';
import { dueRecordCards, recordCardForMeetingEnd, type RecordCardDeps } from '../../src/usecases/records/send-record-card.js';
import { dueMilestoneCards } from '../../src/usecases/records/send-milestone-cards.js';
import type { PlannedMilestone } from '../../src/domain/milestones/types.js';
import { MilestoneRepository } from '../../src/repositories/milestones.js';
import { milestoneWrites } from '../../src/repositories/pass-index.js';
import { InMemoryDirectory } from '../support/in-memory-directory.js';
import { MemoryStore } from '../usecases/agreements/memory-store.js';

const tm = { id: 'tm-1', displayName: 'Tariq Manager' };
const sw = { id: 'sw-1', displayName: 'Sam Worker' };

/** A store that counts reads, and can be told to fail a kind of call (a crash or an outage). */
class Watched<T> extends MemoryStore<T> {
  gets = 0;
  lists = 0;
  failing = new Set<'replace' | 'create' | 'list'>();
  override async get(...args: Parameters<MemoryStore<T>['get']>) {
    this.gets++;
    return super.get(...args);
  }
  override async list(...args: Parameters<MemoryStore<T>['list']>) {
    this.lists++;
    if (this.failing.has('list')) throw new Error('listing every row is what the index is for');
    return super.list(...args);
  }
  override async replace(...args: Parameters<MemoryStore<T>['replace']>) {
    if (this.failing.has('replace')) throw new AppError('unavailable', 'storage went away');
    return super.replace(...args);
  }
}

const noAudit: AppendOnlyLog<RecordAuditEntry> = {
  append: async () => ({ id: 'x', appended: true }),
  list: async () => ({ items: [] }),
};

function agreementOf(id: string, extra: Partial<Agreement> = {}): Agreement {
  return {
    id,
    terms: {
      policyId: 'central-bedfordshire', roleId: 'admin-domestic', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: '2026-11-01',
      weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: 'Admin', othersWhoMaySee: [], reviewDate: '2027-11-01',
    },
    status: 'booked', signatures: {}, comments: [], createdAt: '2026-11-01T09:00:00Z', updatedAt: '2026-11-01T09:00:00Z',
    confirmation: { claimedAt: '2026-11-01T09:00:00Z', deliveredTo: { supervisor: '2026-11-01T09:00:00Z', supervisee: '2026-11-01T09:00:00Z' } },
    ...extra,
  };
}

function sessionOf(agreementId: string, n: number, date: string, extra: Partial<PlannedSession> = {}): PlannedSession {
  return {
    sessionId: `${agreementId}-s0${n}`, agreementId, date, start: '10:00', minutes: 60, startUtc: `${date}T10:00:00Z`, endUtc: `${date}T11:00:00Z`,
    rule: 'CB-F1', status: 'booked', joinUrl: `https://teams.example/join/${agreementId}/${n}`, ...extra,
  };
}

/** In-memory tables keeping one index, as agreementTables/recordTables build them on Azure. */
function world() {
  const indexStore = new Watched<PassIndexEntry>();
  const index = new PassIndex(indexStore);
  const raw = { agreements: new Watched<Agreement>(), sessions: new Watched<PlannedSession>(), records: new Watched<SessionRecord>() };
  const clock = { now: '2026-12-01T09:00:00Z' };
  const repos = (on: PassIndex = index) => {
    const agreements = new AgreementRepository({
      agreements: indexedStore(raw.agreements, on, agreementWrites), sessions: indexedStore(raw.sessions, on, sessionWrites), links: new MemoryStore<AgreementLink>(), index: on,
    });
    const records = new RecordRepository({
      records: indexedStore(raw.records, on, recordWrites), actions: new MemoryStore<TrackedAction>(), agendas: new MemoryStore<SessionAgenda>(), audit: noAudit, index: on,
    });
    return { agreements, records };
  };
  const sent: string[] = [];
  let reachable = true;
  const deps = (r = repos()): RecordCardDeps => ({
    ...r,
    directory: new InMemoryDirectory().add(tm).add(sw, tm.id),
    packFor: getPack,
    now: () => clock.now,
    newId: () => Math.random().toString(36).slice(2),
    deliverCard: async (record) => {
      if (!reachable) return 'unreachable';
      sent.push(record.sessionId);
      return 'delivered';
    },
  });
  return { index, indexStore, raw, clock, repos, deps, sent, reach: (v: boolean) => (reachable = v) };
}

const entries = async (store: VersionedStore<PassIndexEntry>, partition: string) => (await store.list(partition)).items.map((i) => i.value);

describe('the pass index (issue 16 item 5)', () => {
  it('every write of a session, agreement or record notes its entries first; a write that fails leaves an entry too many, never one too few', async () => {
    const w = world();
    const { agreements, records } = w.repos();
    await agreements.create(agreementOf('a1', { confirmation: undefined }));
    await agreements.createSession(sessionOf('a1', 1, '2026-12-01'));
    expect(await entries(w.indexStore, 'day-2026-12-01')).toEqual([{ kind: 'session', agreementId: 'a1', sessionId: 'a1-s01', startUtc: '2026-12-01T10:00:00Z', endUtc: '2026-12-01T11:00:00Z' }]);
    expect(await w.index.meeting('https://teams.example/join/a1/1')).toEqual({ agreementId: 'a1', sessionId: 'a1-s01' });
    expect(await w.index.meeting('https://teams.example/join/nobody')).toBeUndefined();
    // Booked, confirmation not yet delivered: on the confirmation list.
    expect((await w.index.markers('confirmation')).map((m) => m.value.agreementId)).toEqual(['a1']);

    // The move to 8 December fails at the session write (storage went away after the index write).
    w.raw.sessions.failing.add('replace');
    await expect(agreements.updateSession('a1', 'a1-s01', (s) => ({ ...s, date: '2026-12-08', startUtc: '2026-12-08T10:00:00Z', endUtc: '2026-12-08T11:00:00Z' }))).rejects.toThrow();
    expect((await agreements.session('a1', 'a1-s01'))?.date).toBe('2026-12-01');
    expect((await w.index.sessionsOn('2026-12-01')).map((e) => e.value.startUtc)).toEqual(['2026-12-01T10:00:00Z']);
    expect((await w.index.sessionsOn('2026-12-08')).map((e) => e.value.startUtc)).toEqual(['2026-12-08T10:00:00Z']);

    const record: SessionRecord = {
      agreementId: 'a1', sessionId: 'a1-s01', sessionDate: '2026-12-01', policyId: 'central-bedfordshire', templateId: 't', supervisor: { id: tm.id, name: tm.displayName },
      supervisee: { id: sw.id, name: sw.displayName }, status: 'draft', versions: [], history: [], createdAt: w.clock.now, updatedAt: w.clock.now,
    };
    await records.create(record);
    expect(await w.index.markers('final')).toEqual([]);
    await records.update('a1', 'a1-s01', (r) => ({ ...r, status: 'final' }));
    expect((await w.index.markers('final')).map((m) => m.value)).toEqual([{ kind: 'marker', agreementId: 'a1', sessionId: 'a1-s01' }]);
  });

  it('meetings are spread over 256 partitions by their join URL\'s hash, each found by one point read', async () => {
    const w = world();
    const { agreements } = w.repos();
    await agreements.create(agreementOf('a9'));
    for (let n = 1; n <= 40; n++) await agreements.createSession(sessionOf('a9', n, '2026-12-01', { sessionId: `a9-s${n}` }));
    const partitions = new Set(Array.from({ length: 40 }, (_, i) => meetingKey(`https://teams.example/join/a9/${i + 1}`).partition));
    // One partition holding every meeting ever booked would grow without end (and be one storage partition's load).
    expect(partitions.size).toBeGreaterThan(20);
    expect([...partitions].every((p) => /^meeting-[0-9a-f]{2}$/.test(p))).toBe(true);
    const listsBefore = w.indexStore.lists;
    const getsBefore = w.indexStore.gets;
    for (let n = 1; n <= 40; n++) expect(await w.index.meeting(`https://teams.example/join/a9/${n}`)).toEqual({ agreementId: 'a9', sessionId: `a9-s${n}` });
    expect(w.indexStore.gets - getsBefore).toBe(40);
    expect(w.indexStore.lists).toBe(listsBefore);
  });

  it('a marker written again after a pass read it is not forgotten; a flag set on a stale read loses to the writer', async () => {
    const w = world();
    await w.index.mark('card', 'a1', 'a1-s01');
    const [read] = await w.index.markers('card');
    await w.index.mark('card', 'a1', 'a1-s01');
    await w.index.forget(read!);
    expect(await w.index.markers('card')).toHaveLength(1);
    const [again] = await w.index.markers('card');
    await w.index.forget(again!);
    expect(await w.index.markers('card')).toHaveLength(0);

    const { agreements } = w.repos();
    await agreements.createSession(sessionOf('a1', 1, '2026-12-01'));
    const [entry] = await w.index.sessionsOn('2026-12-01');
    // Another process writes the same entry again (its own first write of this session).
    await new PassIndex(w.indexStore).note(sessionWrites(sessionOf('a1', 1, '2026-12-01')));
    await w.index.settle(entry!, 'cardSettled');
    expect((await w.index.sessionsOn('2026-12-01'))[0]?.value.cardSettled).toBeUndefined();
    const [fresh] = await w.index.sessionsOn('2026-12-01');
    await w.index.settle(fresh!, 'cardSettled');
    expect((await w.index.sessionsOn('2026-12-01'))[0]?.value.cardSettled).toBe(true);
  });

  it('rows written before the index existed are indexed once, by the first pass; later passes read one row, then nothing', async () => {
    const w = world();
    // Written below the indexed tables (an older version of the product).
    w.raw.agreements.seed({ partition: 'agreement', id: 'old' }, agreementOf('old', { confirmation: undefined, confirmationSentAt: undefined }));
    w.raw.sessions.seed({ partition: 'old', id: 'old-s01' }, sessionOf('old', 1, '2026-11-03'));
    w.raw.sessions.seed({ partition: 'old', id: 'old-s02' }, sessionOf('old', 2, '2026-12-15'));
    const { agreements } = w.repos();
    await agreements.ensureIndexed(w.clock.now);
    expect((await w.index.sessionsOn('2026-12-15')).map((e) => e.value.sessionId)).toEqual(['old-s02']);
    expect(await w.index.meeting('https://teams.example/join/old/1')).toEqual({ agreementId: 'old', sessionId: 'old-s01' });
    expect((await w.index.markers('confirmation')).map((m) => m.value.agreementId)).toEqual(['old']);
    // The meeting of 3 November is over and its card may be owed: on the card list, for the pass to decide.
    expect((await w.index.markers('card')).map((m) => m.value.sessionId)).toEqual(['old-s01']);

    const listsBefore = w.raw.agreements.lists;
    const getsBefore = w.indexStore.gets;
    const other = w.repos(new PassIndex(w.indexStore)).agreements; // another instance
    await other.ensureIndexed(w.clock.now);
    await other.ensureIndexed(w.clock.now);
    expect(w.raw.agreements.lists).toBe(listsBefore);
    expect(w.indexStore.gets - getsBefore).toBe(1);
  });

  it('the record-card pass and the meeting-end lookup read the index, never the list of agreements', async () => {
    const w = world();
    const { agreements } = w.repos();
    await agreements.create(agreementOf('a1'));
    for (const s of [sessionOf('a1', 1, '2026-12-01'), sessionOf('a1', 2, '2026-12-08')]) await agreements.createSession(s);
    const deps = w.deps();
    await agreements.ensureIndexed(w.clock.now);
    await deps.records.ensureIndexed(w.clock.now, async () => ['a1']);
    w.raw.agreements.failing.add('list');
    w.raw.sessions.failing.add('list');

    w.clock.now = '2026-12-01T11:14:00Z';
    expect((await dueRecordCards(deps, w.clock.now)).sent).toBe(0);
    w.clock.now = '2026-12-01T11:15:00Z';
    expect((await dueRecordCards(deps, w.clock.now)).sent).toBe(1);
    expect(w.sent).toEqual(['a1-s01']);
    // Settled in the index: the next pass reads no session row for it.
    const gets = w.raw.sessions.gets;
    expect((await dueRecordCards(deps, '2026-12-01T11:20:00Z')).sent).toBe(0);
    expect(w.raw.sessions.gets).toBe(gets);

    // Teams says the meeting of 8 December ended: found by its join URL.
    w.clock.now = '2026-12-08T11:01:00Z';
    expect(await recordCardForMeetingEnd(deps, 'https://teams.example/join/a1/2')).toBe('sent');
    expect(w.sent).toEqual(['a1-s01', 'a1-s02']);
  });

  it('the milestone-card pass (issue 14) reads the index\'s milestone days, never the list of agreements nor each agreement\'s milestones; a card owed beyond the window is carried until it goes', async () => {
    const w = world();
    const { agreements, records } = w.repos();
    const rawMilestones = new Watched<PlannedMilestone>();
    const milestones = new MilestoneRepository(indexedStore(rawMilestones, w.index, milestoneWrites), w.index);
    const milestoneOf = (agreementId: string, subject: string, date: string): PlannedMilestone => ({
      milestoneId: `${agreementId}-m-pdr-${subject}`, agreementId, kind: 'pdr', subject, label: 'Performance and development review (PDR)', due: date, date, start: '14:00', minutes: 60,
      startUtc: `${date}T14:00:00Z`, endUtc: `${date}T15:00:00Z`, rule: 'CB-D4', format: { kind: 'teams' }, status: 'booked',
    });
    for (const id of ['a1', 'a2', 'a3']) await agreements.create(agreementOf(id));
    await milestones.create(milestoneOf('a1', 'one', '2026-12-01'));
    const sent: string[] = [];
    let reachable = true;
    const deps = { ...w.deps({ agreements, records }), milestones, deliverCard: async (record: SessionRecord) => (reachable ? (sent.push(record.sessionId), 'delivered' as const) : 'unreachable' as const) };
    // The first pass builds the milestones' part of the index (one read of the tables), once.
    w.clock.now = '2026-12-01T15:20:00Z';
    expect((await dueMilestoneCards(deps, w.clock.now)).sent).toBe(1);
    expect(sent).toEqual(['a1-m-pdr-one']);

    // From now on: no list of agreements, no agreement's milestones listed.
    w.raw.agreements.failing.add('list');
    rawMilestones.failing.add('list');
    await milestones.create(milestoneOf('a2', 'two', '2026-12-02'));
    w.clock.now = '2026-12-02T15:14:00Z';
    expect((await dueMilestoneCards(deps, w.clock.now)).sent).toBe(0);
    reachable = false;
    w.clock.now = '2026-12-02T15:15:00Z';
    expect(await dueMilestoneCards(deps, w.clock.now)).toMatchObject({ sent: 0, unreachable: 1 });
    // Settled in the index: a later pass reads no milestone row for the card that went.
    const gets = rawMilestones.gets;
    w.clock.now = '2026-12-05T09:00:00Z'; // 2 December has left the window: the owed card is carried
    expect(await dueMilestoneCards(deps, w.clock.now)).toMatchObject({ sent: 0, unreachable: 1 });
    expect(rawMilestones.gets - gets).toBe(1); // a2's only: a1's is settled
    expect((await w.index.markers('milestone-card')).map((m) => m.value.sessionId)).toEqual(['a2-m-pdr-two']);
    reachable = true;
    w.clock.now = '2026-12-07T09:00:00Z';
    expect((await dueMilestoneCards(deps, w.clock.now)).sent).toBe(1);
    expect(sent).toEqual(['a1-m-pdr-one', 'a2-m-pdr-two']);
    expect(await w.index.markers('milestone-card')).toEqual([]);
    expect((await dueMilestoneCards(deps, '2026-12-07T09:05:00Z')).sent).toBe(0);
  });

  it('a card owed when its day leaves the window is carried on the card list, and goes out once the supervisor can be reached', async () => {
    const w = world();
    const { agreements } = w.repos();
    await agreements.create(agreementOf('a1'));
    await agreements.createSession(sessionOf('a1', 1, '2026-12-01'));
    const deps = w.deps();
    await agreements.ensureIndexed(w.clock.now); // built before the meeting: nothing owed yet
    w.reach(false);
    w.clock.now = '2026-12-01T11:30:00Z';
    expect((await dueRecordCards(deps, w.clock.now)).unreachable).toBe(1);
    expect(await w.index.markers('card')).toEqual([]);
    // Three days later 1 December has left the window: the card is carried.
    w.clock.now = '2026-12-04T09:00:00Z';
    expect((await dueRecordCards(deps, w.clock.now)).unreachable).toBe(1);
    expect((await w.index.markers('card')).map((m) => m.value.sessionId)).toEqual(['a1-s01']);
    w.clock.now = '2026-12-07T09:00:00Z';
    expect((await dueRecordCards(deps, w.clock.now)).unreachable).toBe(1);
    w.reach(true);
    w.clock.now = '2026-12-08T09:00:00Z';
    expect((await dueRecordCards(deps, w.clock.now)).sent).toBe(1);
    expect(w.sent).toEqual(['a1-s01']);
    expect(await w.index.markers('card')).toEqual([]);
    expect((await dueRecordCards(deps, '2026-12-08T09:05:00Z')).sent).toBe(0);
  });

  it('after the pass stopped for a week it catches up the days it missed', async () => {
    const w = world();
    const { agreements } = w.repos();
    await agreements.create(agreementOf('a1'));
    await agreements.createSession(sessionOf('a1', 1, '2026-12-02'));
    const deps = w.deps();
    w.clock.now = '2026-12-01T09:00:00Z';
    await dueRecordCards(deps, w.clock.now); // the cursor is at 29 November
    // No pass from 1 to 10 December; the meeting of 2 December is outside the usual window.
    w.clock.now = '2026-12-10T09:00:00Z';
    expect((await dueRecordCards(deps, w.clock.now)).sent).toBe(1);
    expect(w.sent).toEqual(['a1-s01']);
  });
});
