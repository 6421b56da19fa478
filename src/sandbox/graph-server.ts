import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { demoOrg, type DemoOrg } from './demo-org.js';
import { errorBody, errors, GraphHttpError, newRequestId } from './errors.js';
import { defaultFaults, FaultInjector, sleep, type FaultConfig } from './faults.js';
import { batchRoutes } from './routes/batch.js';
import { eventRoutes } from './routes/events.js';
import { eventsView, filesView, indexHtml, mailboxEventsView, mailboxesView } from './routes/inspect.js';
import { userRoutes } from './routes/users.js';
import { driveRoutes, uploadSessionRequest, downloadRequest, findByPath } from './routes/drive.js';
import { mailRoutes } from './routes/mail.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { notifySubscribers } from './subscriptions.js';
import { seedStore } from './seed.js';
import { SandboxStore, type StoreSnapshot } from './store.js';
import { defaultThrottle, MailboxThrottle, type ThrottleConfig } from './throttle.js';
import type { Route, RouteContext, SandboxRequest, SandboxResponse } from './types.js';

export type { DemoOrg } from './demo-org.js';
export type { ThrottleConfig } from './throttle.js';
export type { FaultConfig } from './faults.js';

const ZThrottle = z.object({
  concurrentPerMailbox: z.number().int().positive().default(defaultThrottle.concurrentPerMailbox),
  requestsPerWindow: z.number().int().positive().default(defaultThrottle.requestsPerWindow),
  windowMs: z.number().int().positive().default(defaultThrottle.windowMs),
  retryAfterSeconds: z.number().int().nonnegative().default(defaultThrottle.retryAfterSeconds),
});

const ZFaults = z.object({
  errorRate: z.number().min(0).max(1).default(defaultFaults.errorRate),
  latencyMs: z.number().int().nonnegative().default(defaultFaults.latencyMs),
  seed: z.number().int().default(defaultFaults.seed),
  retryAfterSeconds: z.number().int().nonnegative().default(defaultFaults.retryAfterSeconds),
  lostResponseRate: z.number().min(0).max(1).default(defaultFaults.lostResponseRate),
});

export const ZSandboxOptions = z.object({
  host: z.literal('127.0.0.1').default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  /** Used to build the default demo org when `org` is not given (ISO instant). */
  now: z.string().datetime({ offset: true }).optional(),
  org: z.custom<DemoOrg>((v) => typeof v === 'object' && v !== null && Array.isArray((v as DemoOrg).people), 'a DemoOrg').optional(),
  persistPath: z.string().min(1).optional(),
  persistDebounceMs: z.number().int().nonnegative().default(200),
  throttle: ZThrottle.partial().optional(),
  faults: ZFaults.partial().optional(),
});

export type SandboxOptions = z.input<typeof ZSandboxOptions>;

export interface SandboxStats {
  requests: number;
  graphRequests: number;
  batches: number;
  throttled: number;
  faulted: number;
  byMailbox: Record<string, { requests: number; throttled: number; peakConcurrent: number }>;
  /** Graph requests (batch sub-requests included) by operation, ids replaced by {id}. */
  byOperation: Record<string, number>;
}

/** `POST /users/ab12…/events` -> `POST /users/{id}/events`, so counts group by operation. */
export function operationOf(method: string, path: string): string {
  const withPaths = path.replace(/root:\/.*?:(?=\/|$)/, 'root:{path}:').replace(/root:\/[^:]*$/, 'root:{path}');
  const generic = withPaths
    .split('/')
    .map((seg, i, all) => {
      const prev = all[i - 1] ?? '';
      const idHolder = ['users', 'events', 'items', 'drives', 'sites', 'installedApps', 'lists', 'teamsApps'].includes(prev);
      return idHolder && !seg.startsWith('root') && seg !== 'delta' ? '{id}' : seg;
    })
    .join('/');
  return `${method} ${generic}`;
}

export interface SandboxTenant {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** url + '/v1.0' — pass to Client.init as baseUrl (with defaultVersion 'v1.0', use `url`). */
  readonly graphBaseUrl: string;
  readonly org: DemoOrg;
  readonly store: SandboxStore;
  close(): Promise<void>;
  setFaults(faults: Partial<FaultConfig>): void;
  setThrottle(throttle: Partial<ThrottleConfig>): void;
  stats(): SandboxStats;
  /** Back to the seeded demo org; counters cleared. */
  reset(): void;
  /** Writes pending state to persistPath now. */
  flush(): Promise<void>;
}

const routes: Route[] = [...userRoutes, ...eventRoutes, ...batchRoutes, ...driveRoutes, ...mailRoutes, ...subscriptionRoutes];

function matchRoute(method: string, path: string): { route: Route; params: string[] } | { methodMismatch: true } | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === '*' || route.method === method) return { route, params: m.slice(1).map((x) => x ?? '') };
  }
  return pathMatched ? { methodMismatch: true } : undefined;
}

/** The mailbox a request is charged to: the {id} in /users/{id}/..., resolved to the object id. */
function mailboxOf(store: SandboxStore, path: string): string | undefined {
  const m = /^\/users\/([^/]+)\/.+/.exec(path);
  if (!m?.[1]) return undefined;
  return store.findUser(m[1])?.id ?? m[1].toLowerCase();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const jsonContentType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function write(res: ServerResponse, r: SandboxResponse, ids: { requestId: string; clientRequestId: string }): void {
  const headers: Record<string, string> = { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId, ...(r.headers ?? {}) };
  let payload: Buffer | undefined;
  if (r.raw) {
    payload = r.raw;
    headers['content-type'] ??= 'application/octet-stream';
  } else if (r.body !== undefined) {
    if (typeof r.body === 'string' && headers['content-type']?.startsWith('text/html')) payload = Buffer.from(r.body, 'utf8');
    else {
      payload = Buffer.from(JSON.stringify(r.body), 'utf8');
      headers['content-type'] ??= jsonContentType;
    }
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(r.status, headers);
  res.end(payload);
}

function errorResponse(e: unknown, req: SandboxRequest, nowMs: number): SandboxResponse {
  if (e instanceof GraphHttpError) {
    return { status: e.status, headers: { ...e.headers }, body: errorBody(e.code, e.message, req.requestId, req.clientRequestId, nowMs) };
  }
  // Unexpected failures stay inside the sandbox's own log line; the client sees Graph's generic 500.
  console.error(`sandbox graph: internal error on ${req.method} route: ${(e as Error)?.message ?? String(e)}`);
  return { status: 500, body: errorBody('generalException', 'An internal server error occurred.', req.requestId, req.clientRequestId, nowMs) };
}

export async function startSandboxTenant(options: SandboxOptions = {}): Promise<SandboxTenant> {
  const opts = ZSandboxOptions.parse(options);
  const org = opts.org ?? demoOrg(opts.now ?? new Date().toISOString());
  let store = await loadOrSeed(org, opts.persistPath);
  const throttle = new MailboxThrottle(ZThrottle.parse(opts.throttle ?? {}));
  const faults = new FaultInjector(ZFaults.parse(opts.faults ?? {}));
  const counters = { requests: 0, graphRequests: 0, batches: 0, throttled: 0, faulted: 0 };
  const byOperation = new Map<string, number>();

  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  const persist = async (): Promise<void> => {
    if (!opts.persistPath) return;
    const path = opts.persistPath;
    const data = JSON.stringify(store.snapshot());
    // A failed write must not stop later ones, so the chain continues past a rejection.
    saving = saving.catch(() => undefined).then(async () => {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, data, 'utf8');
      await rename(tmp, path);
    });
    await saving;
  };
  const scheduleSave = (): void => {
    if (!opts.persistPath) return;
    if (saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      persist().catch((err: unknown) => console.error(`sandbox graph: could not save state: ${(err as Error).message}`));
    }, opts.persistDebounceMs);
  };
  // Change notifications go out shortly after a change, batched as Graph batches them.
  let notifyTimer: NodeJS.Timeout | undefined;
  const scheduleNotify = (s: SandboxStore): void => {
    if (s.subscriptions.size === 0 || notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      void notifySubscribers(s, Date.now());
    }, 50);
  };
  const watch = (s: SandboxStore): void => {
    s.onChange(scheduleSave);
    s.onChange(() => scheduleNotify(s));
  };
  watch(store);

  let baseUrl = '';
  let port = 0;
  const ctx: RouteContext = {
    get store() {
      return store;
    },
    get url() {
      return baseUrl;
    },
    get graphBaseUrl() {
      return `${baseUrl}/v1.0`;
    },
    now: () => Date.now(),
    dispatch: (req) => dispatch(req),
  };

  async function dispatch(req: SandboxRequest): Promise<SandboxResponse> {
    const now = Date.now();
    const found = matchRoute(req.method, req.path);
    if (!found) return errorResponse(errors.noRoute(req.method, req.path), req, now);
    if ('methodMismatch' in found) return errorResponse(errors.methodNotAllowed(), req, now);
    const isBatch = found.route.pattern === batchRoutes[0]?.pattern;
    if (isBatch) {
      counters.batches += 1;
      try {
        return await found.route.handler(req, found.params, ctx);
      } catch (e) {
        return errorResponse(e, req, now);
      }
    }
    counters.graphRequests += 1;
    const op = operationOf(req.method, req.path);
    byOperation.set(op, (byOperation.get(op) ?? 0) + 1);
    const mailbox = mailboxOf(store, req.path);
    let release = (): void => {};
    if (mailbox) {
      const admission = throttle.admit(mailbox, now);
      if (!admission.ok) {
        counters.throttled += 1;
        return errorResponse(new GraphHttpError(429, admission.code, admission.message, { 'retry-after': String(admission.retryAfterSeconds) }), req, now);
      }
      release = admission.release;
    }
    try {
      await sleep(faults.config.latencyMs);
      if (faults.shouldFail()) {
        counters.faulted += 1;
        return errorResponse(
          new GraphHttpError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry after the time given in Retry-After.', { 'retry-after': String(faults.config.retryAfterSeconds) }),
          req,
          Date.now(),
        );
      }
      const result = await found.route.handler(req, found.params, ctx);
      if (result.status < 400 && faults.shouldLoseResponse()) {
        counters.faulted += 1;
        return errorResponse(new GraphHttpError(504, 'GatewayTimeout', 'The operation timed out.'), req, Date.now());
      }
      return result;
    } catch (e) {
      return errorResponse(e, req, Date.now());
    } finally {
      release();
    }
  }

  const stats = (): SandboxStats => {
    const byMailbox: SandboxStats['byMailbox'] = {};
    for (const [k, v] of throttle.stats) byMailbox[k] = { requests: v.requests, throttled: v.throttled, peakConcurrent: v.peakConcurrent };
    return { ...counters, byMailbox, byOperation: Object.fromEntries(byOperation) };
  };

  // Tests reset between cases; cloning a seeded snapshot is several times cheaper than reseeding.
  let pristine: StoreSnapshot | undefined;
  const reset = (): void => {
    pristine ??= seedStore(org).snapshot();
    store = SandboxStore.fromSnapshot(org, structuredClone(pristine));
    watch(store);
    throttle.reset();
    byOperation.clear();
    Object.assign(counters, { requests: 0, graphRequests: 0, batches: 0, throttled: 0, faulted: 0 });
    scheduleSave();
  };

  const setFaults = (f: Partial<FaultConfig>): void => faults.set(ZFaults.parse({ ...faults.config, ...f }), f.seed !== undefined);
  const setThrottle = (t: Partial<ThrottleConfig>): void => {
    throttle.config = ZThrottle.parse({ ...throttle.config, ...t });
  };

  async function sandboxRoute(req: SandboxRequest): Promise<SandboxResponse> {
    const p = req.path.replace(/\/+$/, '') || '/_sandbox';
    const get = req.method === 'GET';
    if (get && p === '/_sandbox') return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: indexHtml(store, ctx.graphBaseUrl) };
    if (get && p === '/_sandbox/mailboxes') return { status: 200, body: mailboxesView(store) };
    const mb = /^\/_sandbox\/mailboxes\/([^/]+)\/events$/.exec(p);
    if (get && mb?.[1]) {
      const u = store.findUser(mb[1]) ?? store.users.get(org.people.find((x) => x.alias === mb[1])?.id ?? '');
      if (!u?.id) return errorResponse(errors.userNotFound(mb[1]), req, Date.now());
      return { status: 200, body: mailboxEventsView(store, u.id, req.query.get('tz') ?? undefined) };
    }
    if (get && p === '/_sandbox/events') return { status: 200, body: eventsView(store, req.query) };
    if (get && p === '/_sandbox/files') return { status: 200, body: filesView(store) };
    if (get && p === '/_sandbox/files/content') {
      const item = findByPath(store, org.site.driveId, req.query.get('path') ?? '');
      if (!item || item.folder) return errorResponse(errors.driveItemNotFound(), req, Date.now());
      return { status: 200, headers: { 'content-type': item.mimeType ?? 'application/octet-stream', 'content-disposition': `attachment; filename="${encodeURIComponent(item.name)}"` }, raw: store.contents.get(item.id) ?? Buffer.alloc(0) };
    }
    if (get && p === '/_sandbox/mail') return { status: 200, body: store.mails };
    if (get && p === '/_sandbox/installedApps') return { status: 200, body: [...store.installs.values()] };
    if (get && p === '/_sandbox/stats') return { status: 200, body: stats() };
    if (get && p === '/_sandbox/org') return { status: 200, body: { organisation: org.organisation, domain: org.domain, now: org.now, people: org.people, site: org.site, teamsApps: org.teamsApps } };
    if (get && p === '/_sandbox/config') return { status: 200, body: { throttle: throttle.config, faults: faults.config } };
    if (req.method === 'POST' && p === '/_sandbox/config') {
      try {
        const body = req.body.length ? (JSON.parse(req.body.toString('utf8')) as { throttle?: Partial<ThrottleConfig>; faults?: Partial<FaultConfig> }) : {};
        if (body.throttle) setThrottle(body.throttle);
        if (body.faults) setFaults(body.faults);
      } catch (e) {
        return errorResponse(errors.badRequest(`Invalid sandbox configuration: ${(e as Error).message}`), req, Date.now());
      }
      return { status: 200, body: { throttle: throttle.config, faults: faults.config } };
    }
    if (req.method === 'POST' && p === '/_sandbox/reset') {
      reset();
      return { status: 204 };
    }
    return errorResponse(errors.noRoute(req.method, req.path), req, Date.now());
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      counters.requests += 1;
      const requestId = newRequestId();
      const clientRequestId = (req.headers['client-request-id'] as string | undefined) ?? requestId;
      const ids = { requestId, clientRequestId };
      try {
        const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
        const body = await readBody(req);
        const method = (req.method ?? 'GET').toUpperCase();
        let rawPath = url.pathname;
        let path: string;
        try {
          path = decodeURIComponent(rawPath);
        } catch {
          path = rawPath;
        }
        // The graph client only recognises absolute https:// URLs; given one of our http:// links
        // (nextLink, deltaLink, uploadUrl) it prefixes the base URL again. Unwrap that so product
        // code can follow links exactly as it does against Graph.
        const embedded = /^\/v1\.0\/https?:\/+([^/]+)(\/.*)?$/.exec(path);
        if (embedded && embedded[1] === `${opts.host}:${port}`) path = embedded[2] ?? '/';
        const base = { method, query: url.searchParams, headers, body, requestId, clientRequestId, inBatch: false };
        let result: SandboxResponse;
        if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
          result = await sandboxRoute({ ...base, path });
        } else if (path.startsWith('/_upload/')) {
          result = await uploadSessionRequest({ ...base, path }, ctx);
        } else if (path.startsWith('/_download/')) {
          result = downloadRequest({ ...base, path }, ctx);
        } else if (path.startsWith('/v1.0/') || path === '/v1.0') {
          rawPath = path.slice('/v1.0'.length) || '/';
          result = await dispatch({ ...base, path: rawPath });
        } else if (path === '/' || path === '') {
          result = { status: 302, headers: { location: '/_sandbox/' } };
        } else {
          result = errorResponse(errors.badRequest(`Invalid version: ${path.split('/')[1] ?? ''}`, 'BadRequest'), { ...base, path }, Date.now());
        }
        write(res, result, ids);
      } catch (e) {
        const fake: SandboxRequest = { method: req.method ?? 'GET', path: '', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), requestId, clientRequestId, inBatch: false };
        write(res, errorResponse(e, fake, Date.now()), ids);
      }
    })();
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://${opts.host}:${port}`;

  return {
    url: baseUrl,
    graphBaseUrl: `${baseUrl}/v1.0`,
    org,
    get store() {
      return store;
    },
    async close() {
      if (notifyTimer) clearTimeout(notifyTimer);
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = undefined;
        await persist().catch((err: unknown) => console.error(`sandbox graph: could not save state: ${(err as Error).message}`));
      }
      await saving.catch(() => undefined);
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
    setFaults,
    setThrottle,
    stats,
    reset,
    async flush() {
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = undefined;
      }
      await persist();
    },
  };
}

async function loadOrSeed(org: DemoOrg, persistPath: string | undefined): Promise<SandboxStore> {
  if (persistPath) {
    let text: string | undefined;
    try {
      text = await readFile(persistPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text !== undefined) return SandboxStore.fromSnapshot(org, JSON.parse(text) as StoreSnapshot);
  }
  return seedStore(org);
}
