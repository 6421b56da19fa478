import type { Agreement } from '../../domain/agreements/types.js';
import type { JobQueue, VersionedStore } from '../../domain/ports/storage.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { AGREEMENT_PARTITION } from '../booking/stores.js';
import { listPartition } from '../list-partition.js';
import { listRecords } from '../records/stores.js';
import { enqueueFiling, type FilingJob } from './queue.js';

/**
 * The backstop for a crash between "record final" being stored and its filing job being queued:
 * queues every record still final (not filed). Run at startup (and, if wished, daily); queuing a
 * record twice is harmless because the job is idempotent. Returns how many were queued.
 */
export async function enqueueUnfiledRecords(deps: { readonly agreements: VersionedStore<Agreement>; readonly records: VersionedStore<SessionRecord>; readonly queue: JobQueue<FilingJob> }): Promise<number> {
  let queued = 0;
  for (const agreement of await listPartition(deps.agreements, AGREEMENT_PARTITION)) {
    for (const { value: record } of await listRecords(deps.records, agreement.value.id)) {
      if (record.status !== 'final') continue;
      await enqueueFiling(deps.queue, { agreementId: record.agreementId, sessionId: record.sessionId });
      queued++;
    }
  }
  return queued;
}
