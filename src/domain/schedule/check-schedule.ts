import { addDays, maxDate, minDate, parseLocalDate } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { humanDate } from './describe.js';
import { gapRules, requiredPeriods } from './requirements.js';
import type { SchedulePhase, ScheduleViolation, ScheduleWindow } from './types.js';
import { validatePhases } from './validate.js';

function phaseAt(phases: readonly SchedulePhase[], d: LocalDate): SchedulePhase | undefined {
  return phases.find((p) => d >= p.from && d < p.to);
}

/**
 * Every way a set of session dates breaks the phases' frequency rules (conventions.md K4, K5, K8)
 * or falls on a non-working day (conventions.md "Calendar"). Used to tell a supervisor that moving
 * a session in Outlook breaks the policy, and by the generator's tests.
 *
 * Only days inside the window are judged; without one, the window is the phases' whole span.
 * Sessions before the window count only as the latest earlier session (together with
 * `previousSession`); sessions after it are ignored. With no earlier session at all, gap rules
 * count from the window's first day (a new starter's first session is due within the first gap).
 */
export function checkSchedule(
  phases: readonly SchedulePhase[],
  sessionDates: readonly LocalDate[],
  previousSession: LocalDate | undefined,
  calendar: WorkingCalendar,
  window?: ScheduleWindow,
): ScheduleViolation[] {
  validatePhases(phases);
  if (phases.length === 0) return [];
  const horizon: ScheduleWindow = window ?? {
    from: minDate(...(phases.map((p) => p.from) as [LocalDate, ...LocalDate[]])),
    until: maxDate(...(phases.map((p) => p.to) as [LocalDate, ...LocalDate[]])),
  };
  const dates = [...new Set(sessionDates.map((d) => parseLocalDate(d)))].sort();
  const before = dates.filter((d) => d < horizon.from);
  if (previousSession !== undefined) before.push(parseLocalDate(previousSession));
  const previous = before.length > 0 ? maxDate(...(before as [LocalDate, ...LocalDate[]])) : undefined;
  const inside = dates.filter((d) => d >= horizon.from && d < horizon.until);
  const violations: ScheduleViolation[] = [];

  for (const d of inside) {
    if (calendar.isWorkingDay(d)) continue;
    const name = calendar.holidayName(d);
    violations.push({
      kind: 'non-working-day',
      rule: 'conventions.md "Calendar"',
      phaseId: phaseAt(phases, d)?.id ?? '',
      from: d,
      to: d,
      reason: `${humanDate(d)} is not a working day${name ? ` (${name})` : ' (weekend)'}.`,
    });
  }

  // Gap rules: for each gap between consecutive sessions (the last one open-ended), the days of
  // the rule's phase on which the last session was `days` or more days old (requirements.ts).
  const anchors: (LocalDate | undefined)[] = [previous, ...inside];
  for (const rule of gapRules(phases)) {
    for (let i = 0; i < anchors.length; i += 1) {
      const last = anchors[i];
      const next = anchors[i + 1];
      const start = last ?? horizon.from;
      const due = maxDate(addDays(start, rule.days), rule.phaseFrom, horizon.from);
      const end = minDate(rule.phaseTo, horizon.until, next ?? horizon.until);
      if (due >= end) continue;
      const after = last === undefined ? `from ${humanDate(start)}` : `after the session on ${humanDate(last)}`;
      const outcome = next === undefined || next >= horizon.until ? 'none is booked' : `the next is on ${humanDate(next)}`;
      violations.push({
        kind: 'max-gap',
        rule: rule.citation,
        phaseId: rule.phaseId,
        from: last === undefined ? start : addDays(last, 1),
        to: due,
        reason: `${rule.phaseLabel}: at most ${rule.days} days between sessions, so ${after} a session was due by ${humanDate(due)}, but ${outcome}.`,
      });
    }
  }

  for (const p of requiredPeriods(phases, horizon, previous, calendar)) {
    if (inside.some((d) => d >= p.from && d < p.to)) continue;
    const last = addDays(p.to, -1);
    violations.push({
      kind: 'per-period',
      rule: p.citation,
      phaseId: p.phaseId,
      from: p.from,
      to: last,
      reason: `${p.phaseLabel}: the period ${humanDate(p.from)} to ${humanDate(last)} has no session.`,
    });
  }
  return violations;
}
