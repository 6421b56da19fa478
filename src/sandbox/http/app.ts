import type { Hono } from 'hono';
import { entraRoutes } from '../entra/routes.js';
import { userTokenRoutes } from '../entra/user-tokens.js';
import { inspectorRoutes } from '../inspector/app.js';
import { graphRoutes } from '../routes/graph.js';
import { downloadRoutes } from '../routes/sharepoint/downloads.js';
import { uploadSessionRoutes } from '../routes/sharepoint/upload-sessions.js';
import type { Caller } from '../entra/identity.js';
import { sandboxHono, type SandboxEnv } from './env.js';
import { answerError, answerUnknownRoute } from './error-handler.js';
import { requestIds } from './middleware/request-ids.js';
import { countRequests } from './middleware/request-stats.js';
import { redirect } from './reply.js';
import { routingPath } from './paths.js';
import type { TenantContext } from './tenant-context.js';

/**
 * The sandbox tenant's HTTP surface: Entra's token endpoint and keys at /{tenant}/…, Graph v1.0
 * at /v1.0, SharePoint's upload and download URLs, and the inspector at /_sandbox. $batch sub-requests come back in through `fetch` with
 * `inBatch` set, so they meet the same routes and middleware as requests over HTTP.
 */
export function createSandboxApp(tenant: TenantContext, ownHost: () => string): Hono<SandboxEnv> {
  const app = sandboxHono(routingPath(ownHost));
  const dispatch = async (request: Request, caller: Caller): Promise<Response> => app.fetch(request, { inBatch: true, caller });

  app.use('*', async (c, next) => {
    c.set('tenant', tenant);
    c.set('dispatch', dispatch);
    await next();
  });
  // Entra's endpoints (token, OpenID configuration, keys) come before Graph's request ids and
  // counters: they are not Graph requests.
  app.route('/', entraRoutes);
  // The tab's single sign-on: what Teams asks Entra for when a tab calls getAuthToken (issue 13).
  app.route('/', userTokenRoutes);
  app.use('*', requestIds, countRequests);
  app.all('/', () => redirect('/_sandbox/'));
  app.route('/_sandbox', inspectorRoutes);
  app.route('/_upload', uploadSessionRoutes);
  app.route('/_download', downloadRoutes);
  app.route('/v1.0', graphRoutes);
  app.onError(answerError);
  app.notFound(answerUnknownRoute);
  return app;
}
