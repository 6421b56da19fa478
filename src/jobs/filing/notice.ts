import type { SessionRecord } from '../../domain/records/schema.js';

export interface FiledNotice {
  readonly personId: string;
  readonly text: string;
}

/**
 * What both parties are told once the record is filed (issue 5 item 4): it is stored in the
 * employee's supervision file and locked, where to find it, and the hash both signed.
 */
export function filedNotices(record: SessionRecord): FiledNotice[] {
  const filed = record.filed;
  if (record.status !== 'filed' || !filed) return [];
  const version = record.versions.at(-1);
  const what = `The supervision record of ${record.sessionDate}${version ? ` (version ${version.version})` : ''}, signed by you both,`;
  const where = `${filed.pdfPath} (with its JSON beside it)`;
  const lock = filed.retentionLabel ? ` It is locked under the retention label "${filed.retentionLabel}".` : '';
  const hash = version ? ` SHA-256: ${version.hash}.` : '';
  return [
    { personId: record.supervisee.id, text: `${what} is stored in your supervision file: ${where}.${lock}${hash}` },
    { personId: record.supervisor.id, text: `${what} is stored in ${record.supervisee.name}'s supervision file: ${where}.${lock}${hash}` },
  ];
}
