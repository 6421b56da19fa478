import { createMiddleware } from 'hono/factory';
import type { SandboxEnv } from '../env.js';
import { graphPath } from '../paths.js';

/** Counts HTTP requests, inspection included; batch sub-requests are counted as operations only. */
export const countRequests = createMiddleware<SandboxEnv>(async (c, next) => {
  if (!c.env.inBatch) c.var.tenant.counters.requests += 1;
  await next();
});

/** Counts $batch envelopes, which are not operations: their sub-requests are. */
export const countBatches = createMiddleware<SandboxEnv>(async (c, next) => {
  c.var.tenant.counters.batches += 1;
  await next();
});

/** Counts a Graph operation, by operation (byOperation) as well as in total. */
export const countOperations = createMiddleware<SandboxEnv>(async (c, next) => {
  c.var.tenant.counters.countOperation(c.req.method, graphPath(c));
  await next();
});
