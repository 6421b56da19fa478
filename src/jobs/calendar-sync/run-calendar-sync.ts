import { runExclusive } from '../../adapters/storage/lease-lock.js';
import type { LeaseLock } from '../../domain/ports/storage.js';
import type { Logger } from '../../observability/logger.js';
import { AGREEMENT_PARTITION } from '../booking/stores.js';
import { listPartition } from '../list-partition.js';
import { syncSupervisorCalendar, type CalendarSyncDeps } from './sync-supervisor-calendar.js';

export interface CalendarSyncRun {
  readonly supervisors: number;
  readonly failed: number;
  readonly moved: number;
  readonly postponed: number;
}

/** One pass over every supervisor with a booked agreement; one mailbox failing does not stop the rest. */
export async function syncAllCalendars(
  deps: CalendarSyncDeps,
  log: Logger,
  signal?: AbortSignal,
  /** Runs after each supervisor's mailbox is in step, e.g. to deliver the notices it produced. */
  afterMailbox?: (supervisorId: string) => Promise<void>,
): Promise<CalendarSyncRun> {
  const supervisors = new Set<string>();
  for (const item of await listPartition(deps.agreements, AGREEMENT_PARTITION)) {
    if (item.value.status === 'booked') supervisors.add(item.value.terms.supervisorId);
  }

  let failed = 0;
  let moved = 0;
  let postponed = 0;
  for (const supervisorId of supervisors) {
    if (signal?.aborted) break;
    try {
      const summary = await syncSupervisorCalendar(deps, supervisorId);
      moved += summary.moved;
      postponed += summary.postponed;
      await afterMailbox?.(supervisorId);
    } catch (error) {
      failed++;
      log.warn('calendar_sync.mailbox_failed', { error: error instanceof Error ? error.name : 'unknown', code: (error as { code?: string }).code });
    }
  }
  return { supervisors: supervisors.size, failed, moved, postponed };
}

/**
 * The periodic reconcile with Outlook (change notifications need a public URL; the delta sweep
 * works everywhere). A blob lease makes sure only one instance sweeps at a time.
 */
export function startCalendarSync(
  deps: CalendarSyncDeps & {
    readonly lock: LeaseLock;
    readonly log: Logger;
    readonly intervalMs: number;
    readonly afterMailbox?: (supervisorId: string) => Promise<void>;
    /** Runs at the start of each pass, e.g. to keep change-notification subscriptions alive. */
    readonly beforePass?: () => Promise<void>;
  },
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = runExclusive(deps.lock, 'calendar-sync', 60, async (signal) => {
      await deps.beforePass?.().catch((error: unknown) => deps.log.warn('calendar_sync.subscriptions_failed', { error: error instanceof Error ? error.name : 'unknown' }));
      return syncAllCalendars(deps, deps.log, signal, deps.afterMailbox);
    })
      .then((result) => {
        if (!result.ran) return;
        const { moved, postponed, failed } = result.result;
        // Every few minutes with nothing new is routine: keep it out of the info log.
        (moved + postponed + failed > 0 ? deps.log.info : deps.log.debug)('calendar_sync.done', { ...result.result });
      })
      .catch((error: unknown) => deps.log.warn('calendar_sync.failed', { error: error instanceof Error ? error.name : 'unknown' }));
  };
  const timer = setInterval(tick, deps.intervalMs);
  timer.unref();
  // A first pass right away: subscriptions and delta tokens should not wait a whole interval.
  const first = setTimeout(tick, 0);
  first.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
