import { expect } from 'vitest';
import { getPack } from '../../../src/policy/packs.js';
import { isSpecified } from '../../../src/policy/schema.js';
import { deadline, expectAppError, obligations, only, phases, phaseShape, requirement, type MustCase } from '../helpers.js';

const P = 'central-bedfordshire';
const pack = () => getPack(P);

export const centralBedfordshireMust: MustCase[] = [
  { rule: 'CB-F1', source: 'CB §10 (L105)', title: 'first 4 months of employment: at least every 2 weeks, agency staff included; 30 Oct + 4 months = 28 Feb (K3)', check: () => {
    expect(phaseShape(phases(P, 'social-care-staff', '2025-10-30'))).toEqual([
      ['first-four-months', '2025-10-30', '2026-02-28', 'gap 14d'],
      ['after-four-months', '2026-02-28', '2027-10-30', 'gap 28d'],
    ]);
    expect(phaseShape(phases(P, 'agency-staff', '2025-10-30'))[0]).toEqual(['first-four-months', '2025-10-30', '2026-02-28', 'gap 14d']);
  } },
  { rule: 'CB-F2', source: 'CB §10 (L106)', title: 'after 4 months: at least every 4 weeks (28-day gap, not monthly), part-time staff included', check: () => {
    expect(phaseShape(phases(P, 'part-time', '2025-01-15', '2025-06-01'))).toEqual([['after-four-months', '2025-05-15', '2027-06-01', 'gap 28d']]);
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held' }, { date: '2025-02-04', status: 'held' }] }, '2025-02-10'), 'session-frequency');
    // 6 Jan + 28 days = 3 Feb; held 4 Feb: a 29-day gap is a breach even though it is within a month.
    expect(list.find((o) => o.subject === 'after-four-months/after-2025-01-06')).toMatchObject({ status: 'breached', metOn: '2025-02-04', severity: 'breach' });
  } },
  { rule: 'CB-F4', source: 'CB §10 (L108)', title: 'more frequent supervision under capability/HR procedures (no number: shown, not scheduled)', check: () => { requirement(P, 'CB-F4'); } },
  { rule: 'CB-F7', source: 'CB §10 (L111)', title: 'agency staff under 10 hours a week: frequency agreed at outset and held by the agreement, no default', check: () => {
    requirement(P, 'CB-F7');
    // No number of the policy's own: without the agreed one, no schedule, and a breach to fix (issue 14 c).
    expectAppError(() => phases(P, 'agency-under-10-hours', '2025-01-06'), 'policy_violation', /leaves how often .* to the agreement/);
    const list = obligations(P, { agreement: { role: 'agency-under-10-hours', employmentStart: '2025-01-06', agreementDate: '2025-01-06' } }, '2025-03-01');
    expect(only(list, 'session-frequency')).toMatchObject([{ subject: 'agreed-frequency', status: 'breached', due: '2025-01-06' }]);
  } },
  { rule: 'CB-F8', source: 'CB §10 (L112)', title: 'administrative and domestic staff: at least every 8 weeks (56 days)', check: () => {
    expect(phaseShape(phases(P, 'admin', '2025-01-06'))).toEqual([['eight-weekly', '2025-01-06', '2027-01-06', 'gap 56d']]);
  } },
  { rule: 'CB-F10', source: 'CB Agreement cl.2 (L241)', title: 'dates fixed in advance at a mutually agreed date, time and place', check: () => { requirement(P, 'CB-F10'); } },
  { rule: 'CB-F11', source: 'CB §11 (L116)', title: 'group supervision must not replace individual supervision', check: () => {
    expect(requirement(P, 'CB-F11').text).toMatch(/must not replace individual supervision/);
  } },
  { rule: 'CB-D1', source: 'CB §9 (L101)', title: 'BIC 532 signed by both within 4 weeks of employment commencing (K2: start + 28 days)', check: () => {
    expect(deadline(P, 'agreement-signed', '2025-01-06')).toMatchObject({ due: '2025-02-03', modality: 'must', responsible: 'both' });
    // 2025-03-01 + 28 = 2025-03-29, a Saturday: the latest working day before it is proposed (K2).
    expect(deadline(P, 'agreement-signed', '2025-03-01')).toMatchObject({ due: '2025-03-29', latestPracticable: '2025-03-28' });
    const late = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2025-01-06', agreementDate: '2025-01-06', signed: { supervisor: '2025-02-03', supervisee: '2025-02-04' } } }, '2025-03-01'), 'agreement-signed');
    expect(late).toMatchObject([{ status: 'breached', due: '2025-02-03', metOn: '2025-02-04' }]);
  } },
  { rule: 'CB-D2', source: 'CB §9 (L101)', title: 'existing employees sign at the next supervision after the policy is introduced', check: () => { requirement(P, 'CB-D2'); } },
  { rule: 'CB-D4', source: 'CB §14 (L155)', title: 'annual PDR completed by the end of June every municipal year', check: () => {
    expect(deadline(P, 'pdr', '2025-05-10')).toMatchObject({ due: '2026-06-30', modality: 'must', progressReview: { due: '2025-11-10' } });
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2020-01-01', agreementDate: '2025-07-01' }, pdrs: ['2025-05-10'] }, '2026-07-01'), 'pdr');
    expect(list[0]).toMatchObject({ subject: 'year-2026', status: 'breached', due: '2026-06-30' });
  } },
  { rule: 'CB-D7', source: 'CB §13 (L145)', title: 'actions have a date and a recorded owner', check: () => { requirement(P, 'CB-D7'); } },
  { rule: 'CB-D8', source: 'CB §8 (L96)', title: 'supervisee completes actions within agreed timescales', check: () => { requirement(P, 'CB-D8'); } },
  { rule: 'CB-D9', source: 'CB Agreement cl.5 (L244)', title: 'notes signed by both; no day limit for sharing', check: () => {
    const d = pack().deadlines;
    expect(d.recordSigned).toMatchObject({ value: { signatories: ['supervisor', 'supervisee'] }, modality: 'must' });
    expect(isSpecified(d.recordShared)).toBe(false);
    expect(deadline(P, 'record-shared', '2025-01-06')).toMatchObject({ due: null, notSpecified: true });
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2020-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held', record: { signedBySupervisor: '2025-01-07' } }] }, '2025-03-01'), 'record-signed');
    expect(list).toMatchObject([{ status: 'due', due: null, responsible: 'supervisee' }]);
  } },
  { rule: 'CB-D10', source: 'CB §13 (L135)', title: 'significant case decisions outside supervision are recorded', check: () => { requirement(P, 'CB-D10'); } },
  { rule: 'CB-D12', source: 'CB Agreement cl.3 (L242)', title: 'cancelled session: an alternative date will be agreed, with no day limit', check: () => {
    expect(pack().deadlines.postponementRebooked).toMatchObject({ notSpecified: true, rule: 'CB-D12' });
    expect(deadline(P, 'postponement-rebooked', '2025-01-06')).toMatchObject({ due: null, notSpecified: true });
  } },
];
