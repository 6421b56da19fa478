import { milestone } from '../calendar/conventions.js';
import { addDays, addMonths, formatLocalDate, maxDate, toCivil } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { latestWorkingDayOnOrBefore, nextWorkingDayOnOrAfter } from '../calendar/working-calendar.js';
import { cite } from '../../policy/cite.js';
import { findRole } from '../../policy/packs.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import type { MilestoneDue } from './types.js';

export interface YearInputs {
  readonly roleId: string;
  readonly employmentStart: LocalDate;
  /** First day of the agreement year. */
  readonly agreementDate: LocalDate;
  /** The review date both signed. */
  readonly reviewDate: LocalDate;
  /** The year's first supervision session, where the ASYE learning agreement is made. */
  readonly firstSession?: LocalDate | undefined;
  /**
   * A renewal of an earlier agreement (issue 14 item 3): what fell on its first day belonged to
   * the year before (its review), and the ASYE learning agreement was made then.
   */
  readonly continuation?: boolean | undefined;
}

/**
 * Every milestone the pack asks for in the agreement year, with the date it is due, by the same
 * conventions the obligations engine judges them by (obligations/periodic.ts): K10 milestones on
 * their first working day, "by 30 June" on the latest working day on or before it. The year is
 * [agreementDate, agreementDate + 12 months] with its last day: the 12-month ASYE review and the
 * agreement's review fall on it.
 */
export function milestonesOfYear(pack: PolicyPack, cal: WorkingCalendar, y: YearInputs): MilestoneDue[] {
  const role = findRole(pack, y.roleId);
  const d = pack.deadlines;
  const lo = y.continuation ? addDays(y.agreementDate, 1) : y.agreementDate;
  const hi = addMonths(y.agreementDate, 12);
  const within = (date: LocalDate): boolean => date >= lo && date <= hi;
  const before = (date: LocalDate, days: number): LocalDate => maxDate(lo, addDays(date, -days));
  const out: MilestoneDue[] = [];

  if (role.asye) {
    const la = d.asyeLearningAgreement;
    // Sefton ¶3.14 (L102): on commencement, at an initial meeting: the year's first session.
    if (isSpecified(la) && !y.continuation && y.agreementDate < addMonths(y.employmentStart, 12)) {
      const start = maxDate(y.employmentStart, y.agreementDate);
      const due = y.firstSession ?? nextWorkingDayOnOrAfter(cal, start);
      out.push({ kind: 'asye-learning-agreement', subject: 'learning-agreement', label: 'ASYE learning agreement', due, earliest: start, rule: cite(pack, la), withSessionOn: due });
    }
    const ar = d.asyeReviews;
    if (isSpecified(ar)) {
      for (const months of ar.value.months) {
        const m = milestone(cal, y.employmentStart, months);
        if (within(m.scheduled)) out.push({ kind: 'asye-review', subject: `month-${months}`, label: `ASYE review at ${months} months`, due: m.scheduled, earliest: before(m.scheduled, 14), rule: cite(pack, ar) });
      }
    }
  }

  // The agreement's own review date, which both signed; the policy's rule where it gives one.
  const review = d.agreementReview;
  const reviewDue = nextWorkingDayOnOrAfter(cal, y.reviewDate);
  if (within(reviewDue)) {
    out.push({
      kind: 'agreement-review', subject: `review-${y.reviewDate}`, label: 'Review of the supervision agreement', due: reviewDue, earliest: before(reviewDue, 14),
      rule: isSpecified(review) ? cite(pack, review) : `${pack.shortName}: the review date in the agreement (the policy sets no interval)`,
    });
  }

  const pdr = d.pdr;
  const pdrs: LocalDate[] = [];
  if (isSpecified(pdr)) {
    if (pdr.value.kind === 'annual-by-date') {
      // CB §14 (L155): by 30 June each year; held on the last working day on or before it.
      for (let year = toCivil(lo).year; year <= toCivil(hi).year; year += 1) {
        const end = formatLocalDate(year, pdr.value.month, pdr.value.day);
        const due = latestWorkingDayOnOrBefore(cal, end);
        if (within(due)) { out.push({ kind: 'pdr', subject: `year-${year}`, label: `PDR for ${year}`, due, earliest: before(due, 30), rule: cite(pack, pdr) }); pdrs.push(due); }
      }
    } else {
      const m = milestone(cal, y.agreementDate, 12);
      if (within(m.scheduled)) { out.push({ kind: 'pdr', subject: `after-${y.agreementDate}`, label: 'Annual PDR review', due: m.scheduled, earliest: before(m.scheduled, 30), prefer: before(m.scheduled, 7), rule: cite(pack, pdr) }); pdrs.push(m.scheduled); }
    }
  }
  const pdrReview = d.pdrReview;
  if (isSpecified(pdrReview) && isSpecified(pdr) && pdr.value.kind === 'annual-by-date') {
    for (const p of pdrs) {
      const m = milestone(cal, p, pdrReview.value.months);
      if (within(m.scheduled)) out.push({ kind: 'pdr-review', subject: `pdr-${p}`, label: `PDR progress review (${pdrReview.value.months} months after the PDR)`, due: m.scheduled, earliest: before(m.scheduled, 14), rule: cite(pack, pdrReview) });
    }
  }

  const obs = d.directObservation;
  if (isSpecified(obs)) {
    const m = milestone(cal, y.agreementDate, obs.value.months);
    if (within(m.scheduled)) out.push({ kind: 'direct-observation', subject: `after-${y.agreementDate}`, label: 'Direct observation of practice', due: m.scheduled, earliest: before(m.scheduled, 30), prefer: before(m.scheduled, 14), rule: cite(pack, obs), inPerson: true });
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.kind < b.kind ? -1 : 1));
}
