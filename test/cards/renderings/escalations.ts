import { escalationCard, escalationCardFor } from '../../../src/cards/escalation-card.js';
import { threeWayMeetingCard } from '../../../src/cards/three-way-meeting-card.js';
import { composeDigest, type DueStep } from '../../../src/domain/escalation/index.js';

const step = (over: Partial<DueStep>): DueStep => ({
  key: 'k', agreementId: 'ag-1', obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', obligationKind: 'session-frequency', step: 'line-manager', recipientId: 'sm1',
  responsibleIds: ['tm1'], supervisorId: 'tm1', superviseeId: 'sw1', what: 'Monthly: a session in 2026-02-05..2026-03-04', due: '2026-03-04', lateSince: '2026-03-05', severity: 'breach',
  citation: 'SE-F6 Sefton ¶3.8 (L90)', basis: ['Demo council local configuration, not the policy (K13)'], ...over,
});

/** A manager's digest: an escalation (acknowledge, note), a late record (open it), a closed one. */
export const escalationDigest = composeDigest('2026-03-09', [
  step({ key: 'a' }),
  step({ key: 'b', obligationId: 'record-shared:session-2026-02-10:2026-02-17', obligationKind: 'record-shared', what: 'record of the session on 2026-02-10', sessionId: 'ag-1-s002' }),
  step({ key: 'c', step: 'closed', obligationId: 'agreement-review:after-2025-06-02:2026-06-02', obligationKind: 'agreement-review', what: 'agreement reviewed' }),
], new Map([['tm1', 'Tariq Manager'], ['sw1', 'Sam Worker']]));

/** Sample renderings of the escalations cards, checked by card-templates.test.ts; key = template file name (plus a variant). */
export const escalationsRenderings: Record<string, object> = {
  escalation: escalationCardFor(escalationDigest),
  'escalation nudge to the supervisor (rebook now)': escalationCardFor(composeDigest('2026-03-04', [step({ step: 'nudge', recipientId: 'tm1' })])),
  'escalation closed, no buttons': escalationCard({ title: 'Supervision: escalation closed', items: [{ heading: 'Escalation closed', what: 'x', facts: [], agreementId: 'a', obligationId: 'o', noteField: 'note_0', acknowledge: false, note: false, rebook: false, openRecord: false }] }),
};

// The three-way meeting a supervisee's "I'm not getting supervision" proposes (Leeds §F (L124–134)).
const threeWayBase = {
  superviseeId: 'sw1', concernDate: '2026-11-30', title: 'Three-way meeting about supervision', intro: 'A three-way meeting is proposed at one of these times, free for all three.',
  facts: [{ title: 'Supervisee', value: 'Sam Worker' }, { title: 'Supervisor', value: 'Tariq Manager' }, { title: 'Line manager', value: 'Sara Service' }],
  slots: [{ value: '2026-12-01T10:00:00Z|2026-12-01T11:00:00Z', label: 'Tue 1 Dec, 10:00' }, { value: '2026-12-02T10:00:00Z|2026-12-02T11:00:00Z', label: 'Wed 2 Dec, 10:00' }],
};
escalationsRenderings['three-way-meeting'] = threeWayMeetingCard(threeWayBase);
escalationsRenderings['three-way-meeting booked (no button)'] = threeWayMeetingCard({ ...threeWayBase, intro: 'The meeting is booked.', booked: 'Booked for Tue 1 Dec, 10:00: a Teams meeting organised by Sara Service, in all three calendars. [Join the Teams meeting](https://teams.example/join/1)' });
escalationsRenderings['three-way-meeting slot taken, no free time'] = threeWayMeetingCard({ ...threeWayBase, slots: [], error: 'That time is no longer free for all three of you.' });
