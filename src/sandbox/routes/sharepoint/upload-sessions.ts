import { GraphHttpError, errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { readBody } from '../../http/request.js';
import { json, noContent } from '../../http/reply.js';
import type { UploadSession } from '../../store.js';
import type { GraphContext } from '../common.js';
import { commitSession } from './file-writes.js';

/**
 * An upload session's uploadUrl (driveitem-createuploadsession.md), outside /v1.0 like
 * SharePoint's own upload host: PUT fragments with Content-Range (202 with nextExpectedRanges,
 * 201/200 with the item after the last), GET the status, DELETE to cancel, POST to commit a
 * deferred upload.
 */
export const uploadSessionRoutes = sandboxHono();

const session = ':session{.*}';

uploadSessionRoutes.use(`/${session}`, async (c, next) => {
  c.set('plainErrors', true);
  await next();
});

function sessionOf(c: GraphContext): UploadSession {
  const s = c.var.tenant.store.uploads.get(c.req.param('session') ?? '');
  if (!s || s.expiresMs < c.var.tenant.now()) throw new GraphHttpError(404, 'itemNotFound', 'The upload session was not found or has expired.');
  return s;
}

function status(s: UploadSession): Record<string, unknown> {
  return { expirationDateTime: new Date(s.expiresMs).toISOString(), nextExpectedRanges: s.total !== null && s.received >= s.total ? [] : [`${s.received}-`] };
}

uploadSessionRoutes.get(`/${session}`, (c) => json(200, status(sessionOf(c))));

uploadSessionRoutes.delete(`/${session}`, (c) => {
  const s = sessionOf(c);
  c.var.tenant.store.uploads.delete(s.id);
  c.var.tenant.store.changed();
  return noContent(204);
});

uploadSessionRoutes.post(`/${session}`, (c) => {
  const s = sessionOf(c);
  if (s.total === null || s.received < s.total) throw errors.badRequest('The upload is not complete.', 'invalidRequest');
  return commitSession(c, s);
});

uploadSessionRoutes.put(`/${session}`, async (c) => {
  const s = sessionOf(c);
  const body = await readBody(c);
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(c.req.header('content-range') ?? '');
  if (!range) throw errors.badRequest('The Content-Range header is missing or malformed.', 'invalidRequest');
  const from = Number(range[1]);
  const to = Number(range[2]);
  const total = range[3] === '*' ? null : Number(range[3]);
  if (to < from || body.length !== to - from + 1) throw errors.badRequest('The Content-Range header length does not match the provided number of bytes.', 'invalidRequest');
  if (total !== null && s.total !== null && total !== s.total) throw errors.badRequest('The declared total size does not match earlier fragments.', 'invalidRequest');
  if (total !== null && to >= total) throw errors.badRequest('The fragment extends beyond the declared file size.', 'invalidRequest');
  if (from !== s.received) {
    throw new GraphHttpError(416, 'invalidRange', `The uploaded fragment does not start at the next expected byte. Next expected range: ${s.received}-`);
  }
  s.total = total ?? s.total;
  s.data = Buffer.concat([Buffer.from(s.data, 'base64'), body]).toString('base64');
  s.received = to + 1;
  c.var.tenant.store.changed();
  if (s.total !== null && s.received === s.total && !s.deferCommit) return commitSession(c, s);
  return json(202, status(s));
});

uploadSessionRoutes.all(`/${session}`, (c) => {
  sessionOf(c);
  throw errors.methodNotAllowed();
});
