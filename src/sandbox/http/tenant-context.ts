import type { DemoOrg } from '../demo-org.js';
import type { FaultConfig, FaultInjector } from '../faults.js';
import type { SandboxStats, RequestCounters } from '../stats.js';
import type { SandboxStore } from '../store.js';
import type { MailboxThrottle, ThrottleConfig } from '../throttle.js';

/** One running sandbox tenant as its routes and middleware see it (`c.var.tenant`). */
export interface TenantContext {
  /** Replaced by reset(), so read it per request. */
  readonly store: SandboxStore;
  readonly org: DemoOrg;
  /** e.g. http://127.0.0.1:1234 (known once the server listens). */
  readonly url: string;
  /** e.g. http://127.0.0.1:1234/v1.0 */
  readonly graphBaseUrl: string;
  readonly now: () => number;
  readonly throttle: MailboxThrottle;
  readonly faults: FaultInjector;
  readonly counters: RequestCounters;
  stats(): SandboxStats;
  /** Back to the seeded demo org; counters cleared. */
  reset(): void;
  setFaults(faults: Partial<FaultConfig>): void;
  setThrottle(throttle: Partial<ThrottleConfig>): void;
}
