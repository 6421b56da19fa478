import { addDays, addMonths, maxDate, parseLocalDate } from '../domain/calendar/local-date.js';
import type { LocalDate } from '../domain/calendar/types.js';
import { AppError } from '../domain/errors.js';
import type { FrequencyRule, SchedulePhase } from '../domain/schedule/types.js';
import { cite } from './cite.js';
import { findRole } from './packs.js';
import type { AgreedFrequency, Anchor, Frequency, Modality, OffsetStep, Phase, PolicyPack, Role } from './schema.js';
import { agreedFrequencyText, isLocalSource, isSpecified } from './schema.js';

export interface PhaseInputs {
  readonly employmentStart: LocalDate;
  /** Start of the agreement year; the phases cover [agreementDate, agreementDate + 12 months) (K3). */
  readonly agreementDate: LocalDate;
  /** Date a progress review was recorded (Camden NQSW: the move to monthly needs one). */
  readonly progressReviewDate?: LocalDate | undefined;
  /**
   * A progress review is recorded but its date is not known: it counts from the earliest date
   * the phase allows (Camden: 6 months of employment).
   */
  readonly progressReviewRecorded?: boolean | undefined;
  /** What the agreement says, where the policy leaves the frequency to the two people (CB §10 (L111)). */
  readonly agreedFrequency?: AgreedFrequency | undefined;
}

export interface ResolvedPhases {
  readonly role: Role;
  readonly from: LocalDate;
  /** Exclusive: agreementDate + 12 months (K3). */
  readonly until: LocalDate;
  /**
   * Phases that meet the agreement year, with their real bounds: a phase that began before the
   * agreement date keeps its start because K5 periods are anchored at the phase start, and an
   * open phase ends 12 months after `until`. The generator books only inside [from, until).
   */
  readonly phases: SchedulePhase[];
  /** K13 modality of each phase's rule, and whether the council set it rather than the policy. */
  readonly modality: Readonly<Record<string, { readonly modality: Modality; readonly localConfiguration: boolean }>>;
}

/** Offsets are applied in order: "6 weeks, then 6 months" is Sefton's NQSW fortnightly end. */
export function applyOffset(d: LocalDate, steps: readonly OffsetStep[]): LocalDate {
  let out = d;
  for (const s of steps) {
    out = s.unit === 'days' ? addDays(out, s.n) : s.unit === 'weeks' ? addDays(out, 7 * s.n) : addMonths(out, s.n);
  }
  return out;
}

function resolveAnchor(a: Anchor, inputs: PhaseInputs): LocalDate | undefined {
  if (a.kind === 'employment-start') return applyOffset(inputs.employmentStart, a.offset);
  const earliest = applyOffset(inputs.employmentStart, a.notBefore);
  if (inputs.progressReviewDate !== undefined) return maxDate(parseLocalDate(inputs.progressReviewDate), earliest);
  return inputs.progressReviewRecorded === true ? earliest : undefined;
}

/**
 * The pack's frequency as the schedule contract's rules; citations name the policy's words. A
 * frequency left to the agreement needs the agreed one: without it, policy_violation naming the
 * rule (details.agreedFrequency 'missing'), which the obligations report as a breach (issue 14 c).
 */
export function frequencyRules(pack: PolicyPack, role: Role, phase: Phase, agreed?: AgreedFrequency): FrequencyRule[] {
  const f = phase.frequency;
  if (!isSpecified(f)) {
    throw new AppError(
      'precondition_failed',
      `${pack.shortName} does not specify a supervision frequency for ${role.id} (${phase.label}; ${cite(pack, f)}); set one in the council configuration`,
      { policy: pack.id, role: role.id, phase: phase.id, rule: f.rule },
    );
  }
  const citation = cite(pack, f);
  const v: Frequency = f.value;
  switch (v.kind) {
    case 'max-gap':
      return [{ kind: 'max-gap', days: v.days, citation }];
    case 'per-period':
      return [{ kind: 'per-period', unit: v.unit, length: v.length, citation }];
    case 'bi-monthly':
      // K8: the floor wins over two calendar months.
      return v.floor
        ? [{ kind: 'max-gap', days: v.floor.days, citation: `${citation} with the floor of ${v.floor.source.section} (${v.floor.source.lines}): at most ${v.floor.days} days apart (K8)` }]
        : [{ kind: 'per-period', unit: 'months', length: 2, citation: `${citation} (K8: every two months)` }];
    case 'as-agreed':
      if (!agreed) {
        throw new AppError(
          'policy_violation',
          `${pack.shortName} leaves how often ${role.label.toLowerCase()} are supervised to the agreement (${citation}), and this agreement does not say: agree a frequency and write it in the agreement`,
          { rule: citation, policy: pack.id, role: role.id, phase: phase.id, agreedFrequency: 'missing' },
        );
      }
      return agreed.kind === 'max-gap'
        ? [{ kind: 'max-gap', days: agreed.days, citation: `${citation} (as agreed: ${agreedFrequencyText(agreed)})` }]
        : [{ kind: 'per-period', unit: agreed.unit, length: agreed.length, citation: `${citation} (as agreed: ${agreedFrequencyText(agreed)})` }];
    case 'per-shifts':
      throw new AppError(
        'precondition_failed',
        `${pack.shortName} sets supervision for ${role.id} every ${v.shifts} shifts worked (${citation}), which a calendar schedule cannot express (K12)`,
        { policy: pack.id, role: role.id, phase: phase.id },
      );
  }
}

/**
 * The pack's floor for every role (Sefton ¶3.2 (L77), issue 14 d) as a maximum gap with its own
 * modality, unless the phase already keeps a gap at least as short (a K8 bi-monthly floor).
 */
export function floorRule(pack: PolicyPack): FrequencyRule | undefined {
  const f = pack.frequencyFloor;
  if (!isSpecified(f)) return undefined;
  return { kind: 'max-gap', days: f.value.days, citation: `${cite(pack, f)} (every role: at most ${f.value.days} days between sessions)`, modality: f.modality };
}

function withFloor(pack: PolicyPack, rules: FrequencyRule[]): FrequencyRule[] {
  const floor = floorRule(pack);
  if (!floor || floor.kind !== 'max-gap') return rules;
  if (rules.some((r) => r.kind === 'max-gap' && r.days <= floor.days)) return rules;
  return [...rules, floor];
}

/**
 * The agreement year's phases for a role (input of generateYearSchedule). Throws
 * precondition_failed when a phase meeting the year has no calendar frequency in the pack.
 */
export function resolvePhases(pack: PolicyPack, roleId: string, inputs: PhaseInputs): ResolvedPhases {
  const role = findRole(pack, roleId);
  const employmentStart = parseLocalDate(inputs.employmentStart);
  const from = parseLocalDate(inputs.agreementDate);
  if (from < employmentStart) {
    throw new AppError('invalid_input', `the agreement date ${from} is before the employment start ${employmentStart}`);
  }
  const until = addMonths(from, 12);
  const phases: SchedulePhase[] = [];
  const modality: Record<string, { modality: Modality; localConfiguration: boolean }> = {};
  for (const p of role.phases) {
    const start = resolveAnchor(p.from, { ...inputs, employmentStart });
    if (start === undefined) continue;
    // An open phase runs on past the year; the generator cuts a K5 period that crosses the
    // year's end at that end (issue 14 a) and next year's schedule counts it as kept.
    const end = (p.to === null ? undefined : resolveAnchor(p.to, { ...inputs, employmentStart })) ?? addMonths(until, 12);
    if (start >= end || end <= from || start >= until) continue;
    phases.push({ id: p.id, label: p.label, from: start, to: end, rules: withFloor(pack, frequencyRules(pack, role, p, inputs.agreedFrequency)) });
    if (isSpecified(p.frequency)) modality[p.id] = { modality: p.frequency.modality, localConfiguration: isLocalSource(p.frequency.source) };
  }
  return { role, from, until, phases, modality };
}
