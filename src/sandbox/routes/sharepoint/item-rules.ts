import { etagOfItem, presentItem, sharepointIdsOf } from '../../drive-model.js';
import { errors, GraphHttpError } from '../../errors.js';
import { json } from '../../http/reply.js';
import { queryOf } from '../../http/request.js';
import { applySelect } from '../../odata.js';
import type { StoredDriveItem } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';

export type Conflict = 'fail' | 'replace' | 'rename';

/** `@microsoft.graph.conflictBehavior`: what a write does when the name is taken. */
export function conflictOf(value: unknown, fallback: Conflict): Conflict {
  if (value === undefined || value === null) return fallback;
  if (value === 'fail' || value === 'replace' || value === 'rename') return value;
  throw errors.badRequest(`Invalid conflict behavior '${String(value)}'.`, 'invalidRequest');
}

/** If-Match with the item's eTag or cTag; anything else is 412 resourceModified. */
export function checkIfMatch(c: GraphContext, item: StoredDriveItem | undefined): void {
  const h = c.req.header('if-match');
  if (!h || !item || h === '*') return;
  const cTag = `"c:${etagOfItem(item).slice(1)}`;
  if (h !== etagOfItem(item) && h !== cTag) throw new GraphHttpError(412, 'resourceModified', "ETag does not match current item's value");
}

export function locked(): GraphHttpError {
  return new GraphHttpError(423, 'resourceLocked', 'The resource you are attempting to access is locked');
}

/** A locked record refuses content and metadata changes; any retention label refuses deletion. */
export function assertWritable(item: StoredDriveItem | undefined, what: 'content' | 'metadata' | 'delete'): void {
  const label = item?.retentionLabel;
  if (!label) return;
  if (what === 'delete' || label.isRecordLocked) throw locked();
}

/**
 * A driveItem as Graph returns it, with its eTag in the ETag header. driveitem.md: sharepointIds is
 * not returned by default, only when `$select` names it (and then only what `$select` names).
 */
export function itemResponse(c: GraphContext, item: StoredDriveItem, status: number): Response {
  const { store, url } = c.var.tenant;
  const select = queryOf(c).get('$select');
  const selected = new Set((select ?? '').split(',').map((x) => x.trim()).filter(Boolean));
  const body = { ...presentItem(store, item, url), ...(selected.has('sharepointIds') ? { sharepointIds: sharepointIdsOf(store, item) } : {}) };
  return json(status, { '@odata.context': contextUrl(c, `drives('${item.driveId}')/items/$entity`), ...applySelect(body, select) }, { etag: etagOfItem(item) });
}
