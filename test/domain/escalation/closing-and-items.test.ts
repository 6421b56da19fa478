import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { closingStepsOnEnd, composeDigest, dueSteps, parseEscalationSettings, type LedgerEntry } from '../../../src/domain/escalation/index.js';
import type { Obligation } from '../../../src/domain/obligations/types.js';
import { getPack } from '../../../src/policy/packs.js';

const cal = createWorkingCalendar({ nation: 'england-and-wales' });
const settings = parseEscalationSettings({ lineManagerAfterWorkingDays: 3, nextTierAfterWorkingDays: 5, fallback: { personId: 'hos', role: 'Head of Service' } });
const chains: Record<string, string[]> = { sw: ['tm', 'sm', 'ad'], tm: ['sm', 'ad'], other: ['om', 'ad'] };
const chainOf = (id: string): string[] => chains[id] ?? [];
const parties = { supervisorId: 'tm', superviseeId: 'sw' };

describe('an ended agreement closes its open escalations (issue 6 item 5)', () => {
  const ledger: LedgerEntry[] = [
    { obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', step: 'nudge', recipientId: 'tm', day: '2026-03-04' },
    { obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', step: 'line-manager', recipientId: 'sm', day: '2026-03-09' },
    { obligationId: 'session-frequency:monthly/2026-02-05:2026-03-04', step: 'next-tier', recipientId: 'ad', day: '2026-03-16' },
    { obligationId: 'record-signed:session-2026-02-10:no-date', step: 'line-manager', recipientId: 'sm', day: '2026-03-02' },
    { obligationId: 'record-signed:session-2026-02-10:no-date', step: 'closed', recipientId: 'sm', day: '2026-03-05' },
  ];

  it('each manager an open escalation reached hears once; the nudged person and closed ones do not; nothing on a weekend', () => {
    const steps = closingStepsOnEnd({ agreementId: 'a', parties, ledger, endedOn: '2026-03-17', today: '2026-03-17', calendar: cal });
    expect(steps.map((s) => `${s.step} ${s.recipientId} ${s.obligationKind} ${s.due}`)).toEqual([
      'closed ad session-frequency 2026-03-04', 'closed sm session-frequency 2026-03-04',
    ]);
    expect(steps[0]?.what).toContain('ended on 2026-03-17');
    expect(closingStepsOnEnd({ agreementId: 'a', parties, ledger, endedOn: '2026-03-21', today: '2026-03-21', calendar: cal })).toEqual([]);
    // Once told (in the ledger), never again.
    const told = [...ledger, ...steps.map((s) => ({ obligationId: s.obligationId, step: s.step, recipientId: s.recipientId, day: '2026-03-17' }))];
    expect(closingStepsOnEnd({ agreementId: 'a', parties, ledger: told, endedOn: '2026-03-17', today: '2026-03-18', calendar: cal })).toEqual([]);
  });

  it('the closing message reads as words (issue 15 item 3): what it was about and when, never the obligation id or an ISO date', () => {
    const steps = closingStepsOnEnd({ agreementId: 'a', parties, ledger, endedOn: '2026-03-17', today: '2026-03-17', calendar: cal });
    const m = composeDigest('2026-03-17', steps, new Map([['tm', 'Olivia Marchbank'], ['sw', 'Amara Fellgate']]));
    const shown = [m.title, m.text, ...(m.items ?? []).flatMap((i) => [i.heading, i.what, ...i.facts.map((f) => `${f.title}: ${f.value}`)])].join('\n');
    expect(shown).toContain('the supervision agreement ended on Tuesday 17 March 2026, so the escalation about a supervision session due Wednesday 4 March 2026 is closed');
    expect(shown).not.toMatch(/session-frequency|monthly\/|\d{4}-\d{2}-\d{2}|\bK\d+\b/);
  });
});

describe('digest words: the conventions\' markers and plain facts (issue 15 item 3)', () => {
  it('"(K1)" and ", K10)" stay in the logs; "done on <date>" reads as a date, not as "the policy"', () => {
    const step = { key: 'k', agreementId: 'a', obligationId: 'record-shared:session-2026-02-10:2026-02-17', obligationKind: 'record-shared' as const, step: 'closed' as const, recipientId: 'sm', responsibleIds: [],
      supervisorId: 'tm', superviseeId: 'sw', what: 'record of the session on 2026-02-10 (welfare record) within 5 working days (K1)', due: '2026-02-17', severity: 'breach' as const,
      citation: 'SE-D1 Sefton ¶6.2; App 1 Format (L228, L339)', basis: ['done on 2026-02-19'] };
    const chased = { ...step, key: 'm', step: 'nudge' as const, basis: ['chased 3 working days after session-2026-02-10, as the policy gives no day limit: Sefton local configuration, not the policy (K13)'] };
    const review = { ...step, key: 'l', what: 'ASYE review at 3 months (nominal 2026-05-02, K10)', basis: [] };
    const m = composeDigest('2026-02-19', [step, review, chased]);
    const shown = [m.text, ...(m.items ?? []).flatMap((i) => [i.what, ...i.facts.map((f) => `${f.title}: ${f.value}`)])].join('\n');
    expect(shown).toContain('record of the session on Tuesday 10 February 2026 (welfare record) within 5 working days (');
    expect(shown).toContain('ASYE review at 3 months (nominal Saturday 2 May 2026)');
    expect(shown).toContain('Why you: done on Thursday 19 February 2026');
    expect(shown).toContain('Why you: chased 3 working days after the session of Tuesday 10 February 2026, as the policy gives no day limit: your council\'s own setting');
    expect(shown).not.toMatch(/\bK\d+\b|\d{4}-\d{2}-\d{2}|SE-D1|\(L\d/);
  });
});

describe('an action owned by a named person climbs their own chain (Sefton App 3 (L662))', () => {
  const action: Obligation = {
    id: 'action-overdue:action-x:2026-03-20', kind: 'action-overdue', subject: 'action-x', status: 'overdue', due: '2026-03-20', responsible: 'line-manager', responsiblePersonId: 'other',
    modality: 'should', severity: 'warning', rule: 'SE-R1 Sefton Welfare record (L662)', detail: 'agreed action done by its owner',
  };
  it('the owner is nudged and their manager escalated to, whoever the agreement parties are', () => {
    const base = { agreementId: 'a', obligation: action, calendar: cal, pack: getPack('sefton'), settings, parties, chainOf, acknowledged: false };
    expect(dueSteps({ ...base, today: '2026-03-20', ledger: [] }).map((s) => `${s.step} ${s.recipientId}`)).toEqual(['nudge other']);
    const ledger: LedgerEntry[] = [{ obligationId: action.id, step: 'nudge', recipientId: 'other', day: '2026-03-20' }];
    expect(dueSteps({ ...base, today: '2026-03-25', ledger }).map((s) => `${s.step} ${s.recipientId} ${s.responsibleIds.join(',')}`)).toEqual(['line-manager om other']);
  });
});

describe('digest items (the card: each item with its own buttons)', () => {
  it('rebook only for the supervisor; open the record only with a session id; acknowledge and note on escalations', () => {
    const step = { key: 'k', agreementId: 'a', obligationId: 'session-frequency:x:2026-03-04', obligationKind: 'session-frequency' as const, step: 'nudge' as const, recipientId: 'tm', responsibleIds: ['tm'],
      supervisorId: 'tm', superviseeId: 'sw', what: 'a session', due: '2026-03-04', severity: 'breach' as const, citation: 'SE-F6 Sefton ¶3.8 (L90)', basis: [] };
    const m = composeDigest('2026-03-09', [
      step,
      { ...step, key: 'l', step: 'line-manager', recipientId: 'sm' },
      { ...step, key: 'm', obligationId: 'record-shared:session-2026-02-10:2026-02-17', obligationKind: 'record-shared', sessionId: 'a-s002' },
      { ...step, key: 'n', obligationId: 'record-signed:session-2026-02-11:no-date', obligationKind: 'record-signed' },
    ]);
    expect(m.items?.map((i) => `${i.heading}: ${i.actions.map((a) => a.verb).join(',')}`)).toEqual([
      'Due now: rebook', 'Escalated to you as line manager: acknowledge,add-note', 'Due now: open-record', 'Due now: ',
    ]);
    expect(m.items?.[2]?.actions[0]?.data).toEqual({ agreementId: 'a', sessionId: 'a-s002' });
  });
});
