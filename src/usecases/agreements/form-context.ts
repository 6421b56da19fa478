import { addDays, addMonths, compareDates } from '../../domain/calendar/local-date.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import type { AgreementForm, FormContext } from '../../domain/agreements/form.js';
import { plannedMinutes, reviewMonths, rolePhaseValue } from '../../domain/agreements/form.js';
import type { Person } from '../../domain/people/person.js';
import type { OffsetStep, PolicyPack, Role } from '../../policy/schema.js';
import type { AgreementDeps } from './deps.js';

/** The supervisor's line upwards: candidates for the named senior manager (Sefton ¶8.1 L250) and record viewers. */
export async function managerChain(deps: AgreementDeps, personId: string, depth = 3): Promise<Person[]> {
  const chain: Person[] = [];
  let current = personId;
  for (let i = 0; i < depth; i++) {
    const manager = await deps.directory.getManager(current);
    if (!manager || chain.some((p) => p.id === manager.id)) break;
    chain.push(manager);
    current = manager.id;
  }
  return chain;
}

/** Best guess at the pack role from a job title, so the usual case needs no change. */
export function guessRole(pack: PolicyPack, jobTitle: string | undefined): Role | undefined {
  const title = (jobTitle ?? '').toLowerCase();
  const words = (s: string) => s.toLowerCase().replace(/[^a-z ]/g, ' ').split(/\s+/).filter(Boolean);
  if (/newly qualified|asye|nqsw/.test(title)) return pack.roles.find((r) => r.id === 'nqsw');
  const exact = pack.roles.find((r) => r.label.toLowerCase() === title || r.id === words(title).join('-'));
  if (exact) return exact;
  return pack.roles.find((r) => words(title).length > 0 && words(title).every((w) => words(r.label).includes(w)));
}

export interface FormSetup {
  readonly supervisor: Person;
  readonly reports: readonly Person[];
  readonly managers: readonly Person[];
  readonly defaults: Required<Omit<AgreementForm, 'agreementId' | 'note'>>;
}

/**
 * Defaults a supervisor usually keeps: employment start from the directory's hire date, length
 * from the pack's planned session length, the supervisor's manager for disagreements, and a
 * review after the pack's interval (Sefton ¶8.1 (L251) "normally after 12 months"; K3 month arithmetic).
 */
export async function formSetup(deps: AgreementDeps, supervisor: Person, superviseeId?: string): Promise<FormSetup> {
  const [reports, managers] = await Promise.all([deps.directory.getDirectReports(supervisor.id), managerChain(deps, supervisor.id)]);
  const supervisee = reports.find((p) => p.id === superviseeId) ?? (reports.length === 1 ? reports[0] : undefined);
  const today = deps.today();
  const role = guessRole(deps.pack, supervisee?.jobTitle);
  const phase = role ? currentPhase(role, supervisee?.hireDate, today) : undefined;
  const minutes = (role && plannedMinutes(role)) ?? deps.pack.roles.map(plannedMinutes).find((m) => m !== undefined) ?? 90;
  const hire = supervisee?.hireDate;
  return {
    supervisor,
    reports,
    managers,
    defaults: {
      superviseeId: supervisee?.id ?? '',
      rolePhase: role && phase ? rolePhaseValue(role.id, phase.id) : '',
      employmentStart: hire ?? '',
      agreementDate: today,
      weekday: '2',
      time: '10:00',
      minutes: String(minutes),
      format: 'teams',
      location: '',
      keyTasks: '',
      othersWhoMaySee: '',
      seniorManagerId: managers[0]?.id ?? '',
      reviewDate: addMonths(today, reviewMonths(deps.pack)),
      agreedFrequency: '',
    },
  };
}

/** Resolves who the form names, so the domain can tell "unknown" from "not your report". */
export async function formContext(deps: AgreementDeps, supervisor: Person, form: AgreementForm): Promise<{ form: AgreementForm; context: FormContext }> {
  const [reports, managers] = await Promise.all([deps.directory.getDirectReports(supervisor.id), managerChain(deps, supervisor.id)]);
  const asReport = reports.find((p) => p.id === form.superviseeId);
  const supervisee = asReport ?? (form.superviseeId && form.superviseeId !== supervisor.id ? await deps.directory.getPerson(form.superviseeId) : undefined);
  const today = deps.today();
  return { form: fillFromDirectory(form, deps.pack, asReport, today), context: { pack: deps.pack, supervisor, today, supervisee, superviseeIsReport: asReport !== undefined, managerChain: managers } };
}

function offset(from: LocalDate, steps: readonly OffsetStep[]): LocalDate {
  return steps.reduce((d, s) => (s.unit === 'months' ? addMonths(d, s.n) : addDays(d, s.unit === 'weeks' ? 7 * s.n : s.n)), from);
}

/**
 * The phase the supervisee is in today, from the pack's anchors (e.g. Sefton ¶3.14 NQSW: weekly
 * for six weeks, then fortnightly); a phase that waits for an event (Camden's progress review)
 * is never assumed to have started.
 */
export function currentPhase(role: Role, employmentStart: LocalDate | undefined, today: LocalDate): Role['phases'][number] | undefined {
  if (!employmentStart) return role.phases[0];
  const started = role.phases.filter((p) => p.from.kind === 'employment-start' && compareDates(offset(employmentStart, p.from.offset), today) <= 0);
  return started[started.length - 1] ?? role.phases[0];
}

/**
 * Blank fields the directory can answer: employment start from the hire date, role from the job
 * title. The form cannot change itself when another supervisee is picked, so this is how a
 * supervisor with a large team still gets the defaults.
 */
export function fillFromDirectory(form: AgreementForm, pack: PolicyPack, supervisee: Person | undefined, today: LocalDate): AgreementForm {
  if (!supervisee) return form;
  const employmentStart = form.employmentStart || supervisee.hireDate || '';
  let rolePhase = form.rolePhase ?? '';
  if (!rolePhase) {
    const role = guessRole(pack, supervisee.jobTitle);
    const phase = role ? currentPhase(role, employmentStart || undefined, today) : undefined;
    if (role && phase) rolePhase = rolePhaseValue(role.id, phase.id);
  }
  return { ...form, employmentStart, rolePhase };
}
