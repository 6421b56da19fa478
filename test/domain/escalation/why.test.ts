import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { composeDigest, dueSteps, parseEscalationSettings } from '../../../src/domain/escalation/index.js';
import type { Obligation } from '../../../src/domain/obligations/types.js';
import { getPack } from '../../../src/policy/packs.js';
import { ZStoredStep } from '../../../src/repositories/escalations.js';

const sefton = getPack('sefton');
const settings = parseEscalationSettings({ reference: 'Escalation settings 2026', lineManagerAfterWorkingDays: 3, nextTierAfterWorkingDays: 5, fallback: { personId: 'hos', role: 'Head of Service' } });
const ob = (rule: string): Obligation => ({
  id: 'session-frequency:x:2026-03-31', kind: 'session-frequency', subject: 'session-2026-03-02', status: 'due', due: '2026-03-31',
  responsible: 'supervisor', modality: 'must', severity: 'breach', rule, detail: 'a session in March',
});
const nudge = (rule: string) => dueSteps({
  agreementId: 'a1', obligation: ob(rule), today: '2026-03-31', calendar: createWorkingCalendar({ nation: 'england-and-wales' }), pack: sefton, settings,
  parties: { supervisorId: 'tm', superviseeId: 'sw' }, chainOf: () => ['sm'], ledger: [], acknowledged: false,
})[0];

describe('reminders and escalations carry the policy\'s words for what they cite (issue 10 item 1)', () => {
  it('a step keeps its citation for logs and the audit, and adds the sentence and where it is for people', () => {
    const step = nudge('SE-F10 Sefton ¶3.12 (L98)');
    expect(step).toMatchObject({ step: 'nudge', citation: 'SE-F10 Sefton ¶3.12 (L98)' });
    expect(step?.why).toEqual({
      quote: 'The frequency of supervision for all newly qualified social workers is once a week for the first six weeks; once a fortnight for the next six months and monthly thereafter.',
      label: 'Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 3.12',
    });
    const digest = composeDigest('2026-03-31', step ? [step] : []);
    expect(digest.items?.[0]?.why).toEqual(step?.why);
  });

  it('a value the council set itself has no policy words to show', () => {
    expect(nudge('SE-D4 Sefton local configuration, not the policy')?.why).toBeUndefined();
  });

  it('the digest row stores the words with the step, and rows written before still read', () => {
    const step = nudge('SE-F10 Sefton ¶3.12 (L98)');
    const { why, ...older } = { ...step, responsibleIds: [...(step?.responsibleIds ?? [])], basis: [...(step?.basis ?? [])] };
    expect(ZStoredStep.parse({ ...older, why }).why).toEqual(why);
    expect(ZStoredStep.parse(older).why).toBeUndefined();
  });
});
