import type { SessionRecord } from '../../domain/records/schema.js';
import { dayInWords } from '../../domain/words/dates.js';
import { fingerprint } from '../../domain/words/fingerprint.js';

export interface FiledNotice {
  readonly personId: string;
  readonly text: string;
}

/**
 * What both parties are told once the record is filed (issue 5 item 4): it is stored in the
 * employee's supervision file and locked, and its short fingerprint (the PDF shows the same; the
 * whole hash is in the filed JSON). Words for people: the session's date in words, no folder path
 * with an object id in it (issue 15 item 3).
 */
export function filedNotices(record: SessionRecord): FiledNotice[] {
  const filed = record.filed;
  if (record.status !== 'filed' || !filed) return [];
  const version = record.versions.at(-1);
  const what = `The supervision record of ${dayInWords(record.sessionDate)}${version ? ` (version ${version.version})` : ''}, signed by you both,`;
  const where = 'in SharePoint, under Supervision records, as a PDF with its data file beside it';
  const lock = filed.retentionLabel ? ` It is locked under the retention label "${filed.retentionLabel}".` : '';
  const print = version ? ` Its fingerprint is ${fingerprint(version.hash)}, as on the PDF.` : '';
  return [
    { personId: record.supervisee.id, text: `${what} is stored in your supervision file ${where}.${lock}${print}` },
    { personId: record.supervisor.id, text: `${what} is stored in ${record.supervisee.name}'s supervision file ${where}.${lock}${print}` },
  ];
}
