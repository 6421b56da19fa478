/**
 * One agreement's year — its planned sessions, their records and the tracked actions — in one
 * partition of one table, so the year is one read (issue 16 item 4: "my team" and "team
 * compliance" read three tables per person supervised, 27 round trips for a team of nine).
 *
 * Each kind of row is a view of the table (`kindView`) whose row ids carry the kind, so the
 * repositories still address sessions, records and actions by their own ids, and the pass index
 * still wraps the session and record views; `read` gets all three kinds in one query.
 *
 * Earlier versions kept the three kinds in three tables (LEGACY_TABLES). Nothing is lost in the
 * move: an agreement's old rows are copied in before its first write here, and then a `moved` row
 * is written in its partition; until then its reads come from the old tables. The
 * `agreement-years` job (src/jobs/upgrade) moves every agreement once and writes the mark
 * (`YEARS_MOVED_KEY`), after which the old tables are never read again.
 */
import { z } from 'zod';
import { ZPlannedSession } from '../domain/agreements/schema.js';
import type { PlannedSession } from '../domain/agreements/types.js';
import { isAppError } from '../domain/errors.js';
import type { Page, PageRequest, StoreKey, StoredItem, Versioned, VersionedStore } from '../domain/ports/storage.js';
import { ZSessionRecord, ZTrackedAction, type SessionRecord, type TrackedAction } from '../domain/records/schema.js';
import { partitionItems } from './collection.js';
import type { VersionedStorage } from './storage.js';

export const YEAR_TABLE = 'agreementyears';
/** Where earlier versions kept each kind, one partition per agreement. */
export const LEGACY_TABLES = { session: 'sessions', record: 'records', action: 'actions' } as const;

export const ZYearRow = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('session'), session: ZPlannedSession }),
  z.strictObject({ kind: z.literal('record'), record: ZSessionRecord }),
  z.strictObject({ kind: z.literal('action'), action: ZTrackedAction }),
  /** The agreement's rows from the old tables are here (how many were copied); or, under YEARS_MOVED_KEY, every agreement's. */
  z.strictObject({ kind: z.literal('moved'), rows: z.number().int().min(0) }),
]);
export type YearRow = z.infer<typeof ZYearRow>;

/** The mark that every agreement has been moved (a partition no agreement id can be: ids have no "~"). */
export const YEARS_MOVED_KEY: StoreKey = { partition: '~years', id: 'moved' };
const MOVED_ID = 'moved~';

export interface AgreementYear {
  readonly sessions: PlannedSession[];
  readonly records: SessionRecord[];
  readonly actions: TrackedAction[];
}

/** The parts of a year a reader wants; the others are not fetched (records can be long) and come back empty. */
export type YearPart = keyof AgreementYear;
export const WHOLE_YEAR: readonly YearPart[] = ['sessions', 'records', 'actions'];
const KIND_OF: Readonly<Record<YearPart, 'session' | 'record' | 'action'>> = { sessions: 'session', records: 'record', actions: 'action' };

interface Kind<K extends 'session' | 'record' | 'action', T> {
  readonly kind: K;
  wrap(value: T): YearRow;
  unwrap(row: YearRow): T | undefined;
}

const SESSION: Kind<'session', PlannedSession> = { kind: 'session', wrap: (session) => ({ kind: 'session', session: session as z.infer<typeof ZPlannedSession> }), unwrap: (r) => (r.kind === 'session' ? r.session : undefined) };
const RECORD: Kind<'record', SessionRecord> = { kind: 'record', wrap: (record) => ({ kind: 'record', record }), unwrap: (r) => (r.kind === 'record' ? r.record : undefined) };
const ACTION: Kind<'action', TrackedAction> = { kind: 'action', wrap: (action) => ({ kind: 'action', action }), unwrap: (r) => (r.kind === 'action' ? r.action : undefined) };

// Kinds are letters and "~" sorts after every letter and digit, so one kind's ids are contiguous and in id order.
const rowId = (kind: string, id: string): string => `${kind}~${id}`;
const idOf = (kind: string, rowKey: string): string | undefined => (rowKey.startsWith(`${kind}~`) ? rowKey.slice(kind.length + 1) : undefined);

// A page's continuation says which table it came from, so an agreement moved between two pages is not read with a stale token.
const FROM_YEAR = 'y:';
const FROM_LEGACY = 'l:';

function ignoreConflict(error: unknown): void {
  if (!(isAppError(error) && error.code === 'conflict')) throw error;
}

export class AgreementYearTable {
  readonly sessions: VersionedStore<PlannedSession>;
  readonly records: VersionedStore<SessionRecord>;
  readonly actions: VersionedStore<TrackedAction>;
  /** Agreements seen moved by this instance (moving is once and for ever, so this is never stale). */
  private readonly moved = new Set<string>();
  private everyAgreementMoved = false;

  constructor(
    private readonly year: VersionedStore<YearRow>,
    private readonly legacy: { readonly sessions: VersionedStore<PlannedSession>; readonly records: VersionedStore<SessionRecord>; readonly actions: VersionedStore<TrackedAction> },
  ) {
    this.sessions = this.kindView(SESSION, legacy.sessions);
    this.records = this.kindView(RECORD, legacy.records);
    this.actions = this.kindView(ACTION, legacy.actions);
  }

  /**
   * The agreement's sessions, records and actions (or only the `parts` asked for), each in id
   * order: one query once the agreement is moved, which fetches only those kinds' rows.
   */
  async read(agreementId: string, parts: readonly YearPart[] = WHOLE_YEAR): Promise<AgreementYear> {
    const want = (part: YearPart): boolean => parts.includes(part);
    // The agreement's own `moved` row comes with its rows, so the same query says where to read.
    const prefixes = [...parts.map((part) => `${KIND_OF[part]}~`), MOVED_ID];
    const known = this.knownMoved(agreementId);
    const [items, everyMoved] = await Promise.all([partitionItems(this.year, agreementId, prefixes), known ? true : this.checkEveryAgreementMoved()]);
    const ownMoved = items.some((i) => i.value.kind === 'moved');
    if (known || everyMoved || ownMoved) {
      // Only an agreement's own `moved` row is remembered: ids read after the mark (any id a request names) are not kept.
      if (ownMoved) this.moved.add(agreementId);
      const pick = <T>(k: Kind<'session' | 'record' | 'action', T>): T[] => items.flatMap((i) => {
        const v = k.unwrap(i.value);
        return v === undefined ? [] : [v];
      });
      return { sessions: want('sessions') ? pick(SESSION) : [], records: want('records') ? pick(RECORD) : [], actions: want('actions') ? pick(ACTION) : [] };
    }
    const legacy = async <T>(part: YearPart, from: VersionedStore<T>): Promise<T[]> => (want(part) ? (await partitionItems(from, agreementId)).map((i) => i.value) : []);
    const [sessions, records, actions] = await Promise.all([legacy('sessions', this.legacy.sessions), legacy('records', this.legacy.records), legacy('actions', this.legacy.actions)]);
    return { sessions, records, actions };
  }

  /**
   * Copies the agreement's rows from the old tables, then marks it moved. Create-only, so a copy
   * racing another instance's (or a write made after theirs finished) keeps what is there.
   */
  async ensureMoved(agreementId: string): Promise<'moved' | 'already'> {
    if (await this.isMoved(agreementId)) return 'already';
    const copy = async <T>(k: Kind<'session' | 'record' | 'action', T>, from: VersionedStore<T>): Promise<number> => {
      const items = await partitionItems(from, agreementId);
      for (const item of items) await this.year.create({ partition: agreementId, id: rowId(k.kind, item.key.id) }, k.wrap(item.value)).catch(ignoreConflict);
      return items.length;
    };
    const counts = await Promise.all([copy(SESSION, this.legacy.sessions), copy(RECORD, this.legacy.records), copy(ACTION, this.legacy.actions)]);
    await this.year.create({ partition: agreementId, id: MOVED_ID }, { kind: 'moved', rows: counts.reduce((a, b) => a + b, 0) }).catch(ignoreConflict);
    this.moved.add(agreementId);
    return 'moved';
  }

  /** Moves each agreement, then marks every agreement moved ('already' when the mark was there). */
  async moveAll(agreementIds: readonly string[], signal?: AbortSignal): Promise<{ moved: number; mark: 'marked' | 'already' | 'stopped' }> {
    if (await this.checkEveryAgreementMoved()) return { moved: 0, mark: 'already' };
    let moved = 0;
    for (const id of agreementIds) {
      if (signal?.aborted) return { moved, mark: 'stopped' };
      if ((await this.ensureMoved(id)) === 'moved') moved += 1;
    }
    await this.year.create(YEARS_MOVED_KEY, { kind: 'moved', rows: moved }).catch(ignoreConflict);
    this.everyAgreementMoved = true;
    return { moved, mark: 'marked' };
  }

  private knownMoved(agreementId: string): boolean {
    return this.everyAgreementMoved || this.moved.has(agreementId);
  }

  /** Whether every agreement is known moved (read once per instance until it is). */
  everyAgreementMovedMark(): Promise<boolean> {
    return this.checkEveryAgreementMoved();
  }

  private async checkEveryAgreementMoved(): Promise<boolean> {
    if (!this.everyAgreementMoved && (await this.year.get(YEARS_MOVED_KEY))) this.everyAgreementMoved = true;
    return this.everyAgreementMoved;
  }

  private async isMoved(agreementId: string): Promise<boolean> {
    if (this.knownMoved(agreementId)) return true;
    // The mark is read too: an instance that wrote it writes no agreement's own `moved` row after.
    const [own, everyMoved] = await Promise.all([this.year.get({ partition: agreementId, id: MOVED_ID }), this.checkEveryAgreementMoved()]);
    if (own) this.moved.add(agreementId);
    return own !== undefined || everyMoved;
  }

  /** One kind's rows as a store of their own: writes move the agreement first; reads of one not moved go to the old table. */
  private kindView<K extends 'session' | 'record' | 'action', T>(k: Kind<K, T>, legacy: VersionedStore<T>): VersionedStore<T> {
    const at = (key: StoreKey): StoreKey => ({ partition: key.partition, id: rowId(k.kind, key.id) });
    const value = (row: Versioned<YearRow>): Versioned<T> | undefined => {
      const v = k.unwrap(row.value);
      return v === undefined ? undefined : { value: v, etag: row.etag };
    };
    return {
      get: async (key) => {
        if (!(await this.isMoved(key.partition))) return legacy.get(key);
        const row = await this.year.get(at(key));
        return row ? value(row) : undefined;
      },
      list: async (partition: string, page: PageRequest = {}): Promise<Page<StoredItem<T>>> => {
        const token = page.continuation;
        const fromLegacy = token !== undefined ? token.startsWith(FROM_LEGACY) : !(await this.isMoved(partition));
        const request = { ...(page.limit === undefined ? {} : { limit: page.limit }), ...(token === undefined ? {} : { continuation: token.slice(2) }) };
        if (fromLegacy) {
          const p = await legacy.list(partition, request);
          return { items: p.items, ...(p.continuation === undefined ? {} : { continuation: FROM_LEGACY + p.continuation }) };
        }
        // Only this kind's rows are fetched; they are still checked below, as a store may return more.
        const p = await this.year.list(partition, { ...request, idPrefixes: [`${k.kind}~`] });
        const items = p.items.flatMap((item) => {
          const id = idOf(k.kind, item.key.id);
          const v = id === undefined ? undefined : value(item);
          return id === undefined || v === undefined ? [] : [{ key: { partition, id }, ...v }];
        });
        return { items, ...(p.continuation === undefined ? {} : { continuation: FROM_YEAR + p.continuation }) };
      },
      create: async (key, v) => {
        await this.ensureMoved(key.partition);
        return this.year.create(at(key), k.wrap(v));
      },
      replace: async (key, v, ifMatch) => {
        await this.ensureMoved(key.partition);
        return this.year.replace(at(key), k.wrap(v), ifMatch);
      },
      upsert: async (key, v) => {
        await this.ensureMoved(key.partition);
        return this.year.upsert(at(key), k.wrap(v));
      },
      delete: async (key, ifMatch) => {
        await this.ensureMoved(key.partition);
        return this.year.delete(at(key), ifMatch);
      },
    };
  }
}

/**
 * The rows the year table holds for these values, and the mark that every agreement is moved: for
 * seeding storage in bulk, below the repositories (bench/passes.ts).
 */
export function yearRowsOf(values: { readonly sessions?: readonly PlannedSession[]; readonly records?: readonly SessionRecord[]; readonly actions?: readonly TrackedAction[] }): Array<{ key: StoreKey; value: YearRow }> {
  return [
    ...(values.sessions ?? []).map((s) => ({ key: { partition: s.agreementId, id: rowId('session', s.sessionId) }, value: SESSION.wrap(s) })),
    ...(values.records ?? []).map((r) => ({ key: { partition: r.agreementId, id: rowId('record', r.sessionId) }, value: RECORD.wrap(r) })),
    ...(values.actions ?? []).map((a) => ({ key: { partition: a.agreementId, id: rowId('action', a.actionId) }, value: ACTION.wrap(a) })),
    { key: YEARS_MOVED_KEY, value: { kind: 'moved', rows: 0 } },
  ];
}

/** The year table on this storage (build it once and share it: it remembers which agreements are moved). */
export function agreementYearTable(storage: VersionedStorage): AgreementYearTable {
  return new AgreementYearTable(storage.versioned(YEAR_TABLE, ZYearRow), {
    sessions: storage.versioned(LEGACY_TABLES.session, ZPlannedSession),
    records: storage.versioned(LEGACY_TABLES.record, ZSessionRecord),
    actions: storage.versioned(LEGACY_TABLES.action, ZTrackedAction),
  });
}
