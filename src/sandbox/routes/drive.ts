import { randomBytes } from 'node:crypto';
import { errors, GraphHttpError } from '../errors.js';
import { childNamed, childrenOf, etagOfItem, freeName, makeFolder, mimeFor, presentItem, rootItemId, writeFile } from '../drive-model.js';
import { decodeToken, encodeToken, linkWith, parseTop } from '../odata.js';
import type { SandboxStore, StoredDriveItem, UploadSession } from '../store.js';
import type { Route, RouteContext, SandboxRequest, SandboxResponse } from '../types.js';
import { contextUrl, json, jsonBody, noContent } from './common.js';

type Conflict = 'fail' | 'replace' | 'rename';

/** Upload sessions live for a day on SharePoint too. */
const sessionLifetimeMs = 24 * 3_600_000;

/** Columns SharePoint maintains itself; a PATCH may not set them. */
const readOnlyFields = new Set(['id', 'ContentType', 'Created', 'Modified', 'AuthorLookupId', 'EditorLookupId', '_UIVersionString', 'FileLeafRef', 'FileSizeDisplay', 'ItemChildCount', 'FolderChildCount', 'DocIcon', 'LinkFilenameNoMenu', 'LinkFilename', 'Edit', '_ComplianceFlags', '_ComplianceTag', '_ComplianceTagWrittenTime', '_ComplianceTagUserId']);

interface Target {
  driveId: string;
  base: StoredDriveItem;
  relPath: string | undefined;
  suffix: string;
}

function checkSite(ctx: RouteContext, siteKey: string): void {
  const site = ctx.store.org.site;
  const k = siteKey.toLowerCase();
  const [host, sc] = site.id.split(',');
  if (k === site.id.toLowerCase() || k === 'root' || k === site.hostname.toLowerCase() || k === (sc ?? '').toLowerCase() || k === `${host},${sc}`.toLowerCase()) return;
  throw new GraphHttpError(404, 'itemNotFound', 'Requested site could not be found');
}

function checkDrive(ctx: RouteContext, driveId: string): void {
  if (driveId !== ctx.store.org.site.driveId) throw new GraphHttpError(404, 'itemNotFound', 'The provided drive id appears to be malformed, or does not represent a valid drive.');
}

/** `/sites/host:/sites/supervision:` → `/sites/{siteId}`: Graph's path-based site addressing. */
function normaliseSitePath(ctx: RouteContext, path: string): string {
  const site = ctx.store.org.site;
  const m = /^\/sites\/([^/:]+):(\/[^:]+)(?::(\/.*)?)?$/.exec(path);
  if (!m) return path;
  if (m[1]?.toLowerCase() !== site.hostname.toLowerCase() || m[2]?.toLowerCase() !== site.serverRelativePath.toLowerCase()) {
    throw new GraphHttpError(404, 'itemNotFound', 'Requested site could not be found');
  }
  return `/sites/${site.id}${m[3] ?? ''}`;
}

function resolveTarget(ctx: RouteContext, driveId: string, rest: string): Target {
  checkDrive(ctx, driveId);
  const m = /^(?:\/root|\/items\/([^/:]+))(?::(\/[^:]*):?)?(\/.*)?$/.exec(rest);
  if (!m) throw errors.noRoute('', rest);
  const idPart = m[1];
  const base = !idPart || idPart === 'root' ? ctx.store.items.get(rootItemId) : ctx.store.items.get(idPart);
  if (!base || base.driveId !== driveId) throw errors.driveItemNotFound();
  const relPath = m[2] && m[2] !== '/' ? m[2] : undefined;
  return { driveId, base, relPath, suffix: m[3] ?? '' };
}

function walk(store: SandboxStore, base: StoredDriveItem, relPath: string | undefined): StoredDriveItem | undefined {
  if (!relPath) return base;
  let cur: StoredDriveItem | undefined = base;
  for (const name of relPath.split('/').filter(Boolean)) {
    if (!cur) return undefined;
    cur = childNamed(store, cur.id, name);
  }
  return cur;
}

export function findByPath(store: SandboxStore, driveId: string, path: string): StoredDriveItem | undefined {
  const root = store.items.get(rootItemId);
  if (!root || root.driveId !== driveId) return undefined;
  return walk(store, root, path);
}

/** Parent folder for a path, creating missing folders as a PUT by path does on SharePoint. */
function ensureParent(ctx: RouteContext, base: StoredDriveItem, relPath: string): { parent: StoredDriveItem; name: string } {
  const parts = relPath.split('/').filter(Boolean);
  const name = parts.pop();
  if (!name) throw errors.badRequest('The item name is missing.', 'invalidRequest');
  if (/[\\*:<>?"|]/.test(name)) throw errors.badRequest(`The provided name cannot contain any illegal characters: ${name}`, 'invalidRequest');
  let parent = base;
  for (const seg of parts) {
    const next = childNamed(ctx.store, parent.id, seg);
    if (next && !next.folder) throw errors.nameAlreadyExists(`A file with the name '${seg}' already exists where a folder is needed.`);
    parent = next ?? makeFolder(ctx.store, parent, seg, ctx.now());
  }
  return { parent, name };
}

function itemResponse(ctx: RouteContext, item: StoredDriveItem, status: number): SandboxResponse {
  return json(status, { '@odata.context': contextUrl(ctx, `drives('${item.driveId}')/items/$entity`), ...presentItem(ctx.store, item, ctx.url) }, { etag: etagOfItem(item) });
}

function conflictOf(value: unknown, fallback: Conflict): Conflict {
  if (value === undefined || value === null) return fallback;
  if (value === 'fail' || value === 'replace' || value === 'rename') return value;
  throw errors.badRequest(`Invalid conflict behavior '${String(value)}'.`, 'invalidRequest');
}

function ifMatch(req: SandboxRequest, item: StoredDriveItem | undefined): void {
  const h = req.headers['if-match'];
  if (!h || !item || h === '*') return;
  const cTag = `"c:${etagOfItem(item).slice(1)}`;
  if (h !== etagOfItem(item) && h !== cTag) throw new GraphHttpError(412, 'resourceModified', "ETag does not match current item's value");
}

function locked(): GraphHttpError {
  return new GraphHttpError(423, 'resourceLocked', 'The resource you are attempting to access is locked');
}

/** A locked record refuses content and metadata changes; any retention label refuses deletion. */
function assertWritable(item: StoredDriveItem | undefined, what: 'content' | 'metadata' | 'delete'): void {
  const label = item?.retentionLabel;
  if (!label) return;
  if (what === 'delete' || label.isRecordLocked) throw locked();
}

function retentionBody(item: StoredDriveItem): Record<string, unknown> {
  const l = item.retentionLabel;
  if (!l) throw errors.driveItemNotFound();
  return {
    name: l.name,
    retentionSettings: {
      behaviorDuringRetentionPeriod: l.record ? 'retainAsRecord' : 'retain',
      isDeleteAllowed: false,
      isRecordLocked: l.isRecordLocked,
      isMetadataUpdateAllowed: !l.isRecordLocked,
      isContentUpdateAllowed: !l.isRecordLocked,
      isLabelUpdateAllowed: !l.isRecordLocked,
    },
    isLabelAppliedExplicitly: true,
    labelAppliedDateTime: new Date(l.appliedMs).toISOString(),
    labelAppliedBy: { application: { displayName: 'Supervision Assistant' } },
  };
}

function patchRetention(req: SandboxRequest, ctx: RouteContext, item: StoredDriveItem): SandboxResponse {
  const body = jsonBody<{ name?: unknown; retentionSettings?: { isRecordLocked?: unknown } }>(req);
  const first = !item.retentionLabel;
  if (typeof body.name === 'string') {
    const def = ctx.store.org.site.retentionLabels.find((l) => l.name === body.name);
    if (!def) throw errors.badRequest(`The retention label '${body.name}' was not found.`, 'invalidRequest');
    if (item.retentionLabel?.isRecordLocked && item.retentionLabel.name !== def.name) throw locked();
    const record = def.behaviorDuringRetentionPeriod === 'retainAsRecord';
    item.retentionLabel = { name: def.name, appliedMs: ctx.now(), record, isRecordLocked: record };
  }
  const lock = body.retentionSettings?.isRecordLocked;
  if (typeof lock === 'boolean') {
    if (!item.retentionLabel?.record) throw errors.badRequest('Only an item labelled as a record can be locked or unlocked.', 'invalidRequest');
    item.retentionLabel.isRecordLocked = lock;
  }
  if (!item.retentionLabel) throw errors.badRequest("The request body must name a retention label ('name').", 'invalidRequest');
  ctx.store.changed();
  return json(first ? 201 : 200, { '@odata.context': contextUrl(ctx, `drives('${item.driveId}')/items('${item.id}')/retentionLabel/$entity`), ...retentionBody(item) });
}

function putContent(req: SandboxRequest, ctx: RouteContext, t: Target): SandboxResponse {
  const behavior = conflictOf(req.query.get('@microsoft.graph.conflictBehavior'), 'replace');
  const mimeDeclared = req.headers['content-type'];
  if (!t.relPath) {
    if (t.base.folder) throw errors.badRequest('Cannot upload content to a folder.', 'invalidRequest');
    ifMatch(req, t.base);
    assertWritable(t.base, 'content');
    const item = writeFile(ctx.store, ctx.store.items.get(t.base.parentId ?? rootItemId) as StoredDriveItem, t.base.name, req.body, mimeFor(t.base.name, mimeDeclared), ctx.now(), t.base);
    ctx.store.changed();
    return itemResponse(ctx, item, 200);
  }
  const { parent, name } = ensureParent(ctx, t.base, t.relPath);
  const existing = childNamed(ctx.store, parent.id, name);
  if (existing?.folder) throw errors.nameAlreadyExists();
  ifMatch(req, existing);
  if (existing && behavior === 'fail') throw errors.nameAlreadyExists();
  if (existing && behavior === 'replace') assertWritable(existing, 'content');
  const finalName = existing && behavior === 'rename' ? freeName(ctx.store, parent.id, name) : name;
  const replace = existing && behavior === 'replace' ? existing : undefined;
  const item = writeFile(ctx.store, parent, finalName, req.body, mimeFor(finalName, mimeDeclared), ctx.now(), replace);
  ctx.store.changed();
  return itemResponse(ctx, item, replace ? 200 : 201);
}

function createUploadSession(req: SandboxRequest, ctx: RouteContext, t: Target): SandboxResponse {
  const body = req.body.length ? jsonBody<{ item?: Record<string, unknown>; deferCommit?: boolean }>(req) : {};
  const item = body.item ?? {};
  let parentId: string;
  let name: string;
  if (t.relPath) {
    const { parent, name: n } = ensureParent(ctx, t.base, t.relPath);
    parentId = parent.id;
    name = n;
    if (typeof item.name === 'string' && item.name !== name) throw errors.badRequest('The name in the request body must match the name in the path.', 'invalidRequest');
  } else {
    if (t.base.folder) throw errors.badRequest('An upload session needs a file name in the path.', 'invalidRequest');
    ifMatch(req, t.base);
    parentId = t.base.parentId ?? rootItemId;
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
    expiresMs: ctx.now() + sessionLifetimeMs,
    deferCommit: body.deferCommit === true,
    data: '',
  };
  ctx.store.uploads.set(session.id, session);
  ctx.store.changed();
  return json(200, {
    '@odata.context': contextUrl(ctx, 'microsoft.graph.uploadSession'),
    uploadUrl: `${ctx.url}/_upload/${session.id}`,
    expirationDateTime: new Date(session.expiresMs).toISOString(),
    nextExpectedRanges: ['0-'],
  });
}

function commitSession(ctx: RouteContext, s: UploadSession): SandboxResponse {
  const parent = ctx.store.items.get(s.parentId);
  if (!parent) throw errors.driveItemNotFound();
  const existing = childNamed(ctx.store, parent.id, s.name);
  if (existing && s.conflictBehavior === 'fail') {
    throw errors.nameAlreadyExists(
      'Another file exists with the same name as the uploaded session. You can redirect the upload session to use a new filename by calling PUT with the new metadata and @microsoft.graph.sourceUrl attribute.',
    );
  }
  const finalName = existing && s.conflictBehavior === 'rename' ? freeName(ctx.store, parent.id, s.name) : s.name;
  const replace = existing && s.conflictBehavior === 'replace' ? existing : undefined;
  assertWritable(replace, 'content');
  const item = writeFile(ctx.store, parent, finalName, Buffer.from(s.data, 'base64'), mimeFor(finalName, undefined), ctx.now(), replace);
  ctx.store.uploads.delete(s.id);
  ctx.store.changed();
  return itemResponse(ctx, item, replace ? 200 : 201);
}

/** PUT/GET/POST/DELETE on an uploadUrl (outside /v1.0, like SharePoint's own upload host). */
export async function uploadSessionRequest(req: SandboxRequest, ctx: RouteContext): Promise<SandboxResponse> {
  try {
    const id = req.path.slice('/_upload/'.length);
    const s = ctx.store.uploads.get(id);
    if (!s || s.expiresMs < ctx.now()) throw new GraphHttpError(404, 'itemNotFound', 'The upload session was not found or has expired.');
    const status = (): Record<string, unknown> => ({ expirationDateTime: new Date(s.expiresMs).toISOString(), nextExpectedRanges: s.total !== null && s.received >= s.total ? [] : [`${s.received}-`] });
    if (req.method === 'GET') return json(200, status());
    if (req.method === 'DELETE') {
      ctx.store.uploads.delete(id);
      ctx.store.changed();
      return noContent(204);
    }
    if (req.method === 'POST') {
      if (s.total === null || s.received < s.total) throw errors.badRequest('The upload is not complete.', 'invalidRequest');
      return commitSession(ctx, s);
    }
    if (req.method !== 'PUT') throw errors.methodNotAllowed();
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(req.headers['content-range'] ?? '');
    if (!range) throw errors.badRequest('The Content-Range header is missing or malformed.', 'invalidRequest');
    const from = Number(range[1]);
    const to = Number(range[2]);
    const total = range[3] === '*' ? null : Number(range[3]);
    if (to < from || req.body.length !== to - from + 1) throw errors.badRequest('The Content-Range header length does not match the provided number of bytes.', 'invalidRequest');
    if (total !== null && s.total !== null && total !== s.total) throw errors.badRequest('The declared total size does not match earlier fragments.', 'invalidRequest');
    if (total !== null && to >= total) throw errors.badRequest('The fragment extends beyond the declared file size.', 'invalidRequest');
    if (from !== s.received) {
      throw new GraphHttpError(416, 'invalidRange', `The uploaded fragment does not start at the next expected byte. Next expected range: ${s.received}-`);
    }
    s.total = total ?? s.total;
    s.data = Buffer.concat([Buffer.from(s.data, 'base64'), req.body]).toString('base64');
    s.received = to + 1;
    ctx.store.changed();
    if (s.total !== null && s.received === s.total && !s.deferCommit) return commitSession(ctx, s);
    return json(202, status());
  } catch (e) {
    if (e instanceof GraphHttpError) {
      return { status: e.status, body: { error: { code: e.code, message: e.message } } };
    }
    throw e;
  }
}

/** The pre-authenticated download URL a GET …/content redirects to. */
export function downloadRequest(req: SandboxRequest, ctx: RouteContext): SandboxResponse {
  const id = req.path.slice('/_download/'.length);
  const item = ctx.store.items.get(id);
  if (!item || item.folder) return { status: 404, body: { error: { code: 'itemNotFound', message: 'The resource could not be found.' } } };
  return { status: 200, headers: { 'content-type': item.mimeType ?? 'application/octet-stream' }, raw: ctx.store.contents.get(item.id) ?? Buffer.alloc(0) };
}

function fieldsBody(ctx: RouteContext, item: StoredDriveItem): Record<string, unknown> {
  return {
    '@odata.context': contextUrl(ctx, `sites('${ctx.store.org.site.id}')/lists('${ctx.store.org.site.listId}')/items('${item.listItemId}')/fields/$entity`),
    '@odata.etag': `"${etagOfItem(item).slice(2, 38)},${item.version}"`,
    id: item.listItemId,
    FileLeafRef: item.name,
    ContentType: item.folder ? 'Folder' : 'Document',
    Created: new Date(item.createdMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Modified: new Date(item.modifiedMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    _UIVersionString: `${item.version}.0`,
    ...item.fields,
  };
}

function listItemBody(ctx: RouteContext, item: StoredDriveItem): Record<string, unknown> {
  const { '@odata.context': _c, ...fields } = fieldsBody(ctx, item);
  return {
    '@odata.context': contextUrl(ctx, `sites('${ctx.store.org.site.id}')/lists('${ctx.store.org.site.listId}')/items/$entity`),
    id: item.listItemId,
    createdDateTime: new Date(item.createdMs).toISOString(),
    lastModifiedDateTime: new Date(item.modifiedMs).toISOString(),
    webUrl: presentItem(ctx.store, item, ctx.url).webUrl,
    contentType: { id: item.folder ? '0x0120' : '0x0101', name: item.folder ? 'Folder' : 'Document' },
    parentReference: { id: ctx.store.org.site.listId, siteId: ctx.store.org.site.id },
    fields,
  };
}

function patchFields(req: SandboxRequest, ctx: RouteContext, item: StoredDriveItem): SandboxResponse {
  assertWritable(item, 'metadata');
  const patch = jsonBody<Record<string, unknown>>(req);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw errors.badRequest('Invalid request', 'invalidRequest');
  for (const k of Object.keys(patch)) {
    if (readOnlyFields.has(k)) throw errors.badRequest(`Field '${k}' is read-only`, 'invalidRequest');
    if (k.startsWith('@')) continue;
    item.fields[k] = patch[k];
  }
  item.version += 1;
  item.modifiedMs = ctx.now();
  ctx.store.changed();
  return json(200, fieldsBody(ctx, item));
}

function children(req: SandboxRequest, ctx: RouteContext, folder: StoredDriveItem): SandboxResponse {
  if (!folder.folder) throw errors.driveItemNotFound();
  const all = childrenOf(ctx.store, folder.id);
  const top = parseTop(req.query, 999) ?? 200;
  const token = req.query.get('$skiptoken');
  const offset = token ? decodeToken<{ o: number }>(token).o : 0;
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, `drives('${folder.driveId}')/items('${folder.id}')/children`) };
  if (offset + top < all.length) body['@odata.nextLink'] = linkWith(ctx.graphBaseUrl, req.path, req.query, { $skiptoken: encodeToken({ o: offset + top }) });
  body.value = all.slice(offset, offset + top).map((i) => presentItem(ctx.store, i, ctx.url));
  return json(200, body);
}

function onItem(req: SandboxRequest, ctx: RouteContext, t: Target): SandboxResponse {
  const m = req.method;
  if (t.suffix === '/content' && m === 'PUT') return putContent(req, ctx, t);
  if (t.suffix === '/createUploadSession' && m === 'POST') return createUploadSession(req, ctx, t);
  const item = walk(ctx.store, t.base, t.relPath);
  if (!item) throw errors.driveItemNotFound();
  if (t.suffix === '' && m === 'GET') return itemResponse(ctx, item, 200);
  if (t.suffix === '' && m === 'DELETE') {
    if (item.parentId === null) throw errors.badRequest('The root folder cannot be deleted.', 'invalidRequest');
    ifMatch(req, item);
    const doomed = [item];
    for (let i = 0; i < doomed.length; i++) doomed.push(...childrenOf(ctx.store, (doomed[i] as StoredDriveItem).id));
    for (const d of doomed) assertWritable(d, 'delete');
    for (const d of doomed) {
      ctx.store.items.delete(d.id);
      ctx.store.contents.delete(d.id);
    }
    ctx.store.changed();
    return noContent(204);
  }
  if (t.suffix === '/content' && m === 'GET') {
    if (item.folder) throw errors.driveItemNotFound();
    return { status: 302, headers: { location: `${ctx.url}/_download/${item.id}` } };
  }
  if (t.suffix === '/children' && m === 'GET') return children(req, ctx, item);
  if (t.suffix === '/listItem' && m === 'GET') return json(200, listItemBody(ctx, item));
  if (t.suffix === '/listItem/fields' && m === 'GET') return json(200, fieldsBody(ctx, item));
  if (t.suffix === '/listItem/fields' && m === 'PATCH') return patchFields(req, ctx, item);
  if (t.suffix === '/retentionLabel' && m === 'PATCH') return patchRetention(req, ctx, item);
  if (t.suffix === '/retentionLabel' && m === 'GET') return json(200, { '@odata.context': contextUrl(ctx, `drives('${item.driveId}')/items('${item.id}')/retentionLabel/$entity`), ...retentionBody(item) });
  if (t.suffix === '/retentionLabel' && m === 'DELETE') {
    if (!item.retentionLabel) throw errors.driveItemNotFound();
    if (item.retentionLabel.isRecordLocked) throw locked();
    delete item.retentionLabel;
    ctx.store.changed();
    return noContent(204);
  }
  throw errors.noRoute(m, req.path);
}

function listItemByListId(ctx: RouteContext, listId: string, itemId: string): StoredDriveItem {
  if (listId !== ctx.store.org.site.listId) throw new GraphHttpError(404, 'itemNotFound', 'The requested list was not found.');
  const item = [...ctx.store.items.values()].find((i) => i.listItemId === itemId && i.parentId !== null);
  if (!item) throw errors.driveItemNotFound();
  return item;
}

function siteBody(ctx: RouteContext): Record<string, unknown> {
  const s = ctx.store.org.site;
  return {
    '@odata.context': contextUrl(ctx, 'sites/$entity'),
    createdDateTime: ctx.store.org.now,
    description: 'Signed supervision records and agreements, one folder per employee.',
    id: s.id,
    lastModifiedDateTime: ctx.store.org.now,
    name: s.name,
    webUrl: `https://${s.hostname}${s.serverRelativePath}`,
    displayName: s.displayName,
    root: {},
    siteCollection: { hostname: s.hostname },
  };
}

function driveBody(ctx: RouteContext): Record<string, unknown> {
  const s = ctx.store.org.site;
  return {
    createdDateTime: ctx.store.org.now,
    description: '',
    id: s.driveId,
    lastModifiedDateTime: ctx.store.org.now,
    name: s.driveName,
    webUrl: `https://${s.hostname}${s.serverRelativePath}/${encodeURIComponent(s.driveName)}`,
    driveType: 'documentLibrary',
    createdBy: { user: { displayName: 'System Account' } },
    owner: { group: { displayName: `${s.displayName} Owners` } },
    quota: { deleted: 0, remaining: 27487790694400, state: 'normal', total: 27487790694400, used: [...ctx.store.contents.values()].reduce((n, b) => n + b.length, 0) },
  };
}

function sharePoint(req: SandboxRequest, ctx: RouteContext): SandboxResponse {
  const path = normaliseSitePath(ctx, req.path);
  const site = /^\/sites\/([^/]+)(.*)$/.exec(path);
  if (site) {
    checkSite(ctx, site[1] as string);
    const rest = site[2] ?? '';
    if (rest === '' && req.method === 'GET') return json(200, siteBody(ctx));
    if (rest === '/drive' && req.method === 'GET') return json(200, { '@odata.context': contextUrl(ctx, 'drives/$entity'), ...driveBody(ctx) });
    if (rest === '/drives' && req.method === 'GET') return json(200, { '@odata.context': contextUrl(ctx, 'drives'), value: [driveBody(ctx)] });
    if (rest === '/lists' && req.method === 'GET') {
      const s = ctx.store.org.site;
      return json(200, { '@odata.context': contextUrl(ctx, 'lists'), value: [{ id: s.listId, name: s.driveName, displayName: s.driveName, list: { template: 'documentLibrary', hidden: false } }] });
    }
    const li = /^\/lists\/([^/]+)\/items\/([^/]+)(\/fields)?$/.exec(rest);
    if (li) {
      const item = listItemByListId(ctx, li[1] as string, li[2] as string);
      if (li[3] && req.method === 'PATCH') return patchFields(req, ctx, item);
      if (req.method === 'GET') return json(200, li[3] ? fieldsBody(ctx, item) : listItemBody(ctx, item));
      throw errors.methodNotAllowed();
    }
    const drive = /^\/drive(?:s\/([^/]+))?(\/.*)$/.exec(rest);
    if (drive) {
      const driveId = drive[1] ?? ctx.store.org.site.driveId;
      return onItem(req, ctx, resolveTarget(ctx, driveId, drive[2] as string));
    }
    throw errors.noRoute(req.method, req.path);
  }
  const d = /^\/drives\/([^/]+)(.*)$/.exec(path);
  if (!d) throw errors.noRoute(req.method, req.path);
  if ((d[2] ?? '') === '' && req.method === 'GET') {
    checkDrive(ctx, d[1] as string);
    return json(200, { '@odata.context': contextUrl(ctx, 'drives/$entity'), ...driveBody(ctx) });
  }
  return onItem(req, ctx, resolveTarget(ctx, d[1] as string, d[2] as string));
}

export const driveRoutes: Route[] = [{ method: '*', pattern: /^\/(?:sites|drives)\/.+$/, handler: (req, _p, ctx) => sharePoint(req, ctx) }];

