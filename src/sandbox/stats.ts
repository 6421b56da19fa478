import type { MailboxThrottle } from './throttle.js';

export interface SandboxStats {
  requests: number;
  graphRequests: number;
  batches: number;
  throttled: number;
  faulted: number;
  byMailbox: Record<string, { requests: number; throttled: number; peakConcurrent: number }>;
  /** Graph requests (batch sub-requests included) by operation, ids replaced by {id}. */
  byOperation: Record<string, number>;
}

/** `POST /users/ab12…/events` -> `POST /users/{id}/events`, so counts group by operation. */
export function operationOf(method: string, path: string): string {
  const withPaths = path.replace(/root:\/.*?:(?=\/|$)/, 'root:{path}:').replace(/root:\/[^:]*$/, 'root:{path}');
  const generic = withPaths
    .split('/')
    .map((seg, i, all) => {
      const prev = all[i - 1] ?? '';
      const idHolder = ['users', 'events', 'items', 'drives', 'sites', 'installedApps', 'lists', 'teamsApps'].includes(prev);
      return idHolder && !seg.startsWith('root') && seg !== 'delta' ? '{id}' : seg;
    })
    .join('/');
  return `${method} ${generic}`;
}

/**
 * What the sandbox has answered since it started or was last reset. The request-stats middleware
 * counts; the per-mailbox figures are the throttle's own.
 */
export class RequestCounters {
  /** Every HTTP request, inspection included (batch sub-requests are not HTTP requests). */
  requests = 0;
  /** Graph operations: direct requests and batch sub-requests, not the batch envelopes. */
  graphRequests = 0;
  batches = 0;
  throttled = 0;
  faulted = 0;
  private readonly byOperation = new Map<string, number>();

  countOperation(method: string, path: string): void {
    this.graphRequests += 1;
    const op = operationOf(method, path);
    this.byOperation.set(op, (this.byOperation.get(op) ?? 0) + 1);
  }

  snapshot(throttle: MailboxThrottle): SandboxStats {
    const byMailbox: SandboxStats['byMailbox'] = {};
    for (const [k, v] of throttle.stats) byMailbox[k] = { requests: v.requests, throttled: v.throttled, peakConcurrent: v.peakConcurrent };
    const { requests, graphRequests, batches, throttled, faulted } = this;
    return { requests, graphRequests, batches, throttled, faulted, byMailbox, byOperation: Object.fromEntries(this.byOperation) };
  }

  reset(): void {
    this.requests = 0;
    this.graphRequests = 0;
    this.batches = 0;
    this.throttled = 0;
    this.faulted = 0;
    this.byOperation.clear();
  }
}
