import { isLongAbsence, milestone, rollingDue, withinWeeks } from '../calendar/conventions.js';
import { addDays, addMonths, diffDays, formatLocalDate, toCivil } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { latestWorkingDayOnOrBefore } from '../calendar/working-calendar.js';
import { cite } from '../../policy/cite.js';
import type { PolicyPack, Role } from '../../policy/schema.js';
import { isLocalSource, isSpecified } from '../../policy/schema.js';
import type { History } from './history.js';
import { notSpecifiedObligation, obligation } from './judge.js';
import type { Obligation } from './types.js';

const sorted = (xs: readonly LocalDate[], at: LocalDate): LocalDate[] => xs.filter((x) => x <= at).sort();

/** Agreement signing and review, ASYE, PDR, direct observation. */
export function agreementObligations(pack: PolicyPack, role: Role, history: History, at: LocalDate, cal: WorkingCalendar): Obligation[] {
  const out: Obligation[] = [];
  const d = pack.deadlines;
  const a = history.agreement;
  const firstHeld = history.sessions.filter((s) => s.status === 'held' && s.date >= a.agreementDate).map((s) => s.date).sort()[0];
  const signedOn = a.signed.supervisor && a.signed.supervisee ? (a.signed.supervisor > a.signed.supervisee ? a.signed.supervisor : a.signed.supervisee) : undefined;

  const sign = d.agreementSigned;
  if (!isSpecified(sign)) out.push(notSpecifiedObligation('agreement-signed', 'agreement', cite(pack, sign), sign.note ?? `${pack.shortName} sets no time for signing the agreement`));
  else {
    const v = sign.value;
    const due = v.kind === 'within-weeks' ? withinWeeks(a.employmentStart, v.weeks).deadline : v.event === 'start-of-relationship' ? a.agreementDate : (firstHeld ?? null);
    out.push(obligation({
      kind: 'agreement-signed', subject: `agreement-${a.agreementDate}`, due, metOn: signedOn,
      latestPracticable: due && v.kind === 'within-weeks' ? latestWorkingDayOnOrBefore(cal, due) : undefined,
      responsible: v.by, modality: sign.modality, rule: cite(pack, sign), localConfiguration: isLocalSource(sign.source),
      detail: v.kind === 'within-weeks' ? `signed by both within ${v.weeks} weeks of employment starting (K2)` : `agreed and signed at the ${v.event.replace(/-/g, ' ')}`,
    }, at));
  }

  const review = d.agreementReview;
  const reviews = sorted(a.reviews, at);
  if (!isSpecified(review)) out.push(notSpecifiedObligation('agreement-review', 'agreement', cite(pack, review), review.note ?? `${pack.shortName} sets no review interval`));
  else {
    let last = signedOn ?? a.agreementDate;
    for (;;) {
      const m = milestone(cal, last, review.value.months);
      const done = reviews.find((r) => r > last);
      out.push(obligation({
        kind: 'agreement-review', subject: `after-${last}`, due: m.scheduled, metOn: done,
        responsible: review.value.by, modality: review.modality, rule: cite(pack, review), localConfiguration: isLocalSource(review.source),
        detail: `agreement reviewed ${review.value.months} months after ${last} (K10)`,
      }, at));
      if (!done || m.scheduled > at) break;
      last = done;
    }
  }
  const events = d.agreementReviewEvents;
  if (isSpecified(events) && events.value.includes('change-of-supervisor')) {
    for (const c of sorted(a.supervisorChanges, at)) {
      const due = history.sessions.filter((s) => s.status === 'held' && s.date >= c).map((s) => s.date).sort()[0] ?? null;
      out.push(obligation({
        kind: 'agreement-review', subject: `supervisor-change-${c}`, due, metOn: reviews.find((r) => r >= c),
        responsible: 'both', modality: events.modality, rule: cite(pack, events), localConfiguration: isLocalSource(events.source),
        detail: `change of supervisor on ${c}: the agreement is reviewed at the start of the new relationship`,
      }, at));
    }
  }

  if (role.asye) {
    const la = d.asyeLearningAgreement;
    if (isSpecified(la)) {
      out.push(obligation({
        kind: 'asye-learning-agreement', subject: 'learning-agreement', due: history.sessions.filter((s) => s.status === 'held' && s.date >= a.employmentStart).map((s) => s.date).sort()[0] ?? null,
        metOn: history.learningAgreementOn, responsible: la.value.by, modality: la.modality, rule: cite(pack, la), localConfiguration: isLocalSource(la.source),
        detail: 'ASYE learning agreement completed at the initial meeting on commencement',
      }, at));
    }
    const ar = d.asyeReviews;
    if (!isSpecified(ar)) out.push(notSpecifiedObligation('asye-review', 'asye', cite(pack, ar), ar.note ?? 'no ASYE review milestones'));
    else {
      const reviews = ar.value.months.map((months) => ({ months, m: milestone(cal, a.employmentStart, months) }));
      const metOn = reviewsMatched(sorted(history.asyeReviews, at), reviews.map((r) => r.m.scheduled));
      reviews.forEach(({ months, m }, i) => {
        out.push(obligation({
          kind: 'asye-review', subject: `month-${months}`, due: m.scheduled, metOn: metOn[i],
          responsible: ar.value.by, modality: ar.modality, rule: cite(pack, ar), localConfiguration: isLocalSource(ar.source),
          detail: `ASYE review at ${months} months (nominal ${m.nominal}, K10)`,
        }, at));
      });
    }
  }

  out.push(...pdrObligations(pack, history, at, cal));

  const reduced = d.reducedFrequencyReview;
  if (isSpecified(reduced) && a.reducedFrequencyAgreedOn !== undefined && a.reducedFrequencyAgreedOn <= at) {
    out.push(...rolling(sorted(a.reviews, at).filter((r) => r >= (a.reducedFrequencyAgreedOn ?? '')), a.reducedFrequencyAgreedOn, at, (last) => milestone(cal, last, reduced.value.months).scheduled,
      (last, due, metOn) => obligation({ kind: 'reduced-frequency-review', subject: `after-${last}`, due, metOn, responsible: reduced.value.by, modality: reduced.modality, rule: cite(pack, reduced), localConfiguration: isLocalSource(reduced.source), detail: `reduced frequency agreed ${a.reducedFrequencyAgreedOn} reviewed within ${reduced.value.months} months of ${last} (K10)` }, at)));
  }

  const obs = d.directObservation;
  if (!isSpecified(obs)) out.push(notSpecifiedObligation('direct-observation', 'observation', cite(pack, obs), obs.note ?? `${pack.shortName} sets no observation interval`));
  else out.push(...rolling(sorted(history.directObservations, at), a.agreementDate, at, (last) => milestone(cal, last, obs.value.months).scheduled,
    (last, due, metOn) => obligation({ kind: 'direct-observation', subject: `after-${last}`, due, metOn, responsible: obs.value.by, modality: obs.modality, rule: cite(pack, obs), localConfiguration: isLocalSource(obs.source), detail: `direct observation of practice within ${obs.value.months} months of ${last} (K10)` }, at)));
  return out;
}

/**
 * Which review answers which milestone (Sefton ¶3.14 (L102): reviews at 3, 6 and 12 months): each
 * review recorded goes to the milestone whose due date is nearest to it (the earlier on a tie) of
 * those not yet answered, so a review missed at 6 months stays missed when the 12-month one is
 * held (issue 14 item 1), instead of the 12-month review counting for it.
 */
function reviewsMatched(done: readonly LocalDate[], dues: readonly LocalDate[]): (LocalDate | undefined)[] {
  const out: (LocalDate | undefined)[] = dues.map(() => undefined);
  for (const review of done) {
    let best = -1;
    for (let i = 0; i < dues.length; i += 1) {
      if (out[i] !== undefined) continue;
      if (best < 0 || Math.abs(diffDays(review, dues[i] ?? review)) < Math.abs(diffDays(review, dues[best] ?? review))) best = i;
    }
    if (best >= 0) out[best] = review;
  }
  return out;
}

/**
 * Repeats "next one due N after the last" from `start` (the agreement date when nothing was
 * recorded before it) up to the first one not yet done or not yet due.
 */
function rolling(done: readonly LocalDate[], start: LocalDate, at: LocalDate, dueAfter: (last: LocalDate) => LocalDate, make: (last: LocalDate, due: LocalDate, metOn: LocalDate | undefined) => Obligation): Obligation[] {
  const out: Obligation[] = [];
  let last = [...done].reverse().find((x) => x <= start) ?? start;
  for (let i = 0; i < 100; i += 1) {
    const due = dueAfter(last);
    const metOn = done.find((x) => x > last);
    out.push(make(last, due, metOn));
    if (!metOn || due > at) break;
    last = metOn;
  }
  return out;
}

function pdrObligations(pack: PolicyPack, history: History, at: LocalDate, cal: WorkingCalendar): Obligation[] {
  const out: Obligation[] = [];
  const pdr = pack.deadlines.pdr;
  const pdrs = sorted(history.pdrs, at);
  const start = history.agreement.agreementDate;
  if (!isSpecified(pdr)) {
    out.push(notSpecifiedObligation('pdr', 'pdr', cite(pack, pdr), pdr.note ?? `${pack.shortName} sets no PDR date`));
    return out;
  }
  const base = { responsible: 'both' as const, modality: pdr.modality, rule: cite(pack, pdr), localConfiguration: isLocalSource(pdr.source) };
  if (pdr.value.kind === 'annual-by-date') {
    // CB §14: one PDR each calendar year, by its 30 June (the pack's decision on "municipal year").
    const { month, day } = pdr.value;
    const y0 = toCivil(start).year;
    for (let y = formatLocalDate(y0, month, day) < start ? y0 + 1 : y0; ; y += 1) {
      const end = formatLocalDate(y, month, day);
      out.push(obligation({ ...base, kind: 'pdr', subject: `year-${y}`, due: end, latestPracticable: latestWorkingDayOnOrBefore(cal, end), metOn: pdrs.find((p) => p.startsWith(`${y}-`)), detail: `annual PDR for ${y} completed by ${end}` }, at));
      if (end >= at) break;
    }
  } else {
    out.push(...rolling(pdrs, start, at, (last) => milestone(cal, last, 12).scheduled,
      (last, due, metOn) => obligation({ ...base, kind: 'pdr', subject: `after-${last}`, due, metOn, detail: `PDR reviewed annually after ${last} (K10)` }, at)));
  }
  const review = pack.deadlines.pdrReview;
  if (isSpecified(review) && pdr.value.kind === 'annual-by-date') {
    const reviews = sorted(history.pdrReviews, at);
    for (const p of pdrs.filter((x) => x >= addMonths(start, -12))) {
      const m = milestone(cal, p, review.value.months);
      out.push(obligation({
        kind: 'pdr-review', subject: `pdr-${p}`, due: m.scheduled, metOn: reviews.find((r) => r > p),
        responsible: review.value.by, modality: review.modality, rule: cite(pack, review), localConfiguration: isLocalSource(review.source),
        detail: `PDR progress review ${review.value.months} months after the PDR of ${p} (K10)`,
      }, at));
    }
  }
  return out;
}

/** Case discussion cadence (K9) or monthly case records (K7), and a supervisor's long absence (K11). */
export function caseObligations(pack: PolicyPack, history: History, at: LocalDate, cal: WorkingCalendar): Obligation[] {
  const out: Obligation[] = [];
  const d = pack.deadlines;
  const cd = d.caseDiscussion;
  const monthly = d.caseRecordMonthly;
  const cases = history.cases.filter((c) => c.allocatedOn <= at);
  if (cases.length > 0 && !isSpecified(cd) && !isSpecified(monthly)) {
    out.push(notSpecifiedObligation('case-discussion', 'cases', cite(pack, cd), cd.note ?? `${pack.shortName} sets no case discussion cadence`));
  }
  for (const c of cases) {
    const end = c.closedOn && c.closedOn < at ? c.closedOn : at;
    const discussions = sorted(c.discussions, end);
    if (isSpecified(cd)) {
      const cat = cd.value.categories.find((x) => x.id === c.category);
      if (!cat) {
        out.push(notSpecifiedObligation('case-discussion', `case-${c.id}`, cite(pack, cd), `category "${c.category}" is not one of ${cd.value.categories.map((x) => x.id).join(', ')}`));
        continue;
      }
      out.push(...rolling(discussions, c.allocatedOn, end, (last) => rollingDue(cal, last, cat.months).due,
        (last, due, metOn) => obligation({
          kind: 'case-discussion', subject: `case-${c.id}/after-${last}`, due, metOn, latestPracticable: latestWorkingDayOnOrBefore(cal, due),
          responsible: cd.value.by, modality: cd.modality, rule: cite(pack, cd), localConfiguration: isLocalSource(cd.source),
          detail: `${cat.label} case ${c.id} discussed every ${cat.months} month${cat.months > 1 ? 's' : ''} (K9)`,
        }, at)).filter((o) => c.closedOn === undefined || o.metOn !== undefined || (o.due !== null && o.due <= c.closedOn)));
    } else if (isSpecified(monthly)) {
      const bimonthly = monthly.value.bimonthlyExceptions.some((e) => e.id === c.category);
      const months = new Set(discussions.map((x) => x.slice(0, 7)));
      let m = formatLocalDate(toCivil(c.allocatedOn).year, toCivil(c.allocatedOn).month, 1);
      let prevMissing = false;
      for (; m <= end; m = addMonths(m, 1)) {
        const due = addDays(addMonths(m, 1), -1);
        const key = m.slice(0, 7);
        const has = months.has(key);
        const needed = !bimonthly || prevMissing;
        if (needed || has) {
          out.push(obligation({
            kind: 'case-record-monthly', subject: `case-${c.id}/${key}`, due, metOn: has ? discussions.find((x) => x.startsWith(key)) : undefined,
            responsible: monthly.value.by, modality: monthly.modality, rule: cite(pack, monthly), localConfiguration: isLocalSource(monthly.source),
            detail: bimonthly ? `case ${c.id}: bimonthly exception, no two consecutive months without a record (K7)` : `case ${c.id}: a case supervision record in ${key} (K7)`,
          }, at));
        }
        prevMissing = !has;
      }
    }
  }
  const abs = d.supervisorLongAbsence;
  if (isSpecified(abs)) {
    for (const x of history.supervisorAbsences.filter((y) => y.from <= at)) {
      if (!isLongAbsence(x.from, x.expectedReturn)) continue;
      out.push(obligation({
        kind: 'supervisor-long-absence', subject: `absence-${x.from}`, due: x.from, metOn: x.alternativeAgreedOn,
        responsible: abs.value.by, modality: abs.modality, rule: cite(pack, abs), localConfiguration: isLocalSource(abs.source),
        detail: `supervisor away ${x.from} to ${x.expectedReturn} (more than ${abs.value.months} months, K11): another worker takes over supervision`,
      }, at));
    }
  }
  return out;
}
