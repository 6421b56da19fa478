export { enqueueFiling, filingQueue, FILING_MAX_ATTEMPTS, FILING_QUEUE, ZFilingJob, type FilingJob } from './queue.js';
export { canonicalRecordJson, isPermanentFilingFailure, processFilingJob, storeFinalRecord, type FilingDeps, type FilingOutcome } from './process-filing.js';
export { runFilingWorker, type FilingWorkerDeps, type FilingWorkerOptions } from './worker.js';
export { retentionFor, type Retention } from './retention.js';
export { filedNotices, type FiledNotice } from './notice.js';
export { enqueueUnfiledRecords } from './backstop.js';
