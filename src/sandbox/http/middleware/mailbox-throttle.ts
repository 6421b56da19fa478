import { createMiddleware } from 'hono/factory';
import { GraphHttpError } from '../../errors.js';
import type { SandboxStore } from '../../store.js';
import type { SandboxEnv } from '../env.js';
import { graphPath } from '../paths.js';

/**
 * The mailbox a request is charged to: the {id} in /users/{id}/…, resolved to the object id.
 * Outlook's limits apply per app and mailbox (throttling-limits.md, "Outlook service limits":
 * 4 concurrent requests, 10,000 in 10 minutes, the defaults here); directory reads
 * (/users/{id} itself) are not charged.
 */
function mailboxOf(store: SandboxStore, path: string): string | undefined {
  const m = /^\/users\/([^/]+)\/.+/.exec(path);
  if (!m?.[1]) return undefined;
  return store.findUser(m[1])?.id ?? m[1].toLowerCase();
}

/**
 * 429 with Retry-After (throttling.md) once a mailbox has too many requests in flight or has
 * spent its budget for the window; the mailbox's slot is held until the answer is ready.
 */
export const throttleMailboxes = createMiddleware<SandboxEnv>(async (c, next) => {
  const { store, throttle, counters } = c.var.tenant;
  const mailbox = mailboxOf(store, graphPath(c));
  if (!mailbox) return next();
  const admission = throttle.admit(mailbox, Date.now());
  if (!admission.ok) {
    counters.throttled += 1;
    throw new GraphHttpError(429, admission.code, admission.message, { 'retry-after': String(admission.retryAfterSeconds) });
  }
  try {
    await next();
  } finally {
    admission.release();
  }
});
