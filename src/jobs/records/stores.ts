/**
 * Where the session cycle's state lives (issue 5): records, tracked actions and agendas, each
 * partitioned by agreement so one agreement's year is a single partition read. Every part of the
 * product that touches them imports the tables and keys from here.
 */
import { ZSessionAgenda, type SessionAgenda } from '../../domain/agenda/schema.js';
import { ZSessionRecord, ZTrackedAction, type SessionRecord, type TrackedAction } from '../../domain/records/schema.js';
import type { StoreKey, StoredItem, VersionedStore } from '../../domain/ports/storage.js';
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
