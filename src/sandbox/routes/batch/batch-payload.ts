import { errors } from '../../errors.js';

/** Graph's JSON batching limit. */
export const maxBatchRequests = 20;

export interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

/**
 * A batch as json-batching.md defines it: 1 to 20 requests, each with a unique id, a method and
 * a URL; a body needs a Content-Type; dependsOn names requests of the same batch, without cycles.
 */
export function validateBatch(raw: unknown): BatchItem[] {
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
