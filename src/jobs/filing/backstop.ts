import type { JobQueue } from '../../domain/ports/storage.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { RecordRepository } from '../../repositories/records.js';
import { enqueueFiling, type FilingJob } from './queue.js';

export interface BackstopDeps {
  readonly agreements: Pick<AgreementRepository, 'list' | 'get'>;
  readonly records: Pick<RecordRepository, 'list' | 'get' | 'ensureIndexed'>;
  readonly queue: JobQueue<FilingJob>;
  /** When the pass runs (the index notes when it was built); default the system clock. */
  readonly now?: () => string;
}

/**
 * The backstop for a crash between "record final" being stored and its filing job being queued:
 * queues every record still final (not filed) of an agreement that exists. Run at start and then
 * every few hours; queuing a record twice is harmless because the job is idempotent. Returns how
 * many were queued. It reads the pass index's list of final records (a filed one leaves the list
 * here); tables without an index are read whole.
 */
export async function enqueueUnfiledRecords(deps: BackstopDeps): Promise<number> {
  const nowIso = deps.now?.() ?? new Date().toISOString();
  const index = await deps.records.ensureIndexed(nowIso, async () => (await deps.agreements.list()).map((a) => a.id));
  let queued = 0;
  if (!index) {
    for (const agreement of await deps.agreements.list()) {
      for (const record of await deps.records.list(agreement.id)) {
        if (record.status !== 'final') continue;
        await enqueueFiling(deps.queue, { agreementId: record.agreementId, sessionId: record.sessionId });
        queued++;
      }
    }
    return queued;
  }
  const exists = new Map<string, Promise<boolean>>();
  for (const marker of await index.markers('final')) {
    const { agreementId, sessionId } = marker.value;
    if (sessionId === undefined) continue;
    const record = await deps.records.get(agreementId, sessionId);
    // Filed is a state a record never leaves: its marker can go.
    if (record?.status === 'filed') await index.forget(marker);
    if (record?.status !== 'final') continue;
    if (!exists.has(agreementId)) exists.set(agreementId, deps.agreements.get(agreementId).then((a) => a !== undefined));
    if (!(await exists.get(agreementId))) continue;
    await enqueueFiling(deps.queue, { agreementId, sessionId });
    queued++;
  }
  return queued;
}
