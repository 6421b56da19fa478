import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { createStorage, type AppStorage } from '../../src/adapters/storage/index.js';
import { ZPlannedSession } from '../../src/domain/agreements/schema.js';
import type { PlannedSession } from '../../src/domain/agreements/types.js';
import type { VersionedStore } from '../../src/domain/ports/storage.js';
import { ZSessionRecord, ZTrackedAction, type SessionRecord, type TrackedAction } from '../../src/domain/records/schema.js';
import { agreementYearsJob } from '../../src/jobs/agreement-years/move-agreement-years.js';
import { LEGACY_TABLES, YEAR_TABLE, YEARS_MOVED_KEY, ZYearRow } from '../../src/repositories/agreement-year.js';
import { partitionItems } from '../../src/repositories/collection.js';
import { createRepositories, type Repositories } from '../../src/repositories/index.js';
import type { RepositoryStorage } from '../../src/repositories/storage.js';
import { useAzurite } from '../support/azurite.js';

/*
 * Issue 16 item 4 (turn latency): "my team" and "team compliance" read each person's sessions,
 * records and actions from three tables, 27 round trips for a team of nine. An agreement's year
 * now sits in one partition of one table, and earlier versions' rows are moved there whole.
 */
const azurite = useAzurite();
const AT = '2026-11-02T09:00:00.000Z';

const session = (agreementId: string, n: number): PlannedSession => ({
  sessionId: `s0${n}`, agreementId, date: `2026-11-1${n}`, start: '10:00', minutes: 60, startUtc: `2026-11-1${n}T10:00:00Z`, endUtc: `2026-11-1${n}T11:00:00Z`, rule: 'SE-F1', status: 'booked',
});
const record = (agreementId: string, sessionId: string): SessionRecord => ({
  agreementId, sessionId, sessionDate: '2026-11-11', policyId: 'sefton', templateId: 'sefton-staff',
  supervisor: { id: 'tm-1', name: 'Tariq Manager' }, supervisee: { id: 'sw-1', name: 'Sam Worker' },
  status: 'draft', versions: [], history: [], createdAt: AT, updatedAt: AT,
});
const action = (agreementId: string, actionId: string): TrackedAction => ({
  actionId, agreementId, fromSessionId: 's01', text: 'Read the new duty rota', ownerId: 'sw-1', ownerName: 'Sam Worker', due: '2026-12-01', status: 'open', updatedAt: AT, notes: [],
});

/** Round trips per table and kind of call, on one storage; each `instance()` is a separate app instance's repositories. */
function world() {
  const storage = createStorage(azurite.connectionString);
  const calls: string[] = [];
  const listed: string[] = [];
  const counted = (inner: AppStorage): RepositoryStorage => ({
    ...inner,
    versioned: <T>(table: string, schema: ZodType<T>): VersionedStore<T> => {
      const store = inner.versioned(table, schema);
      const tally = <A extends unknown[], R>(what: string, f: (...args: A) => Promise<R>) => (...args: A) => (calls.push(`${table} ${what}`), f(...args));
      // Every row a listing brought back, to see what was fetched (not only what was kept).
      const list: VersionedStore<T>['list'] = async (partition, page) => {
        const got = await store.list(partition, page);
        listed.push(...got.items.map((i) => `${table} ${i.key.id}`));
        return got;
      };
      return { get: tally('get', store.get.bind(store)), list: tally('list', list), create: tally('create', store.create.bind(store)), replace: tally('replace', store.replace.bind(store)), upsert: tally('upsert', store.upsert.bind(store)), delete: tally('delete', store.delete.bind(store)) };
    },
  });
  const instance = () => createRepositories(counted(storage));
  const legacy = {
    sessions: storage.versioned(LEGACY_TABLES.session, ZPlannedSession as unknown as ZodType<PlannedSession>),
    records: storage.versioned(LEGACY_TABLES.record, ZSessionRecord),
    actions: storage.versioned(LEGACY_TABLES.action, ZTrackedAction),
  };
  const year = storage.versioned(YEAR_TABLE, ZYearRow);
  /** Rows an earlier version wrote: three tables, each partitioned by agreement. */
  const seedLegacy = async (agreementId: string) => {
    for (const n of [1, 2, 3]) await legacy.sessions.create({ partition: agreementId, id: `s0${n}` }, session(agreementId, n));
    await legacy.records.create({ partition: agreementId, id: 's01' }, record(agreementId, 's01'));
    await legacy.actions.create({ partition: agreementId, id: 'a1' }, action(agreementId, 'a1'));
  };
  return { storage, calls, listed, instance, legacy, year, seedLegacy, ready: () => storage.ensureCreated() };
}

/** Two sessions (written out of order), a record of the first and an action, through the repositories. */
async function seedYear(repos: Repositories, agreementId: string): Promise<void> {
  for (const n of [2, 1]) await repos.agreements.createSession(session(agreementId, n));
  await repos.records.create(record(agreementId, 's01'));
  await repos.agreements.tables.year?.actions.create({ partition: agreementId, id: 'a1' }, action(agreementId, 'a1'));
}

describe('an agreement\'s year in one partition (issue 16 item 4)', () => {
  it('sessions, records and actions come back from one query, each kind in id order, and no other agreement\'s', async () => {
    const w = world();
    const repos = w.instance();
    await w.ready();
    await seedYear(repos, 'one-1');
    await repos.agreements.createSession(session('one-2', 1));

    w.calls.length = 0;
    const y = await repos.agreements.year('one-1');
    expect(y.sessions.map((s) => s.sessionId)).toEqual(['s01', 's02']);
    expect(y.records.map((r) => r.sessionId)).toEqual(['s01']);
    expect(y.actions.map((a) => a.actionId)).toEqual(['a1']);
    expect(w.calls).toEqual([`${YEAR_TABLE} list`]);
    // Each kind's own view sees only its kind.
    expect((await repos.agreements.sessions('one-1')).map((s) => s.sessionId)).toEqual(['s01', 's02']);
    expect((await repos.records.list('one-1')).map((r) => r.sessionId)).toEqual(['s01']);
  });

  it('a reader of some parts fetches only those rows: the agenda\'s sessions and actions without the records, a kind\'s view its own kind', async () => {
    const w = world();
    const repos = w.instance();
    await w.ready();
    await seedYear(repos, 'part-1');

    w.calls.length = 0;
    w.listed.length = 0;
    const y = await repos.agreements.year('part-1', ['sessions', 'actions']);
    expect(y.sessions.map((s) => s.sessionId)).toEqual(['s01', 's02']);
    expect(y.actions.map((a) => a.actionId)).toEqual(['a1']);
    expect(y.records).toEqual([]);
    expect(w.calls).toEqual([`${YEAR_TABLE} list`]);
    expect(w.listed).toEqual([`${YEAR_TABLE} action~a1`, `${YEAR_TABLE} moved~`, `${YEAR_TABLE} session~s01`, `${YEAR_TABLE} session~s02`]);

    w.listed.length = 0;
    expect((await repos.agreements.sessions('part-1')).map((s) => s.sessionId)).toEqual(['s01', 's02']);
    expect(w.listed).toEqual([`${YEAR_TABLE} session~s01`, `${YEAR_TABLE} session~s02`]);

    // An agreement an earlier version kept: only the wanted parts' old tables are read.
    await w.seedLegacy('part-old');
    w.calls.length = 0;
    const old = await repos.agreements.year('part-old', ['sessions', 'records']);
    expect([old.sessions.length, old.records.length, old.actions.length]).toEqual([3, 1, 0]);
    expect(w.calls.filter((c) => c.endsWith(' list')).sort()).toEqual([`${YEAR_TABLE} list`, `${LEGACY_TABLES.record} list`, `${LEGACY_TABLES.session} list`].sort());
  });

  it('a session, a record and an action with the same id are three rows, and each kind gets its own back', async () => {
    const w = world();
    const repos = w.instance();
    await w.ready();
    await repos.agreements.createSession(session('same-1', 1));
    await repos.records.create(record('same-1', 's01'));
    await repos.agreements.tables.year?.actions.create({ partition: 'same-1', id: 's01' }, action('same-1', 's01'));
    expect((await repos.agreements.session('same-1', 's01'))?.status).toBe('booked');
    expect((await repos.records.get('same-1', 's01'))?.status).toBe('draft');
    expect((await repos.records.actions('same-1')).map((a) => a.text)).toEqual(['Read the new duty rota']);
    expect((await partitionItems(w.year, 'same-1')).map((i) => i.key.id).sort()).toEqual(['action~s01', 'moved~', 'record~s01', 'session~s01']);
  });

  it('an agreement an earlier version kept is read from its three tables until moved; its first write moves it whole, and then it is one query', async () => {
    const w = world();
    const repos = w.instance();
    await w.ready();
    await w.seedLegacy('old-1');

    const before = await repos.agreements.year('old-1');
    expect(before.sessions.map((s) => s.sessionId)).toEqual(['s01', 's02', 's03']);
    expect(before.records).toHaveLength(1);
    expect(before.actions).toHaveLength(1);
    // Reading moved nothing (a read of any id must not write).
    expect(await partitionItems(w.year, 'old-1')).toEqual([]);

    await repos.agreements.updateSession('old-1', 's02', (s) => ({ ...s, status: 'postponed' }));
    const moved = (await partitionItems(w.year, 'old-1')).map((i) => i.key.id);
    expect(moved).toEqual(['action~a1', 'moved~', 'record~s01', 'session~s01', 'session~s02', 'session~s03']);

    w.calls.length = 0;
    const after = await repos.agreements.year('old-1');
    expect(after.sessions.map((s) => `${s.sessionId} ${s.status}`)).toEqual(['s01 booked', 's02 postponed', 's03 booked']);
    expect(after.records.map((r) => r.sessionId)).toEqual(['s01']);
    expect(after.actions.map((a) => a.actionId)).toEqual(['a1']);
    expect(w.calls).toEqual([`${YEAR_TABLE} list`]);

    // Another instance, which has not seen it moved, reads the moved rows (the `moved` row says so), not the old tables.
    const other = w.instance();
    w.calls.length = 0;
    expect((await other.agreements.year('old-1')).sessions.find((s) => s.sessionId === 's02')?.status).toBe('postponed');
    expect((await other.agreements.session('old-1', 's02'))?.status).toBe('postponed');
    expect(w.calls.filter((c) => Object.values(LEGACY_TABLES).some((t) => c.startsWith(`${t} `)))).toEqual([]);
  });

  it('a move cut short (rows copied, no `moved` row) is finished by the next, with no row twice and none lost', async () => {
    const w = world();
    const repos = w.instance();
    await w.ready();
    await w.seedLegacy('cut-1');
    // A crash after copying one session.
    await w.year.create({ partition: 'cut-1', id: 'session~s01' }, { kind: 'session', session: session('cut-1', 1) as never });
    expect((await repos.agreements.year('cut-1')).sessions).toHaveLength(3);

    await repos.records.update('cut-1', 's01', (r) => ({ ...r, status: 'shared' }));
    const rows = (await partitionItems(w.year, 'cut-1')).map((i) => i.key.id);
    expect(rows).toEqual(['action~a1', 'moved~', 'record~s01', 'session~s01', 'session~s02', 'session~s03']);
    const y = await repos.agreements.year('cut-1');
    expect(y.records.map((r) => r.status)).toEqual(['shared']);
    expect(y.sessions).toHaveLength(3);
  });

  it('pages of one kind follow their continuation whether the agreement is moved or not', async () => {
    const w = world();
    const repos = w.instance();
    await w.ready();
    await w.seedLegacy('page-1');
    const sessions = repos.agreements.tables.sessions;
    const pageByPage = async (partition: string): Promise<string[]> => {
      const out: string[] = [];
      let continuation: string | undefined;
      do {
        const page = await sessions.list(partition, { limit: 1, ...(continuation === undefined ? {} : { continuation }) });
        out.push(...page.items.map((i) => i.key.id));
        continuation = page.continuation;
      } while (continuation !== undefined);
      return out;
    };
    expect(await pageByPage('page-1')).toEqual(['s01', 's02', 's03']);
    await repos.records.create(record('page-1', 's02'));
    expect(await pageByPage('page-1')).toEqual(['s01', 's02', 's03']);
  });

  // Last: the mark it writes says every agreement on this storage is moved.
  it('the agreement-years job moves every agreement once and marks it; after that no instance reads the old tables', async () => {
    const w = world();
    const repos = w.instance();
    await w.ready();
    const ids = ['job-1', 'job-2'];
    for (const id of ids) {
      await w.seedLegacy(id);
      await w.storage.versioned('agreements', (await import('../../src/domain/agreements/schema.js')).ZAgreement).create({ partition: 'agreement', id }, agreementFor(id));
    }
    const job = agreementYearsJob(repos.agreements);
    const signal = new AbortController().signal;
    expect(await job.run(signal)).toEqual({ moved: 2, marked: 1 });
    // The README tells IT to delete the old tables once this is logged: at info, even on a new deployment with nothing to move.
    expect(job.busy?.({ moved: 0, marked: 1 })).toBe(true);
    expect(job.busy?.({})).toBe(false);
    expect(await w.year.get(YEARS_MOVED_KEY)).toBeDefined();
    // Marked: the next pass reads nothing and reports nothing.
    w.calls.length = 0;
    expect(await job.run(signal)).toBeUndefined();
    expect(w.calls).toEqual([]);

    // An agreement first written after the mark has no `moved` row of its own; an instance that has not seen the mark still finds it.
    await repos.agreements.createSession(session('new-1', 1));
    expect((await partitionItems(w.year, 'new-1')).map((i) => i.key.id)).toEqual(['session~s01']);
    const other = w.instance();
    w.calls.length = 0;
    expect((await other.agreements.year('new-1')).sessions.map((s) => s.sessionId)).toEqual(['s01']);
    expect((await other.agreements.year('job-2')).sessions).toHaveLength(3);
    expect(w.calls.filter((c) => Object.values(LEGACY_TABLES).some((t) => c.startsWith(`${t} `)))).toEqual([]);
  });
});

function agreementFor(id: string) {
  return {
    id, status: 'booked', signatures: {}, comments: [], createdAt: AT, updatedAt: AT,
    terms: { policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm-1', superviseeId: 'sw-1', employmentStart: '2020-01-06', agreementDate: '2026-11-02', weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: 'Duty', othersWhoMaySee: [], reviewDate: '2027-11-02' },
  } as never;
}
