import { RetryHandlerOptions, type Context, type FetchOptions, type Middleware } from '@microsoft/microsoft-graph-client';
import { retry, systemClock, type RetryClock, type RetryPolicy, type Transient } from '../retry.js';

/**
 * What Graph answers when it wants the request again later (Graph docs, concepts/throttling.md;
 * the SDK's RetryHandler uses the same three). A network error is not retried here: the request
 * may have run, and not every Graph write carries an idempotency key (sendMail has none).
 */
const RETRY_STATUSES = new Set([429, 503, 504]);

/**
 * Graph's largest Retry-After worth waiting inside one call (the SDK's RetryHandler caps its
 * wait at the same 180 s); past it the status reaches the caller, whose job tries again later.
 */
export const MAX_GRAPH_RETRY_AFTER_MS = 180_000;

function headersOf(options: FetchOptions | undefined): Headers {
  return new Headers(options?.headers);
}

/** Graph's own header telling the service this is a retry, and which (the SDK sets it too). */
function markAttempt(context: Context, retries: number): void {
  const value = String(retries);
  if (typeof context.request !== 'string') {
    context.request.headers.set('Retry-Attempt', value);
    return;
  }
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers instanceof Headers) headers.set('Retry-Attempt', value);
  else if (Array.isArray(headers)) options.headers = [...headers.filter(([k]) => k?.toLowerCase() !== 'retry-attempt'), ['Retry-Attempt', value]];
  else options.headers = { ...(headers ?? {}), 'Retry-Attempt': value };
}

/** A streamed body cannot be sent twice; a buffered one (JSON, a Buffer) can. */
function isBuffered(context: Context): boolean {
  const method = (typeof context.request === 'string' ? context.options?.method : context.request.method)?.toUpperCase();
  if (method !== 'PUT' && method !== 'PATCH' && method !== 'POST') return true;
  const type = typeof context.request === 'string' ? headersOf(context.options).get('content-type') : context.request.headers.get('content-type');
  return type !== 'application/octet-stream';
}

/** A request's own RetryHandlerOptions (the calendar sends maxRetries 0: it retries per sub-request itself). */
function maxRetriesFor(context: Context): number | undefined {
  const own = context.middlewareControl?.getMiddlewareOptions(RetryHandlerOptions) as RetryHandlerOptions | undefined;
  return own === undefined ? undefined : own.maxRetries;
}

/** Reads and drops a response about to be replaced, so its connection goes back to the pool. */
async function discard(response: Response | undefined): Promise<void> {
  try {
    await response?.arrayBuffer();
  } catch {
    // Already read, or the connection is gone: nothing to free.
  }
}

/**
 * The Graph client's retry step, in place of the SDK's RetryHandler so that Graph calls follow
 * the adapters' one retry policy (src/adapters/retry.ts): 429, 503 and 504 are sent again after
 * Retry-After, or a jittered exponential backoff when Graph gives none, within the policy's
 * attempt and time limits.
 */
export class GraphRetryMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly clock: RetryClock = systemClock,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('GraphRetryMiddleware needs a next middleware');
    const maxRetries = maxRetriesFor(context);
    const policy = maxRetries === undefined ? this.policy : { ...this.policy, maxAttempts: maxRetries + 1 };
    if (policy.maxAttempts <= 1) return next.execute(context);
    await retry(
      async (attempt) => {
        if (attempt > 1) markAttempt(context, attempt - 1);
        await next.execute(context);
        return context.response;
      },
      {
        policy,
        clock: this.clock,
        retryableResult: (response): Transient | undefined => {
          if (!response || !RETRY_STATUSES.has(response.status) || !isBuffered(context)) return undefined;
          const retryAfter = response.headers.get('retry-after');
          // Graph also throttles with a 503 and Retry-After (concepts/throttling.md): whenever it
          // says when to come back, that is the wait, as it was with the SDK's RetryHandler.
          const throttled = response.status === 429 || retryAfter !== null;
          return { reason: response.status === 429 ? 'throttled (429)' : `HTTP ${response.status}`, throttled, retryAfter };
        },
        onRetry: () => discard(context.response),
      },
    );
  }
}
