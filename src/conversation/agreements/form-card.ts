import { agreementFormCard } from '../../cards/agreement-form-card.js';
import type { AdaptiveCardJson } from '../../cards/render-card.js';
import type { AgreementForm, FieldErrors } from '../../domain/agreements/form.js';
import { AGREED_FREQUENCIES, agreedFrequencyValue, reviewMonths, rolePhaseValue } from '../../domain/agreements/form.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { dayInWords } from '../../domain/words/dates.js';
import { isSpecified, type PolicyPack } from '../../policy/schema.js';
import { citeForPeople, whyOf, type PolicyWhy } from '../../policy/why.js';
import type { FormSetup } from '../../usecases/agreements/form-context.js';

type Values = Omit<AgreementForm, 'agreementId' | 'note'>;

/** A date field's value as the card shows it: a stored date in British long form, anything typed as it was. */
function asTyped(value: string | undefined): string {
  return value === undefined ? '' : isLocalDate(value) ? dayInWords(value) : value;
}

/**
 * A hint under a field, citing the policy as people read it ("<title>, paragraph 3.8") with its
 * words under "Why?"; a value the council set itself says so instead (K13).
 */
interface Hint {
  readonly text: string;
  readonly why?: PolicyWhy | undefined;
}

function minutesHint(pack: PolicyPack): Hint {
  const floors = pack.roles.flatMap((r) => (isSpecified(r.sessionLength.minimum) && r.sessionLength.minimum.modality === 'must' ? [{ role: r, v: r.sessionLength.minimum }] : []));
  const first = floors[0];
  if (!first) return { text: 'Your policy sets no minimum session length.' };
  const why = whyOf(pack, first.v);
  return { text: `At least ${first.v.value} minutes for most roles (${why?.label ?? citeForPeople(pack, first.v)}).`, why };
}

function reviewHint(pack: PolicyPack): Hint {
  const review = pack.deadlines.agreementReview;
  const months = reviewMonths(pack);
  const why = isSpecified(review) ? whyOf(pack, review) : undefined;
  if (isSpecified(review)) return { text: `Default: ${months} months after sessions start (${why?.label ?? citeForPeople(pack, review)}).`, why };
  return { text: `Default: ${months} months after sessions start (your policy gives no review interval; an annual review is the usual practice).` };
}

export function termsAsValues(agreement: Agreement): Values {
  const t = agreement.terms;
  return {
    superviseeId: t.superviseeId,
    rolePhase: t.phaseId ? rolePhaseValue(t.roleId, t.phaseId) : '',
    employmentStart: t.employmentStart,
    agreementDate: t.agreementDate,
    weekday: String(t.weekday),
    time: t.time,
    minutes: String(t.minutes),
    format: t.format.kind,
    location: t.format.kind === 'in-person' ? t.format.location : '',
    keyTasks: t.keyTasks,
    othersWhoMaySee: t.othersWhoMaySee.join(','),
    seniorManagerId: t.seniorManagerId ?? '',
    reviewDate: t.reviewDate,
    agreedFrequency: agreedFrequencyValue(t.agreedFrequency),
  };
}

/** The agreed-frequency field, offered where a role of the pack leaves the frequency to the agreement (CB §10 (L111), issue 14 c). */
function agreedFrequencyField(pack: PolicyPack): { choices: { title: string; value: string }[]; hint: string; why?: PolicyWhy | undefined } {
  const phases = pack.roles.flatMap((r) => r.phases.filter((p) => isSpecified(p.frequency) && p.frequency.value.kind === 'as-agreed').map((p) => ({ role: r, phase: p })));
  const first = phases[0];
  if (!first) return { choices: [], hint: '' };
  const why = whyOf(pack, first.phase.frequency);
  const roles = phases.map((x) => x.role.label.toLowerCase()).join(', ');
  return { choices: AGREED_FREQUENCIES.map(({ title, value }) => ({ title, value })), hint: `Needed for ${roles}: the policy leaves the frequency to the two of you (${why?.label ?? citeForPeople(pack, first.phase.frequency)}).`, why };
}

/** The form, fresh (defaults) or re-rendered with what was typed and a message next to each problem. */
export function renderAgreementForm(input: {
  agreementId: string;
  pack: PolicyPack;
  today: string;
  setup: FormSetup;
  values: Values;
  errors?: FieldErrors;
  mode: 'new' | 'revise';
  superviseeName?: string;
  peoplePicker?: boolean | undefined;
}): AdaptiveCardJson {
  const { setup, values, pack } = input;
  const errors = input.errors ?? {};
  const count = Object.keys(errors).length;
  const minutes = minutesHint(pack);
  const review = reviewHint(pack);
  const supervisees = setup.reports.map((p) => ({ title: p.jobTitle ? `${p.displayName} (${p.jobTitle})` : p.displayName, value: p.id }));
  // A revision keeps its supervisee even if the directory list changed meanwhile.
  if (input.mode === 'revise' && values.superviseeId && !supervisees.some((c) => c.value === values.superviseeId)) {
    supervisees.push({ title: input.superviseeName ?? 'Current supervisee', value: values.superviseeId });
  }
  return agreementFormCard({
    agreementId: input.agreementId,
    title: input.mode === 'new' ? 'New supervision agreement' : `Edit the agreement with ${input.superviseeName ?? 'your supervisee'}`,
    intro:
      input.mode === 'new'
        ? `The agreement you and your supervisee both sign, under ${pack.title}. When both have signed, I book the year of sessions into both Outlook calendars.`
        : 'Change what was asked for and send it again. Both of you sign the new version.',
    errorSummary: count === 0 ? '' : count === 1 ? 'Please fix the field marked below. Nothing has been saved or sent yet.' : `Please fix the ${count} fields marked below. Nothing has been saved or sent yet.`,
    packName: pack.shortName,
    today: input.today,
    supervisees: supervisees.length > 0 ? supervisees : [{ title: 'Nobody reports to you in the directory', value: 'none' }],
    // A revision keeps its supervisee, so there is nobody to search for.
    peoplePicker: input.mode === 'new' && input.peoplePicker === true,
    rolePhases: pack.roles.flatMap((r) => r.phases.map((p) => ({ title: r.phases.length > 1 ? `${r.label}: ${p.label}` : r.label, value: rolePhaseValue(r.id, p.id) }))),
    managers: setup.managers.map((p) => ({ title: p.jobTitle ? `${p.displayName} (${p.jobTitle})` : p.displayName, value: p.id })),
    superviseeId: values.superviseeId ?? '',
    rolePhase: values.rolePhase ?? '',
    employmentStart: asTyped(values.employmentStart),
    agreementDate: asTyped(values.agreementDate),
    weekday: values.weekday ?? '',
    time: values.time ?? '',
    // Input.Number takes a number; what was typed is kept as typed when it is not one.
    minutes: values.minutes === undefined ? '' : /^\d{1,4}$/.test(String(values.minutes).trim()) ? Number(values.minutes) : String(values.minutes),
    minutesHint: minutes.text,
    minutesWhy: minutes.why,
    ...(() => {
      const f = agreedFrequencyField(pack);
      return { agreedFrequencies: f.choices, agreedFrequency: values.agreedFrequency ?? '', agreedFrequencyHint: f.hint, agreedFrequencyWhy: f.why };
    })(),
    format: values.format ?? '',
    location: values.location ?? '',
    keyTasks: values.keyTasks ?? '',
    othersWhoMaySee: values.othersWhoMaySee ?? '',
    seniorManagerId: values.seniorManagerId ?? '',
    reviewDate: asTyped(values.reviewDate),
    reviewHint: review.text,
    reviewWhy: review.why,
    showNote: input.mode === 'revise',
    submitTitle: input.mode === 'new' ? 'Send to the supervisee' : 'Send the new version',
    verb: input.mode === 'new' ? 'agreementSubmit' : 'agreementRevise',
    errors: { ...errors },
  });
}
