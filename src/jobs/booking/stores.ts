/**
 * Where agreements and their sessions live. The agreement flow (cards, signatures) and the
 * booking job share these tables and keys, so both import them from here rather than naming
 * tables themselves.
 */
import { ZAgreement, ZPlannedSession } from '../../domain/agreements/schema.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import type { ZodType } from 'zod';
import type { StoreKey, StoredItem, VersionedStore } from '../../domain/ports/storage.js';
import { listPartition } from '../list-partition.js';

export const AGREEMENTS_TABLE = 'agreements';
export const SESSIONS_TABLE = 'sessions';
/** Every agreement sits in one partition: they are looked up by id, rarely listed. */
export const AGREEMENT_PARTITION = 'agreement';

/** The part of AppStorage (src/adapters/storage) the stores need; tests may pass their own. */
export interface VersionedStorage {
  versioned<T>(table: string, schema: ZodType<T>): VersionedStore<T>;
}

export function agreementStore(storage: VersionedStorage): VersionedStore<Agreement> {
  return storage.versioned(AGREEMENTS_TABLE, ZAgreement);
}

export function agreementKey(agreementId: string): StoreKey {
  return { partition: AGREEMENT_PARTITION, id: agreementId };
}

/** Sessions are partitioned by agreement so one agreement's year is a single partition read. */
export function sessionStore(storage: VersionedStorage): VersionedStore<PlannedSession> {
  return storage.versioned(SESSIONS_TABLE, ZPlannedSession);
}

export function sessionKey(agreementId: string, sessionId: string): StoreKey {
  return { partition: agreementId, id: sessionId };
}

/** All sessions of an agreement in sessionId order (which is date order: s01, s02, …). */
export async function listSessions(store: VersionedStore<PlannedSession>, agreementId: string): Promise<StoredItem<PlannedSession>[]> {
  return listPartition(store, agreementId);
}
