import { errors } from '../../errors.js';
import type { BatchItem } from './batch-payload.js';

/** Any absolute URL will do: the app routes by path, and sub-requests never leave the process. */
const origin = 'http://sandbox.invalid';

/**
 * A batch entry as a request to the app: its URL below the version root, its headers (with the
 * batch's client-request-id), and its body (JSON, or base64 for other content types).
 */
export function toSubRequest(it: BatchItem, clientRequestId: string): Request {
  let url = it.url.trim();
  if (/^https?:/i.test(url)) throw errors.badRequest('Invalid request URL. Batch requests must use URLs relative to the version root.');
  if (!url.startsWith('/')) url = `/${url}`;
  // The graph client's BatchRequestContent keeps the version segment ("/v1.0/users/…"); Graph accepts it.
  if (/^\/v1\.0(\/|$)/.test(url)) url = url.slice('/v1.0'.length) || '/';
  const q = url.indexOf('?');
  try {
    decodeURIComponent(q === -1 ? url : url.slice(0, q));
  } catch {
    throw errors.badRequest('Invalid request URL.');
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(it.headers ?? {})) {
    try {
      headers.set(k, String(v));
    } catch {
      // A header no HTTP request could carry means nothing to any route; it is left out.
    }
  }
  headers.set('client-request-id', clientRequestId);
  let body: Buffer | undefined;
  if (it.body !== undefined && it.method !== 'GET' && it.method !== 'HEAD') {
    const ct = headers.get('content-type') ?? '';
    if (typeof it.body === 'string' && !ct.includes('json')) body = Buffer.from(it.body, 'base64');
    else body = Buffer.from(typeof it.body === 'string' ? it.body : JSON.stringify(it.body), 'utf8');
  }
  try {
    // '#' is part of the path in a batch URL, not the start of a fragment.
    return new Request(`${origin}/v1.0${url.replace(/#/g, '%23')}`, { method: it.method, headers, ...(body ? { body } : {}) });
  } catch {
    throw errors.badRequest('Invalid request URL.');
  }
}
