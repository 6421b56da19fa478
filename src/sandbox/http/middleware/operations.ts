import type { Context } from 'hono';
import { except } from 'hono/combine';
import { matchedRoutes } from 'hono/route';
import type { SandboxEnv } from '../env.js';
import { authorize } from './authorize.js';
import { injectFaults } from './fault-injection.js';
import { throttleMailboxes } from './mailbox-throttle.js';
import { countOperations } from './request-stats.js';

/**
 * True when a route is registered for this method and path: an operation. A path with no route,
 * or one answered 405 for the method, is neither counted, throttled nor delayed. Hono answers
 * HEAD with the GET route, so HEAD counts as that GET.
 */
function isOperation(c: Context<SandboxEnv>): boolean {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  return matchedRoutes(c).some((r) => r.method === method);
}

/** What every Graph operation goes through, direct or inside a $batch: counters, permissions, throttle, faults. */
export const operationMiddleware = except((c: Context<SandboxEnv>) => !isOperation(c), countOperations, authorize, throttleMailboxes, injectFaults);
