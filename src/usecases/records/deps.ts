import { AppError } from '../../domain/errors.js';
import type { Directory } from '../../domain/people/person.js';
import { mayViewRecord } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { MilestoneRepository } from '../../repositories/milestones.js';
import type { RecordAuditEntry, RecordRepository } from '../../repositories/records.js';

/**
 * What every record use case gets (issue 5 items 2–3, 5–6). The conversation layer gets the same
 * object as ConversationContext.records.
 */
export interface RecordDeps {
  /** Records, tracked actions, agendas and the refused-access log (src/repositories/records.ts). */
  readonly records: RecordRepository;
  /** Agreements and their sessions (src/repositories/agreements.ts). */
  readonly agreements: AgreementRepository;
  readonly directory: Pick<Directory, 'getPerson'>;
  readonly packFor: (policyId: string) => PolicyPack;
  /** ISO instant, second precision. */
  readonly now: () => string;
  readonly newId: () => string;
  /** Called once a record becomes final (both signatures over one hash): the SharePoint filing job. */
  readonly onFinal?: ((agreementId: string, sessionId: string) => Promise<void>) | undefined;
  /**
   * After a change that moves an obligation (shared, signed, disagreed, not held): e.g. the sweep's
   * sweepAfterEvent (issue 6 item 1). Its failure never undoes or fails the person's action.
   */
  readonly onChange?: ((agreementId: string) => Promise<void>) | undefined;
  /** The year's reviews and milestones, whose records are kept here too (issue 14 item 1). */
  readonly milestones?: MilestoneRepository | undefined;
}

export async function notifyChange(deps: Pick<RecordDeps, 'onChange'>, agreementId: string): Promise<void> {
  if (!deps.onChange) return;
  await deps.onChange(agreementId).catch(() => undefined);
}

export interface Actor {
  readonly id: string;
  readonly name: string;
}

export async function loadRecord(deps: Pick<RecordDeps, 'records'>, agreementId: string, sessionId: string): Promise<SessionRecord> {
  return deps.records.require(agreementId, sessionId);
}

/**
 * Reads a record for someone: only its two parties (issue 5 item 6; Sefton ¶10 (L279)). Anyone
 * else is refused, and the refusal is written to the append-only audit log (ids only).
 */
export async function readRecordAs(deps: RecordDeps, personId: string, agreementId: string, sessionId: string, what: RecordAuditEntry['attempted']): Promise<SessionRecord> {
  const found = await loadRecord(deps, agreementId, sessionId);
  if (!mayViewRecord(found, personId)) {
    await deps.records.logRefusal({ event: 'record-access-refused', agreementId, sessionId, byId: personId, attempted: what, at: deps.now() }, deps.newId());
    // Audited here, with what was attempted; `audited` keeps the conversation from writing it twice.
    throw new AppError('forbidden', 'Only the supervisor and the supervisee of this session can see its record. Your request has been logged.', { audited: true });
  }
  return found;
}

/**
 * Read, change, write with the ETag read (RecordRepository.update, the one retry loop); a lost
 * race re-reads and re-applies, so the lifecycle decides (already signed, changed since) instead
 * of the last writer winning. `changed` is false when the lifecycle answered with the record
 * unchanged (a replay or a double click).
 */
export async function updateRecord(
  deps: Pick<RecordDeps, 'records'>,
  agreementId: string,
  sessionId: string,
  change: (current: SessionRecord) => SessionRecord,
): Promise<{ record: SessionRecord; changed: boolean }> {
  const { value, changed } = await deps.records.update(agreementId, sessionId, change);
  return { record: value, changed };
}
