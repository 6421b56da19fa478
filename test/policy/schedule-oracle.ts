import { periods } from '../../src/domain/calendar/conventions.js';
import { addDays, maxDate, minDate } from '../../src/domain/calendar/local-date.js';
import type { WorkingCalendar } from '../../src/domain/calendar/types.js';
import type { SchedulePhase } from '../../src/domain/schedule/types.js';

/**
 * An independent reading of conventions.md K4/K5/K6 for a schedule of [from, until) with no
 * earlier session: every way the dates break a rule. Written from the conventions, not from the
 * generator, so the property tests do not check the generator against itself.
 */
export function oracleViolations(phases: readonly SchedulePhase[], dates: readonly string[], from: string, until: string, cal: WorkingCalendar): string[] {
  const out: string[] = [];
  for (const [i, d] of dates.entries()) {
    if (!cal.isWorkingDay(d)) out.push(`${d} is not a working day`);
    if (d < from || d >= until) out.push(`${d} is outside [${from}, ${until})`);
    if (i > 0 && d <= (dates[i - 1] ?? '')) out.push(`${d} is not after ${dates[i - 1]}`);
  }
  const set = new Set(dates);
  for (const phase of phases) {
    for (const rule of phase.rules) {
      if (rule.kind === 'per-period') {
        for (const p of periods(phase.from, phase.to, rule.unit, rule.length)) {
          // K5 cuts a period crossing the schedule's end at that end (issue 14 a).
          if (p.to <= from || p.from >= until) continue;
          const lo = maxDate(p.from, from);
          const hi = minDate(p.to, until);
          let hasWorking = false;
          let hasSession = false;
          for (let d = lo; d < hi; d = addDays(d, 1)) {
            if (cal.isWorkingDay(d)) hasWorking = true;
            if (set.has(d)) hasSession = true;
          }
          if (hasWorking && !hasSession) out.push(`${phase.id}: no session in ${lo}..${addDays(hi, -1)} (${rule.citation})`);
        }
      } else {
        // K4 as "on every day t of the phase, a session in (t - days, t]"; the schedule's first
        // day stands in for the last session before it.
        const held = [from, ...dates];
        const end = minDate(phase.to, until);
        for (let t = maxDate(phase.from, from); t < end; t = addDays(t, 1)) {
          const lo = addDays(t, -rule.days);
          if (!held.some((s) => s > lo && s <= t)) {
            out.push(`${phase.id}: no session in the ${rule.days} days up to ${t} (${rule.citation})`);
            break;
          }
        }
      }
    }
  }
  return out;
}
