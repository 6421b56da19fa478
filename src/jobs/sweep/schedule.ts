import { addDays } from '../../domain/calendar/local-date.js';
import { londonToUtcMs, utcToLondon } from '../../domain/calendar/london-time.js';
import type { WorkingCalendar } from '../../domain/calendar/types.js';
import type { Logger } from '../../observability/logger.js';
import { runSweep, type SweepDeps } from './run-sweep.js';
import { errorFields } from '../../observability/error-fields.js';

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
 * Runs the sweep every working day at the configured local time (issue 6: default 08:00). Every
 * instance may start this: the lease lets one of them run it.
 */
export function startSweepScheduler(deps: SweepDeps & { readonly log: Logger; readonly clock?: () => number }): { stop(): Promise<void> } {
  const clock = deps.clock ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const arm = (): void => {
    if (stopped) return;
    const wait = Math.max(0, nextSweepAt(clock(), deps.calendar, deps.settings.sweepTime) - clock());
    // setTimeout's limit is about 24.8 days; re-arming within a day keeps it far from that.
    timer = setTimeout(tick, Math.min(wait, 86_400_000));
  };
  const tick = (): void => {
    if (stopped) return;
    const now = clock();
    if (nextSweepAt(now - 60_000, deps.calendar, deps.settings.sweepTime) > now) { arm(); return; }
    running = runSweep(deps, { now: new Date(now) })
      .then((r) => {
        // Counts only: who was told what is in the audit log, not in log lines.
        if (r.ran) {
          deps.log.info('sweep.done', {
            agreements: r.result.agreements, steps: r.result.stepsDue, messages: r.result.messages.length, noManager: r.result.noManager.length,
            mailFallback: r.result.messages.filter((m) => m.fallbackMail).length, failed: r.result.messages.filter((m) => m.outcome !== 'delivered').length,
            failedAgreements: r.result.failedAgreements.length, recovered: r.result.recovered,
          });
        }
      })
      .catch((error: unknown) => deps.log.warn('sweep.failed', errorFields(error)))
      .finally(arm);
  };
  arm();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
