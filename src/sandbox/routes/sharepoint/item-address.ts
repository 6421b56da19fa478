import { childNamed } from '../../drive-model.js';
import { defaultLibrary } from '../../library-model.js';
import { errors } from '../../errors.js';
import type { SandboxStore, StoredDriveItem } from '../../store.js';
import type { GraphContext } from '../common.js';
import { checkDrive, checkSite } from './site-address.js';

/*
 * A drive item by id (`root`, `items/{id}`) or by path below one (`root:/a/b.pdf:`,
 * `items/{id}:/b.pdf:`), as driveitem-get.md addresses them. Before a further segment
 * (`/content`, `/children`…) a path ends with a colon.
 */
/** The item segment with more path after it. */
export const itemAddress = ':item{(?:root|items/[^/:]+)(?::/[^:]*:)?}';
/** The item segment ending the path. */
export const itemAddressAtEnd = ':item{(?:root|items/[^/:]+)(?::/[^:]*(?::|$))?}';

/** Where a request points: an existing item, and maybe a path below it that may not exist yet. */
export interface Target {
  driveId: string;
  base: StoredDriveItem;
  relPath: string | undefined;
}

/**
 * Resolves the site, drive and item segments of an item route: the site must be the supervision
 * site, the drive one of its libraries (the default one under /sites/{id}/drive), the base item
 * must exist in that drive.
 */
export function targetOf(c: GraphContext): Target {
  const { store } = c.var.tenant;
  const site = c.req.param('site');
  if (site !== undefined) checkSite(store.org.site, site);
  const drive = c.req.param('drive');
  const library = drive === undefined ? defaultLibrary(store) : checkDrive(store, drive);
  const { driveId } = library;
  const m = /^(?:root|items\/([^/:]+))(?::(\/[^:]*):?)?$/.exec(c.req.param('item') ?? '');
  if (!m) throw errors.noRoute(c.req.method, c.req.path);
  const idPart = m[1];
  const base = !idPart || idPart === 'root' ? store.items.get(library.rootItemId) : store.items.get(idPart);
  if (!base || base.driveId !== driveId) throw errors.driveItemNotFound();
  const relPath = m[2] && m[2] !== '/' ? m[2] : undefined;
  return { driveId, base, relPath };
}

/** The item a route acts on, which must exist. */
export function existingItem(c: GraphContext): StoredDriveItem {
  const t = targetOf(c);
  const item = walk(c.var.tenant.store, t.base, t.relPath);
  if (!item) throw errors.driveItemNotFound();
  return item;
}

export function walk(store: SandboxStore, base: StoredDriveItem, relPath: string | undefined): StoredDriveItem | undefined {
  if (!relPath) return base;
  let cur: StoredDriveItem | undefined = base;
  for (const name of relPath.split('/').filter(Boolean)) {
    if (!cur) return undefined;
    cur = childNamed(store, cur.id, name);
  }
  return cur;
}

export function findByPath(store: SandboxStore, driveId: string, path: string): StoredDriveItem | undefined {
  const root = store.items.get(store.libraryOfDrive(driveId)?.rootItemId ?? '');
  if (!root || root.driveId !== driveId) return undefined;
  return walk(store, root, path);
}
