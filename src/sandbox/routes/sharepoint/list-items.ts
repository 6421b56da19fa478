import { etagOfItem, libraryOfItem, presentItem, sharepointIdsOf } from '../../drive-model.js';
import { errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { queryOf, readJson } from '../../http/request.js';
import { json } from '../../http/reply.js';
import type { StoredDriveItem } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';
import { existingItem, itemAddress } from './item-address.js';
import { assertWritable } from './item-rules.js';

type ColumnType = 'text' | 'number' | 'dateTime' | 'boolean' | 'choice' | 'other';

/** A column's type from its columnDefinition's facet (columndefinition.md). */
function typeOf(column: Record<string, unknown>): ColumnType {
  for (const t of ['text', 'number', 'dateTime', 'boolean', 'choice'] as const) if (column[t] !== undefined) return t;
  return 'other';
}

/**
 * A value as the column stores it: text as text, a number as a number, a date or date-time as
 * SharePoint gives it back (UTC, whole seconds: '2026-11-30T00:00:00Z' for '2026-11-30'). A value
 * of the wrong type is refused with 400 invalidRequest "Invalid request", as SharePoint answers it
 * (microsoft-graph-docs-contrib#2242: a string array for a Choice column).
 */
function columnValue(type: ColumnType, value: unknown): unknown {
  if (value === null) return null;
  if ((type === 'text' || type === 'choice') && (typeof value === 'string' || typeof value === 'number')) return String(value);
  if (type === 'number' && typeof value === 'number' && Number.isFinite(value)) return value;
  if (type === 'boolean' && typeof value === 'boolean') return value;
  if (type === 'dateTime' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) && Number.isFinite(Date.parse(value))) {
    return new Date(/T/.test(value) ? value : `${value}T00:00:00Z`).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  throw errors.badRequest('Invalid request', 'invalidRequest');
}

/** Columns SharePoint maintains itself; a PATCH may not set them. */
const readOnlyFields = new Set(['id', 'ContentType', 'Created', 'Modified', 'AuthorLookupId', 'EditorLookupId', '_UIVersionString', 'FileLeafRef', 'FileSizeDisplay', 'ItemChildCount', 'FolderChildCount', 'DocIcon', 'LinkFilenameNoMenu', 'LinkFilename', 'Edit', '_ComplianceFlags', '_ComplianceTag', '_ComplianceTagWrittenTime', '_ComplianceTagUserId']);

/** A file's metadata columns (fieldValueSet), SharePoint's own columns included. */
export function fieldsBody(c: GraphContext, item: StoredDriveItem): Record<string, unknown> {
  const { site } = c.var.tenant.org;
  const { listId } = libraryOfItem(c.var.tenant.store, item);
  return {
    '@odata.context': contextUrl(c, `sites('${site.id}')/lists('${listId}')/items('${item.listItemId}')/fields/$entity`),
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

/** `$expand=fields` (or `expand=fields`, as listitem-get.md writes it). */
function expandsFields(c: GraphContext): boolean {
  const q = queryOf(c);
  return [q.get('$expand'), q.get('expand')].some((e) => (e ?? '').split(',').some((x) => x.trim().toLowerCase() === 'fields'));
}

/**
 * listitem-get.md: the library's list item behind a file; its column values only with
 * `?expand=fields`. parentReference is an itemReference to the item's parent (itemreference.md:
 * "the id of … a listItem in a list": here its folder's), not the list: the list's id is
 * `sharepointIds.listId` (sharepointids.md), returned when `$select` names it.
 */
export function listItemBody(c: GraphContext, item: StoredDriveItem): Record<string, unknown> {
  const { store, url } = c.var.tenant;
  const { site } = store.org;
  const { '@odata.context': _c, ...fields } = fieldsBody(c, item);
  const parent = item.parentId ? store.items.get(item.parentId) : undefined;
  const select = new Set((queryOf(c).get('$select') ?? '').split(',').map((x) => x.trim()).filter(Boolean));
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(c, `sites('${site.id}')/lists('${libraryOfItem(store, item).listId}')/items/$entity`),
    '@odata.etag': `"${etagOfItem(item).slice(2, 38)},${item.version}"`,
    id: item.listItemId,
    createdDateTime: new Date(item.createdMs).toISOString(),
    lastModifiedDateTime: new Date(item.modifiedMs).toISOString(),
    webUrl: presentItem(store, item, url).webUrl,
    contentType: { id: item.folder ? '0x0120' : '0x0101', name: item.folder ? 'Folder' : 'Document' },
    parentReference: { id: parent?.listItemId ?? '0', siteId: site.id },
    ...(select.has('sharepointIds') ? { sharepointIds: sharepointIdsOf(store, item) } : {}),
    ...(expandsFields(c) ? { fields } : {}),
  };
  if (select.size === 0) return body;
  // $select keeps what was asked for (and id, annotations); expanded fields stay.
  return Object.fromEntries(Object.entries(body).filter(([k]) => k === 'id' || k.startsWith('@') || select.has(k) || k === 'fields'));
}

/**
 * listitem-update.md: sets metadata columns (not SharePoint's own); a locked record refuses (423).
 * SharePoint knows only the item's list's columns: any other name is 400 invalidRequest "Field 'X' is not
 * recognized" (msgraph-sdk-powershell#3208 quotes it), and nothing of the request is written.
 */
export async function patchFields(c: GraphContext, item: StoredDriveItem): Promise<Response> {
  assertWritable(item, 'metadata');
  const patch = await readJson<Record<string, unknown>>(c);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw errors.badRequest('Invalid request', 'invalidRequest');
  const columns = new Map(libraryOfItem(c.var.tenant.store, item).columns.map((col) => [col.name, typeOf(col)]));
  const values: Record<string, unknown> = {};
  for (const k of Object.keys(patch)) {
    if (readOnlyFields.has(k)) throw errors.badRequest(`Field '${k}' is read-only`, 'invalidRequest');
    if (k.startsWith('@')) continue;
    const type = columns.get(k);
    if (!type) throw errors.badRequest(`Field '${k}' is not recognized`, 'invalidRequest');
    values[k] = columnValue(type, patch[k]);
  }
  Object.assign(item.fields, values);
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
