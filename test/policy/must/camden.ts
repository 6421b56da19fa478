import { expect } from 'vitest';
import { getPack } from '../../../src/policy/packs.js';
import { deadline, expectAppError, obligations, only, phases, phaseShape, requirement, type MustCase } from '../helpers.js';

const P = 'camden';
const worker = { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' };

export const camdenMust: MustCase[] = [
  { rule: 'CA-F1', source: 'CA §6 Frequency and duration (L92)', title: 'social workers with 1 year PQE: one-to-one at least every 4 weeks (28-day gap)', check: () => {
    expect(phaseShape(phases(P, 'social-worker', '2024-01-01', '2025-01-06'))).toEqual([['four-weekly', '2024-02-12', '2027-01-06', 'gap 28d']]);
  } },
  { rule: 'CA-F2', source: 'CA §6 Frequency and duration (L93)', title: 'probation: weekly for the first 4-6 weeks (weeks 1-4 must, weeks 5-6 should)', check: () => {
    expect(phaseShape(phases(P, 'new-starter', '2025-01-06'))).toEqual([
      ['probation-weekly', '2025-01-06', '2025-02-03', 'per 7 days'],
      ['probation-extended', '2025-02-03', '2025-02-17', 'per 7 days'],
      ['four-weekly', '2025-02-17', '2027-01-06', 'gap 28d'],
    ]);
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, sessions: ['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27'].map((date) => ({ date, status: 'held' as const })) }, '2025-02-20'), 'session-frequency');
    expect(list.filter((o) => o.subject.startsWith('probation-weekly')).every((o) => o.status === 'met')).toBe(true);
    expect(list.filter((o) => o.subject.startsWith('probation-extended')).map((o) => [o.status, o.severity])).toEqual([['overdue', 'warning'], ['overdue', 'warning']]);
  } },
  { rule: 'CA-F3', source: 'CA §6 Frequency and duration (L94)', title: 'NQSW: weekly 6 weeks, fortnightly to 6 months of employment, monthly only after a progress review', check: () => {
    expect(phaseShape(phases(P, 'nqsw', '2025-01-06'))).toEqual([
      ['weekly', '2025-01-06', '2025-02-17', 'per 7 days'],
      ['fortnightly', '2025-02-17', '2025-07-06', 'per 14 days'],
      ['fortnightly-until-review', '2025-07-06', '2027-01-06', 'per 14 days'],
    ]);
    expect(phaseShape(phases(P, 'nqsw', '2025-01-06', '2025-01-06', '2025-08-20')).slice(2)).toEqual([
      ['fortnightly-until-review', '2025-07-06', '2025-08-20', 'per 14 days'],
      ['monthly-after-review', '2025-08-20', '2027-01-06', 'per 1 months'],
    ]);
    // A review before 6 months does not bring the monthly phase forward.
    expect(phaseShape(phases(P, 'nqsw', '2025-01-06', '2025-01-06', '2025-05-01')).slice(2)).toEqual([['monthly-after-review', '2025-07-06', '2027-01-06', 'per 1 months']]);
  } },
  { rule: 'CA-F9', source: 'CA §6 Supervision contract (L86)', title: 'the contract also applies to agency and other temporary staff', check: () => {
    requirement(P, 'CA-F9');
    expect(phases(P, 'agency-staff', '2024-01-01', '2025-01-06')).toEqual(phases(P, 'social-worker', '2024-01-01', '2025-01-06'));
  } },
  { rule: 'CA-D1', source: 'CA §6 Postponement (L102); §7 (L142)', title: 'a postponed session takes place within 3 working days (K1)', check: () => {
    // Wed 24 Dec 2025: 25 and 26 are bank holidays; 29, 30, 31.
    expect(deadline(P, 'postponement-rebooked', '2025-12-24')).toMatchObject({ due: '2025-12-31', modality: 'must' });
    const list = obligations(P, { agreement: worker, sessions: [{ date: '2025-03-04', status: 'postponed', reason: 'manager-sick', rebookedTo: '2025-03-10' }, { date: '2025-03-10', status: 'held' }] }, '2025-03-20');
    expect(only(list, 'postponement-rebooked')).toMatchObject([{ due: '2025-03-07', status: 'breached', metOn: '2025-03-10' }]);
  } },
  { rule: 'CA-D2', source: 'CA §7 (L142)', title: 'the manager records the reason and the new date of a postponed session', check: () => {
    const list = obligations(P, { agreement: worker, sessions: [
      { date: '2025-03-04', status: 'postponed', reason: 'urgent-case-situation' },
      { date: '2025-04-01', status: 'postponed', reason: 'social-worker-sick', rebookedTo: '2025-04-03' },
    ] }, '2025-04-10');
    expect(only(list, 'postponement-recorded').map((o) => [o.subject, o.status])).toEqual([['session-2025-03-04', 'breached'], ['session-2025-04-01', 'met']]);
  } },
  { rule: 'CA-D4', source: 'CA §6 Case discussion (L122-L128)', title: 'cases discussed: child protection monthly, CIN and CLA every 2 months, 18+ care leavers every 3 months (K9)', check: () => {
    expect(deadline(P, 'case-discussion', '2025-01-31', 'child-protection')).toMatchObject({ due: '2025-02-28', modality: 'must' });
    expect(deadline(P, 'case-discussion', '2025-01-31', 'cin').due).toBe('2025-03-31');
    expect(deadline(P, 'case-discussion', '2025-01-31', 'cla').due).toBe('2025-03-31');
    expect(deadline(P, 'case-discussion', '2025-01-31', 'care-leaver').due).toBe('2025-04-30');
    expectAppError(() => deadline(P, 'case-discussion', '2025-01-31', 'adoption'), 'invalid_input', /child-protection, cin, cla, care-leaver/);
    const list = only(obligations(P, { agreement: worker, cases: [{ id: 'K1', category: 'cin', allocatedOn: '2025-01-10', discussions: ['2025-03-05'] }] }, '2025-05-20'), 'case-discussion');
    // 5 May 2025 is the Early May bank holiday: the latest practicable day is Fri 2 May.
    expect(list.map((o) => [o.due, o.status, o.latestPracticable])).toEqual([['2025-03-10', 'met', undefined], ['2025-05-05', 'breached', '2025-05-02']]);
  } },
  { rule: 'CA-D8', source: 'CA §6 Postponement (L102)', title: 'a manager away more than 2 months: service managers agree another supervisor (K11)', check: () => {
    const away = (expectedReturn: string, alternativeAgreedOn?: string) => only(obligations(P, { agreement: worker, supervisorAbsences: [{ from: '2025-03-03', expectedReturn, ...(alternativeAgreedOn ? { alternativeAgreedOn } : {}) }] }, '2025-03-20'), 'supervisor-long-absence');
    expect(away('2025-05-03')).toEqual([]);
    expect(away('2025-05-04')).toMatchObject([{ status: 'breached', responsible: 'service-manager' }]);
    expect(away('2025-05-04', '2025-03-03')).toMatchObject([{ status: 'met' }]);
  } },
  { rule: 'CA-D9', source: 'CA §7 (L132)', title: 'progress on previous actions recorded and timescales for future actions set out', check: () => {
    requirement(P, 'CA-D9');
    const agenda = getPack(P).agendas.find((a) => a.id === 'every-session');
    expect(agenda?.items).toMatchObject({ modality: 'must', rule: 'CA-D9' });
  } },
  { rule: 'CA-E2', source: 'CA §6 Postponement (L102)', title: 'postponed only for an urgent case situation or sick leave of the worker or manager', check: () => {
    const list = obligations(P, { agreement: worker, sessions: [{ date: '2025-03-04', status: 'postponed', reason: 'annual-leave' }, { date: '2025-04-01', status: 'postponed', reason: 'manager-sick' }] }, '2025-04-10');
    expect(only(list, 'postponement-reason').map((o) => [o.subject, o.status])).toEqual([['session-2025-03-04', 'breached'], ['session-2025-04-01', 'met']]);
  } },
];
