import { errors, GraphHttpError, newRequestId } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { errorAnswer } from '../../http/error-handler.js';
import { countBatches } from '../../http/middleware/request-stats.js';
import { readJson } from '../../http/request.js';
import { json } from '../../http/reply.js';
import { validateBatch, type BatchItem } from './batch-payload.js';
import { toSubRequest } from './sub-requests.js';

interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * POST /$batch (json-batching.md). Each sub-request goes through the whole app, so it meets the
 * same routes, throttling, faults and counters as a direct request; dependsOn waits for the
 * requests named, and a failed dependency answers 424 without running.
 */
export const batchRoutes = sandboxHono();

batchRoutes.post('/$batch', countBatches, async (c) => {
  if (c.env.inBatch) throw errors.badRequest('Nested batch requests are not supported.');
  const items = validateBatch(await readJson(c));
  const { clientRequestId, dispatch, caller } = c.var;
  // A request that never runs still gets its own request-id in its error body.
  const failed = (id: string, err: GraphHttpError): Promise<BatchResponseItem> => toItem(id, errorAnswer(err, { requestId: newRequestId(), clientRequestId }));
  const results = new Map<string, Promise<BatchResponseItem>>();
  const run = async (it: BatchItem): Promise<BatchResponseItem> => {
    // Let every request register its promise first: dependsOn may point at a later entry.
    await Promise.resolve();
    const deps = await Promise.all((it.dependsOn ?? []).map((d) => results.get(d.toLowerCase()) as Promise<BatchResponseItem>));
    if (deps.some((d) => d.status < 200 || d.status >= 300)) {
      return failed(it.id, new GraphHttpError(424, 'FailedDependency', 'The request depends on another request in the batch that failed.'));
    }
    let request: Request;
    try {
      request = toSubRequest(it, clientRequestId);
    } catch (e) {
      return failed(it.id, e as GraphHttpError);
    }
    return toItem(it.id, await dispatch(request, caller));
  };
  for (const it of items) results.set(it.id.toLowerCase(), run(it));
  const responses: BatchResponseItem[] = [];
  for (const it of items) responses.push(await (results.get(it.id.toLowerCase()) as Promise<BatchResponseItem>));
  return json(200, { responses });
});

/** A sub-response in the envelope: headers in Graph's casing, JSON bodies inline, others base64. */
async function toItem(id: string, res: Response): Promise<BatchResponseItem> {
  const headers: Record<string, string> = {};
  for (const [k, v] of res.headers) {
    if (k === 'content-type') continue;
    const pretty = k === 'etag' ? 'ETag' : k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
    headers[pretty] = v;
  }
  const item: BatchResponseItem = { id, status: res.status, headers };
  const type = res.headers.get('content-type');
  const payload = Buffer.from(await res.arrayBuffer());
  if (type?.startsWith('application/json')) {
    item.body = JSON.parse(payload.toString('utf8')) as unknown;
    headers['Content-Type'] = 'application/json';
  } else if (payload.length > 0) {
    item.body = payload.toString('base64');
    if (type) headers['Content-Type'] = type;
  }
  return item;
}
