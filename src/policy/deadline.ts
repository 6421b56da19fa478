import { milestone, rollingDue, withinWeeks, withinWorkingDays } from '../domain/calendar/conventions.js';
import { addDays, addMonths, formatLocalDate, parseLocalDate, toCivil } from '../domain/calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../domain/calendar/types.js';
import { latestWorkingDayOnOrBefore } from '../domain/calendar/working-calendar.js';
import { AppError } from '../domain/errors.js';
import { cite } from './cite.js';
import type { Modality, NotSpecified, Party, PolicyPack, Specified } from './schema.js';
import { isSpecified } from './schema.js';

export const deadlineKinds = [
  'record-shared', 'postponement-rebooked', 'agreement-signed', 'agreement-review',
  'asye-review', 'pdr', 'direct-observation', 'case-discussion',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

/**
 * What --from means per kind: the event the policy counts from.
 * record-shared, postponement-rebooked: the session date; agreement-signed, asye-review: the
 * employment start; agreement-review: the last signature or review; pdr, direct-observation,
 * case-discussion: the last one held.
 */
export type DeadlineAnswer =
  | {
      readonly kind: DeadlineKind;
      readonly from: LocalDate;
      /** The policy's deadline; null when it is tied to an event rather than a date. */
      readonly due: LocalDate | null;
      readonly rule: string;
      readonly modality: Modality;
      readonly responsible: Party;
      /** K2/K4/K9: the latest working day on or before `due`, when that differs. */
      readonly latestPracticable?: LocalDate;
      /** K10: the date before the first-working-day adjustment. */
      readonly nominal?: LocalDate;
      readonly event?: string;
      readonly milestones?: readonly { readonly months: number; readonly nominal: LocalDate; readonly due: LocalDate }[];
      readonly progressReview?: { readonly due: LocalDate; readonly nominal: LocalDate; readonly rule: string; readonly modality: Modality };
      readonly localConfiguration?: true;
      readonly note?: string;
    }
  | { readonly kind: DeadlineKind; readonly from: LocalDate; readonly due: null; readonly notSpecified: true; readonly rule: string; readonly note?: string };

function notSpecified(pack: PolicyPack, kind: DeadlineKind, from: LocalDate, v: NotSpecified, what: string): DeadlineAnswer {
  return { kind, from, due: null, notSpecified: true, rule: cite(pack, v), note: v.note ?? `${pack.shortName} does not specify ${what}` };
}

function base<T>(pack: PolicyPack, kind: DeadlineKind, from: LocalDate, v: Specified<T>, responsible: Party) {
  const local = v.source && 'kind' in v.source ? { localConfiguration: true as const } : {};
  return { kind, from, rule: cite(pack, v), modality: v.modality, responsible, ...local };
}

function practicable(cal: WorkingCalendar, due: LocalDate): { latestPracticable?: LocalDate } {
  const p = latestWorkingDayOnOrBefore(cal, due);
  return p === due ? {} : { latestPracticable: p };
}

/**
 * CB §14 "by the end of June every municipal year": the policy does not define the municipal
 * year, so each calendar year's PDR is due by its 30 June and a PDR counts for the year it is
 * held in (see the pack's decisions). The next one after `from` is due in the following year.
 */
export function nextAnnualByDate(from: LocalDate, month: number, day: number): LocalDate {
  return formatLocalDate(toCivil(from).year + 1, month, day);
}

export interface DeadlineOptions {
  readonly category?: string | undefined;
}

export function computeDeadline(pack: PolicyPack, cal: WorkingCalendar, kind: DeadlineKind, fromInput: string, options: DeadlineOptions = {}): DeadlineAnswer {
  const from = parseLocalDate(fromInput);
  const d = pack.deadlines;
  switch (kind) {
    case 'record-shared': {
      const v = d.recordShared;
      if (!isSpecified(v)) return notSpecified(pack, kind, from, v, 'a day limit for sharing the record');
      return { ...base(pack, kind, from, v, v.value.by), due: withinWorkingDays(cal, from, v.value.workingDays) };
    }
    case 'postponement-rebooked': {
      const v = d.postponementRebooked;
      if (!isSpecified(v)) return notSpecified(pack, kind, from, v, 'a day limit for rebooking a postponed session');
      return { ...base(pack, kind, from, v, v.value.by), due: withinWorkingDays(cal, from, v.value.workingDays) };
    }
    case 'agreement-signed': {
      const v = d.agreementSigned;
      if (!isSpecified(v)) return notSpecified(pack, kind, from, v, 'when the agreement is signed');
      if (v.value.kind === 'within-weeks') {
        const w = withinWeeks(from, v.value.weeks);
        return { ...base(pack, kind, from, v, v.value.by), due: w.deadline, ...practicable(cal, w.deadline) };
      }
      // "At the beginning of the relationship" is the --from date itself; "at the first supervision
      // meeting" is a date nobody knows yet, so it is answered with the event.
      if (v.value.event === 'start-of-relationship') {
        return { ...base(pack, kind, from, v, v.value.by), due: from, event: v.value.event, note: 'at the start of the supervisory relationship (--from)' };
      }
      return { ...base(pack, kind, from, v, v.value.by), due: null, event: v.value.event, note: 'at the first supervision meeting of the relationship, not a number of days' };
    }
    case 'agreement-review': {
      const v = d.agreementReview;
      if (!isSpecified(v)) return notSpecified(pack, kind, from, v, 'a review interval for the agreement');
      const m = milestone(cal, from, v.value.months);
      return { ...base(pack, kind, from, v, v.value.by), due: m.scheduled, nominal: m.nominal };
    }
    case 'asye-review': {
      const v = d.asyeReviews;
      if (!isSpecified(v)) return notSpecified(pack, kind, from, v, 'ASYE review milestones');
      const milestones = v.value.months.map((months) => {
        const m = milestone(cal, from, months);
        return { months, nominal: m.nominal, due: m.scheduled };
      });
      return { ...base(pack, kind, from, v, v.value.by), due: milestones[0]?.due ?? null, milestones };
    }
    case 'pdr': {
      const v = d.pdr;
      if (!isSpecified(v)) return notSpecified(pack, kind, from, v, 'when the PDR is due');
      const due = v.value.kind === 'annual-by-date' ? nextAnnualByDate(from, v.value.month, v.value.day) : milestone(cal, from, v.value.months).scheduled;
      const r = d.pdrReview;
      const review = isSpecified(r) && v.value.kind === 'annual-by-date'
        ? (() => { const m = milestone(cal, from, r.value.months); return { progressReview: { due: m.scheduled, nominal: m.nominal, rule: cite(pack, r), modality: r.modality } }; })()
        : {};
      return { ...base(pack, kind, from, v, 'both'), due, ...(v.value.kind === 'annual-by-date' ? practicable(cal, due) : {}), ...review };
    }
    case 'direct-observation': {
      const v = d.directObservation;
      if (!isSpecified(v)) return notSpecified(pack, kind, from, v, 'how often practice is observed');
      const m = milestone(cal, from, v.value.months);
      return { ...base(pack, kind, from, v, v.value.by), due: m.scheduled, nominal: m.nominal };
    }
    case 'case-discussion':
      return caseDiscussion(pack, cal, from, options.category);
  }
}

function caseDiscussion(pack: PolicyPack, cal: WorkingCalendar, from: LocalDate, category: string | undefined): DeadlineAnswer {
  const kind = 'case-discussion';
  const cd = pack.deadlines.caseDiscussion;
  if (isSpecified(cd)) {
    const ids = cd.value.categories.map((c) => c.id);
    const cat = cd.value.categories.find((c) => c.id === category);
    if (!cat) throw new AppError('invalid_input', `--category must be one of ${ids.join(', ')} for ${pack.id}`);
    const r = rollingDue(cal, from, cat.months);
    return { ...base(pack, kind, from, cd, cd.value.by), due: r.due, ...practicable(cal, r.due), note: `${cat.label}: every ${cat.months} month${cat.months > 1 ? 's' : ''} (K9)` };
  }
  const monthly = pack.deadlines.caseRecordMonthly;
  if (isSpecified(monthly)) {
    const ids = ['child', ...monthly.value.bimonthlyExceptions.map((e) => e.id)];
    const cat = category ?? 'child';
    if (!ids.includes(cat)) throw new AppError('invalid_input', `--category must be one of ${ids.join(', ')} for ${pack.id}`);
    // K7: every calendar month holds a record; the exceptions allow one empty month in between.
    const { year, month } = toCivil(from);
    const monthsAhead = cat === 'child' ? 1 : 2;
    const firstOfTarget = addMonths(formatLocalDate(year, month, 1), monthsAhead);
    const due = addDays(addMonths(firstOfTarget, 1), -1);
    return { ...base(pack, kind, from, monthly, monthly.value.by), due, ...practicable(cal, due), note: cat === 'child' ? 'a case record in every calendar month (K7)' : 'bimonthly exception: no two consecutive calendar months without a record (K7)' };
  }
  return notSpecified(pack, kind, from, cd, 'a case discussion cadence');
}
