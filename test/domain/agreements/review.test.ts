import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_LEAD_WORKING_DAYS, renewalTerms, reviewOfferDate, reviewTrigger, successorIdOf, yearEnd } from '../../../src/domain/agreements/review.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import type { Agreement } from '../../../src/domain/agreements/types.js';

const agreement: Agreement = {
  id: 'a1', status: 'booked', signatures: {}, comments: [], createdAt: '2026-06-01T09:00:00Z', updatedAt: '2026-06-01T09:00:00Z',
  terms: {
    policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm1', superviseeId: 'sw1', employmentStart: '2024-09-02', agreementDate: '2026-06-02',
    weekday: 2, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: 'Court work', othersWhoMaySee: [], reviewDate: '2027-05-18', phaseId: 'standard',
  },
};

describe('the agreement\'s review (issue 14 item 3)', () => {
  it('Sefton ¶8.1 (L251): it comes back on its review date, not before; once offered or renewed, not again; only a signed or booked agreement', () => {
    expect(reviewTrigger(agreement, '2027-05-17', 'tm1')).toBeUndefined();
    expect(reviewTrigger(agreement, '2027-05-18', 'tm1')).toEqual({ reason: 'review-date', supervisorId: 'tm1' });
    expect(reviewTrigger(agreement, '2027-06-20', undefined)).toEqual({ reason: 'review-date', supervisorId: 'tm1' });
    expect(reviewTrigger({ ...agreement, review: { reason: 'review-date', successorId: 'a1-next', offeredAt: '2027-05-18T08:00:00Z', sentTo: {} } }, '2027-05-20', 'tm1')).toBeUndefined();
    expect(reviewTrigger({ ...agreement, renewedBy: { agreementId: 'a1-next', signedOn: '2027-05-20', from: '2027-06-02' } }, '2027-05-25', 'tm1')).toBeUndefined();
    expect(reviewTrigger({ ...agreement, status: 'ended' }, '2027-05-20', 'tm1')).toBeUndefined();
    expect(reviewTrigger({ ...agreement, status: 'awaiting-supervisee' }, '2027-05-20', 'tm1')).toBeUndefined();
  });

  it('Sefton ¶8.1 (L251) sets the review date, no policy how far ahead (K13, local configuration): it comes back ten working days before it by default, counted back over bank holidays, so both sign before the date', () => {
    const calendar = createWorkingCalendar({ nation: 'england-and-wales' });
    expect(DEFAULT_REVIEW_LEAD_WORKING_DAYS).toBe(10);
    // Tuesday 18 May 2027, back ten working days: Monday 3 May is the early May bank holiday.
    const from = reviewOfferDate(calendar, '2027-05-18', DEFAULT_REVIEW_LEAD_WORKING_DAYS);
    expect(from).toBe('2027-05-04');
    expect(reviewTrigger(agreement, '2027-05-03', 'tm1', from)).toBeUndefined();
    expect(reviewTrigger(agreement, '2027-05-04', 'tm1', from)).toEqual({ reason: 'review-date', supervisorId: 'tm1' });
    // No lead (0): on the date itself.
    expect(reviewOfferDate(calendar, '2027-05-18', 0)).toBe('2027-05-18');
    // The next year still starts the day after this one, however early it is reviewed.
    expect(renewalTerms(agreement, { reason: 'review-date', supervisorId: 'tm1' }, '2027-05-04').agreementDate).toBe(yearEnd(agreement.terms));
  });

  it('Sefton ¶8.1 (L251), Camden §6 (L86): a change of supervisor brings it back at once, for the new supervisor, whatever the date', () => {
    // Supervised by their line manager (as the review pass first saw), who is now someone else.
    const lineManaged = { ...agreement, lineManagerId: 'tm1' };
    expect(reviewTrigger(lineManaged, '2026-09-01', 'tm9')).toEqual({ reason: 'change-of-supervisor', supervisorId: 'tm9' });
    expect(reviewTrigger(lineManaged, '2026-09-01', 'tm1')).toBeUndefined();
    // The directory naming the supervisee as their own manager is not a new supervisor.
    expect(reviewTrigger(lineManaged, '2026-09-01', 'sw1')).toBeUndefined();
  });

  it('Sefton ¶8.1 (L251): supervision by someone other than the line manager (a senior practitioner, an ASYE assessor) is not a change of supervisor; the review date still brings it back', () => {
    // Before: any agreement whose supervisor was not the directory's manager came back at once.
    const bySeniorPractitioner = { ...agreement, lineManagerId: 'tm7' };
    expect(reviewTrigger(bySeniorPractitioner, '2026-09-01', 'tm7')).toBeUndefined();
    // Their line manager changes: the directory cannot say the supervisor did.
    expect(reviewTrigger(bySeniorPractitioner, '2026-09-01', 'tm8')).toBeUndefined();
    expect(reviewTrigger(bySeniorPractitioner, '2027-05-18', 'tm8')).toEqual({ reason: 'review-date', supervisorId: 'tm1' });
    // Not yet looked at (no line manager remembered): nothing to compare with.
    expect(reviewTrigger(agreement, '2026-09-01', 'tm9')).toBeUndefined();
  });

  it('the reviewed agreement is this one pre-filled: at its date, the year after this one with no gap or overlap; after a change of supervisor, from tomorrow with the new one', () => {
    expect(yearEnd(agreement.terms)).toBe('2027-06-02');
    const next = renewalTerms(agreement, { reason: 'review-date', supervisorId: 'tm1' }, '2027-05-18');
    expect(next).toMatchObject({ ...agreement.terms, phaseId: undefined, agreementDate: '2027-06-02', reviewDate: '2028-05-17' }); // the same 350 days after its start (2028 is a leap year)
    // Reviewed after the year ended: from tomorrow (the time between is a lapse the obligations show).
    expect(renewalTerms(agreement, { reason: 'review-date', supervisorId: 'tm1' }, '2027-06-10').agreementDate).toBe('2027-06-11');
    const moved = renewalTerms(agreement, { reason: 'change-of-supervisor', supervisorId: 'tm9' }, '2026-09-01');
    expect(moved).toMatchObject({ supervisorId: 'tm9', superviseeId: 'sw1', agreementDate: '2026-09-02', keyTasks: 'Court work', minutes: 90 });
    expect(successorIdOf('a1')).toBe('a1-next');
  });
});
