import { childrenOf, presentItem } from '../../drive-model.js';
import { errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { graphPath } from '../../http/paths.js';
import { queryOf, readBody, readJson } from '../../http/request.js';
import { json, noContent, redirect } from '../../http/reply.js';
import { decodeToken, encodeToken, linkWith, parseTop } from '../../odata.js';
import type { StoredDriveItem } from '../../store.js';
import { contextUrl } from '../common.js';
import { createUploadSession, putContent } from './file-writes.js';
import { existingItem, itemAddress, itemAddressAtEnd, targetOf } from './item-address.js';
import { assertWritable, checkIfMatch, itemResponse } from './item-rules.js';
import { itemListItemRoutes } from './list-items.js';
import { retentionLabelRoutes } from './retention-labels.js';

/**
 * The items of a document library. Mounted on /drives/{id}, /sites/{id}/drive and
 * /sites/{id}/drives/{id}, the three ways Graph reaches a drive.
 */
export const driveItemRoutes = sandboxHono();

// driveitem-get.md: by id or by path.
driveItemRoutes.get(`/${itemAddressAtEnd}`, (c) => itemResponse(c, existingItem(c), 200));

// driveitem-delete.md: 204, with everything below a folder; an item with a retention label is refused (423).
driveItemRoutes.delete(`/${itemAddressAtEnd}`, (c) => {
  const item = existingItem(c);
  const { store } = c.var.tenant;
  if (item.parentId === null) throw errors.badRequest('The root folder cannot be deleted.', 'invalidRequest');
  checkIfMatch(c, item);
  const doomed = [item];
  for (let i = 0; i < doomed.length; i++) doomed.push(...childrenOf(store, (doomed[i] as StoredDriveItem).id));
  for (const d of doomed) assertWritable(d, 'delete');
  for (const d of doomed) {
    store.items.delete(d.id);
    store.contents.delete(d.id);
  }
  store.changed();
  return noContent(204);
});

// driveitem-put-content.md
driveItemRoutes.put(`/${itemAddress}/content`, async (c) => {
  const target = targetOf(c);
  return putContent(c, target, await readBody(c), queryOf(c).get('@microsoft.graph.conflictBehavior'));
});

// driveitem-get-content.md: 302 to a pre-authenticated download URL.
driveItemRoutes.get(`/${itemAddress}/content`, (c) => {
  const item = existingItem(c);
  if (item.folder) throw errors.driveItemNotFound();
  return redirect(`${c.var.tenant.url}/_download/${item.id}`);
});

// driveitem-createuploadsession.md
driveItemRoutes.post(`/${itemAddress}/createUploadSession`, async (c) => {
  const target = targetOf(c);
  const body = (await readBody(c)).length ? await readJson<{ item?: Record<string, unknown>; deferCommit?: boolean }>(c) : {};
  return createUploadSession(c, target, body);
});

// driveitem-list-children.md: by name, paged with $top (default 200) and $skiptoken.
driveItemRoutes.get(`/${itemAddress}/children`, (c) => {
  const folder = existingItem(c);
  if (!folder.folder) throw errors.driveItemNotFound();
  const { store, url, graphBaseUrl } = c.var.tenant;
  const query = queryOf(c);
  const all = childrenOf(store, folder.id);
  const top = parseTop(query, 999) ?? 200;
  const token = query.get('$skiptoken');
  const offset = token ? decodeToken<{ o: number }>(token).o : 0;
  const body: Record<string, unknown> = { '@odata.context': contextUrl(c, `drives('${folder.driveId}')/items('${folder.id}')/children`) };
  if (offset + top < all.length) body['@odata.nextLink'] = linkWith(graphBaseUrl, graphPath(c), query, { $skiptoken: encodeToken({ o: offset + top }) });
  body.value = all.slice(offset, offset + top).map((i) => presentItem(store, i, url));
  return json(200, body);
});

driveItemRoutes.route('/', itemListItemRoutes);
driveItemRoutes.route('/', retentionLabelRoutes);
