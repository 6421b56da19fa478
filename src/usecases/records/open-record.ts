import { parseInstant } from '../../domain/calendar/instant.js';
import { AppError } from '../../domain/errors.js';
import { openRecord } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { staffSessionTemplate } from '../../domain/records/template.js';
import { recordKey } from '../../jobs/records/stores.js';
import type { RecordDeps } from './deps.js';
import { loadAgreementFor, loadSession } from './record-context.js';

/**
 * Opens the record of a session whose meeting has started or ended (issue 5 item 2), create-only:
 * two instances, the timer and the Teams meeting-end event racing, or a retry all end with one
 * record. `created` says whether this call made it.
 */
export async function openRecordForSession(deps: RecordDeps, agreementId: string, sessionId: string): Promise<{ record: SessionRecord; etag: string; created: boolean }> {
  const key = recordKey(agreementId, sessionId);
  const existing = await deps.stores.records.get(key);
  if (existing) return { record: existing.value, etag: existing.etag, created: false };
  const agreement = await loadAgreementFor(deps, agreementId);
  const session = (await loadSession(deps, agreementId, sessionId)).value;
  const now = deps.now();
  if (parseInstant(session.startUtc) > parseInstant(now)) throw new AppError('conflict', 'This session has not taken place yet, so there is nothing to record.');
  const pack = deps.packFor(agreement.terms.policyId);
  const [supervisor, supervisee] = await Promise.all([deps.directory.getPerson(agreement.terms.supervisorId), deps.directory.getPerson(agreement.terms.superviseeId)]);
  const record = openRecord({
    agreementId,
    sessionId,
    sessionDate: session.date,
    policyId: agreement.terms.policyId,
    templateId: staffSessionTemplate(pack).id,
    supervisor: { id: agreement.terms.supervisorId, name: supervisor?.displayName ?? agreement.parties?.supervisorName ?? 'Supervisor' },
    supervisee: { id: agreement.terms.superviseeId, name: supervisee?.displayName ?? agreement.parties?.superviseeName ?? 'Supervisee' },
  }, now);
  try {
    const etag = await deps.stores.records.create(key, record);
    return { record, etag, created: true };
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      const won = await deps.stores.records.get(key);
      if (won) return { record: won.value, etag: won.etag, created: false };
    }
    throw error;
  }
}
