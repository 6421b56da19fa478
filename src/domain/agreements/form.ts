import { z } from 'zod';
import { addMonths, compareDates } from '../calendar/local-date.js';
import { isLocalTime } from '../calendar/london-time.js';
import type { IsoWeekday, LocalDate } from '../calendar/types.js';
import type { Person } from '../people/person.js';
import { citationForPeople, citeForPeople } from '../../policy/why.js';
import { dayInWords, parseBritishDate } from '../words/dates.js';
import { isSpecified, type AgreedFrequency, type PolicyPack, type Role } from '../../policy/schema.js';
import { sessionLengthCheck } from '../../policy/session-length.js';
import type { AgreementTerms } from './types.js';

/**
 * What the agreement card submits, field by field (Sefton App 1 and ¶8.1 (L245–252), CB BIC 532
 * §9, Leeds App 2, Camden §6 "Supervision contract"). Adaptive Card inputs arrive as strings (a
 * multi-select as "a,b"); anything else is refused before the rules below look at it.
 */
const text = (max: number) => z.string().trim().max(max).optional();
export const ZAgreementForm = z.object({
  agreementId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  superviseeId: text(64),
  rolePhase: text(130),
  // Dates come as typed ("2 December 2026", "02/12/2026") or as a date picker's ISO form.
  employmentStart: text(40),
  agreementDate: text(40),
  weekday: text(1),
  time: text(8),
  minutes: z.union([z.string().trim().max(4), z.number()]).optional(),
  agreedFrequency: text(20),
  format: z.enum(['teams', 'in-person', '']).optional(),
  location: text(200),
  keyTasks: text(4000),
  othersWhoMaySee: text(20 * 40),
  seniorManagerId: text(64),
  reviewDate: text(40),
  note: text(2000),
});
export type AgreementForm = z.infer<typeof ZAgreementForm>;
export type AgreementField = Exclude<keyof AgreementForm, 'agreementId' | 'note'>;

export type FieldErrors = Partial<Record<AgreementField, string>>;

export interface FormContext {
  readonly pack: PolicyPack;
  readonly supervisor: Person;
  /** Today in Europe/London: dates before it are refused. */
  readonly today: LocalDate;
  /** The person the form names as supervisee, as the directory answered (undefined: not found). */
  readonly supervisee: Person | undefined;
  /** Whether the directory lists them as the supervisor's direct report. */
  readonly superviseeIsReport: boolean;
  /** People the form offered as viewers and as the senior manager (the supervisor's manager chain). */
  readonly managerChain: readonly Person[];
}

/**
 * `warnings`: what stands but departs from a *should* of the policy (issue 14 f: a session shorter
 * than a should minimum), shown on the card; absent when there is none.
 */
export type FormResult =
  | { readonly ok: true; readonly terms: AgreementTerms; readonly warnings?: FieldErrors }
  | { readonly ok: false; readonly errors: FieldErrors; readonly warnings?: FieldErrors };

const weekdays: Record<string, IsoWeekday> = { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 };

/** "roleId/phaseId": one choice on the card, because the phases offered depend on the role. */
export function rolePhaseValue(roleId: string, phaseId: string): string {
  return `${roleId}/${phaseId}`;
}

export function reviewMonths(pack: PolicyPack): number {
  const review = pack.deadlines.agreementReview;
  // K3 / Sefton ¶8.1 (L251) "normally after 12 months": the default where the pack is silent too.
  return isSpecified(review) ? review.value.months : 12;
}

/**
 * The frequencies the form offers where the policy leaves it to the agreement (CB §10 (L111)):
 * a maximum gap in weeks (K4) or monthly periods (K5). Value ids are what the card submits.
 */
export const AGREED_FREQUENCIES: readonly { readonly value: string; readonly title: string; readonly frequency: AgreedFrequency }[] = [
  { value: 'every-1-weeks', title: 'Every week', frequency: { kind: 'max-gap', days: 7 } },
  { value: 'every-2-weeks', title: 'At least every 2 weeks', frequency: { kind: 'max-gap', days: 14 } },
  { value: 'every-3-weeks', title: 'At least every 3 weeks', frequency: { kind: 'max-gap', days: 21 } },
  { value: 'every-4-weeks', title: 'At least every 4 weeks', frequency: { kind: 'max-gap', days: 28 } },
  { value: 'monthly', title: 'Once in each month', frequency: { kind: 'per-period', unit: 'months', length: 1 } },
  { value: 'every-6-weeks', title: 'At least every 6 weeks', frequency: { kind: 'max-gap', days: 42 } },
  { value: 'every-8-weeks', title: 'At least every 8 weeks', frequency: { kind: 'max-gap', days: 56 } },
];

/** The card's value for an agreed frequency (or '' when it is not one the form offers). */
export function agreedFrequencyValue(f: AgreedFrequency | undefined): string {
  if (!f) return '';
  return AGREED_FREQUENCIES.find((x) => JSON.stringify(x.frequency) === JSON.stringify(f))?.value ?? '';
}

/** Whether the role's phase leaves the frequency to the agreement (issue 14 c). */
export function needsAgreedFrequency(role: Role, phaseId: string | undefined): boolean {
  const phase = role.phases.find((p) => p.id === phaseId) ?? role.phases[0];
  return phase !== undefined && isSpecified(phase.frequency) && phase.frequency.value.kind === 'as-agreed';
}

export function plannedMinutes(role: Role): number | undefined {
  return isSpecified(role.sessionLength.planned) ? role.sessionLength.planned.value : undefined;
}

/** Checks a submitted agreement form against the pack and the directory; every problem, not just the first. */
export function validateAgreementForm(form: AgreementForm, ctx: FormContext): FormResult {
  const errors: FieldErrors = {};
  const warnings: FieldErrors = {};
  const missing = (field: AgreementField, what: string) => (errors[field] = `Please give ${what}.`);

  // Supervisee: someone real, not the supervisor, and in their line (Sefton ¶3.8 (L90): "from their line managers").
  if (!form.superviseeId) missing('superviseeId', 'the supervisee');
  else if (form.superviseeId === ctx.supervisor.id) errors.superviseeId = 'You cannot be your own supervisee: choose one of the people you supervise.';
  else if (!ctx.supervisee) errors.superviseeId = 'That person is not in the directory. Choose someone from the list.';
  else if (!ctx.superviseeIsReport) errors.superviseeId = `${ctx.supervisee.displayName} is not one of your direct reports in the directory, so you cannot make their agreement.`;

  let role: Role | undefined;
  let phaseId: string | undefined;
  if (!form.rolePhase) missing('rolePhase', 'the role and phase');
  else {
    const [roleId, phase] = form.rolePhase.split('/');
    role = ctx.pack.roles.find((r) => r.id === roleId);
    phaseId = role?.phases.find((p) => p.id === phase)?.id;
    if (!role || !phaseId) errors.rolePhase = 'That is not a role and phase of your policy. Choose one from the list.';
  }

  const date = (field: 'employmentStart' | 'agreementDate' | 'reviewDate', what: string, notPast: boolean): LocalDate | undefined => {
    const typed = form[field];
    if (!typed) return void missing(field, what);
    const value = parseBritishDate(typed);
    if (!value) return void (errors[field] = `"${typed}" is not a date. Write it as, for example, ${dayInWords(ctx.today)} or ${britishNumeric(ctx.today)}.`);
    if (notPast && compareDates(value, ctx.today) < 0) return void (errors[field] = `${capitalise(what)} cannot be in the past (today is ${dayInWords(ctx.today)}).`);
    return value;
  };
  const employmentStart = date('employmentStart', 'the employment start date', false);
  const agreementDate = date('agreementDate', 'the date sessions start from', true);
  const reviewDate = date('reviewDate', 'the review date', true);
  if (employmentStart && compareDates(employmentStart, ctx.today) > 0 && agreementDate && compareDates(employmentStart, agreementDate) > 0) {
    errors.employmentStart = 'Employment starts after the first session date; sessions can only start once they are employed.';
  }
  if (reviewDate && agreementDate) {
    const months = reviewMonths(ctx.pack);
    const latest = addMonths(agreementDate, months);
    const review = ctx.pack.deadlines.agreementReview;
    if (compareDates(reviewDate, agreementDate) <= 0) errors.reviewDate = 'The review date must come after the date sessions start from.';
    else if (isSpecified(review) && review.modality === 'must' && compareDates(reviewDate, latest) > 0) {
      errors.reviewDate = `The review must be no later than ${dayInWords(latest)}: your policy asks for a review every ${months} months (${citeForPeople(ctx.pack, review)}).`;
    }
  }

  const weekday = form.weekday ? weekdays[form.weekday] : undefined;
  if (!form.weekday) missing('weekday', 'the preferred weekday');
  else if (!weekday) errors.weekday = 'Choose a working day, Monday to Friday.';

  if (!form.time) missing('time', 'the preferred time');
  else if (!isLocalTime(form.time)) errors.time = `"${form.time}" is not a time. Use HH:MM, for example 10:00.`;

  const minutesText = form.minutes === undefined ? '' : String(form.minutes).trim();
  const minutes = minutesText === '' ? undefined : Number(minutesText);
  if (minutes === undefined) missing('minutes', 'the session length in minutes');
  else if (!Number.isInteger(minutes) || minutes < 15 || minutes > 480) errors.minutes = 'The session length must be a whole number of minutes between 15 and 480.';
  else if (role) {
    // A MUST floor refuses; a SHOULD stands with a warning both people see (rules.md §0 modality, issue 14 f).
    const check = sessionLengthCheck(ctx.pack, role.id, minutes);
    const where = check.why?.label ?? citationForPeople(ctx.pack, check.rule);
    if (check.refusal) errors.minutes = `Sessions for ${role.label.toLowerCase()} must be at least ${check.minimum ?? ''} minutes (${where}).`;
    else if (check.warning) warnings.minutes = `Sessions for ${role.label.toLowerCase()} should be at least ${check.minimum ?? ''} minutes (${where}); ${minutes} minutes is shorter.`;
  }

  // CB §10 (L111): where the policy leaves the frequency to the two people, the agreement holds it (issue 14 c).
  let agreedFrequency: AgreedFrequency | undefined;
  if (role && needsAgreedFrequency(role, phaseId)) {
    const chosen = AGREED_FREQUENCIES.find((x) => x.value === form.agreedFrequency);
    const floor = ctx.pack.frequencyFloor;
    if (!form.agreedFrequency) missing('agreedFrequency', `the frequency you agree (your policy leaves it to the agreement for ${role.label.toLowerCase()})`);
    else if (!chosen) errors.agreedFrequency = 'Choose the agreed frequency from the list.';
    else if (isSpecified(floor) && chosen.frequency.kind === 'max-gap' && chosen.frequency.days > floor.value.days) {
      errors.agreedFrequency = `Sessions must be at most ${floor.value.days} days apart (${citeForPeople(ctx.pack, floor)}).`;
    } else agreedFrequency = chosen.frequency;
  }

  if (!form.format) missing('format', 'the format');
  if (form.format === 'in-person' && !form.location) errors.location = 'Please say where you will meet in person.';

  // Sefton ¶8.1 (L249) and App 1: the agreement must cover the supervisee's key tasks.
  const needsKeyTasks = ctx.pack.recordTemplates.some((t) => t.purpose === 'agreement' && t.fields.some((f) => /key tasks/i.test(f.name)));
  if (needsKeyTasks && !form.keyTasks) missing('keyTasks', 'the supervisee\'s key tasks (your policy\'s agreement form asks for them)');

  const chainIds = new Set(ctx.managerChain.map((p) => p.id));
  const others = (form.othersWhoMaySee ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (others.some((id) => !chainIds.has(id))) errors.othersWhoMaySee = 'Choose the people who may see records from the list.';
  if (others.includes(form.superviseeId ?? '') || others.includes(ctx.supervisor.id)) errors.othersWhoMaySee = 'The two of you always see the record; list only other people.';

  // Sefton ¶8.1 (L250): the disagreement procedure names a manager the supervisee can contact.
  if (!form.seniorManagerId) missing('seniorManagerId', 'the senior manager for disagreements');
  else if (!chainIds.has(form.seniorManagerId)) errors.seniorManagerId = 'Choose the senior manager from the list.';

  if (Object.keys(errors).length > 0 || !role || !phaseId || !employmentStart || !agreementDate || !reviewDate || !weekday || !form.time || minutes === undefined || !form.superviseeId) {
    return { ok: false, errors, ...(Object.keys(warnings).length > 0 ? { warnings } : {}) };
  }
  return {
    ...(Object.keys(warnings).length > 0 ? { warnings } : {}),
    ok: true,
    terms: {
      policyId: ctx.pack.id,
      roleId: role.id,
      phaseId,
      supervisorId: ctx.supervisor.id,
      superviseeId: form.superviseeId,
      employmentStart,
      agreementDate,
      weekday,
      time: form.time,
      minutes,
      format: form.format === 'in-person' ? { kind: 'in-person', location: form.location ?? '' } : { kind: 'teams' },
      keyTasks: form.keyTasks ?? '',
      othersWhoMaySee: [...new Set(others)],
      seniorManagerId: form.seniorManagerId,
      reviewDate,
      ...(agreedFrequency ? { agreedFrequency } : {}),
    },
  };
}

/** "02/12/2026": the numeric form, day first. */
function britishNumeric(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
