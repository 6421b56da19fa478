import { disagree, openRecord, shareVersion, signAsSupervisee } from '../../../src/domain/records/lifecycle.js';
import type { RecordContent, SessionRecord } from '../../../src/domain/records/schema.js';

export interface Party {
  readonly id: string;
  readonly name: string;
}

export const defaultSupervisor: Party = { id: '3f2b9c1e-0000-4000-8000-00000000aa01', name: 'Tomasz Brierley' };
export const defaultSupervisee: Party = { id: '7d4e2a10-0000-4000-8000-00000000bb02', name: 'Amara Fellgate' };

export function recordContent(over: Partial<RecordContent> = {}): RecordContent {
  return {
    standingItems: [
      { number: 1, text: 'How am I managing my work?', status: 'addressed', notes: 'Caseload of 14; LCS 123456 needs a strategy meeting.' },
      { number: 2, text: 'Training and development', status: 'not-applicable' },
    ],
    agendaItems: [{ text: 'Court statement deadline', caseRef: 'LCS 123456' }],
    discussion: 'Discussed the week of duty and the court statement.',
    decisions: 'Statement to be drafted by Friday.',
    actions: [
      { actionId: 'act-1', text: 'Draft the court statement', ownerId: defaultSupervisee.id, ownerName: defaultSupervisee.name, due: '2026-06-12' },
      { actionId: 'act-2', text: 'Book the strategy meeting', ownerId: defaultSupervisor.id, ownerName: defaultSupervisor.name, due: '2026-06-10' },
    ],
    personalIssuesDiscussed: true,
    ...over,
  };
}

/**
 * A record as the session cycle leaves it: shared, disagreed with, amended, signed by both (so
 * it carries an earlier version's disagreement), through the real lifecycle functions.
 */
export function finalRecord(options: { agreementId?: string; sessionId?: string; sessionDate?: string; supervisor?: Party; supervisee?: Party; content?: Partial<RecordContent>; disagreement?: boolean } = {}): SessionRecord {
  const supervisor = options.supervisor ?? defaultSupervisor;
  const supervisee = options.supervisee ?? defaultSupervisee;
  const agreementId = options.agreementId ?? 'agr-fixture';
  let record = openRecord(
    {
      agreementId,
      sessionId: options.sessionId ?? `${agreementId}-s01`,
      sessionDate: options.sessionDate ?? '2026-06-02',
      policyId: 'sefton',
      templateId: 'welfare-supervision-record',
      supervisor,
      supervisee,
    },
    '2026-06-02T11:45:00Z',
  );
  const first = recordContent(options.content);
  record = shareVersion(record, supervisor, first, 0, '2026-06-02T12:00:00Z');
  if (options.disagreement !== false) {
    record = disagree(record, supervisee, record.versions[0]!.hash, 'The statement deadline was agreed as Monday, not Friday.', '2026-06-03T09:10:00Z');
    record = shareVersion(record, supervisor, { ...first, decisions: 'Statement to be drafted by Monday.' }, 1, '2026-06-03T15:30:00Z');
  }
  const latest = record.versions.at(-1)!;
  return signAsSupervisee(record, supervisee, latest.hash, '2026-06-04T08:20:00Z');
}
