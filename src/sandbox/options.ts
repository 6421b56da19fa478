import { z } from 'zod';
import type { DemoOrg } from './demo-org.js';
import { defaultFaults } from './faults.js';
import { defaultThrottle } from './throttle.js';

export const ZThrottle = z.object({
  concurrentPerMailbox: z.number().int().positive().default(defaultThrottle.concurrentPerMailbox),
  requestsPerWindow: z.number().int().positive().default(defaultThrottle.requestsPerWindow),
  windowMs: z.number().int().positive().default(defaultThrottle.windowMs),
  retryAfterSeconds: z.number().int().nonnegative().default(defaultThrottle.retryAfterSeconds),
});

export const ZFaults = z.object({
  errorRate: z.number().min(0).max(1).default(defaultFaults.errorRate),
  latencyMs: z.number().int().nonnegative().default(defaultFaults.latencyMs),
  seed: z.number().int().default(defaultFaults.seed),
  retryAfterSeconds: z.number().int().nonnegative().default(defaultFaults.retryAfterSeconds),
  lostResponseRate: z.number().min(0).max(1).default(defaultFaults.lostResponseRate),
});

export const ZSandboxOptions = z.object({
  host: z.literal('127.0.0.1').default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  /** Used to build the default demo org when `org` is not given (ISO instant). */
  now: z.string().datetime({ offset: true }).optional(),
  org: z.custom<DemoOrg>((v) => typeof v === 'object' && v !== null && Array.isArray((v as DemoOrg).people), 'a DemoOrg').optional(),
  persistPath: z.string().min(1).optional(),
  persistDebounceMs: z.number().int().nonnegative().default(200),
  throttle: ZThrottle.partial().optional(),
  faults: ZFaults.partial().optional(),
  /** Application permissions granted to the product's app (default: exactly the product's list, src/adapters/graph/permissions.ts). */
  grantedRoles: z.array(z.string().min(1)).optional(),
  /**
   * Serve https with this PEM key and certificate (issue 12: MSAL and the Azure SDKs take tokens only
   * over TLS, so tests of tenant mode's credentials reach the sandbox's Entra endpoints over https).
   */
  tls: z.object({ key: z.string().min(1), cert: z.string().min(1) }).optional(),
  /** The app's application access policy: the mailboxes (ids or addresses) it may reach; default every mailbox. */
  mailboxScope: z.array(z.string().min(1)).optional(),
});

export type SandboxOptions = z.input<typeof ZSandboxOptions>;
