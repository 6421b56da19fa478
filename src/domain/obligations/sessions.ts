import { k12LatestShift, maxGapDeadline, periods } from '../calendar/conventions.js';
import { addDays, eachDay, maxDate } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { isAppError } from '../errors.js';
import { cite } from '../../policy/cite.js';
import { resolvePhases } from '../../policy/resolve-phases.js';
import type { PolicyPack, Role } from '../../policy/schema.js';
import { isSpecified } from '../../policy/schema.js';
import type { History } from './history.js';
import { notSpecifiedObligation, obligation } from './judge.js';
import type { Obligation } from './types.js';

function hasWorkingDay(cal: WorkingCalendar, from: LocalDate, to: LocalDate): boolean {
  return eachDay(from, to).some((d) => cal.isWorkingDay(d));
}

/**
 * Frequency obligations of the agreement year up to `at`: one per K5 period, and one per K4 gap
 * (each held session closes the gap it was due in and opens the next).
 */
export function sessionObligations(pack: PolicyPack, role: Role, history: History, at: LocalDate, cal: WorkingCalendar): Obligation[] {
  const a = history.agreement;
  const held = history.sessions.filter((s) => s.status === 'held' && s.date <= at).map((s) => s.date).sort();
  const shiftPhase = role.phases.find((p) => isSpecified(p.frequency) && p.frequency.value.kind === 'per-shifts');
  if (shiftPhase && isSpecified(shiftPhase.frequency) && shiftPhase.frequency.value.kind === 'per-shifts') {
    return [shiftObligation(pack, shiftPhase.frequency.value.shifts, cite(pack, shiftPhase.frequency), held, history.shiftsWorked, at, shiftPhase.frequency.modality)];
  }
  let resolved;
  try {
    resolved = resolvePhases(pack, role.id, { employmentStart: a.employmentStart, agreementDate: a.agreementDate, progressReviewDate: a.progressReviewDate });
  } catch (e) {
    if (isAppError(e) && e.code === 'precondition_failed') {
      const unspecified = role.phases.find((p) => !isSpecified(p.frequency));
      return [notSpecifiedObligation('session-frequency', role.id, unspecified ? cite(pack, unspecified.frequency) : pack.shortName, e.message)];
    }
    throw e;
  }
  const out: Obligation[] = [];
  for (const phase of resolved.phases) {
    // A phase that has not begun has nothing due yet; the current phase carries the next session.
    if (phase.from > at) continue;
    const m = resolved.modality[phase.id];
    if (!m) continue;
    for (const rule of phase.rules) {
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
            responsible: 'supervisor', modality: m.modality, rule: rule.citation, localConfiguration: m.localConfiguration,
            detail: `${phase.label}: a session in ${p.from}..${due}`,
          }, at));
        }
      } else {
        const before = held.filter((d) => d < phase.from);
        let prev: LocalDate | undefined = before[before.length - 1];
        // With no session before the phase, the first is due one gap after the phase starts or
        // the agreement begins, whichever is later (a new starter's first session, K4).
        const start = maxDate(phase.from, resolved.from);
        const inPhase = held.filter((d) => d >= phase.from && d < phase.to);
        const emit = (metOn: LocalDate | undefined): void => {
          const g = maxGapDeadline(cal, prev ?? start, rule.days);
          // A previous session so old that the gap closed before the phase began: due at its start.
          const due = g.deadline < phase.from ? phase.from : g.deadline;
          if (due >= resolved.from && due < phase.to) {
            out.push(obligation({
              kind: 'session-frequency', subject: prev ? `${phase.id}/after-${prev}` : `${phase.id}/first-from-${start}`, due, latestPracticable: g.latestPracticable, metOn,
              responsible: 'supervisor', modality: m.modality, rule: rule.citation, localConfiguration: m.localConfiguration,
              detail: prev ? `${phase.label}: next session at most ${rule.days} days after ${prev}` : `${phase.label}: first session within ${rule.days} days of ${start}`,
            }, at));
          }
        };
        for (const d of inPhase) {
          emit(d);
          prev = d;
        }
        emit(undefined);
      }
    }
  }
  return out;
}

function shiftObligation(pack: PolicyPack, every: number, rule: string, held: readonly LocalDate[], shifts: readonly LocalDate[], at: LocalDate, modality: 'must' | 'should' | 'may'): Obligation {
  const last = held[held.length - 1];
  const since = shifts.filter((s) => (last === undefined || s > last) && s <= at);
  const latest = k12LatestShift(since, every);
  return obligation({
    kind: 'session-frequency', subject: `shifts-after-${last ?? 'start'}`, due: latest ?? null,
    responsible: 'supervisor', modality, rule,
    detail: `${pack.shortName}: supervision no later than the ${every}th shift worked since the last supervision (K12); ${since.length} worked so far`,
  }, at);
}

