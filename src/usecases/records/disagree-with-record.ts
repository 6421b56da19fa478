import { AppError } from '../../domain/errors.js';
import { disagree } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { notifyChange, readRecordAs, updateRecord, type Actor, type RecordDeps } from './deps.js';

/**
 * The supervisee records a disagreement with the version they read (Central Bedfordshire BIC 532
 * cl.10 (L250)); it stays part of the record and of every later version's hash.
 */
export async function disagreeWithRecord(deps: RecordDeps, actor: Actor, input: { agreementId: string; sessionId: string; hash: string; text: string }): Promise<{ record: SessionRecord; changed: boolean }> {
  const text = input.text.trim();
  if (!text) throw new AppError('invalid_input', 'Please say what you disagree with, then press "I disagree" again.');
  if (text.length > 4000) throw new AppError('invalid_input', 'Please keep the disagreement to 4,000 characters.');
  await readRecordAs(deps, actor.id, input.agreementId, input.sessionId, 'disagree');
  const result = await updateRecord(deps, input.agreementId, input.sessionId, (r) => disagree(r, actor, input.hash, text, deps.now()));
  if (result.changed) await notifyChange(deps, input.agreementId);
  return result;
}
