import { createMiddleware } from 'hono/factory';
import { GraphHttpError } from '../../errors.js';
import { sleep } from '../../faults.js';
import type { SandboxEnv } from '../env.js';

/**
 * The configured latency on every operation, then the injected faults: 503 with Retry-After
 * before the operation runs (errorRate), or 504 after it succeeded (lostResponseRate), the lost
 * answer Graph's transactionId exists for.
 */
export const injectFaults = createMiddleware<SandboxEnv>(async (c, next) => {
  const { faults, counters } = c.var.tenant;
  await sleep(faults.config.latencyMs);
  if (faults.shouldFail()) {
    counters.faulted += 1;
    throw new GraphHttpError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry after the time given in Retry-After.', {
      'retry-after': String(faults.config.retryAfterSeconds),
    });
  }
  await next();
  if (c.res.status < 400 && faults.shouldLoseResponse()) {
    counters.faulted += 1;
    // Dropped, so its headers (ETag, Location) do not carry over into the 504 as Hono would carry them.
    c.res = undefined;
    throw new GraphHttpError(504, 'GatewayTimeout', 'The operation timed out.');
  }
});
