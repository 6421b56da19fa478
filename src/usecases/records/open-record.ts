import { parseInstant } from '../../domain/calendar/instant.js';
import { AppError } from '../../domain/errors.js';
import { openRecord, reopenForRebookedSession } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { staffSessionTemplate } from '../../domain/records/template.js';
import { recordKey } from '../../jobs/records/stores.js';
import { sessionKey } from '../../jobs/booking/stores.js';
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
  if (existing) return followRebooking(deps, agreementId, sessionId, existing);
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

/**
 * A record opened for a session that was later rebooked (same session id, new date) follows the
 * session once the new meeting has started: a draft takes the new date; a record marked not held
 * before the rebooking opens again as a draft (reopenForRebookedSession).
 */
async function followRebooking(deps: RecordDeps, agreementId: string, sessionId: string, existing: { value: SessionRecord; etag: string }): Promise<{ record: SessionRecord; etag: string; created: boolean }> {
  const record = existing.value;
  if (record.status !== 'draft' && record.status !== 'not-held') return { record, etag: existing.etag, created: false };
  const session = (await deps.stores.sessions.get(sessionKey(agreementId, sessionId)))?.value;
  const now = deps.now();
  if (!session || session.status === 'postponed' || session.status === 'cancelled' || parseInstant(session.startUtc) > parseInstant(now)) return { record, etag: existing.etag, created: false };
  let next: SessionRecord | undefined;
  if (record.status === 'not-held' && record.notHeld && record.notHeld.at < session.startUtc) next = reopenForRebookedSession(record, session.date, now);
  else if (record.status === 'draft' && record.sessionDate !== session.date) next = { ...record, sessionDate: session.date, updatedAt: now };
  if (!next) return { record, etag: existing.etag, created: false };
  try {
    const etag = await deps.stores.records.replace(recordKey(agreementId, sessionId), next, existing.etag);
    return { record: next, etag, created: false };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'precondition_failed')) throw error;
    const again = await deps.stores.records.get(recordKey(agreementId, sessionId));
    if (!again) throw error;
    return { record: again.value, etag: again.etag, created: false };
  }
}
