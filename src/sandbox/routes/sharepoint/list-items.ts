import { etagOfItem, presentItem } from '../../drive-model.js';
import { errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { readJson } from '../../http/request.js';
import { json } from '../../http/reply.js';
import type { StoredDriveItem } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';
import { existingItem, itemAddress } from './item-address.js';
import { assertWritable } from './item-rules.js';

/** Columns SharePoint maintains itself; a PATCH may not set them. */
const readOnlyFields = new Set(['id', 'ContentType', 'Created', 'Modified', 'AuthorLookupId', 'EditorLookupId', '_UIVersionString', 'FileLeafRef', 'FileSizeDisplay', 'ItemChildCount', 'FolderChildCount', 'DocIcon', 'LinkFilenameNoMenu', 'LinkFilename', 'Edit', '_ComplianceFlags', '_ComplianceTag', '_ComplianceTagWrittenTime', '_ComplianceTagUserId']);

/** A file's metadata columns (fieldValueSet), SharePoint's own columns included. */
export function fieldsBody(c: GraphContext, item: StoredDriveItem): Record<string, unknown> {
  const { site } = c.var.tenant.org;
  return {
    '@odata.context': contextUrl(c, `sites('${site.id}')/lists('${site.listId}')/items('${item.listItemId}')/fields/$entity`),
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

/** listitem-get.md: the library's list item behind a file, with its fields. */
export function listItemBody(c: GraphContext, item: StoredDriveItem): Record<string, unknown> {
  const { store, url } = c.var.tenant;
  const { site } = store.org;
  const { '@odata.context': _c, ...fields } = fieldsBody(c, item);
  return {
    '@odata.context': contextUrl(c, `sites('${site.id}')/lists('${site.listId}')/items/$entity`),
    id: item.listItemId,
    createdDateTime: new Date(item.createdMs).toISOString(),
    lastModifiedDateTime: new Date(item.modifiedMs).toISOString(),
    webUrl: presentItem(store, item, url).webUrl,
    contentType: { id: item.folder ? '0x0120' : '0x0101', name: item.folder ? 'Folder' : 'Document' },
    parentReference: { id: site.listId, siteId: site.id },
    fields,
  };
}

/** listitem-update.md: sets metadata columns (not SharePoint's own); a locked record refuses (423). */
export async function patchFields(c: GraphContext, item: StoredDriveItem): Promise<Response> {
  assertWritable(item, 'metadata');
  const patch = await readJson<Record<string, unknown>>(c);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw errors.badRequest('Invalid request', 'invalidRequest');
  for (const k of Object.keys(patch)) {
    if (readOnlyFields.has(k)) throw errors.badRequest(`Field '${k}' is read-only`, 'invalidRequest');
    if (k.startsWith('@')) continue;
    item.fields[k] = patch[k];
  }
  item.version += 1;
  item.modifiedMs = c.var.tenant.now();
  c.var.tenant.store.changed();
  return json(200, fieldsBody(c, item));
}

/** The list item behind a drive item: …/items/{id}/listItem and its fields. */
export const itemListItemRoutes = sandboxHono();

itemListItemRoutes.get(`/${itemAddress}/listItem`, (c) => json(200, listItemBody(c, existingItem(c))));
itemListItemRoutes.get(`/${itemAddress}/listItem/fields`, (c) => json(200, fieldsBody(c, existingItem(c))));
itemListItemRoutes.patch(`/${itemAddress}/listItem/fields`, (c) => patchFields(c, existingItem(c)));
