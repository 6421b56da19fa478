/**
 * The employee's supervision file on SharePoint through Microsoft Graph (issue 5 item 4; Sefton
 * ¶9 L261–269, ¶3.19 L114, ¶10 L279), in the supervision library's own drive (SHAREPOINT_LIBRARY on
 * SHAREPOINT_SITE, supervision-library.ts; never the site's default 'Documents'). Each file goes
 * through four idempotent steps:
 *
 * 1. upload by path with `@microsoft.graph.conflictBehavior=fail` (Graph docs
 *    driveitem-put-content.md: PUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content, up to
 *    4 MB; above that driveitem-createuploadsession.md: POST …:/createUploadSession with
 *    `item["@microsoft.graph.conflictBehavior"]`, then Content-Range fragments in multiples of
 *    320 KiB to the pre-authenticated uploadUrl). Missing folders are created by the PUT. A 409
 *    means the name is taken: the existing file is downloaded and accepted only when its bytes
 *    hash the same (a retried job), otherwise the filing fails loudly and nothing is overwritten;
 * 2. read the list item (GET …/items/{id}/listItem?$select=id,sharepointIds&$expand=fields: its id,
 *    its list's id from sharepointIds.listId (sharepointids.md; parentReference is the item's parent,
 *    not its list: itemreference.md) and its column values, which come only with expand=fields);
 * 3. set the metadata columns (listitem-update.md: PATCH /sites/{site-id}/lists/{list-id}/items/{item-id}/fields)
 *    when they differ; SharePoint refuses a column the library does not have, so a refusal names
 *    the missing columns (GET /sites/{site-id}/lists/{list-id}/columns, list-list-columns.md);
 * 4. where a label is configured, apply the retention label (driveitem-setretentionlabel.md:
 *    PATCH /drives/{drive-id}/items/{item-id}/retentionLabel {"name"}); a record label locks the
 *    file, so this step comes last and a file already carrying the label is left as it is.
 *
 * Throttling (429) and 503/504 are retried after Retry-After by the Graph client's retry middleware
 * (graph-client.ts), and upload fragments by the same retry module (src/adapters/retry.ts); what
 * is still failing reaches the caller as AppError 'unavailable' for the job to retry later. Errors and logs never carry names or paths (they hold people's names).
 *
 * The library needs these columns (single line of text unless said): Employee, EmployeeId,
 * Supervisor, SupervisorId, SessionDate (date), RecordType, Policy, RecordVersion (number),
 * RecordHash, SupervisorSignedAt, SuperviseeSignedAt, RetainUntil (date), RetentionRule.
 */
import { createHash } from 'node:crypto';
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { AppError, isAppError } from '../../../domain/errors.js';
import {
  employeeFolder,
  recordFileNames,
  type FileRecordRequest,
  type StoredRecordCopy,
  type SupervisionFile,
  type SupervisionFileDocument,
  type SupervisionFileMetadata,
} from '../../../domain/ports/supervision-file.js';
import { silentLogger, type Logger } from '../../../observability/logger.js';
import { retry, transientStatus, type RetryClock, type RetryPolicy } from '../../retry.js';
import { DEFAULT_SUPERVISION_LIBRARY, findSupervisionLibrary, type SupervisionLibrary } from './supervision-library.js';

export interface GraphSupervisionFileOptions {
  readonly graph: Client;
  /** SHAREPOINT_SITE: a site id, or `hostname:/sites/path` (Graph's path-based site address). */
  readonly site: string;
  /** SHAREPOINT_LIBRARY: the display name of the site's supervision library. Default 'Supervision Files'. */
  readonly library?: string | undefined;
  /** RECORDS_RETENTION_LABEL, e.g. "Supervision record". */
  readonly retentionLabel?: string | undefined;
  /** Files larger than this go through an upload session. Default 4 MiB (Graph's simple-upload limit). */
  readonly simpleUploadLimitBytes?: number;
  /** Upload-session fragment size; a multiple of 320 KiB as Graph asks. Default 10 × 320 KiB. */
  readonly chunkBytes?: number;
  readonly log?: Logger;
  /** For the pre-authenticated uploadUrl, which must be called without the Graph token. Default: global fetch. */
  readonly fetch?: typeof fetch;
  /** Tests only: the retry module's clock for upload fragments. */
  readonly retryClock?: RetryClock;
}

/** Internal names of the library's metadata columns. */
export const SUPERVISION_FILE_COLUMNS = {
  employeeName: 'Employee',
  employeeId: 'EmployeeId',
  supervisorName: 'Supervisor',
  supervisorId: 'SupervisorId',
  sessionDate: 'SessionDate',
  recordType: 'RecordType',
  policy: 'Policy',
  version: 'RecordVersion',
  hash: 'RecordHash',
  supervisorSignedAt: 'SupervisorSignedAt',
  superviseeSignedAt: 'SuperviseeSignedAt',
  retainUntil: 'RetainUntil',
  retentionRule: 'RetentionRule',
} as const satisfies Record<keyof SupervisionFileMetadata, string>;

const FRAGMENT_UNIT = 320 * 1024;

interface DriveItemRef {
  readonly id: string;
}

function statusOf(error: unknown): number | undefined {
  const s = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === 'number' && s > 0 ? s : undefined;
}

function graphCodeOf(error: unknown): string | undefined {
  const c = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof c === 'string' ? c : undefined;
}

/** Transient (retry later) or permanent (poison now), never with a name or path in it. */
function failure(error: unknown, step: string): AppError {
  if (error instanceof AppError) return error;
  const status = statusOf(error);
  const detail = { step, status: status ?? null, graphCode: graphCodeOf(error) ?? null };
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    return new AppError(status === 429 ? 'throttled' : 'unavailable', `SharePoint did not complete ${step} (${status ? `HTTP ${status}` : 'no answer'}); it will be retried.`, detail, { cause: error });
  }
  if (status === 423) return new AppError('conflict', `SharePoint refused ${step}: the file is locked as a record.`, { ...detail, permanent: true }, { cause: error });
  const code = status === 403 || status === 401 ? 'forbidden' : status === 404 ? 'not_found' : 'invalid_input';
  return new AppError(code, `SharePoint refused ${step} (HTTP ${status}).`, { ...detail, permanent: true }, { cause: error });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `/a b/c.pdf` → `/a%20b/c.pdf`: each segment encoded for Graph's path-based addressing. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

const DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;

function instantOf(s: string): number {
  return Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
}

/** SharePoint gives a date column back as a UTC date-time ('2026-11-30T00:00:00Z' for '2026-11-30'). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && DATE.test(a) && DATE.test(b)) return instantOf(a) === instantOf(b);
  return (a ?? null) === (b ?? null);
}

export function metadataFields(m: SupervisionFileMetadata): Record<string, string | number | null> {
  return {
    [SUPERVISION_FILE_COLUMNS.employeeName]: m.employeeName,
    [SUPERVISION_FILE_COLUMNS.employeeId]: m.employeeId,
    [SUPERVISION_FILE_COLUMNS.supervisorName]: m.supervisorName,
    [SUPERVISION_FILE_COLUMNS.supervisorId]: m.supervisorId,
    [SUPERVISION_FILE_COLUMNS.sessionDate]: m.sessionDate,
    [SUPERVISION_FILE_COLUMNS.recordType]: m.recordType,
    [SUPERVISION_FILE_COLUMNS.policy]: m.policy,
    [SUPERVISION_FILE_COLUMNS.version]: m.version,
    [SUPERVISION_FILE_COLUMNS.hash]: m.hash,
    [SUPERVISION_FILE_COLUMNS.supervisorSignedAt]: m.supervisorSignedAt,
    [SUPERVISION_FILE_COLUMNS.superviseeSignedAt]: m.superviseeSignedAt,
    [SUPERVISION_FILE_COLUMNS.retainUntil]: m.retainUntil ?? null,
    [SUPERVISION_FILE_COLUMNS.retentionRule]: m.retentionRule,
  };
}

/**
 * Upload-session fragments: five tries, a second's backoff doubling from there (what the
 * hand-written loop before the retry module did), within the upload session's patience.
 */
const fragmentRetry: Partial<RetryPolicy> = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxElapsedMs: 5 * 60_000 };

export function createGraphSupervisionFile(options: GraphSupervisionFileOptions): SupervisionFile {
  const { graph } = options;
  const log = options.log ?? silentLogger;
  const simpleLimit = options.simpleUploadLimitBytes ?? 4 * 1024 * 1024;
  const chunkBytes = Math.max(FRAGMENT_UNIT, Math.floor((options.chunkBytes ?? 10 * FRAGMENT_UNIT) / FRAGMENT_UNIT) * FRAGMENT_UNIT);
  const doFetch = options.fetch ?? fetch;
  const libraryName = options.library ?? DEFAULT_SUPERVISION_LIBRARY;
  let location: Promise<SupervisionLibrary> | undefined;

  /**
   * The supervision library by its name (not the site's default 'Documents'), looked up once
   * (supervision-library.ts). A site without it is a permanent error naming the library and the
   * fix; the backstop queues the record again once setup has made it.
   */
  function library(): Promise<SupervisionLibrary> {
    location ??= (async () => {
      try {
        return await findSupervisionLibrary(graph, options.site, libraryName);
      } catch (error) {
        location = undefined;
        if (isAppError(error) && error.details?.library === libraryName) log.warn('sharepoint.library_missing', { code: 'sharepoint.library_missing', library: libraryName });
        throw failure(error, 'finding the supervision library');
      }
    })();
    return location;
  }

  async function existingMatches(driveId: string, path: string, content: Uint8Array, kind: string): Promise<DriveItemRef> {
    let item: DriveItemRef;
    let bytes: ArrayBuffer;
    try {
      item = (await graph.api(`/drives/${driveId}/root:${encodePath(path)}`).get()) as DriveItemRef;
      bytes = (await graph.api(`/drives/${driveId}/items/${item.id}/content`).responseType(ResponseType.ARRAYBUFFER).get()) as ArrayBuffer;
    } catch (error) {
      throw failure(error, `reading the ${kind} already filed`);
    }
    if (sha256(new Uint8Array(bytes)) !== sha256(content)) {
      throw new AppError('conflict', `A different ${kind} is already filed under this record's name (drive item ${item.id}); it was not overwritten.`, { permanent: true, driveItemId: item.id });
    }
    log.info('supervision_file_already_stored', { kind, driveItemId: item.id });
    return item;
  }

  async function simpleUpload(driveId: string, path: string, doc: SupervisionFileDocument): Promise<DriveItemRef | 'exists'> {
    try {
      return (await graph
        .api(`/drives/${driveId}/root:${encodePath(path)}:/content?@microsoft.graph.conflictBehavior=fail`)
        .header('Content-Type', doc.contentType)
        .put(Buffer.from(doc.content))) as DriveItemRef;
    } catch (error) {
      if (statusOf(error) === 409) return 'exists';
      throw error;
    }
  }

  /**
   * PUTs one fragment. The uploadUrl is outside the Graph client (it must be called without the
   * Graph token), so the client's retry middleware does not cover it: throttling and outages are
   * retried here by the same retry module, after Retry-After.
   */
  async function putFragment(uploadUrl: string, content: Uint8Array, from: number): Promise<Response> {
    const to = Math.min(content.length, from + chunkBytes) - 1;
    try {
      return await retry(
        () =>
          doFetch(uploadUrl, {
            method: 'PUT',
            headers: { 'Content-Range': `bytes ${from}-${to}/${content.length}`, 'Content-Length': String(to - from + 1) },
            body: Buffer.from(content.subarray(from, to + 1)),
          }),
        {
          policy: fragmentRetry,
          ...(options.retryClock ? { clock: options.retryClock } : {}),
          // A fetch that throws got no answer (network error): the fragment may be resent as is.
          retryable: () => transientStatus(undefined),
          retryableResult: (res) => transientStatus(res.status, res.headers.get('retry-after')),
        },
      );
    } catch (error) {
      throw new AppError('unavailable', 'SharePoint upload session did not answer; it will be retried.', { step: 'upload fragment' }, { cause: error });
    }
  }

  async function sessionUpload(driveId: string, path: string, doc: SupervisionFileDocument): Promise<DriveItemRef | 'exists'> {
    let uploadUrl: string;
    try {
      const session = (await graph
        .api(`/drives/${driveId}/root:${encodePath(path)}:/createUploadSession`)
        .post({ item: { '@microsoft.graph.conflictBehavior': 'fail' } })) as { uploadUrl: string };
      uploadUrl = session.uploadUrl;
    } catch (error) {
      if (statusOf(error) === 409) return 'exists';
      throw error;
    }
    let from = 0;
    while (from < doc.content.length) {
      const res = await putFragment(uploadUrl, doc.content, from);
      if (res.status === 409) return 'exists';
      if (res.status === 200 || res.status === 201) return (await res.json()) as DriveItemRef;
      if (res.status === 202 || res.status === 416) {
        // Resume where the service says it is (a lost answer, or a fragment it already had).
        const body = (res.status === 202 ? await res.json() : await (await doFetch(uploadUrl)).json()) as { nextExpectedRanges?: string[] };
        const next = Number((body.nextExpectedRanges?.[0] ?? '').split('-')[0]);
        if (!Number.isFinite(next) || next <= from) throw new AppError('unavailable', 'SharePoint upload session stopped making progress; it will be retried.', { step: 'upload session' });
        from = next;
        continue;
      }
      // An expired or lost session (404) is started afresh by the job's next attempt.
      if (res.status === 404) throw new AppError('unavailable', 'SharePoint upload session expired; it will be retried.', { step: 'upload session', status: 404 });
      throw failure({ statusCode: res.status }, 'uploading through an upload session');
    }
    throw new AppError('unavailable', 'SharePoint upload session ended without the file; it will be retried.', { step: 'upload session' });
  }

  async function upload(driveId: string, path: string, doc: SupervisionFileDocument, kind: string): Promise<DriveItemRef> {
    let result: DriveItemRef | 'exists';
    try {
      result = doc.content.length > simpleLimit ? await sessionUpload(driveId, path, doc) : await simpleUpload(driveId, path, doc);
    } catch (error) {
      throw failure(error, `uploading the ${kind}`);
    }
    return result === 'exists' ? existingMatches(driveId, path, doc.content, kind) : result;
  }

  async function currentLabel(driveId: string, itemId: string): Promise<string | undefined> {
    try {
      const label = (await graph.api(`/drives/${driveId}/items/${itemId}/retentionLabel`).get()) as { name?: string | null };
      return label.name ?? undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw failure(error, 'reading the retention label');
    }
  }

  /**
   * Another run of the same record (a second instance, issue 16 item 3) finished the file between
   * our read and our write: it carries our label and the metadata we wanted, so it is done.
   */
  async function finishedElsewhere(driveId: string, itemId: string, wanted: Record<string, unknown>): Promise<boolean> {
    const label = options.retentionLabel;
    if (!label || (await currentLabel(driveId, itemId).catch(() => undefined)) !== label) return false;
    try {
      const listItem = (await graph.api(`/drives/${driveId}/items/${itemId}/listItem`).select('id').expand('fields').get()) as { fields?: Record<string, unknown> };
      const have = listItem.fields ?? {};
      return Object.entries(wanted).every(([k, v]) => sameValue(have[k], v));
    } catch {
      return false;
    }
  }

  async function describe(driveId: string, itemId: string, metadata: SupervisionFileMetadata, kind: string): Promise<void> {
    try {
      await describeOnce(driveId, itemId, metadata, kind);
    } catch (error) {
      // 423: locked as a record since we looked. If another run locked it with exactly what we
      // were writing, the file is as this run would leave it; otherwise the refusal stands.
      if (isAppError(error) && error.details?.status === 423 && (await finishedElsewhere(driveId, itemId, metadataFields(metadata)))) {
        log.info('supervision_file_already_stored', { kind, driveItemId: itemId, by: 'another run' });
        return;
      }
      throw error;
    }
  }

  async function describeOnce(driveId: string, itemId: string, metadata: SupervisionFileMetadata, kind: string): Promise<void> {
    const label = options.retentionLabel;
    // Already labelled by an earlier run: locked as a record, metadata set before the label.
    if (label && (await currentLabel(driveId, itemId)) === label) return;
    const wanted = metadataFields(metadata);
    let listId: string | undefined;
    try {
      const listItem = (await graph.api(`/drives/${driveId}/items/${itemId}/listItem`).select('id,sharepointIds').expand('fields').get()) as {
        id: string;
        sharepointIds?: { listId?: string };
        fields?: Record<string, unknown>;
      };
      const have = listItem.fields ?? {};
      const changes = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !sameValue(have[k], v)));
      if (Object.keys(changes).length > 0) {
        listId = listItem.sharepointIds?.listId;
        if (!listId) throw new AppError('internal', 'SharePoint did not say which list holds the file.', { step: 'metadata' });
        const { siteId } = await library();
        await graph.api(`/sites/${siteId}/lists/${listId}/items/${listItem.id}/fields`).patch(changes);
      }
    } catch (error) {
      if (listId && statusOf(error) === 400) throw await columnsRefused(error, listId, kind);
      throw failure(error, `setting the ${kind}'s metadata`);
    }
    if (!label) return;
    try {
      await graph.api(`/drives/${driveId}/items/${itemId}/retentionLabel`).patch({ name: label });
    } catch (error) {
      throw failure(error, `applying the retention label to the ${kind}`);
    }
  }

  /**
   * SharePoint refused the metadata (400: a column it does not know, or a value of the wrong
   * type). Which of the product's columns the library lacks is logged by name (column names, no
   * personal data) and put in the error, which is permanent: the library must be set up first
   * (`supervision setup sharepoint`). list-list-columns.md.
   */
  async function columnsRefused(error: unknown, listId: string, kind: string): Promise<AppError> {
    const base = failure(error, `setting the ${kind}'s metadata`);
    let missing: string[] = [];
    try {
      const { siteId } = await library();
      const page = (await graph.api(`/sites/${siteId}/lists/${listId}/columns`).select('name').get()) as { value?: Array<{ name?: string }> };
      const have = new Set((page.value ?? []).map((c) => c.name ?? ''));
      missing = Object.values(SUPERVISION_FILE_COLUMNS).filter((name) => !have.has(name));
    } catch {
      // Without the column list the refusal is reported as it came.
    }
    if (missing.length === 0) return base;
    log.warn('sharepoint.columns_missing', { code: 'sharepoint.columns_missing', columns: missing.join(' ') });
    return new AppError(
      'invalid_input',
      `The supervision library lacks the metadata columns ${missing.join(', ')} (run supervision setup sharepoint); SharePoint refused the ${kind}'s metadata.`,
      { ...base.details, missingColumns: missing, permanent: true },
      { cause: error },
    );
  }

  return {
    async storeRecord(request: FileRecordRequest): Promise<StoredRecordCopy> {
      if (sha256(request.json.content) !== request.metadata.hash) {
        throw new AppError('internal', 'The record JSON does not hash to the signed hash; it was not filed.', { permanent: true });
      }
      const { driveId } = await library();
      const folder = employeeFolder(request.employee);
      const names = recordFileNames(request.sessionDate, request.version, request.recordName);
      const jsonPath = `${folder}/${names.json}`;
      const pdfPath = `${folder}/${names.pdf}`;
      // JSON first: the signed content is in the file before its human-readable rendering.
      const json = await upload(driveId, jsonPath, request.json, 'record JSON');
      const pdf = await upload(driveId, pdfPath, request.pdf, 'record PDF');
      await describe(driveId, json.id, request.metadata, 'record JSON');
      await describe(driveId, pdf.id, request.metadata, 'record PDF');
      log.info('supervision_record_stored', { pdf: pdf.id, json: json.id, labelled: Boolean(options.retentionLabel) });
      return { pdfPath, jsonPath, driveItemIds: { pdf: pdf.id, json: json.id }, retentionLabel: options.retentionLabel };
    },
  };
}
