import { addDays } from '../../domain/calendar/local-date.js';
import { londonToUtcMs, utcToLondon } from '../../domain/calendar/london-time.js';
import type { WorkingCalendar } from '../../domain/calendar/types.js';
import { at, type PeriodicJob } from '../registry.js';
import { runSweep, type SweepDeps } from './run-sweep.js';

/** The next working day's sweep time (London wall clock) strictly after `nowMs`. */
export function nextSweepAt(nowMs: number, calendar: WorkingCalendar, sweepTime: string): number {
  let day = utcToLondon(new Date(nowMs).toISOString()).date;
  for (let i = 0; i < 400; i += 1, day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    const at = londonToUtcMs(day, sweepTime);
    if (at > nowMs) return at;
  }
  throw new Error('no working day within 400 days: check the closure days');
}

/**
 * The daily obligation sweep (issue 6): every working day at the configured London time
 * (default 08:00). Every instance declares it; the sweep's own lease lets one of them run it.
 */
export function sweepJob(deps: SweepDeps, clock: () => number): PeriodicJob {
  return at('sweep', (nowMs) => nextSweepAt(nowMs, deps.calendar, deps.settings.sweepTime), async () => {
    const r = await runSweep(deps, { now: new Date(clock()) });
    if (!r.ran) return undefined;
    // Counts only: who was told what is in the audit log, not in log lines.
    return {
      agreements: r.result.agreements, steps: r.result.stepsDue, messages: r.result.messages.length, noManager: r.result.noManager.length,
      mailFallback: r.result.messages.filter((m) => m.fallbackMail).length, failed: r.result.messages.filter((m) => m.outcome !== 'delivered').length,
      failedAgreements: r.result.failedAgreements.length, recovered: r.result.recovered,
    };
  });
}
