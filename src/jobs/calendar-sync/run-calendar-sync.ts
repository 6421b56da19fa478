import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
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
  for (const agreement of await deps.agreements.list()) {
    if (agreement.status === 'booked') supervisors.add(agreement.terms.supervisorId);
  }

  let failed = 0;
  let moved = 0;
  let postponed = 0;
  for (const supervisorId of supervisors) {
    if (signal?.aborted) break;
    try {
      const summary = await syncSupervisorCalendar(deps.log ? deps : { ...deps, log }, supervisorId);
      moved += summary.moved;
      postponed += summary.postponed;
      await afterMailbox?.(supervisorId);
    } catch (error) {
      failed++;
      log.warn('calendar_sync.mailbox_failed', { ...errorFields(error) });
    }
  }
  return { supervisors: supervisors.size, failed, moved, postponed };
}
