import { k12LatestShift, maxGapDeadline, periods } from '../calendar/conventions.js';
import { addDays, addMonths, eachDay, maxDate } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { isAppError } from '../errors.js';
import type { FrequencyRule, SchedulePhase } from '../schedule/types.js';
import { cite } from '../../policy/cite.js';
import { floorRule, resolvePhases } from '../../policy/resolve-phases.js';
import type { Modality, PolicyPack, Role } from '../../policy/schema.js';
import { isSpecified } from '../../policy/schema.js';
import type { History } from './history.js';
import { notSpecifiedObligation, obligation } from './judge.js';
import type { Obligation } from './types.js';

function hasWorkingDay(cal: WorkingCalendar, from: LocalDate, to: LocalDate): boolean {
  return eachDay(from, to).some((d) => cal.isWorkingDay(d));
}

interface Judged {
  readonly modality: Modality;
  readonly localConfiguration: boolean;
}

/**
 * Frequency obligations of the agreement year up to `at`: one per K5 period, and one per K4 gap
 * (each held session closes the gap it was due in and opens the next). A rule with its own
 * modality (the pack's floor for every role, Sefton ¶3.2 (L77)) is judged by it, not its phase's.
 */
export function sessionObligations(pack: PolicyPack, role: Role, history: History, at: LocalDate, cal: WorkingCalendar): Obligation[] {
  const a = history.agreement;
  const held = history.sessions.filter((s) => s.status === 'held' && s.date <= at).map((s) => s.date).sort();
  const shiftPhase = role.phases.find((p) => isSpecified(p.frequency) && p.frequency.value.kind === 'per-shifts');
  if (shiftPhase && isSpecified(shiftPhase.frequency) && shiftPhase.frequency.value.kind === 'per-shifts') {
    return [
      ...shiftObligations(pack, shiftPhase.frequency.value.shifts, cite(pack, shiftPhase.frequency), held, history.shiftsWorked, a.agreementDate, at, shiftPhase.frequency.modality),
      ...floorOnly(pack, history, held, at, cal),
    ];
  }
  let resolved;
  try {
    resolved = resolvePhases(pack, role.id, { employmentStart: a.employmentStart, agreementDate: a.agreementDate, progressReviewDate: a.progressReviewDate, agreedFrequency: a.agreedFrequency });
  } catch (e) {
    if (isAppError(e) && e.code === 'policy_violation' && e.details?.['agreedFrequency'] === 'missing') {
      // Issue 14 c: the policy leaves the number to the agreement, and the agreement has none.
      const phase = role.phases.find((p) => isSpecified(p.frequency) && p.frequency.value.kind === 'as-agreed');
      const f = phase?.frequency;
      return [
        obligation({
          kind: 'session-frequency', subject: 'agreed-frequency', due: a.agreementDate, responsible: 'supervisor',
          modality: f && isSpecified(f) ? f.modality : 'must', rule: String(e.details['rule'] ?? pack.shortName),
          detail: `${role.label}: the frequency of supervision is agreed at the outset and written in the agreement; this agreement gives none`,
        }, at),
        ...floorOnly(pack, history, held, at, cal),
      ];
    }
    if (isAppError(e) && e.code === 'precondition_failed') {
      const unspecified = role.phases.find((p) => !isSpecified(p.frequency));
      return [
        notSpecifiedObligation('session-frequency', role.id, unspecified ? cite(pack, unspecified.frequency) : pack.shortName, e.message),
        ...floorOnly(pack, history, held, at, cal),
      ];
    }
    throw e;
  }
  const out: Obligation[] = [];
  const floors: GapObligation[] = [];
  for (const phase of resolved.phases) {
    // A phase that has not begun has nothing due yet; the current phase carries the next session.
    if (phase.from > at) continue;
    const m = resolved.modality[phase.id];
    if (!m) continue;
    for (const rule of phase.rules) {
      const judged: Judged = rule.modality ? { modality: rule.modality, localConfiguration: false } : m;
      if (rule.kind === 'per-period') {
        for (const p of periods(phase.from, phase.to, rule.unit, rule.length)) {
          // Periods wholly before the agreement are another agreement's business; future ones are not yet due.
          if (p.to <= resolved.from || p.from > at) continue;
          // K6: a period with no working day (inside this agreement) asks for no session.
          if (!hasWorkingDay(cal, maxDate(p.from, resolved.from), p.to)) continue;
          const due = addDays(p.to, -1);
          out.push(obligation({
            kind: 'session-frequency', subject: `${phase.id}/${p.from}`, due,
            metOn: held.find((d) => d >= p.from && d < p.to),
            responsible: 'supervisor', modality: judged.modality, rule: rule.citation, localConfiguration: judged.localConfiguration,
            detail: `${phase.label}: a session in ${p.from}..${due}`,
          }, at));
        }
      } else if (rule.modality) {
        floors.push(...gapObligations(phase, rule, held, resolved.from, at, cal, judged, 'floor'));
      } else {
        out.push(...gapObligations(phase, rule, held, resolved.from, at, cal, judged).map((g) => g.obligation));
      }
    }
  }
  return [...out, ...floors.filter((f) => !alreadyLate(f, out)).map((f) => f.obligation)];
}

const RANK: Readonly<Record<Modality, number>> = { must: 2, should: 1, may: 0 };

/**
 * A floor obligation says nothing new while the phase's own rule, at least as strong, is already
 * late for the same missing session (a monthly period missed before the 56 days are up): the
 * person hears about that lapse once. It stays where the phase's rule was kept but the gap still
 * grew past the floor, or where the phase's rule is weaker (a should beside the floor's must).
 */
function alreadyLate(floor: GapObligation, others: readonly Obligation[]): boolean {
  const f = floor.obligation;
  if (f.due === null) return false;
  return others.some((o) => o.due !== null && o.due > floor.after && o.due <= f.due!
    && RANK[o.modality ?? 'may'] >= RANK[f.modality ?? 'may'] && (o.metOn === undefined || o.metOn > o.due));
}

interface GapObligation {
  readonly obligation: Obligation;
  /** The session (or start) the gap counts from. */
  readonly after: LocalDate;
}

/**
 * K4 gap obligations of one rule over one phase: the first session one gap after the phase or the
 * agreement starts (a new starter's first session), then each one gap after the last. `tag`
 * keeps a floor's obligations apart from the phase's own gap rule in their ids.
 */
function gapObligations(phase: SchedulePhase, rule: Extract<FrequencyRule, { kind: 'max-gap' }>, held: readonly LocalDate[], agreementFrom: LocalDate, at: LocalDate, cal: WorkingCalendar, judged: Judged, tag?: string): GapObligation[] {
  const out: GapObligation[] = [];
  const name = tag ? `${phase.id}/${tag}` : phase.id;
  const before = held.filter((d) => d < phase.from);
  let prev: LocalDate | undefined = before[before.length - 1];
  const start = maxDate(phase.from, agreementFrom);
  const inPhase = held.filter((d) => d >= phase.from && d < phase.to);
  const emit = (metOn: LocalDate | undefined): void => {
    const g = maxGapDeadline(cal, prev ?? start, rule.days);
    // A previous session so old that the gap closed before the phase began: due at its start.
    const due = g.deadline < phase.from ? phase.from : g.deadline;
    if (due >= agreementFrom && due < phase.to) {
      const made = obligation({
        kind: 'session-frequency', subject: prev ? `${name}/after-${prev}` : `${name}/first-from-${start}`, due, latestPracticable: g.latestPracticable, metOn,
        responsible: 'supervisor', modality: judged.modality, rule: rule.citation, localConfiguration: judged.localConfiguration,
        detail: prev ? `${phase.label}: next session at most ${rule.days} days after ${prev}` : `${phase.label}: first session within ${rule.days} days of ${start}`,
      }, at);
      out.push({ after: prev ?? start, obligation: tag === 'floor' ? { ...made, floor: true } : made });
    }
  };
  for (const d of inPhase) {
    if (d > at) break;
    emit(d);
    prev = d;
  }
  emit(undefined);
  return out;
}

/** The floor for every role (Sefton ¶3.2 (L77)) where the role has no calendar phases to carry it (shifts, or a frequency not given). */
function floorOnly(pack: PolicyPack, history: History, held: readonly LocalDate[], at: LocalDate, cal: WorkingCalendar): Obligation[] {
  const floor = floorRule(pack);
  if (!floor || floor.kind !== 'max-gap' || !floor.modality) return [];
  const from = history.agreement.agreementDate;
  const phase: SchedulePhase = { id: 'every-role', label: `${pack.shortName}: every role`, from, to: addMonths(from, 24), rules: [floor] };
  return gapObligations(phase, floor, held, from, at, cal, { modality: floor.modality, localConfiguration: false }, 'floor').map((g) => g.obligation);
}

/**
 * K12 (Sefton ¶3.18 (L111)) "every 16 sessions they work": for each stretch between two
 * supervisions, the 16th shift worked after the first is the last in which the next may happen.
 * A late supervision stays a breach once recorded (issue 14 e); the stretch after the last one
 * shows when the next falls due: the 16th shift rostered (shifts after `at` are the roster), or
 * none yet with the count so far.
 */
function shiftObligations(pack: PolicyPack, every: number, rule: string, held: readonly LocalDate[], shifts: readonly LocalDate[], agreementFrom: LocalDate, at: LocalDate, modality: Modality): Obligation[] {
  const out: Obligation[] = [];
  const sorted = [...shifts].sort();
  const anchors: (LocalDate | undefined)[] = [undefined, ...held];
  for (let i = 0; i < anchors.length; i += 1) {
    const last = anchors[i];
    const next = held[i];
    const since = sorted.filter((s) => last === undefined || s > last);
    const latest = k12LatestShift(since, every);
    // Stretches wholly before this agreement are another agreement's business.
    if (next !== undefined && next < agreementFrom) continue;
    if (next !== undefined && (latest === undefined || next <= latest) && last === undefined) continue;
    const worked = since.filter((s) => s <= at && (next === undefined || s < next)).length;
    out.push(obligation({
      kind: 'session-frequency', subject: `shifts-after-${last ?? 'start'}`, due: latest ?? null, metOn: next,
      responsible: 'supervisor', modality, rule,
      detail: next === undefined
        ? `${pack.shortName}: supervision no later than the ${every}th shift worked since ${last ?? 'the start'} (K12); ${worked} worked so far${latest ? `, the ${every}th is on ${latest}` : ''}`
        : `${pack.shortName}: supervision no later than the ${every}th shift worked since ${last ?? 'the start'} (K12); held on ${next}`,
    }, at));
  }
  return out;
}
