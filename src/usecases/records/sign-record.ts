import { signAsSupervisee } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { notifyChange, readRecordAs, updateRecord, type Actor, type RecordDeps } from './deps.js';
import { afterFinal } from './finalise.js';

/**
 * The supervisee signs the version they read (its hash comes back from the card): both
 * signatures over one hash make it final (DESIGN.md "Signatures"; Central Bedfordshire §13 (L151),
 * Sefton ¶6.2 (L228)). Then the actions are tracked and onFinal runs (retried by the record card
 * job if that fails; the signature stands either way). A replay changes nothing.
 */
export async function signRecord(deps: RecordDeps, actor: Actor, input: { agreementId: string; sessionId: string; hash: string }): Promise<{ record: SessionRecord; changed: boolean }> {
  await readRecordAs(deps, actor.id, input.agreementId, input.sessionId, 'sign');
  const result = await updateRecord(deps, input.agreementId, input.sessionId, (r) => signAsSupervisee(r, actor, input.hash, deps.now()));
  if (result.changed) await notifyChange(deps, input.agreementId);
  if (result.record.status !== 'final') return result;
  try {
    return { record: await afterFinal(deps, result.record), changed: result.changed };
  } catch {
    // The record is final and stored: the signature stands. Tracking its actions or handing it to
    // filing failed; the record card job's next pass (dueRecordCards) retries both.
    return result;
  }
}
