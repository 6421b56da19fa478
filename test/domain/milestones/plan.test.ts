import { describe, expect, it } from 'vitest';
import { londonToUtc } from '../../../src/domain/calendar/london-time.js';
import { milestonesOfYear, placeMilestones, VENUE_TO_AGREE } from '../../../src/domain/milestones/index.js';
import { getPack } from '../../../src/policy/packs.js';
import { ew } from '../../policy/helpers.js';

const session = (date: string, time = '10:00', minutes = 90) => ({ date, startUtc: londonToUtc(date, time), endUtc: new Date(Date.parse(londonToUtc(date, time)) + minutes * 60_000).toISOString().replace('.000Z', 'Z') });

describe('the milestones of an agreement year (issue 14 item 1)', () => {
  it('SE-D8 Sefton ¶3.14 (L102): an NQSW\'s learning agreement at the initial meeting and reviews at 3, 6 and 12 months (K10); the agreement review (SE-D5), direct observation (SE-D9) and PDR (SE-D11)', () => {
    const dues = milestonesOfYear(getPack('sefton'), ew, { roleId: 'nqsw', employmentStart: '2027-01-04', agreementDate: '2027-01-04', reviewDate: '2028-01-04', firstSession: '2027-01-04' });
    expect(dues.map((d) => [d.kind, d.subject, d.due])).toEqual([
      ['asye-learning-agreement', 'learning-agreement', '2027-01-04'],
      ['asye-review', 'month-3', '2027-04-05'],
      ['asye-review', 'month-6', '2027-07-05'],
      ['agreement-review', 'review-2028-01-04', '2028-01-04'],
      ['asye-review', 'month-12', '2028-01-04'],
      ['direct-observation', 'after-2027-01-04', '2028-01-04'],
      ['pdr', 'after-2027-01-04', '2028-01-04'],
    ]);
  });
  it('a social worker has no ASYE milestones; a renewal leaves its first day (the last year\'s review) and the learning agreement out', () => {
    const sw = milestonesOfYear(getPack('sefton'), ew, { roleId: 'social-worker', employmentStart: '2020-01-06', agreementDate: '2027-01-04', reviewDate: '2028-01-04' });
    expect(sw.map((d) => d.kind)).toEqual(['agreement-review', 'direct-observation', 'pdr']);
    const renewal = milestonesOfYear(getPack('sefton'), ew, { roleId: 'nqsw', employmentStart: '2027-01-04', agreementDate: '2028-01-04', reviewDate: '2029-01-04', continuation: true });
    expect(renewal.map((d) => d.kind)).toEqual(['agreement-review', 'direct-observation', 'pdr']);
  });
  it('CB-D4/CB-D5 Central Bedfordshire §14 (L155-L156): the PDR by 30 June, on the last working day before it, and its progress review six months later', () => {
    const dues = milestonesOfYear(getPack('central-bedfordshire'), ew, { roleId: 'social-care-staff', employmentStart: '2020-01-06', agreementDate: '2027-01-04', reviewDate: '2028-01-04' });
    expect(dues.filter((d) => d.kind === 'pdr' || d.kind === 'pdr-review').map((d) => [d.kind, d.due])).toEqual([['pdr', '2027-06-30'], ['pdr-review', '2027-12-30']]);
    // CB sets no review interval (§0.1 #14): the agreement's own review date is kept, and says so.
    expect(dues.find((d) => d.kind === 'agreement-review')?.rule).toMatch(/review date in the agreement \(the policy sets no interval\)/);
  });
  it('Leeds and Buckinghamshire ask for no milestones beyond the agreement\'s review', () => {
    expect(milestonesOfYear(getPack('leeds'), ew, { roleId: 'school-cluster-staff', employmentStart: '2020-01-06', agreementDate: '2027-01-04', reviewDate: '2028-01-04' }).map((d) => d.kind)).toEqual(['agreement-review']);
  });
  it('places each on or before its due day, never over a session, another milestone or busy time; the learning agreement straight after the first session; observation in person', () => {
    const dues = milestonesOfYear(getPack('sefton'), ew, { roleId: 'nqsw', employmentStart: '2027-01-04', agreementDate: '2027-01-04', reviewDate: '2028-01-04', firstSession: '2027-01-04' });
    const busy = [{ start: londonToUtc('2027-04-05', '08:00'), end: londonToUtc('2027-04-05', '18:00') }];
    const placed = placeMilestones(dues, { agreementId: 'a1', time: '10:00', minutes: 90, format: { kind: 'teams' }, calendar: ew, sessions: [session('2027-01-04'), session('2027-07-05')], busy });
    const by = (subject: string) => placed.find((m) => m.subject === subject);
    expect(by('learning-agreement')).toMatchObject({ date: '2027-01-04', start: '11:30', milestoneId: 'a1-m-asye-learning-agreement-learning-agreement' });
    // 5 April is busy all day: the working day before it (Friday 2 April; Easter 2027 is in March).
    expect(by('month-3')).toMatchObject({ date: '2027-04-02', start: '10:00' });
    expect(by('month-6')).toMatchObject({ date: '2027-07-05', start: '11:30' });
    const starts = placed.map((m) => m.startUtc);
    expect(new Set(starts).size).toBe(starts.length);
    expect(placed.every((m) => m.date <= m.due)).toBe(true);
    expect(placed.find((m) => m.kind === 'direct-observation')).toMatchObject({ format: { kind: 'in-person', location: VENUE_TO_AGREE } });
    expect((placed.find((m) => m.kind === 'direct-observation')?.date ?? '') < '2028-01-04').toBe(true);
  });
});
