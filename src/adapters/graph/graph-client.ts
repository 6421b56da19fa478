import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or the sandbox tenant's /v1.0 URL. */
  readonly baseUrl: string;
  readonly tokens: AuthenticationProvider;
  /** Seconds to wait when Graph gives no Retry-After; Graph's own Retry-After always wins. */
  readonly retryDelaySeconds?: number;
  readonly maxRetries?: number;
}

/**
 * The one Graph client of the product. The sandbox tenant and Microsoft 365 differ only in the
 * base URL and the token provider, so both run the same code path. Throttled (429) and
 * unavailable (503/504) answers are retried after Graph's Retry-After.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const url = new URL(options.baseUrl);
  const version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  const auth = new AuthenticationHandler(options.tokens);
  const retry = new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 5));
  const telemetry = new TelemetryHandler();
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(telemetry);
  telemetry.setNext(http);
  return Client.initWithMiddleware({
    baseUrl: `${url.protocol}//${url.host}/`,
    defaultVersion: version,
    middleware: auth,
    // The auth handler only attaches tokens for Graph's own hosts unless told about others.
    customHosts: new Set([url.hostname]),
  });
}
