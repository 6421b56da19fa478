import { parseInstant } from '../../domain/calendar/instant.js';
import { AppError } from '../../domain/errors.js';
import { openRecord, reopenForRebookedSession } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { staffSessionTemplate } from '../../domain/records/template.js';
import type { RecordDeps } from './deps.js';
import { loadAgreementFor, loadSession } from './record-context.js';

/**
 * Opens the record of a session whose meeting has started or ended (issue 5 item 2), create-only:
 * two instances, the timer and the Teams meeting-end event racing, or a retry all end with one
 * record. `created` says whether this call made it.
 */
export async function openRecordForSession(deps: RecordDeps, agreementId: string, sessionId: string): Promise<{ record: SessionRecord; created: boolean }> {
  const existing = await deps.records.get(agreementId, sessionId);
  if (existing) return followRebooking(deps, agreementId, sessionId, existing);
  const agreement = await loadAgreementFor(deps, agreementId);
  const session = await loadSession(deps, agreementId, sessionId);
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
  if ((await deps.records.create(record)) === 'created') return { record, created: true };
  return { record: await deps.records.require(agreementId, sessionId), created: false };
}

/**
 * A record opened for a session that was later rebooked (same session id, new date) follows the
 * session once the new meeting has started: a draft takes the new date; a record marked not held
 * before the rebooking opens again as a draft (reopenForRebookedSession).
 */
async function followRebooking(deps: RecordDeps, agreementId: string, sessionId: string, record: SessionRecord): Promise<{ record: SessionRecord; created: boolean }> {
  if (record.status !== 'draft' && record.status !== 'not-held') return { record, created: false };
  const session = await deps.agreements.session(agreementId, sessionId);
  const now = deps.now();
  if (!session || session.status === 'postponed' || session.status === 'cancelled' || parseInstant(session.startUtc) > parseInstant(now)) return { record, created: false };
  // Decided again on what is stored at write time, so a concurrent change is followed, not overwritten.
  const { value } = await deps.records.update(agreementId, sessionId, (current) => {
    if (current.status === 'not-held' && current.notHeld && current.notHeld.at < session.startUtc) return reopenForRebookedSession(current, session.date, now);
    if (current.status === 'draft' && current.sessionDate !== session.date) return { ...current, sessionDate: session.date, updatedAt: now };
    return undefined;
  });
  return { record: value, created: false };
}
