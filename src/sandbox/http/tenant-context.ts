import type { DemoOrg } from '../demo-org.js';
import type { SandboxIdentity } from '../entra/identity.js';
import type { FaultConfig, FaultInjector } from '../faults.js';
import type { SandboxStats, RequestCounters } from '../stats.js';
import type { SandboxStore } from '../store.js';
import type { SandboxSwitches } from '../switches.js';
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
  /** Fault switches for a tenant's rarities (expired delta tokens, duplicate transactionIds, Teams off). */
  readonly switches: SandboxSwitches;
  /** Entra: app registrations, granted permissions, the signing key. */
  readonly identity: SandboxIdentity;
  /**
   * The app's application access policy (auth-limit-mailbox-access.md): true when the mailbox
   * (id or address) is within it; every mailbox is when no policy is set.
   */
  mailboxInScope(key: string): boolean;
  /** Sets the policy to these mailboxes (ids or addresses); undefined removes it. */
  setMailboxScope(mailboxes: readonly string[] | undefined): void;
  stats(): SandboxStats;
  /** Back to the seeded demo org; counters cleared. */
  reset(): void;
  setFaults(faults: Partial<FaultConfig>): void;
  setThrottle(throttle: Partial<ThrottleConfig>): void;
}
