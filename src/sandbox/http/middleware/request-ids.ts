import { createMiddleware } from 'hono/factory';
import { newRequestId } from '../../errors.js';
import type { SandboxEnv } from '../env.js';

/**
 * Every Graph answer carries a request-id and the caller's client-request-id (request-id when
 * none was sent); error bodies repeat both. A batch sub-request is sent with its batch's
 * client-request-id; its answer travels inside the batch envelope, which carries the ids.
 */
export const requestIds = createMiddleware<SandboxEnv>(async (c, next) => {
  const requestId = newRequestId();
  const clientRequestId = c.req.header('client-request-id') ?? requestId;
  c.set('requestId', requestId);
  c.set('clientRequestId', clientRequestId);
  await next();
  if (c.env.inBatch) return;
  c.res.headers.set('request-id', requestId);
  c.res.headers.set('client-request-id', clientRequestId);
});
