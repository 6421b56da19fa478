/**
 * Where the session cycle's state lives (issue 5): records, tracked actions and agendas, each
 * partitioned by agreement so one agreement's year is a single partition read. Every part of the
 * product that touches them imports the tables and keys from here.
 */
import { z, type ZodType } from 'zod';
import { ZSessionAgenda, type SessionAgenda } from '../../domain/agenda/schema.js';
import { ZSessionRecord, ZTrackedAction, type SessionRecord, type TrackedAction } from '../../domain/records/schema.js';
import type { AppendOnlyLog, StoreKey, StoredItem, VersionedStore } from '../../domain/ports/storage.js';
import type { VersionedStorage } from '../booking/stores.js';
import { listPartition } from '../list-partition.js';

export const RECORDS_TABLE = 'records';
export const ACTIONS_TABLE = 'actions';
export const AGENDAS_TABLE = 'agendas';

export function recordStore(storage: VersionedStorage): VersionedStore<SessionRecord> {
  return storage.versioned(RECORDS_TABLE, ZSessionRecord);
}

export function actionStore(storage: VersionedStorage): VersionedStore<TrackedAction> {
  return storage.versioned(ACTIONS_TABLE, ZTrackedAction);
}

export function agendaStore(storage: VersionedStorage): VersionedStore<SessionAgenda> {
  return storage.versioned(AGENDAS_TABLE, ZSessionAgenda);
}

/** One record per session. */
export function recordKey(agreementId: string, sessionId: string): StoreKey {
  return { partition: agreementId, id: sessionId };
}

export function actionKey(agreementId: string, actionId: string): StoreKey {
  return { partition: agreementId, id: actionId };
}

export function agendaKey(agreementId: string, sessionId: string): StoreKey {
  return { partition: agreementId, id: sessionId };
}

export async function listRecords(store: VersionedStore<SessionRecord>, agreementId: string): Promise<StoredItem<SessionRecord>[]> {
  return listPartition(store, agreementId);
}

export async function listActions(store: VersionedStore<TrackedAction>, agreementId: string): Promise<StoredItem<TrackedAction>[]> {
  return listPartition(store, agreementId);
}

/**
 * Refused requests to see or act on a record (issue 5 item 6): who, which record, when, what was
 * attempted. Ids only, never names or record content. Partition: `records-YYYY-MM`.
 */
export const RECORD_AUDIT_TABLE = 'recordaudit';
export const ZRecordAuditEntry = z.strictObject({
  event: z.literal('record-access-refused'),
  agreementId: z.string().min(1).max(200),
  sessionId: z.string().min(1).max(200),
  byId: z.string().min(1).max(200),
  attempted: z.enum(['view', 'sign', 'disagree', 'draft', 'share', 'amend', 'not-held']),
  at: z.string(),
});
export type RecordAuditEntry = z.infer<typeof ZRecordAuditEntry>;

export function recordAuditLog(storage: { log<T>(table: string, schema: ZodType<T>): AppendOnlyLog<T> }): AppendOnlyLog<RecordAuditEntry> {
  return storage.log(RECORD_AUDIT_TABLE, ZRecordAuditEntry);
}
