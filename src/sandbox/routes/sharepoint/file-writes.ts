import { randomBytes } from 'node:crypto';
import { childNamed, freeName, libraryOfItem, makeFolder, mimeFor, writeFile } from '../../drive-model.js';
import { errors } from '../../errors.js';
import { json } from '../../http/reply.js';
import type { StoredDriveItem, UploadSession } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';
import type { Target } from './item-address.js';
import { assertWritable, checkIfMatch, conflictOf, itemResponse } from './item-rules.js';

/** Upload sessions live for a day on SharePoint too. */
const sessionLifetimeMs = 24 * 3_600_000;

/** Parent folder for a path, creating missing folders as a PUT by path does on SharePoint. */
function ensureParent(c: GraphContext, base: StoredDriveItem, relPath: string): { parent: StoredDriveItem; name: string } {
  const { store, now } = c.var.tenant;
  const parts = relPath.split('/').filter(Boolean);
  const name = parts.pop();
  if (!name) throw errors.badRequest('The item name is missing.', 'invalidRequest');
  if (/[\\*:<>?"|]/.test(name)) throw errors.badRequest(`The provided name cannot contain any illegal characters: ${name}`, 'invalidRequest');
  let parent = base;
  for (const seg of parts) {
    const next = childNamed(store, parent.id, seg);
    if (next && !next.folder) throw errors.nameAlreadyExists(`A file with the name '${seg}' already exists where a folder is needed.`);
    parent = next ?? makeFolder(store, parent, seg, now());
  }
  return { parent, name };
}

/**
 * driveitem-put-content.md: a new file by path (201, folders created on the way; a taken name
 * fails, is replaced or renamed as conflictBehavior says) or new content for an item (200).
 */
export function putContent(c: GraphContext, t: Target, content: Buffer, conflictBehavior: string | null): Response {
  const { store, now } = c.var.tenant;
  const behavior = conflictOf(conflictBehavior, 'replace');
  const mimeDeclared = c.req.header('content-type');
  if (!t.relPath) {
    if (t.base.folder) throw errors.badRequest('Cannot upload content to a folder.', 'invalidRequest');
    checkIfMatch(c, t.base);
    assertWritable(t.base, 'content');
    const item = writeFile(store, store.items.get(t.base.parentId ?? libraryOfItem(store, t.base).rootItemId) as StoredDriveItem, t.base.name, content, mimeFor(t.base.name, mimeDeclared), now(), t.base);
    store.changed();
    return itemResponse(c, item, 200);
  }
  const { parent, name } = ensureParent(c, t.base, t.relPath);
  const existing = childNamed(store, parent.id, name);
  if (existing?.folder) throw errors.nameAlreadyExists();
  checkIfMatch(c, existing);
  if (existing && behavior === 'fail') throw errors.nameAlreadyExists();
  if (existing && behavior === 'replace') assertWritable(existing, 'content');
  const finalName = existing && behavior === 'rename' ? freeName(store, parent.id, name) : name;
  const replace = existing && behavior === 'replace' ? existing : undefined;
  const item = writeFile(store, parent, finalName, content, mimeFor(finalName, mimeDeclared), now(), replace);
  store.changed();
  return itemResponse(c, item, replace ? 200 : 201);
}

/**
 * driveitem-createuploadsession.md: an uploadUrl outside /v1.0 that takes the file in
 * Content-Range fragments; by path a taken name fails unless the body says otherwise.
 */
export function createUploadSession(c: GraphContext, t: Target, body: { item?: Record<string, unknown>; deferCommit?: boolean }): Response {
  const { store, now, url } = c.var.tenant;
  const item = body.item ?? {};
  let parentId: string;
  let name: string;
  if (t.relPath) {
    const { parent, name: n } = ensureParent(c, t.base, t.relPath);
    parentId = parent.id;
    name = n;
    if (typeof item.name === 'string' && item.name !== name) throw errors.badRequest('The name in the request body must match the name in the path.', 'invalidRequest');
  } else {
    if (t.base.folder) throw errors.badRequest('An upload session needs a file name in the path.', 'invalidRequest');
    checkIfMatch(c, t.base);
    parentId = t.base.parentId ?? libraryOfItem(store, t.base).rootItemId;
    name = t.base.name;
  }
  const session: UploadSession = {
    id: randomBytes(18).toString('base64url'),
    driveId: t.driveId,
    parentId,
    name,
    conflictBehavior: conflictOf(item['@microsoft.graph.conflictBehavior'], t.relPath ? 'fail' : 'replace'),
    total: null,
    received: 0,
    expiresMs: now() + sessionLifetimeMs,
    deferCommit: body.deferCommit === true,
    data: '',
  };
  store.uploads.set(session.id, session);
  store.changed();
  return json(200, {
    '@odata.context': contextUrl(c, 'microsoft.graph.uploadSession'),
    uploadUrl: `${url}/_upload/${session.id}`,
    expirationDateTime: new Date(session.expiresMs).toISOString(),
    nextExpectedRanges: ['0-'],
  });
}

/** The last fragment arrived (or the client committed): the file is written as the session says. */
export function commitSession(c: GraphContext, s: UploadSession): Response {
  const { store, now } = c.var.tenant;
  const parent = store.items.get(s.parentId);
  if (!parent) throw errors.driveItemNotFound();
  const existing = childNamed(store, parent.id, s.name);
  if (existing && s.conflictBehavior === 'fail') {
    throw errors.nameAlreadyExists(
      'Another file exists with the same name as the uploaded session. You can redirect the upload session to use a new filename by calling PUT with the new metadata and @microsoft.graph.sourceUrl attribute.',
    );
  }
  const finalName = existing && s.conflictBehavior === 'rename' ? freeName(store, parent.id, s.name) : s.name;
  const replace = existing && s.conflictBehavior === 'replace' ? existing : undefined;
  assertWritable(replace, 'content');
  const item = writeFile(store, parent, finalName, Buffer.from(s.data, 'base64'), mimeFor(finalName, undefined), now(), replace);
  store.uploads.delete(s.id);
  store.changed();
  return itemResponse(c, item, replace ? 200 : 201);
}
