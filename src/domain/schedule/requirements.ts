import { periods } from '../calendar/conventions.js';
import { addDays, maxDate } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import type { SchedulePhase, ScheduleWindow } from './types.js';

/*
 * The frequency rules of schedule/types.ts turned into the two kinds of requirement that both the
 * generator (K6) and the checker judge against, so the two can never disagree.
 */

/** A K5 period (cut at the phase end, clipped to the window) that must hold a session. */
export interface RequiredPeriod {
  readonly phaseId: string;
  readonly phaseLabel: string;
  readonly citation: string;
  /** The whole period as K5 defines it, [periodFrom, periodTo). */
  readonly periodFrom: LocalDate;
  readonly periodTo: LocalDate;
  /** The part inside the window, [from, to). */
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** A K4 maximum gap that applies while its phase runs. */
export interface GapRule {
  readonly phaseId: string;
  readonly phaseLabel: string;
  readonly citation: string;
  readonly days: number;
  readonly phaseFrom: LocalDate;
  readonly phaseTo: LocalDate;
}

function hasWorkingDay(cal: WorkingCalendar, from: LocalDate, toExclusive: LocalDate): boolean {
  for (let d = from; d < toExclusive; d = addDays(d, 1)) if (cal.isWorkingDay(d)) return true;
  return false;
}

/**
 * Every K5 period of every per-period rule that needs a session inside the window:
 * - periods wholly before the window are history; a period that runs past the window's end is
 *   cut there, as K5 cuts periods at the phase end (issue 14 a: dropping it left the last month
 *   of a Sefton NQSW's year without a session); the next schedule, starting from the last
 *   session as its previous session, then finds that period already satisfied;
 * - a period holding the previous session is already satisfied;
 * - conventions.md K6: a period with no working day (inside the window) gets no session.
 */
export function requiredPeriods(
  phases: readonly SchedulePhase[],
  window: ScheduleWindow,
  previousSession: LocalDate | undefined,
  cal: WorkingCalendar,
): RequiredPeriod[] {
  const out: RequiredPeriod[] = [];
  for (const phase of phases) {
    for (const rule of phase.rules) {
      if (rule.kind !== 'per-period') continue;
      for (const p of periods(phase.from, phase.to, rule.unit, rule.length)) {
        if (p.to <= window.from || p.from >= window.until) continue;
        if (previousSession !== undefined && previousSession >= p.from && previousSession < p.to) continue;
        const from = maxDate(p.from, window.from);
        const to = p.to < window.until ? p.to : window.until;
        if (!hasWorkingDay(cal, from, to)) continue;
        out.push({
          phaseId: phase.id,
          phaseLabel: phase.label,
          citation: rule.citation,
          periodFrom: p.from,
          periodTo: p.to,
          from,
          to,
        });
      }
    }
  }
  return out.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function gapRules(phases: readonly SchedulePhase[]): GapRule[] {
  return phases.flatMap((phase) =>
    phase.rules.flatMap((rule) =>
      rule.kind === 'max-gap'
        ? [{ phaseId: phase.id, phaseLabel: phase.label, citation: rule.citation, days: rule.days, phaseFrom: phase.from, phaseTo: phase.to }]
        : [],
    ),
  );
}

export interface GapDeadline {
  readonly date: LocalDate;
  readonly rule: GapRule;
  /** The rule was already broken before the horizon began; `date` is then the horizon's first day. */
  readonly overdue: boolean;
}

/**
 * The date by which the session after `last` must be held, over all gap rules, or undefined when
 * none applies inside the horizon.
 *
 * A gap rule of phase P reads "on every day t of P, a session was held in (t − days, t]"; for a
 * gap lying inside P that is exactly K4 (next <= previous + days). Across phase boundaries it
 * means: the previous session counts for the next phase's rule (the first session of CB's 4-weekly
 * phase is due 28 days after the last fortnightly one, CB §10 (L105-106)); a rule whose phase has
 * ended by last + days no longer binds; and a phase that starts after last + days needs a session
 * by its first day. Only days inside the horizon are judged.
 */
export function gapDeadline(rules: readonly GapRule[], last: LocalDate, horizon: ScheduleWindow): GapDeadline | undefined {
  let best: GapDeadline | undefined;
  for (const rule of rules) {
    const end = rule.phaseTo < horizon.until ? rule.phaseTo : horizon.until;
    const due = maxDate(addDays(last, rule.days), rule.phaseFrom);
    const date = maxDate(due, horizon.from);
    if (date >= end) continue;
    if (best === undefined || date < best.date) best = { date, rule, overdue: due < horizon.from };
  }
  return best;
}
