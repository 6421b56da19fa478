/**
 * The employee's supervision file (issue 5 item 4): where a record signed by both is kept for
 * good, as a PDF people read and the canonical JSON both signatures cover.
 *
 * Sefton ¶9 (L261–269) and ¶3.19 (L114): the record goes to SharePoint, into the employee's own
 * file. Sefton ¶10 (L279): kept for the whole employment, then 7 years after leaving. An adapter
 * (src/adapters/graph/sharepoint) stores them in the supervision site's document library.
 */

/** What a person searching the library sees next to the file (the library's metadata columns). */
export interface SupervisionFileMetadata {
  readonly employeeName: string;
  /** Entra object id of the employee (the supervisee). */
  readonly employeeId: string;
  readonly supervisorName: string;
  readonly supervisorId: string;
  /** YYYY-MM-DD */
  readonly sessionDate: string;
  /** The pack's record template, e.g. "Personal Reflective/Welfare Supervision record". */
  readonly recordType: string;
  /** The policy pack, e.g. "Sefton Council Supervision Policy (sefton)". */
  readonly policy: string;
  readonly version: number;
  /** SHA-256 (hex) of the canonical JSON both signatures cover. */
  readonly hash: string;
  readonly supervisorSignedAt: string;
  readonly superviseeSignedAt: string;
  /** YYYY-MM-DD when the rule gives a date; absent while it cannot (e.g. the employee has not left). */
  readonly retainUntil?: string | undefined;
  /** The retention rule in words, with its citation. */
  readonly retentionRule: string;
}

export interface SupervisionFileDocument {
  readonly content: Uint8Array;
  readonly contentType: string;
}

export interface FileRecordRequest {
  /** The employee whose file this is: the supervisee. */
  readonly employee: { readonly id: string; readonly displayName: string };
  readonly sessionDate: string;
  readonly version: number;
  /**
   * What the record is, in its file name: "supervision record" (default), or a review or
   * milestone's own name (issue 14 item 1), so its record never takes a session's name on the
   * same day (the ASYE learning agreement is made at the first session).
   */
  readonly recordName?: string | undefined;
  readonly pdf: SupervisionFileDocument;
  /** Exactly the canonical JSON whose SHA-256 is metadata.hash. */
  readonly json: SupervisionFileDocument;
  readonly metadata: SupervisionFileMetadata;
}

export interface StoredRecordCopy {
  /** Paths below the library root, e.g. `/Employees/Amara Fellgate (…)/Supervision records/2026-06-02 supervision record v1.pdf`. */
  readonly pdfPath: string;
  readonly jsonPath: string;
  readonly driveItemIds: { readonly pdf: string; readonly json: string };
  /** The retention label applied (which locks the record), when one is configured. */
  readonly retentionLabel?: string | undefined;
}

/**
 * Stores a final record's PDF and JSON with their metadata. Idempotent: storing the same record
 * again (a retried job, a crash before the record was marked filed) finds the files already there
 * with the same content and answers with them. A file of the same name with different content is
 * an AppError 'conflict' (details.permanent), never overwritten: the stored record is evidence.
 */
export interface SupervisionFile {
  storeRecord(request: FileRecordRequest): Promise<StoredRecordCopy>;
}

/** Characters SharePoint refuses in names, and leading/trailing dots and spaces. */
function safeName(text: string): string {
  const cleaned = text.replace(/["*:<>?/\\|#%~&{}]|\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.slice(0, 120) || 'unnamed';
}

/** Sefton ¶9 (L261–269): the employee's own file: `/Employees/<displayName> (<objectId>)/Supervision records`. */
export function employeeFolder(employee: { readonly id: string; readonly displayName: string }): string {
  return `/Employees/${safeName(employee.displayName)} (${safeName(employee.id)})/Supervision records`;
}

/** Deterministic, so a retry addresses the same files: `<sessionDate> supervision record v<version>.pdf|.json`. */
export function recordFileNames(sessionDate: string, version: number, recordName = 'supervision record'): { pdf: string; json: string } {
  const stem = `${safeName(sessionDate)} ${safeName(recordName)} v${version}`;
  return { pdf: `${stem}.pdf`, json: `${stem}.json` };
}

/** What the PDF shows beside the record itself (the adapter in src/adapters/pdf renders it). */
export interface RecordPdfLabels {
  /** The council's name as people see it (COUNCIL_NAME). */
  readonly councilName: string;
  /** The policy pack as people know it, e.g. "Sefton Council Supervision Policy". Default: the pack id. */
  readonly policyName?: string | undefined;
  /** The record template's name. Default: the template id. */
  readonly templateName?: string | undefined;
  /** Retention in words, printed at the end (e.g. "Kept … 7 years after leaving (Sefton ¶10 L279)"). */
  readonly retention?: string | undefined;
  /**
   * The pack's case categories, id → the pack's words (case-categories.ts), so a case discussion
   * reads "Child protection", never its id (issue 14 item 2). An id missing here prints as it is.
   */
  readonly caseCategories?: Readonly<Record<string, string>> | undefined;
}

/** Renders a final record (both signatures over one hash) as the PDF people read, deterministically. */
export type RecordPdfRenderer = (record: import('../records/schema.js').SessionRecord, labels: RecordPdfLabels) => Promise<Uint8Array>;
