import type { SessionRecord } from '../../domain/records/schema.js';
import { statusText } from './present.js';

/**
 * Where a record stands, as its reader's own list says it (issue 15 item 6): "you" for the
 * reader and the other person by name, instead of "the supervisee" or "the supervisor".
 */
export function statusForReader(record: SessionRecord, reader: 'supervisor' | 'supervisee'): string {
  const supervisor = record.supervisor.name;
  const supervisee = record.supervisee.name;
  const mine = reader === 'supervisor';
  switch (record.status) {
    case 'draft':
      return mine ? 'You are writing it' : `Being written by ${supervisor}`;
    case 'shared':
      return mine ? `Shared, waiting for ${supervisee} to sign` : `Shared by ${supervisor}, waiting for you to sign`;
    case 'disputed':
      return mine ? `${supervisee} disagreed; waiting for you to amend it` : `You disagreed; waiting for ${supervisor} to amend it`;
    default:
      return statusText(record);
  }
}
