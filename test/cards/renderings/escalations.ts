import { escalationCard, escalationCardFor } from '../../../src/cards/escalation-card.js';
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
