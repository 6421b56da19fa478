import { Client, HTTPMessageHandler, TelemetryHandler, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../observability/logger.js';
import type { RetryClock } from '../retry.js';
import { BearerTokenMiddleware } from './bearer-token-middleware.js';
import { GraphRetryMiddleware, MAX_GRAPH_RETRY_AFTER_MS } from './retry-middleware.js';
import { isGraphBound } from './sandbox-token-provider.js';

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or the sandbox tenant's /v1.0 URL. */
  readonly baseUrl: string;
  readonly tokens: AuthenticationProvider;
  /** First backoff in seconds when Graph gives no Retry-After (then doubling, jittered); Graph's own Retry-After always wins. */
  readonly retryDelaySeconds?: number;
  readonly maxRetries?: number;
  /** Tests only: the retry module's clock. */
  readonly clock?: RetryClock;
  /** Where a refused request (403) is reported with the permission it needs. */
  readonly log?: Logger;
}

/**
 * The one Graph client of the product. The sandbox tenant and Microsoft 365 differ only in the
 * base URL and the token provider, so both run the same code path. Throttled (429) and
 * unavailable (503/504) answers are retried after Graph's Retry-After by the adapters' retry
 * module (retry-middleware.ts); a request may turn that off with RetryHandlerOptions(0, 0).
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const url = new URL(options.baseUrl);
  const version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  // The sandbox's token provider asks the token endpoint on the host this client talks to.
  const tokens = isGraphBound(options.tokens) ? options.tokens.forGraph(options.baseUrl) : options.tokens;
  const auth = new BearerTokenMiddleware(tokens, options.baseUrl, options.log);
  const retry = new GraphRetryMiddleware(
    {
      maxAttempts: (options.maxRetries ?? 5) + 1,
      // No call spends longer than Graph's longest worthwhile Retry-After retrying: a job tries again later.
      maxElapsedMs: MAX_GRAPH_RETRY_AFTER_MS,
      baseDelayMs: (options.retryDelaySeconds ?? 3) * 1000,
      maxDelayMs: 60_000,
      maxRetryAfterMs: MAX_GRAPH_RETRY_AFTER_MS,
      throttleJitterMs: 0,
    },
    options.clock,
  );
  const telemetry = new TelemetryHandler();
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(telemetry);
  telemetry.setNext(http);
  return Client.initWithMiddleware({
    baseUrl: `${url.protocol}//${url.host}/`,
    defaultVersion: version,
    middleware: auth,
  });
}
