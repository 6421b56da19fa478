import { expect } from 'vitest';
import { generateYearSchedule } from '../../../src/domain/schedule/year-schedule.js';
import { getPack } from '../../../src/policy/packs.js';
import { resolvePhases } from '../../../src/policy/resolve-phases.js';
import { deadline, expectAppError, ew, obligations, only, phases, phaseShape, requirement, type MustCase } from '../helpers.js';

const P = 'sefton';
const pack = () => getPack(P);
const roleOf = (id: string) => pack().roles.find((r) => r.id === id);
const gap56 = (role: string, rule: string) => () => {
  const ps = phases(P, role, '2025-01-06');
  expect(phaseShape(ps)).toEqual([['bi-monthly', '2025-01-06', '2027-01-06', 'gap 56d']]);
  expect(ps[0]?.rules[0]?.citation).toMatch(new RegExp(`^${rule} Sefton .*¶3\\.2 \\(L77\\).*K8`));
};
// Every Sefton phase also keeps the ¶3.2 (L77) floor of 56 days (issue 14 d).
const monthly = (role: string) => () => {
  expect(phaseShape(phases(P, role, '2025-01-06'))).toEqual([['monthly', '2025-01-06', '2027-01-06', 'per 1 months+gap 56d']]);
};
const ninety = (role: string) => { expect(roleOf(role)?.sessionLength.minimum).toMatchObject({ value: 90 }); };

export const seftonMust: MustCase[] = [
  { rule: 'SE-F3', source: 'SE ¶3.5 (L84) + ¶3.2 (L77)', title: 'assistant directors and service managers: bi-monthly, never more than 56 days apart (K8), 90 minutes', check: () => {
    gap56('service-manager', 'SE-F3')();
    ninety('service-manager');
    // 6 Jan to 4 Mar is 57 days: within two calendar months but over the 8-week floor.
    const list = only(obligations(P, { agreement: { role: 'assistant-director', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held' }, { date: '2025-03-04', status: 'held' }] }, '2025-03-10'), 'session-frequency');
    expect(list.find((o) => o.subject === 'bi-monthly/after-2025-01-06')).toMatchObject({ due: '2025-03-03', status: 'breached' });
  } },
  { rule: 'SE-F4', source: 'SE ¶3.6 (L86)', title: 'team managers and other managers of practitioners: monthly, 90 minutes', check: () => { monthly('team-manager')(); ninety('team-manager'); } },
  { rule: 'SE-F5', source: 'SE ¶3.7 (L88)', title: 'managers not supervising case-holding social workers (IROs, CP chairs...): bimonthly with the 8-week floor, 90 minutes', check: () => {
    gap56('iro', 'SE-F5')(); ninety('non-casework-manager');
  } },
  { rule: 'SE-F6', source: 'SE ¶3.8 (L90)', title: 'social workers: at least monthly (calendar months, K5), planned for at least 90 minutes', check: () => {
    monthly('social-worker')();
    expect(roleOf('social-worker')?.sessionLength.planned).toMatchObject({ value: 90, modality: 'must' });
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held' }] }, '2025-03-10'), 'session-frequency');
    expect(list.map((o) => [o.subject, o.due, o.status])).toEqual([
      ['monthly/2025-01-01', '2025-01-31', 'met'],
      ['monthly/2025-02-01', '2025-02-28', 'breached'],
      ['monthly/2025-03-01', '2025-03-31', 'due'],
    ]);
  } },
  { rule: 'SE-F7', source: 'SE ¶3.9 (L92)', title: 'personal advisers: bi-monthly with the 8-week floor, planned 90 minutes', check: () => { gap56('personal-adviser', 'SE-F7')(); ninety('personal-adviser'); } },
  { rule: 'SE-F8', source: 'SE ¶3.10 (L94)', title: 'support workers, placement support workers, family connectors: bimonthly with the 8-week floor, 90 minutes', check: () => { gap56('family-connector', 'SE-F8')(); ninety('support-worker'); } },
  { rule: 'SE-F10', source: 'SE ¶3.12 (L98)', title: 'NQSW fortnightly for the next six months after week six, then monthly (not to 6 months of employment)', check: () => {
    expect(phaseShape(phases(P, 'nqsw', '2025-01-06'))).toEqual([
      ['weekly', '2025-01-06', '2025-02-17', 'per 7 days+gap 56d'],
      ['fortnightly', '2025-02-17', '2025-08-17', 'per 14 days+gap 56d'],
      ['monthly', '2025-08-17', '2027-01-06', 'per 1 months+gap 56d'],
    ]);
    expect(roleOf('nqsw')?.supervisor).toMatchObject({ modality: 'must' });
  } },
  { rule: 'SE-F12', source: 'SE ¶3.15 (L104)', title: 'Frontline participants: at least monthly for at least 90 minutes', check: () => { monthly('frontline')(); ninety('frontline'); } },
  { rule: 'SE-F14', source: 'SE ¶3.17 (L109)', title: 'new residential employees: fortnightly for the first 6 months of employment', check: () => {
    expect(phaseShape(phases(P, 'residential-staff', '2025-08-31'))).toEqual([
      ['first-six-months', '2025-08-31', '2026-02-28', 'per 14 days+gap 56d'],
      ['monthly', '2026-02-28', '2027-08-31', 'per 1 months+gap 56d'],
    ]);
    expect(roleOf('residential-staff')?.phases[0]?.frequency).toMatchObject({ modality: 'must' });
  } },
  { rule: 'SE-F15', source: 'SE ¶3.18 (L111)', title: 'agency/casual residential staff: supervision every 16 sessions worked (K12), no calendar schedule', check: () => {
    expectAppError(() => phases(P, 'residential-agency-casual', '2025-01-06'), 'precondition_failed', /every 16 shifts/);
    const shifts = Array.from({ length: 17 }, (_, i) => `2025-02-${String(i + 1).padStart(2, '0')}`);
    const list = only(obligations(P, { agreement: { role: 'residential-agency-casual', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-31', status: 'held' }], shiftsWorked: shifts }, '2025-02-20'), 'session-frequency').filter((o) => o.rule.startsWith('SE-F15'));
    expect(list).toMatchObject([{ due: '2025-02-16', status: 'breached' }]);
  } },
  { rule: 'SE-F17', source: 'SE ¶2.1 (L43-L45)', title: 'supervision is planned, with the line manager, face to face or on Teams for good reason', check: () => { requirement(P, 'SE-F17', 'should'); } },
  { rule: 'SE-F20', source: 'SE ¶3.5-¶3.7 (L84-L88)', title: 'manager-to-manager minimums', check: () => { requirement(P, 'SE-F20'); } },
  { rule: 'SE-D1', source: 'SE ¶6.2 (L228)', title: 'the supervisor provides the record within 5 working days (K1)', check: () => {
    expect(deadline(P, 'record-shared', '2025-01-06')).toMatchObject({ due: '2025-01-13', modality: 'must', responsible: 'supervisor' });
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held', record: { sharedOn: '2025-01-14' } }, { date: '2025-02-03', status: 'held', record: { sharedOn: '2025-02-10' } }] }, '2025-02-20'), 'record-shared');
    expect(list.map((o) => [o.due, o.status])).toEqual([['2025-01-13', 'breached'], ['2025-02-10', 'met']]);
  } },
  { rule: 'SE-D2', source: 'SE App 1 Format (L339)', title: 'the record is signed by both once agreed', check: () => {
    expect(pack().deadlines.recordSigned).toMatchObject({ value: { signatories: ['supervisor', 'supervisee'] }, modality: 'must' });
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held', record: { sharedOn: '2025-01-08', signedBySupervisor: '2025-01-08', signedBySupervisee: '2025-01-09' } }] }, '2025-01-20'), 'record-signed');
    expect(list).toMatchObject([{ status: 'met', metOn: '2025-01-09' }]);
  } },
  { rule: 'SE-D5', source: 'SE ¶8.1 (L251); App 1 (L466)', title: 'agreement reviewed after 12 months and on a change of supervisor', check: () => {
    expect(deadline(P, 'agreement-review', '2025-01-06')).toMatchObject({ due: '2026-01-06', modality: 'must' });
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06', signed: { supervisor: '2025-01-06', supervisee: '2025-01-06' }, supervisorChanges: ['2025-04-01'] }, sessions: [{ date: '2025-04-08', status: 'held' }] }, '2025-04-20'), 'agreement-review');
    expect(list.map((o) => [o.subject, o.due, o.status])).toEqual([['supervisor-change-2025-04-01', '2025-04-08', 'breached'], ['after-2025-01-06', '2026-01-06', 'due']]);
  } },
  { rule: 'SE-D6', source: 'SE ¶8.2 (L253)', title: '12-month schedule given at the outset and diarised', check: () => {
    expect(pack().yearScheduleInAdvance).toMatchObject({ value: { months: 12 }, modality: 'must' });
    const r = resolvePhases(pack(), 'social-worker', { employmentStart: '2024-01-01', agreementDate: '2025-01-06' });
    const s = generateYearSchedule({ phases: r.phases, from: r.from, until: r.until, weekday: 2, time: '10:00', minutes: 90, calendar: ew, busy: [] });
    // Months run from the 1st (employment start); the year from 6 January: 12 whole periods and
    // the month cut at the year's end by K5 (issue 14 a), which holds one too.
    expect(s.ok && s.sessions.length).toBe(13);
    expect(s.ok && s.sessions.at(-1)?.date).toBe('2026-01-05');
  } },
  { rule: 'SE-D7', source: 'SE ¶3.2 (L77)', title: 'a reduced frequency is reviewed annually', check: () => {
    expect(pack().deadlines.reducedFrequencyReview).toMatchObject({ value: { months: 12 }, modality: 'must' });
  } },
  { rule: 'SE-D8', source: 'SE ¶3.14 (L102)', title: 'ASYE learning agreement at commencement; reviews at 3, 6 and 12 months (K10)', check: () => {
    expect(deadline(P, 'asye-review', '2025-01-06')).toMatchObject({ milestones: [
      { months: 3, nominal: '2025-04-06', due: '2025-04-07' }, { months: 6, nominal: '2025-07-06', due: '2025-07-07' }, { months: 12, nominal: '2026-01-06', due: '2026-01-06' },
    ] });
    const list = obligations(P, { agreement: { role: 'nqsw', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-07', status: 'held' }], learningAgreementOn: '2025-01-07', asyeReviews: ['2025-04-07'] }, '2025-07-10');
    expect(only(list, 'asye-review').map((o) => [o.subject, o.status])).toEqual([['month-3', 'met'], ['month-6', 'breached'], ['month-12', 'due']]);
    expect(only(list, 'asye-learning-agreement')).toMatchObject([{ status: 'met' }]);
  } },
  { rule: 'SE-D9', source: 'SE ¶4.6 (L140); App 2 (L470)', title: 'direct observation of practice at least annually (K10)', check: () => {
    expect(deadline(P, 'direct-observation', '2025-03-01')).toMatchObject({ nominal: '2026-03-01', due: '2026-03-02', modality: 'must' });
  } },
  { rule: 'SE-D10', source: 'SE ¶4.7 (L142)', title: 'cross-service observation in Practice Week every October', check: () => { requirement(P, 'SE-D10'); } },
  { rule: 'SE-D13', source: 'SE ¶7.1 (L236-L238)', title: 'bimonthly case supervision exceptions; the reduced frequency recorded in management oversight', check: () => {
    requirement(P, 'SE-D13');
    const history = (category: string) => ({ agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, cases: [{ id: 'L1', category, allocatedOn: '2025-01-10', discussions: ['2025-01-15', '2025-03-10'] }] });
    const bi = only(obligations(P, history('care-experienced-team'), '2025-06-01'), 'case-record-monthly');
    expect(bi.map((o) => [o.subject, o.status])).toEqual([['case-L1/2025-01', 'met'], ['case-L1/2025-03', 'met'], ['case-L1/2025-05', 'overdue'], ['case-L1/2025-06', 'due']]);
    const child = only(obligations(P, history('child'), '2025-06-01'), 'case-record-monthly');
    expect(child.map((o) => o.status)).toEqual(['met', 'overdue', 'met', 'overdue', 'overdue', 'due']);
  } },
  { rule: 'SE-D17', source: 'SE App 1 Auditing (L377)', title: 'planned audit activity announced in advance', check: () => { requirement(P, 'SE-D17'); } },
  { rule: 'SE-D18', source: 'SE ¶10 (L279)', title: 'record archived on leaving and retained for 7 years', check: () => {
    expect(pack().retention).toMatchObject({ value: { yearsAfterLeaving: 7 }, modality: 'must' });
  } },
];
