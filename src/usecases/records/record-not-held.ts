import { AppError } from '../../domain/errors.js';
import { markNotHeld, requireRecordParty } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { sessionKey } from '../../jobs/booking/stores.js';
import { readRecordAs, updateRecord, type Actor, type RecordDeps } from './deps.js';

/**
 * From the record card: the session did not take place, postponed or cancelled, with the reason
 * (Camden §7 (L142): the reason for a postponement is recorded). The session's own status follows,
 * as src/usecases/sessions/record-postponement.ts keeps it, so the obligations see it.
 */
export async function recordSessionNotHeld(deps: RecordDeps, actor: Actor, input: { agreementId: string; sessionId: string; outcome: 'postponed' | 'cancelled'; reason: string }): Promise<SessionRecord> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('invalid_input', 'Please give the reason the session did not take place.');
  if (reason.length > 1000) throw new AppError('invalid_input', 'Please keep the reason to 1,000 characters.');
  const current = await readRecordAs(deps, actor.id, input.agreementId, input.sessionId, 'not-held');
  requireRecordParty(current.value, actor.id, 'supervisor');
  const { record } = await updateRecord(deps, input.agreementId, input.sessionId, (r) => markNotHeld(r, actor, input.outcome, reason, deps.now()));
  const key = sessionKey(input.agreementId, input.sessionId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = await deps.stores.sessions.get(key);
    if (!stored || stored.value.status === input.outcome) break;
    const postponements = input.outcome === 'postponed'
      ? [...(stored.value.postponements ?? []), { recordedAt: deps.now(), recordedBy: actor.id, reason, fromDate: stored.value.date, toDate: stored.value.date }]
      : stored.value.postponements;
    try {
      await deps.stores.sessions.replace(key, { ...stored.value, status: input.outcome, ...(postponements ? { postponements } : {}) }, stored.etag);
      break;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'precondition_failed')) throw error;
    }
  }
  return record;
}
