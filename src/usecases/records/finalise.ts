import { AppError } from '../../domain/errors.js';
import { trackedActionChanges } from '../../domain/records/actions.js';
import { finalVersion } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { actionKey, listActions } from '../../jobs/records/stores.js';
import { updateRecord, type RecordDeps } from './deps.js';

/**
 * After a record becomes final (issue 5 item 5): its actions become tracked rows (create-only,
 * keyed by the stable actionId, so a replay adds nothing). Returns how many rows it wrote.
 */
export async function trackFinalActions(deps: RecordDeps, record: SessionRecord): Promise<number> {
  if (!finalVersion(record)) return 0;
  const existing = (await listActions(deps.stores.actions, record.agreementId)).map((i) => i.value);
  const changes = trackedActionChanges(record, existing, deps.now());
  for (const change of changes) {
    const key = actionKey(record.agreementId, change.action.actionId);
    if (change.kind === 'create') {
      try {
        await deps.stores.actions.create(key, change.action);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      }
    } else {
      const stored = await deps.stores.actions.get(key);
      if (stored) await deps.stores.actions.replace(key, change.action, stored.etag);
    }
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
