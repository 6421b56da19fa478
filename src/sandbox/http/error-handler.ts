import type { Context } from 'hono';
import { errorBody, errors, GraphHttpError, newRequestId } from '../errors.js';
import type { SandboxEnv } from './env.js';
import { decodedPath } from './paths.js';
import { json } from './reply.js';

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/**
 * The one place errors become answers. A GraphHttpError becomes Graph's error body (errors.md:
 * `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`) with its
 * status and headers, or `{ error: { code, message } }` where `plain` (SharePoint's upload and
 * download hosts); anything else is Graph's generic 500, its cause kept in the sandbox's log.
 */
export function errorAnswer(err: Error, ids: RequestIds, plain = false, method = ''): Response {
  if (err instanceof GraphHttpError) {
    if (plain) return json(err.status, { error: { code: err.code, message: err.message } }, err.headers);
    return json(err.status, errorBody(err.code, err.message, ids.requestId, ids.clientRequestId, Date.now()), err.headers);
  }
  console.error(`sandbox graph: internal error on ${method} route: ${err.message}`);
  return json(500, errorBody('generalException', 'An internal server error occurred.', ids.requestId, ids.clientRequestId, Date.now()));
}

/** app.onError */
export function answerError(err: Error, c: Context<SandboxEnv>): Response {
  const requestId = c.get('requestId') ?? newRequestId();
  return errorAnswer(err, { requestId, clientRequestId: c.get('clientRequestId') ?? requestId }, c.get('plainErrors'), c.req.method);
}

/**
 * app.notFound: below /v1.0 and /_sandbox Graph names the segment it could not resolve; any
 * other first segment is an API version Graph does not have.
 */
export function answerUnknownRoute(c: Context<SandboxEnv>): Response {
  const path = decodedPath(c);
  const method = c.req.method;
  if (/^\/v1\.0(\/|$)/.test(path)) return answerError(errors.noRoute(method, path.slice('/v1.0'.length) || '/'), c);
  if (path === '/_sandbox' || path.startsWith('/_sandbox/')) return answerError(errors.noRoute(method, path), c);
  return answerError(errors.badRequest(`Invalid version: ${path.split('/')[1] ?? ''}`, 'BadRequest'), c);
}
