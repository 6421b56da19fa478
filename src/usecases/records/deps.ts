import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import type { Directory } from '../../domain/people/person.js';
import type { AppendOnlyLog, VersionedStore } from '../../domain/ports/storage.js';
import { mayViewRecord } from '../../domain/records/lifecycle.js';
import type { SessionRecord, TrackedAction } from '../../domain/records/schema.js';
import type { SessionAgenda } from '../../domain/agenda/schema.js';
import { agreementStore, sessionStore, type VersionedStorage } from '../../jobs/booking/stores.js';
import { actionStore, agendaStore, recordAuditLog, recordKey, recordStore, type RecordAuditEntry } from '../../jobs/records/stores.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { AgreementLink } from '../agreements/deps.js';

/** The tables the record use cases read and write. */
export interface RecordStores {
  readonly records: VersionedStore<SessionRecord>;
  readonly actions: VersionedStore<TrackedAction>;
  readonly agendas: VersionedStore<SessionAgenda>;
  readonly agreements: VersionedStore<Agreement>;
  readonly sessions: VersionedStore<PlannedSession>;
  /** Which agreements a person is party to: { partition: personId, id: agreementId } (table agreementparties). */
  readonly links: VersionedStore<AgreementLink>;
}

/**
 * What every record use case gets (issue 5 items 2–3, 5–6). The conversation layer gets the same
 * object as ConversationContext.records.
 */
export interface RecordDeps {
  readonly stores: RecordStores;
  readonly directory: Pick<Directory, 'getPerson'>;
  readonly packFor: (policyId: string) => PolicyPack;
  /** ISO instant, second precision. */
  readonly now: () => string;
  readonly newId: () => string;
  /** Called once a record becomes final (both signatures over one hash): the SharePoint filing job. */
  readonly onFinal?: ((agreementId: string, sessionId: string) => Promise<void>) | undefined;
  /** Append-only: refused views of a record (issue 5 item 6). */
  readonly audit: AppendOnlyLog<RecordAuditEntry>;
  /**
   * After a change that moves an obligation (shared, signed, disagreed, not held): e.g. the sweep's
   * sweepAfterEvent (issue 6 item 1). Its failure never undoes or fails the person's action.
   */
  readonly onChange?: ((agreementId: string) => Promise<void>) | undefined;
}

export async function notifyChange(deps: Pick<RecordDeps, 'onChange'>, agreementId: string): Promise<void> {
  if (!deps.onChange) return;
  await deps.onChange(agreementId).catch(() => undefined);
}

export interface RecordStorage extends VersionedStorage {
  log<T>(table: string, schema: import('zod').ZodType<T>): AppendOnlyLog<T>;
}

/**
 * The record tables on the app's storage. Call before storage.ensureCreated() so the records,
 * actions, agendas and recordaudit tables get created. `links` is the app's agreementparties store.
 */
export function recordTables(storage: RecordStorage, links: VersionedStore<AgreementLink>): Pick<RecordDeps, 'stores' | 'audit'> {
  return {
    stores: {
      records: recordStore(storage),
      actions: actionStore(storage),
      agendas: agendaStore(storage),
      agreements: agreementStore(storage),
      sessions: sessionStore(storage),
      links,
    },
    audit: recordAuditLog(storage),
  };
}

/** RecordDeps from the tables (recordTables) and the app's directory, packs, clock and ids. */
export function createRecordDeps(input: {
  readonly tables: Pick<RecordDeps, 'stores' | 'audit'>;
  readonly directory: Pick<Directory, 'getPerson'>;
  readonly packFor: (policyId: string) => PolicyPack;
  readonly now: () => string;
  readonly newId: () => string;
  readonly onFinal?: ((agreementId: string, sessionId: string) => Promise<void>) | undefined;
  readonly onChange?: ((agreementId: string) => Promise<void>) | undefined;
}): RecordDeps {
  const { tables, ...rest } = input;
  return { ...rest, ...tables };
}

export interface Actor {
  readonly id: string;
  readonly name: string;
}

export async function loadRecord(deps: RecordDeps, agreementId: string, sessionId: string): Promise<{ value: SessionRecord; etag: string }> {
  const found = await deps.stores.records.get(recordKey(agreementId, sessionId));
  if (!found) throw new AppError('not_found', 'There is no record for that session yet.');
  return found;
}

/**
 * Reads a record for someone: only its two parties (issue 5 item 6; Sefton ¶10 (L279)). Anyone
 * else is refused, and the refusal is written to the append-only audit log (ids only).
 */
export async function readRecordAs(deps: RecordDeps, personId: string, agreementId: string, sessionId: string, what: RecordAuditEntry['attempted']): Promise<{ value: SessionRecord; etag: string }> {
  const found = await loadRecord(deps, agreementId, sessionId);
  if (!mayViewRecord(found.value, personId)) {
    const at = deps.now();
    await deps.audit.append(auditPartitionFor(at), { event: 'record-access-refused', agreementId, sessionId, byId: personId, attempted: what, at }, { at: new Date(Date.parse(at)), id: deps.newId() });
    throw new AppError('forbidden', 'Only the supervisor and the supervisee of this session can see its record. Your request has been logged.');
  }
  return found;
}

export function auditPartitionFor(at: string): string {
  return `records-${at.slice(0, 7)}`;
}

/**
 * Read, change, write with the ETag read; a lost race re-reads and re-applies, so the lifecycle
 * decides (already signed, changed since) instead of the last writer winning. `changed` is false
 * when the lifecycle answered with the record unchanged (a replay or a double click).
 */
export async function updateRecord(
  deps: RecordDeps,
  agreementId: string,
  sessionId: string,
  change: (current: SessionRecord) => SessionRecord,
): Promise<{ record: SessionRecord; changed: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const current = await loadRecord(deps, agreementId, sessionId);
    const next = change(current.value);
    if (next === current.value) return { record: current.value, changed: false };
    try {
      await deps.stores.records.replace(recordKey(agreementId, sessionId), next, current.etag);
      return { record: next, changed: true };
    } catch (error) {
      if (error instanceof AppError && error.code === 'precondition_failed' && attempt < 4) continue;
      throw error;
    }
  }
}
