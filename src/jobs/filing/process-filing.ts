/**
 * Files a final record in the employee's supervision file (issue 5 item 4). Every step can be cut
 * short by a crash and run again from the top:
 *
 * 1. read the record; a filed record is done, anything not final is refused (only a record signed
 *    by both over one hash is filed: Central Bedfordshire §13 L151, Sefton ¶6.2 L228);
 * 2. render the canonical JSON (exactly the bytes whose SHA-256 both signatures cover, checked
 *    here) and the PDF (deterministic, so a re-run renders the same bytes);
 * 3. store both through the SupervisionFile port (idempotent: a re-run finds them already there);
 * 4. mark the record filed (lifecycle.markFiled, ETag replace): locked for good;
 * 5. tell the people (onFiled), so both hear it is "stored in your supervision file", then mark
 *    the record told (`filedNoticeAt`).
 *
 * A crash between 3 and 4 re-runs 3 harmlessly. If 5 fails (storage or the channel away, a
 * crash), the job fails and is retried: the record is filed, so the retry only tells the people.
 * At least once: a crash after telling one party and before marking tells that party again,
 * which is better than neither hearing their record is filed (bench:cluster --faults lost one).
 */
import { AppError, isAppError } from '../../domain/errors.js';
import type { RecordPdfRenderer, StoredRecordCopy, SupervisionFile } from '../../domain/ports/supervision-file.js';
import { caseCategoriesOf } from '../../domain/records/case-categories.js';
import { canonicalRecord, finalVersion, markFiled } from '../../domain/records/lifecycle.js';
import type { RecordVersion, SessionRecord } from '../../domain/records/schema.js';
import { canonicalJson, sha256Hex } from '../../domain/signing/canonical-json.js';
import { silentLogger, type Logger } from '../../observability/logger.js';
import { getPack } from '../../policy/packs.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { RecordRepository } from '../../repositories/records.js';
import type { FilingJob } from './queue.js';
import { retentionFor } from './retention.js';
import { errorFields } from '../../observability/error-fields.js';

export interface FilingDeps {
  readonly records: Pick<RecordRepository, 'get' | 'apply'>;
  readonly supervisionFile: SupervisionFile;
  /** The PDF people read (src/adapters/pdf). */
  readonly renderPdf: RecordPdfRenderer;
  /** COUNCIL_NAME, printed at the top of the PDF. */
  readonly councilName: string;
  /** The pack with the council's configuration applied. Default: the pack as published. */
  readonly packFor?: (policyId: string) => PolicyPack;
  /** The employee's leaving date (YYYY-MM-DD) when known, for RetainUntil. Default: unknown. */
  readonly leavingDateOf?: (personId: string) => Promise<string | undefined>;
  /** Called once the record is marked filed, with the filed record (e.g. message both parties). */
  readonly onFiled?: (record: SessionRecord) => Promise<void> | void;
  readonly now?: () => Date;
  readonly log?: Logger;
}

export interface FilingOutcome {
  readonly status: 'filed' | 'already-filed';
  readonly record: SessionRecord;
}

/** A failure retrying cannot fix: the worker poisons the message at once, with the reason logged. */
export function isPermanentFilingFailure(error: unknown): boolean {
  if (!isAppError(error)) return false;
  return error.details?.permanent === true || error.code === 'invalid_input' || error.code === 'forbidden' || error.code === 'policy_violation';
}

function refuse(code: 'not_found' | 'conflict' | 'internal', message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, { ...details, permanent: true });
}

/** The canonical JSON of the final version exactly as it was hashed when it was shared. */
export function canonicalRecordJson(record: SessionRecord, final: RecordVersion): string {
  // At sharing time the record held the disagreements of earlier versions only (lifecycle.shareVersion).
  const earlier = record.versions.filter((v) => v.version < final.version).flatMap((v) => (v.disagreement ? [v.disagreement] : []));
  return canonicalJson(canonicalRecord(record, final.version, final.content, earlier));
}

function packOf(deps: Pick<FilingDeps, 'packFor'>, policyId: string): PolicyPack | undefined {
  try {
    return (deps.packFor ?? getPack)(policyId);
  } catch {
    return undefined;
  }
}

/** Renders both files and stores them through the port. Exported for tests and the demo. */
export async function storeFinalRecord(deps: Pick<FilingDeps, 'supervisionFile' | 'renderPdf' | 'councilName' | 'packFor' | 'leavingDateOf'>, record: SessionRecord): Promise<StoredRecordCopy> {
  const final = finalVersion(record);
  if (!final?.superviseeSignature) throw refuse('conflict', 'Only a record signed by both over the same hash can be filed.', { status: record.status });
  const json = canonicalRecordJson(record, final);
  if (sha256Hex(json) !== final.hash) {
    throw refuse('internal', 'The record no longer hashes to what both signed; it was not filed.', { version: final.version });
  }
  const pack = packOf(deps, record.policyId);
  const template = pack?.recordTemplates.find((t) => t.id === record.templateId);
  const leaving = await deps.leavingDateOf?.(record.supervisee.id);
  const retention = pack ? retentionFor(pack, leaving, deps.councilName) : { rule: `No policy pack found for this record; kept until ${deps.councilName} decides.` };
  const policyName = pack ? pack.title : undefined;
  // A review or milestone's record (issue 14 item 1) is named for what it records.
  const milestone = final.content.milestone;
  const templateName = milestone ? `${milestone.label} record` : template?.name;
  // Case discussions print their category in the pack's words (issue 14 item 2; Camden §6 (L122-L128)).
  const caseCategories = pack ? Object.fromEntries(caseCategoriesOf(pack).map((c) => [c.id, c.label])) : undefined;
  const pdf = await deps.renderPdf(record, { councilName: deps.councilName, policyName, templateName, retention: retention.rule, caseCategories });
  return deps.supervisionFile.storeRecord({
    employee: { id: record.supervisee.id, displayName: record.supervisee.name },
    sessionDate: record.sessionDate,
    version: final.version,
    ...(milestone ? { recordName: `${milestone.label} record` } : {}),
    pdf: { content: pdf, contentType: 'application/pdf' },
    json: { content: new TextEncoder().encode(json), contentType: 'application/json' },
    metadata: {
      employeeName: record.supervisee.name,
      employeeId: record.supervisee.id,
      supervisorName: record.supervisor.name,
      supervisorId: record.supervisor.id,
      sessionDate: record.sessionDate,
      recordType: templateName ?? record.templateId,
      // A column people read: the policy's title (the pack's id is in the JSON beside it).
      policy: policyName ?? record.policyId,
      version: final.version,
      hash: final.hash,
      supervisorSignedAt: final.supervisorSignature.signedAt,
      superviseeSignedAt: final.superviseeSignature.signedAt,
      retainUntil: retention.retainUntil,
      retentionRule: retention.rule,
    },
  });
}

export async function processFilingJob(deps: FilingDeps, job: FilingJob): Promise<FilingOutcome> {
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const found = await deps.records.get(job.agreementId, job.sessionId);
  if (!found) throw refuse('not_found', 'There is no record for this session.', { sessionId: job.sessionId });
  if (found.status === 'filed') {
    await tellFiled(deps, found, now, log);
    return { status: 'already-filed', record: found };
  }
  if (found.status !== 'final') {
    throw refuse('conflict', `Only a record signed by both can be filed; this one is ${found.status}.`, { sessionId: job.sessionId, status: found.status });
  }
  let stored: StoredRecordCopy;
  try {
    stored = await storeFinalRecord(deps, found);
  } catch (error) {
    // Another instance may have filed this record meanwhile (its files locked as a record, issue 16
    // item 3): the record says so, and this job is done rather than poisoned.
    if (isPermanentFilingFailure(error)) {
      const now = await deps.records.get(job.agreementId, job.sessionId);
      if (now?.status === 'filed') {
        log.info('filing_already_filed', { sessionId: job.sessionId });
        return { status: 'already-filed', record: now };
      }
    }
    throw error;
  }

  // Mark filed, on what is stored at write time (the repository's ETag loop re-reads a row that moved).
  const at = now().toISOString();
  const outcome = await deps.records.apply(job.agreementId, job.sessionId, (current): { next?: SessionRecord; result: FilingOutcome } => {
    if (!current) throw refuse('not_found', 'The record disappeared while it was being filed.', { sessionId: job.sessionId });
    if (current.status === 'filed') return { result: { status: 'already-filed', record: current } };
    const filed = markFiled(current, { ...stored, filedAt: at }, at);
    return { next: filed, result: { status: 'filed', record: filed } };
  });
  if (outcome.status === 'filed') log.info('record_filed', { sessionId: job.sessionId, pdf: stored.driveItemIds.pdf, json: stored.driveItemIds.json });
  await tellFiled(deps, outcome.record, now, log);
  return outcome;
}

/** How long a run's claim to tell the people holds another run off (longer than telling takes). */
const TELLING_CLAIM_MS = 2 * 60_000;

/**
 * Step 5: tells both parties, once the record is filed and they have not been told, then marks it.
 * The run claims the telling first (ETag write), so a replayed job for the same record does not
 * tell them twice: it fails, to be retried, while the claim is recent. A failure to tell releases
 * the claim and is logged and thrown, so the queue retries the job (which finds the record filed
 * and comes straight here); a claim left by a crash lapses after TELLING_CLAIM_MS.
 */
async function tellFiled(deps: FilingDeps, record: SessionRecord, now: () => Date, log: Logger): Promise<void> {
  const onFiled = deps.onFiled;
  if (!onFiled || record.filedNoticeAt !== undefined) return;
  const at = now();
  const claim = await deps.records.apply(record.agreementId, record.sessionId, (current): { next?: SessionRecord; result: SessionRecord | 'told' | 'busy' } => {
    if (!current || current.filedNoticeAt !== undefined) return { result: 'told' };
    const claimed = current.filedNoticeClaimedAt;
    if (claimed !== undefined && at.getTime() - Date.parse(claimed) < TELLING_CLAIM_MS) return { result: 'busy' };
    const next: SessionRecord = { ...current, filedNoticeClaimedAt: at.toISOString() };
    return { next, result: next };
  });
  if (claim === 'told') return;
  if (claim === 'busy') throw new AppError('unavailable', 'Another run is telling the people this record is filed; this one looks again later.', { sessionId: record.sessionId });
  const settle = (change: (current: SessionRecord) => SessionRecord) => deps.records.apply(record.agreementId, record.sessionId, (current) => {
    if (!current || current.filedNoticeAt !== undefined) return { result: undefined };
    return { next: change(current), result: undefined };
  });
  try {
    await onFiled(claim);
  } catch (error) {
    log.warn('record_filed_notice_failed', { sessionId: record.sessionId, ...errorFields(error) });
    await settle(({ filedNoticeClaimedAt: _released, ...rest }) => rest).catch(() => undefined);
    throw error;
  }
  await settle((current) => ({ ...current, filedNoticeAt: now().toISOString() }));
}
