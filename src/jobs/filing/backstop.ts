import type { JobQueue } from '../../domain/ports/storage.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { RecordRepository } from '../../repositories/records.js';
import { enqueueFiling, type FilingJob } from './queue.js';

/**
 * The backstop for a crash between "record final" being stored and its filing job being queued:
 * queues every record still final (not filed). Run at start and then every few hours; queuing a
 * record twice is harmless because the job is idempotent. Returns how many were queued.
 */
export async function enqueueUnfiledRecords(deps: { readonly agreements: Pick<AgreementRepository, 'list'>; readonly records: Pick<RecordRepository, 'list'>; readonly queue: JobQueue<FilingJob> }): Promise<number> {
  let queued = 0;
  for (const agreement of await deps.agreements.list()) {
    for (const record of await deps.records.list(agreement.id)) {
      if (record.status !== 'final') continue;
      await enqueueFiling(deps.queue, { agreementId: record.agreementId, sessionId: record.sessionId });
      queued++;
    }
  }
  return queued;
}
