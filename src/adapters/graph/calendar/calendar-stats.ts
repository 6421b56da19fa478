/** What a GraphCalendar instance has sent, for benchmarks and tests. */
export interface GraphCalendarStats {
  /** HTTP requests sent (a $batch counts once). */
  httpRequests: number;
  /** $batch requests carrying event creates. */
  eventBatches: number;
  /** Event creates sent inside batches, resends included. */
  eventSubRequests: number;
  scheduleRequests: number;
  /** 429s received, at the top level or inside a batch. */
  throttled: number;
  /** Resends after a 429, a 5xx, a 424 or a timeout. */
  retries: number;
  /** Why requests were resent (e.g. 'HTTP 503', 'throttled (429)', 'no response (timeout or network)'). */
  retryReasons: Record<string, number>;
}

export function emptyStats(): GraphCalendarStats {
  return { httpRequests: 0, eventBatches: 0, eventSubRequests: 0, scheduleRequests: 0, throttled: 0, retries: 0, retryReasons: {} };
}

/** One resend, and why. */
export function countRetry(stats: GraphCalendarStats, reason: string): void {
  stats.retries++;
  stats.retryReasons[reason] = (stats.retryReasons[reason] ?? 0) + 1;
}
