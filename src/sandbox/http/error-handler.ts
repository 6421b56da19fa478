import type { Context } from 'hono';
import { errorBody, errors, GraphHttpError, newRequestId } from '../errors.js';
import type { SandboxEnv } from './env.js';
import { decodedPath } from './paths.js';
import { json } from './reply.js';

/**
 * The one place errors become answers (app.onError): a GraphHttpError becomes Graph's error body
 * (errors.md: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`)
 * with its status and headers; anything else is Graph's generic 500, its cause kept in the
 * sandbox's own log line.
 */
export function answerError(err: Error, c: Context<SandboxEnv>): Response {
  const requestId = c.get('requestId') ?? newRequestId();
  const clientRequestId = c.get('clientRequestId') ?? requestId;
  const now = Date.now();
  if (err instanceof GraphHttpError) {
    if (c.get('plainErrors')) return json(err.status, { error: { code: err.code, message: err.message } }, err.headers);
    return json(err.status, errorBody(err.code, err.message, requestId, clientRequestId, now), err.headers);
  }
  console.error(`sandbox graph: internal error on ${c.req.method} route: ${err.message}`);
  return json(500, errorBody('generalException', 'An internal server error occurred.', requestId, clientRequestId, now));
}

/**
 * No route (app.notFound). Below /v1.0 and /_sandbox Graph names the segment it could not
 * resolve; any other first segment is an API version Graph does not have.
 */
export function answerUnknownRoute(c: Context<SandboxEnv>): Response {
  const path = decodedPath(c);
  const method = c.req.method;
  if (/^\/v1\.0(\/|$)/.test(path)) return answerError(errors.noRoute(method, path.slice('/v1.0'.length) || '/'), c);
  if (path === '/_sandbox' || path.startsWith('/_sandbox/')) return answerError(errors.noRoute(method, path), c);
  return answerError(errors.badRequest(`Invalid version: ${path.split('/')[1] ?? ''}`, 'BadRequest'), c);
}
