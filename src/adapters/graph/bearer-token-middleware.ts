import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';
import { silentLogger, type Logger } from '../../observability/logger.js';
import { graphErrorOf, reportAccessDenied } from './access-denied.js';

function urlOf(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

function setHeader(context: Context, name: string, value: string): void {
  if (typeof context.request !== 'string') {
    context.request.headers.set(name, value);
    return;
  }
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else if (Array.isArray(headers)) options.headers = [...headers.filter(([k]) => k?.toLowerCase() !== name.toLowerCase()), [name, value]];
  else options.headers = { ...(headers ?? {}), [name]: value };
}

/**
 * The Graph client's first step, in place of the SDK's AuthenticationHandler: the bearer token
 * goes on every request to the Graph host this client was made for, over https (a tenant) or
 * http (the sandbox tenant on loopback, which the SDK's handler would leave without a token),
 * and on nothing else (a pre-authenticated upload URL must not carry it). A 403 is then logged
 * with the permission it needs (access-denied.ts).
 */
export class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly origin: string;

  constructor(
    private readonly tokens: AuthenticationProvider,
    graphBaseUrl: string,
    private readonly log: Logger = silentLogger,
  ) {
    this.origin = new URL(graphBaseUrl).origin;
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('BearerTokenMiddleware needs a next middleware');
    const url = urlOf(context);
    let sameHost = false;
    try {
      sameHost = new URL(url).origin === this.origin;
    } catch {
      sameHost = false;
    }
    if (sameHost) setHeader(context, 'Authorization', `Bearer ${await this.tokens.getAccessToken()}`);
    await next.execute(context);
    if (sameHost && context.response?.status === 403) {
      const method = (typeof context.request === 'string' ? context.options?.method : context.request.method) ?? 'GET';
      const body: unknown = await context.response.clone().json().catch(() => undefined);
      const error = graphErrorOf(body);
      reportAccessDenied(this.log, { method, url, graphCode: error.code, message: error.message });
    }
  }
}
