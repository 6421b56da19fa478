import { AppError } from '../../domain/errors.js';
import { markNotHeld, requireRecordParty } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { isSpecified } from '../../policy/schema.js';
import { notifyChange, readRecordAs, updateRecord, type Actor, type RecordDeps } from './deps.js';
import { citeForPeople } from '../../policy/why.js';

/**
 * From the record card: the session did not take place, postponed or cancelled, with the reason
 * (Camden §7 (L142): the reason for a postponement is recorded). The session's own status follows,
 * as src/usecases/sessions/record-postponement.ts keeps it, so the obligations see it.
 */
export async function recordSessionNotHeld(deps: RecordDeps, actor: Actor, input: { agreementId: string; sessionId: string; outcome: 'postponed' | 'cancelled'; reason: string; reasonId?: string | undefined }): Promise<SessionRecord> {
  const current = await readRecordAs(deps, actor.id, input.agreementId, input.sessionId, 'not-held');
  requireRecordParty(current, actor.id, 'supervisor');
  const text = input.reason.trim();
  if (text.length > 1000) throw new AppError('invalid_input', 'Please keep the reason to 1,000 characters.');
  // Camden §6 (L102) CA-E2: a postponement only for a reason the policy allows.
  const allowed = deps.packFor(current.policyId).postponement.allowedReasons;
  let reason = text;
  let reasonId: string | undefined;
  if (input.outcome === 'postponed' && isSpecified(allowed)) {
    const match = allowed.value.find((r) => r.id === input.reasonId);
    if (!match) throw new AppError('invalid_input', `Choose one of the reasons your policy allows for a postponement: ${allowed.value.map((r) => r.label).join('; ')} (${citeForPeople(deps.packFor(current.policyId), allowed)}).`);
    reasonId = match.id;
    reason = text ? `${match.label}: ${text}` : match.label;
  }
  if (!reason) throw new AppError('invalid_input', 'Please give the reason the session did not take place.');
  const { record, changed } = await updateRecord(deps, input.agreementId, input.sessionId, (r) => markNotHeld(r, actor, input.outcome, reason, deps.now()));
  // The session follows (a lost race after the repository's attempts is an error, not a silent skip).
  const at = deps.now();
  await deps.agreements.applySession(input.agreementId, input.sessionId, (stored) => {
    if (!stored || stored.status === input.outcome) return { result: undefined };
    const postponements = input.outcome === 'postponed'
      ? [...(stored.postponements ?? []), { recordedAt: at, recordedBy: actor.id, ...(reasonId ? { reasonId } : {}), reason, fromDate: stored.date, toDate: stored.date }]
      : stored.postponements;
    return { next: { ...stored, status: input.outcome, ...(postponements ? { postponements } : {}) }, result: undefined };
  });
  if (changed) await notifyChange(deps, input.agreementId);
  return record;
}
