import { describe, expect, it } from 'vitest';
import { computeObligations, parseHistory, type HistoryInput } from '../../../src/domain/obligations/index.js';
import { statusOf } from '../../../src/domain/obligations/judge.js';
import { getPack } from '../../../src/policy/packs.js';
import { expectAppError } from '../../policy/helpers.js';

const camden: HistoryInput = {
  agreement: { role: 'nqsw', employmentStart: '2025-09-01', agreementDate: '2025-09-01', signed: { supervisor: '2025-09-02', supervisee: '2025-09-02' } },
  sessions: [
    { date: '2025-09-02', status: 'held' }, { date: '2025-09-09', status: 'held' },
    { date: '2025-09-16', status: 'postponed', reason: 'manager-sick', rebookedTo: '2025-09-18' }, { date: '2025-09-18', status: 'held' },
  ],
};

describe('status (K13)', () => {
  it.each([
    ['2025-03-10', undefined, '2025-03-09', 'must', 'due'],
    ['2025-03-10', undefined, '2025-03-10', 'must', 'due'],
    ['2025-03-10', undefined, '2025-03-11', 'must', 'breached'],
    ['2025-03-10', undefined, '2025-03-11', 'should', 'overdue'],
    ['2025-03-10', undefined, '2025-03-11', 'may', 'overdue'],
    ['2025-03-10', '2025-03-10', '2025-03-11', 'must', 'met'],
    ['2025-03-10', '2025-03-11', '2025-03-12', 'must', 'breached'],
    ['2025-03-10', '2025-03-12', '2025-03-11', 'must', 'breached'],
    [null, undefined, '2030-01-01', 'must', 'due'],
    [null, '2025-01-01', '2030-01-01', 'should', 'met'],
  ] as const)('due %s, done %s, at %s, %s → %s', (due, metOn, at, modality, status) => {
    expect(statusOf(due, metOn, at, modality)).toBe(status);
  });
});

describe('computeObligations', () => {
  it('gives each obligation a stable id (kind:subject:due) that later history does not change', () => {
    const a = computeObligations(getPack('camden'), camden, '2025-09-20');
    const later = computeObligations(getPack('camden'), { ...camden, sessions: [...(camden.sessions ?? []), { date: '2025-09-25', status: 'held' }] }, '2025-09-26');
    expect(a.every((o) => o.id === `${o.kind}:${o.subject}:${o.due ?? 'no-date'}`)).toBe(true);
    expect(new Set(a.map((o) => o.id)).size).toBe(a.length);
    const laterIds = new Set(later.map((o) => o.id));
    for (const o of a.filter((x) => x.status === 'met')) expect(laterIds.has(o.id), o.id).toBe(true);
    expect(computeObligations(getPack('camden'), camden, '2025-09-20')).toEqual(a);
  });
  it('sorts by due date, undated last, and every obligation cites its rule and names who is responsible', () => {
    const list = computeObligations(getPack('camden'), camden, '2025-09-20');
    const dues = list.map((o) => o.due ?? '9999');
    expect(dues).toEqual([...dues].sort());
    for (const o of list) {
      expect(o.rule).toMatch(/^(CA-[A-Z]+\d+ )?Camden/);
      expect(['supervisor', 'supervisee', 'both', 'service-manager', 'line-manager', 'not-specified']).toContain(o.responsible);
      expect(['breach', 'warning', 'info', 'none']).toContain(o.severity);
    }
  });
  it('Camden NQSW: weekly periods met, the postponement rebooked in time, records not specified', () => {
    const list = computeObligations(getPack('camden'), camden, '2025-09-20');
    expect(list.filter((o) => o.kind === 'session-frequency').map((o) => [o.subject, o.status])).toEqual([
      ['weekly/2025-09-01', 'met'], ['weekly/2025-09-08', 'met'], ['weekly/2025-09-15', 'met'],
    ]);
    expect(list.find((o) => o.kind === 'postponement-rebooked')).toMatchObject({ due: '2025-09-19', status: 'met', metOn: '2025-09-18' });
    expect(list.find((o) => o.kind === 'record-shared')).toMatchObject({ status: 'not-specified', severity: 'none' });
  });
  it('Camden NQSW after a progress review: monthly periods from the review date', () => {
    const list = computeObligations(getPack('camden'), { agreement: { role: 'nqsw', employmentStart: '2025-01-06', agreementDate: '2025-01-06', progressReviewDate: '2025-08-20' } }, '2025-10-01');
    const monthly = list.filter((o) => o.subject.startsWith('monthly-after-review'));
    expect(monthly.map((o) => [o.subject, o.due])).toEqual([['monthly-after-review/2025-08-20', '2025-09-19'], ['monthly-after-review/2025-09-20', '2025-10-19']]);
  });
  it('Buckinghamshire: frequency and most deadlines are not specified, a case supervision\'s record-shared is 5 working days', () => {
    const list = computeObligations(getPack('buckinghamshire'), { agreement: { role: 'social-worker', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-07', status: 'held', kind: 'case' }] }, '2025-02-01');
    expect(list.find((o) => o.kind === 'session-frequency')).toMatchObject({ status: 'not-specified', due: null });
    expect(list.find((o) => o.kind === 'record-shared')).toMatchObject({ due: '2025-01-14', status: 'breached' });
    expect(list.filter((o) => o.status === 'not-specified').map((o) => o.kind).sort()).toEqual(['agreement-review', 'agreement-signed', 'direct-observation', 'pdr', 'record-signed', 'session-frequency']);
  });
  it('Sefton agency residential with fewer than 16 shifts: due, no date yet (K12)', () => {
    const list = computeObligations(getPack('sefton'), { agreement: { role: 'residential-agency-casual', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, shiftsWorked: ['2025-01-07', '2025-01-08'] }, '2025-01-20');
    expect(list.find((o) => o.kind === 'session-frequency' && o.rule.startsWith('SE-F15'))).toMatchObject({ status: 'due', due: null });
  });
  it('Camden case discussions stop at closure', () => {
    const list = computeObligations(getPack('camden'), { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, cases: [{ id: 'C', category: 'child-protection', allocatedOn: '2025-01-06', closedOn: '2025-01-20', discussions: ['2025-01-10'] }] }, '2025-06-01');
    expect(list.filter((o) => o.kind === 'case-discussion').map((o) => o.status)).toEqual(['met']);
  });
});

describe('history schema', () => {
  it('rejects impossible dates, unknown fields and statuses, naming where', () => {
    expectAppError(() => parseHistory({ agreement: { role: 'x', employmentStart: '2025-02-30', agreementDate: '2025-03-01' } }), 'invalid_input', /agreement\.employmentStart/);
    expectAppError(() => parseHistory({ agreement: { role: 'x', employmentStart: '2025-02-03', agreementDate: '2025-03-01', colour: 'red' } }), 'invalid_input', /agreement/);
    expectAppError(() => parseHistory({ agreement: { role: 'x', employmentStart: '2025-02-03', agreementDate: '2025-03-01' }, sessions: [{ date: '2025-03-03', status: 'missed' }] }), 'invalid_input', /sessions\.0\.status/);
  });
  it('fills defaults for absent lists', () => {
    expect(parseHistory({ agreement: { role: 'x', employmentStart: '2025-02-03', agreementDate: '2025-03-01' } })).toMatchObject({ sessions: [], cases: [], pdrs: [] });
  });
  it('an unknown role is not found; an agreement before employment is invalid', () => {
    expectAppError(() => computeObligations(getPack('leeds'), { agreement: { role: 'chef', employmentStart: '2025-02-03', agreementDate: '2025-03-01' } }, '2025-04-01'), 'not_found');
    expectAppError(() => computeObligations(getPack('leeds'), { agreement: { role: 'school-cluster-staff', employmentStart: '2025-02-03', agreementDate: '2025-01-01' } }, '2025-04-01'), 'invalid_input', /before the employment start/);
  });
});

describe('more obligations', () => {
  it('Sefton ¶3.2 (L77) SE-D7: a reduced frequency is reviewed within 12 months of being agreed', () => {
    const list = computeObligations(getPack('sefton'), { agreement: { role: 'business-support', employmentStart: '2020-01-01', agreementDate: '2025-01-06', reducedFrequencyAgreedOn: '2025-01-06', reviews: ['2024-12-01'] } }, '2026-02-01');
    expect(list.filter((o) => o.kind === 'reduced-frequency-review').map((o) => [o.due, o.status])).toEqual([['2026-01-06', 'breached']]);
  });
  it('rejects a date before the agreement', () => {
    expectAppError(() => computeObligations(getPack('sefton'), camden, '2025-08-01'), 'invalid_input', /before the agreement date/);
  });
  it('CB §14 (L155) CB-D4: the PDR counts for the calendar year it is held in; late is a breach with the date it was done', () => {
    const list = computeObligations(getPack('central-bedfordshire'), { agreement: { role: 'social-care-staff', employmentStart: '2020-01-01', agreementDate: '2025-01-06' }, pdrs: ['2025-07-03'] }, '2025-08-01');
    expect(list.filter((o) => o.kind === 'pdr').map((o) => [o.subject, o.status, o.metOn])).toEqual([['year-2025', 'breached', '2025-07-03'], ['year-2026', 'due', undefined]]);
  });
});

describe('responsible person, by role', () => {
  it('names the supervisor as the policy does, and says when the policy names nobody', () => {
    const tm = computeObligations(getPack('camden'), { agreement: { role: 'team-manager', employmentStart: '2024-01-01', agreementDate: '2025-01-06' } }, '2025-02-10');
    expect(tm.find((o) => o.kind === 'session-frequency')?.responsibleLabel).toBe('the relevant service manager');
    const nq = computeObligations(getPack('sefton'), { agreement: { role: 'nqsw', employmentStart: '2025-01-06', agreementDate: '2025-01-06' } }, '2025-05-01');
    expect(nq.find((o) => o.kind === 'asye-review')).toMatchObject({ responsible: 'not-specified', responsibleLabel: "not specified by Sefton's policy" });
  });
});

describe('periods at the agreement start (K6)', () => {
  it('a period whose part inside the agreement has no working day asks for nothing (Good Friday 2030 counterexample)', () => {
    const list = computeObligations(getPack('sefton'), { agreement: { role: 'residential-staff', employmentStart: '2029-03-21', agreementDate: '2030-04-19' } }, '2030-04-21');
    // The ¶3.2 floor (issue 14 d) counts 56 days from the agreement's start, whatever the periods.
    expect(list.filter((o) => o.kind === 'session-frequency' && !o.rule.startsWith('SE-F2 ')).map((o) => o.subject)).toEqual(['monthly/2030-04-21']);
  });
});
