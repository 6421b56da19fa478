/**
 * The record aggregate of the session cycle: each session's record, the tracked actions agreed in
 * final records, each session's agenda, and the append-only log of refused record access. All are
 * partitioned by agreement, so one agreement's year is a single partition read.
 */
import { z } from 'zod';
import { ZSessionAgenda, type SessionAgenda } from '../domain/agenda/schema.js';
import type { AppendOnlyLog, StoreKey, VersionedStore } from '../domain/ports/storage.js';
import type { SessionRecord, TrackedAction } from '../domain/records/schema.js';
import { Collection, type Outcome } from './collection.js';
import { agreementYearTable, type AgreementYearTable } from './agreement-year.js';
import { indexedStore, PASS_INDEX_TABLE, PassIndex, recordWrites, ZPassIndexEntry } from './pass-index.js';
import type { RepositoryStorage } from './storage.js';

export const AGENDAS_TABLE = 'agendas';
export const RECORD_AUDIT_TABLE = 'recordaudit';

export const recordKey = (agreementId: string, sessionId: string): StoreKey => ({ partition: agreementId, id: sessionId });
export const actionKey = (agreementId: string, actionId: string): StoreKey => ({ partition: agreementId, id: actionId });
export const agendaKey = (agreementId: string, sessionId: string): StoreKey => ({ partition: agreementId, id: sessionId });

/**
 * A refused request to see or act on a record (issue 5 item 6): who, which record, when, what was
 * attempted. Ids only, never names or record content. Partition: `records-YYYY-MM`.
 */
export const ZRecordAuditEntry = z.strictObject({
  event: z.literal('record-access-refused'),
  agreementId: z.string().min(1).max(200),
  sessionId: z.string().min(1).max(200),
  byId: z.string().min(1).max(200),
  attempted: z.enum(['view', 'sign', 'disagree', 'draft', 'share', 'amend', 'not-held']),
  at: z.string(),
});
export type RecordAuditEntry = z.infer<typeof ZRecordAuditEntry>;

export const recordAuditPartition = (at: string): string => `records-${at.slice(0, 7)}`;

export interface RecordTables {
  readonly records: VersionedStore<SessionRecord>;
  readonly actions: VersionedStore<TrackedAction>;
  readonly agendas: VersionedStore<SessionAgenda>;
  readonly audit: AppendOnlyLog<RecordAuditEntry>;
  /** The passes' index (pass-index.ts): the records table keeps its list of final records. */
  readonly index?: PassIndex | undefined;
}

export function recordTables(storage: Pick<RepositoryStorage, 'versioned' | 'log'>, index: PassIndex = new PassIndex(storage.versioned(PASS_INDEX_TABLE, ZPassIndexEntry)), year: AgreementYearTable = agreementYearTable(storage)): RecordTables {
  return {
    index,
    // Records and actions are kept with their agreement's sessions (agreement-year.ts).
    records: indexedStore(year.records, index, recordWrites),
    actions: year.actions,
    agendas: storage.versioned(AGENDAS_TABLE, ZSessionAgenda),
    audit: storage.log(RECORD_AUDIT_TABLE, ZRecordAuditEntry),
  };
}

interface SessionRef {
  readonly agreementId: string;
  readonly sessionId: string;
}

interface ActionRef {
  readonly agreementId: string;
  readonly actionId: string;
}

export class RecordRepository {
  private readonly recordRows: Collection<SessionRecord, SessionRef>;
  private readonly actionRows: Collection<TrackedAction, ActionRef>;
  private readonly agendaRows: Collection<SessionAgenda, SessionRef>;

  /** Undefined on tables without an index: the passes then read every agreement's records. */
  readonly index: PassIndex | undefined;

  constructor(readonly tables: RecordTables) {
    this.index = tables.index;
    this.recordRows = new Collection(tables.records, (r) => recordKey(r.agreementId, r.sessionId), 'There is no record for that session yet.');
    this.actionRows = new Collection(tables.actions, (r) => actionKey(r.agreementId, r.actionId), 'One of the actions on this card no longer exists; open the card again.');
    this.agendaRows = new Collection(tables.agendas, (r) => agendaKey(r.agreementId, r.sessionId), 'There is no agenda for that session yet.');
  }

  // Records

  get(agreementId: string, sessionId: string): Promise<SessionRecord | undefined> {
    return this.recordRows.get({ agreementId, sessionId });
  }

  require(agreementId: string, sessionId: string): Promise<SessionRecord> {
    return this.recordRows.require({ agreementId, sessionId });
  }

  /** Every record of an agreement, in session order. */
  list(agreementId: string): Promise<SessionRecord[]> {
    return this.recordRows.list(agreementId);
  }

  /**
   * Builds the index's list of final records from the records table the first time a pass needs
   * it (records written before the index existed); `agreementIds` names every partition to read.
   */
  async ensureIndexed(nowIso: string, agreementIds: () => Promise<readonly string[]>): Promise<PassIndex | undefined> {
    const index = this.index;
    if (!index) return undefined;
    await index.ensureBuilt('records', nowIso, async () => {
      for (const agreementId of await agreementIds()) {
        for (const record of await this.list(agreementId)) await index.note(recordWrites(record));
      }
    });
    return index;
  }

  create(record: SessionRecord): Promise<'created' | 'exists'> {
    return this.recordRows.create({ agreementId: record.agreementId, sessionId: record.sessionId }, record);
  }

  /** Read-change-write of an existing record (collection.ts: the one ETag loop). */
  update(agreementId: string, sessionId: string, change: (current: SessionRecord) => SessionRecord | undefined): Promise<{ value: SessionRecord; changed: boolean }> {
    return this.recordRows.update({ agreementId, sessionId }, change);
  }

  apply<R>(agreementId: string, sessionId: string, change: (current: SessionRecord | undefined) => Outcome<SessionRecord, R>): Promise<R> {
    return this.recordRows.apply({ agreementId, sessionId }, change);
  }

  // Tracked actions

  actions(agreementId: string): Promise<TrackedAction[]> {
    return this.actionRows.list(agreementId);
  }

  action(agreementId: string, actionId: string): Promise<TrackedAction | undefined> {
    return this.actionRows.get({ agreementId, actionId });
  }

  /** Create-only, keyed by the action's stable id: a replay adds nothing. */
  createAction(action: TrackedAction): Promise<'created' | 'exists'> {
    return this.actionRows.create({ agreementId: action.agreementId, actionId: action.actionId }, action);
  }

  updateAction(agreementId: string, actionId: string, change: (current: TrackedAction) => TrackedAction | undefined): Promise<{ value: TrackedAction; changed: boolean }> {
    return this.actionRows.update({ agreementId, actionId }, change);
  }

  applyAction<R>(agreementId: string, actionId: string, change: (current: TrackedAction | undefined) => Outcome<TrackedAction, R>): Promise<R> {
    return this.actionRows.apply({ agreementId, actionId }, change);
  }

  // Agendas

  agenda(agreementId: string, sessionId: string): Promise<SessionAgenda | undefined> {
    return this.agendaRows.get({ agreementId, sessionId });
  }

  /** Read-change-write of a session's agenda; `initial` is what an agenda nobody wrote yet looks like. */
  applyAgenda<R>(agreementId: string, sessionId: string, change: (current: SessionAgenda | undefined) => Outcome<SessionAgenda, R>): Promise<R> {
    return this.agendaRows.apply({ agreementId, sessionId }, change);
  }

  // Refused access (append-only)

  /** Writes a refusal to the record audit log; `id` makes a retried write land once. */
  async logRefusal(entry: RecordAuditEntry, id: string): Promise<void> {
    await this.tables.audit.append(recordAuditPartition(entry.at), entry, { at: new Date(Date.parse(entry.at)), id });
  }
}
