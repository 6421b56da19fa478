import { AppError } from '../../domain/errors.js';
import { requireRecordParty } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { readRecordAs, type Actor, type RecordDeps } from './deps.js';

/**
 * The supervisor opens the latest version to amend it (issue 5 item 3): the card shows that
 * version's content and shares with basedOn = the number of versions, so the amendment is a new
 * version that needs both signatures again; earlier versions stay in the record.
 */
export async function amendRecord(deps: RecordDeps, actor: Actor, input: { agreementId: string; sessionId: string }): Promise<SessionRecord> {
  const value = await readRecordAs(deps, actor.id, input.agreementId, input.sessionId, 'amend');
  requireRecordParty(value, actor.id, 'supervisor');
  if (value.status === 'final' || value.status === 'filed') throw new AppError('conflict', 'Both of you have signed this record, so it can no longer be amended.');
  if (value.status === 'not-held') throw new AppError('conflict', 'This session was recorded as not held.');
  return value;
}
