import { errors, errorBody, GraphHttpError, newRequestId } from '../errors.js';
import type { Route, RouteContext, SandboxRequest, SandboxResponse } from '../types.js';
import { json, jsonBody } from './common.js';

/** Graph's JSON batching limit. */
export const maxBatchRequests = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function validate(raw: unknown): BatchItem[] {
  const requests = (raw as { requests?: unknown })?.requests;
  if (!Array.isArray(requests)) throw errors.badRequest('Invalid batch payload format.');
  if (requests.length === 0) throw errors.badRequest('Invalid batch payload format.');
  if (requests.length > maxBatchRequests) {
    throw errors.badRequest(`The number of requests in the batch (${requests.length}) exceeds the limit of ${maxBatchRequests}.`);
  }
  const seen = new Set<string>();
  const items: BatchItem[] = [];
  for (const r of requests as Array<Record<string, unknown>>) {
    const id = r?.id;
    if (typeof id !== 'string' && typeof id !== 'number') throw errors.badRequest("Each request in a batch requires an 'id' property.");
    const key = String(id).toLowerCase();
    if (seen.has(key)) throw errors.badRequest(`Batch request contains duplicate request id '${id}'.`);
    seen.add(key);
    if (typeof r.method !== 'string' || typeof r.url !== 'string') throw errors.badRequest("Each request in a batch requires 'method' and 'url' properties.");
    const headers = (r.headers ?? {}) as Record<string, string>;
    if (r.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      throw errors.badRequest('Content-Type header must be specified when a request body is present.');
    }
    const dependsOn = r.dependsOn === undefined ? undefined : (r.dependsOn as unknown[]).map(String);
    items.push({ id: String(id), method: r.method.toUpperCase(), url: r.url, headers, body: r.body, ...(dependsOn ? { dependsOn } : {}) });
  }
  for (const it of items) {
    for (const d of it.dependsOn ?? []) {
      if (!seen.has(d.toLowerCase())) throw errors.badRequest(`Request '${it.id}' depends on request '${d}' which is not in the batch.`);
    }
  }
  // A cycle would leave requests waiting for ever; Graph refuses such a batch.
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const state = new Map<string, number>();
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 2) return;
    if (s === 1) throw errors.badRequest('Batch request dependencies contain a cycle.');
    state.set(id, 1);
    for (const d of byId.get(id)?.dependsOn ?? []) visit(d.toLowerCase());
    state.set(id, 2);
  };
  for (const it of items) visit(it.id.toLowerCase());
  return items;
}

function toSubRequest(it: BatchItem, parent: SandboxRequest): SandboxRequest {
  let url = it.url.trim();
  if (/^https?:/i.test(url)) throw errors.badRequest('Invalid request URL. Batch requests must use URLs relative to the version root.');
  if (!url.startsWith('/')) url = `/${url}`;
  // The graph client's BatchRequestContent keeps the version segment ("/v1.0/users/…"); Graph accepts it.
  if (/^\/v1\.0(\/|$)/.test(url)) url = url.slice('/v1.0'.length) || '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(it.headers ?? {})) headers[k.toLowerCase()] = String(v);
  let body = Buffer.alloc(0);
  if (it.body !== undefined) {
    const ct = headers['content-type'] ?? '';
    if (typeof it.body === 'string' && !ct.includes('json')) body = Buffer.from(it.body, 'base64');
    else body = Buffer.from(typeof it.body === 'string' ? it.body : JSON.stringify(it.body), 'utf8');
  }
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw errors.badRequest('Invalid request URL.');
  }
  return {
    method: it.method,
    path,
    query,
    headers,
    body,
    requestId: newRequestId(),
    clientRequestId: parent.clientRequestId,
    inBatch: true,
  };
}

function toItem(id: string, res: SandboxResponse): BatchResponseItem {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) {
    const pretty = k === 'etag' ? 'ETag' : k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
    headers[pretty] = v;
  }
  const item: BatchResponseItem = { id, status: res.status, headers };
  if (res.raw) {
    item.body = res.raw.toString('base64');
  } else if (res.body !== undefined) {
    item.body = res.body;
    headers['Content-Type'] ??= 'application/json';
  }
  return item;
}

async function runBatch(req: SandboxRequest, ctx: RouteContext): Promise<SandboxResponse> {
  if (req.inBatch) throw errors.badRequest('Nested batch requests are not supported.');
  const items = validate(jsonBody(req));
  const results = new Map<string, Promise<SandboxResponse>>();
  const run = async (it: BatchItem): Promise<SandboxResponse> => {
    // Let every request register its promise first: dependsOn may point at a later entry.
    await Promise.resolve();
    const deps = await Promise.all((it.dependsOn ?? []).map((d) => results.get(d.toLowerCase()) as Promise<SandboxResponse>));
    if (deps.some((d) => d.status < 200 || d.status >= 300)) {
      const requestId = newRequestId();
      return { status: 424, headers: { 'content-type': 'application/json' }, body: errorBody('FailedDependency', 'The request depends on another request in the batch that failed.', requestId, req.clientRequestId, ctx.now()) };
    }
    let sub: SandboxRequest;
    try {
      sub = toSubRequest(it, req);
    } catch (e) {
      const err = e as GraphHttpError;
      return { status: err.status ?? 400, body: errorBody(err.code ?? 'BadRequest', err.message, newRequestId(), req.clientRequestId, ctx.now()) };
    }
    return ctx.dispatch(sub);
  };
  for (const it of items) results.set(it.id.toLowerCase(), run(it));
  const responses: BatchResponseItem[] = [];
  for (const it of items) responses.push(toItem(it.id, await (results.get(it.id.toLowerCase()) as Promise<SandboxResponse>)));
  return json(200, { responses });
}

export const batchRoutes: Route[] = [{ method: 'POST', pattern: /^\/\$batch$/, handler: (req, _p, ctx) => runBatch(req, ctx) }];
