import type { SessionRecord } from '../../domain/records/schema.js';
import { readRecordAs, type RecordDeps } from './deps.js';

/**
 * A record for one of its two parties (issue 5 item 6; Sefton ¶10 (L279)). Anyone else gets
 * AppError forbidden and an entry in the append-only audit log (who, which record, when).
 */
export async function viewRecord(deps: RecordDeps, personId: string, input: { agreementId: string; sessionId: string }): Promise<SessionRecord> {
  return readRecordAs(deps, personId, input.agreementId, input.sessionId, 'view');
}
