import { AppError } from '../../domain/errors.js';
import { draftFields } from '../../domain/records/form.js';
import { requireRecordParty, saveDraft } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { readRecordAs, updateRecord, type Actor, type RecordDeps } from './deps.js';
import { recordSetup } from './record-context.js';

/**
 * The supervisor saves the card as it is (issue 5 item 2: "drafts save, come back on the card,
 * and survive a restart"): stored in the record, incomplete is fine. Saving the same fields
 * again changes nothing.
 */
export async function saveRecordDraft(deps: RecordDeps, actor: Actor, input: { agreementId: string; sessionId: string; fields: Record<string, unknown> }): Promise<SessionRecord> {
  const current = await readRecordAs(deps, actor.id, input.agreementId, input.sessionId, 'draft');
  requireRecordParty(current, actor.id, 'supervisor');
  if (current.kind) throw new AppError('conflict', 'This is the record of a review or milestone: record it on its own card.');
  const setup = await recordSetup(deps, current);
  const fields = draftFields(input.fields, setup.standingItems.length);
  const { record } = await updateRecord(deps, input.agreementId, input.sessionId, (r) =>
    JSON.stringify(r.draft ?? null) === JSON.stringify(fields) ? r : saveDraft(r, actor, fields, deps.now()));
  return record;
}
