import { trackedActionChanges } from '../../domain/records/actions.js';
import { finalVersion } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { updateRecord, type RecordDeps } from './deps.js';

/**
 * After a record becomes final (issue 5 item 5): its actions become tracked rows (create-only,
 * keyed by the stable actionId, so a replay adds nothing). Returns how many rows it wrote.
 */
export async function trackFinalActions(deps: RecordDeps, record: SessionRecord): Promise<number> {
  if (!finalVersion(record)) return 0;
  const existing = await deps.records.actions(record.agreementId);
  const changes = trackedActionChanges(record, existing, deps.now());
  for (const change of changes) {
    if (change.kind === 'create') await deps.records.createAction(change.action);
    else await deps.records.applyAction(record.agreementId, change.action.actionId, (stored) => ({ next: stored ? change.action : undefined, result: undefined }));
  }
  return changes.length;
}

/**
 * Tracked actions, then the injected hook (the SharePoint filing job), then a note that filing
 * was requested. A retry (a replayed sign, the record card job's next pass) finds the note and
 * hands nothing over twice; a hook that failed is tried again.
 */
export async function afterFinal(deps: RecordDeps, record: SessionRecord): Promise<SessionRecord> {
  if (!finalVersion(record)) return record;
  await trackFinalActions(deps, record);
  if (!deps.onFinal || record.filingRequestedAt || record.status !== 'final') return record;
  await deps.onFinal(record.agreementId, record.sessionId);
  const at = deps.now();
  const { record: noted } = await updateRecord(deps, record.agreementId, record.sessionId, (r) => (r.filingRequestedAt || r.status !== 'final' ? r : { ...r, filingRequestedAt: at }));
  return noted;
}
