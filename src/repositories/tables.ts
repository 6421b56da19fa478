/**
 * The repositories' tables one by one, for what works below the aggregates: tests and benchmarks
 * that seed or inspect storage directly, and the storage-level tools. Product code above storage
 * uses the repositories (index.ts) instead.
 */
import type { Agreement, PlannedSession } from '../domain/agreements/types.js';
import { ZSessionAgenda, type SessionAgenda } from '../domain/agenda/schema.js';
import type { AppendOnlyLog, StoredItem, VersionedStore } from '../domain/ports/storage.js';
import type { SessionRecord, TrackedAction } from '../domain/records/schema.js';
import { agreementTables, passIndexOn } from './agreements.js';
import { indexedStore, recordWrites } from './pass-index.js';
import { partitionItems } from './collection.js';
import { AGENDAS_TABLE, RECORD_AUDIT_TABLE, ZRecordAuditEntry, type RecordAuditEntry } from './records.js';
import { agreementYearTable } from './agreement-year.js';
import type { RepositoryStorage, VersionedStorage } from './storage.js';

export { AGREEMENT_PARTITION, agreementKey, linkKey, sessionKey } from './agreements.js';
export { actionKey, agendaKey, recordKey, type RecordAuditEntry } from './records.js';
export type { VersionedStorage } from './storage.js';

// The agreement, session and record tables keep the passes' index (pass-index.ts) whoever writes
// them, so rows seeded here are seen by the periodic passes as the product's own writes are.
export const agreementStore = (storage: VersionedStorage): VersionedStore<Agreement> => agreementTables(storage).agreements;
export const sessionStore = (storage: VersionedStorage): VersionedStore<PlannedSession> => agreementTables(storage).sessions;
export const recordStore = (storage: VersionedStorage): VersionedStore<SessionRecord> => indexedStore(agreementYearTable(storage).records, passIndexOn(storage), recordWrites);
export const actionStore = (storage: VersionedStorage): VersionedStore<TrackedAction> => agreementYearTable(storage).actions;
export const agendaStore = (storage: VersionedStorage): VersionedStore<SessionAgenda> => storage.versioned(AGENDAS_TABLE, ZSessionAgenda);
export const recordAuditLog = (storage: Pick<RepositoryStorage, 'log'>): AppendOnlyLog<RecordAuditEntry> => storage.log(RECORD_AUDIT_TABLE, ZRecordAuditEntry);

/** Every item of one partition, following continuation tokens page by page. */
export function listPartition<T>(store: VersionedStore<T>, partition: string): Promise<StoredItem<T>[]> {
  return partitionItems(store, partition);
}

export const listSessions = (store: VersionedStore<PlannedSession>, agreementId: string): Promise<StoredItem<PlannedSession>[]> => listPartition(store, agreementId);
export const listRecords = (store: VersionedStore<SessionRecord>, agreementId: string): Promise<StoredItem<SessionRecord>[]> => listPartition(store, agreementId);
export const listActions = (store: VersionedStore<TrackedAction>, agreementId: string): Promise<StoredItem<TrackedAction>[]> => listPartition(store, agreementId);
