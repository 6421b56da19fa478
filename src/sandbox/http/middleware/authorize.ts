import { createMiddleware } from 'hono/factory';
import { missingPermission, outsideAccessPolicy } from '../../entra/denials.js';
import { routePermission } from '../../entra/route-permissions.js';
import type { SandboxEnv } from '../env.js';
import { graphPath } from '../paths.js';

/**
 * The caller's application permissions against the route's (route-permissions.ts, from each
 * doc page's permissions table), then, for a mailbox's data, the app's application access policy
 * (auth-limit-mailbox-access.md): the tenant's mailbox scope, every mailbox when none is set.
 */
export const authorize = createMiddleware<SandboxEnv>(async (c, next) => {
  const path = graphPath(c);
  const rule = routePermission(c.req.method, path);
  const caller = c.var.caller;
  if (rule) {
    if (!rule.anyOf.some((p) => caller.roles.has(p))) throw missingPermission(rule.workload, rule.anyOf, caller.roles);
    const key = rule.mailbox?.(path);
    if (key !== undefined && !c.var.tenant.mailboxInScope(key)) throw outsideAccessPolicy();
  }
  await next();
});
