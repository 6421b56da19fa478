import { recordPartyOf, type RecordParty } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { RecordDeps } from './deps.js';

export interface MyRecord {
  readonly record: SessionRecord;
  readonly party: RecordParty;
}

/** The records a person is party to, newest session first (one partition read per agreement). */
export async function listMyRecords(deps: RecordDeps, personId: string): Promise<MyRecord[]> {
  const links = await deps.agreements.linksOf(personId);
  const out: MyRecord[] = [];
  for (const link of links) {
    for (const record of await deps.records.list(link.agreementId)) {
      const party = recordPartyOf(record, personId);
      if (party) out.push({ record, party });
    }
  }
  return out.sort((a, b) => (a.record.sessionDate === b.record.sessionDate ? (a.record.sessionId < b.record.sessionId ? 1 : -1) : a.record.sessionDate < b.record.sessionDate ? 1 : -1));
}
