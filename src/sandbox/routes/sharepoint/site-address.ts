import { GraphHttpError } from '../../errors.js';
import type { DemoSite } from '../../demo-org.js';
import type { SandboxStore, StoredLibrary } from '../../store.js';

/*
 * A site by id (`host,siteCollectionId,webId`, or `root`) or by path (`host:/sites/supervision`,
 * site-getbypath.md). By path, more segments follow after a closing colon
 * (`/sites/host:/sites/supervision:/drive`).
 */
/** The site segment with more path after it. */
export const siteAddress = ':site{[^/:]+(?::/[^:]*:)?}';
/** The site segment ending the path (the closing colon is optional there). */
export const siteAddressAtEnd = ':site{[^/:]+(?::/[^:]*(?::|$))?}';

const siteNotFound = (): GraphHttpError => new GraphHttpError(404, 'itemNotFound', 'Requested site could not be found');

/** Throws Graph's 404 unless the site address names the supervision site. */
export function checkSite(site: DemoSite, address: string): void {
  const colon = address.indexOf(':');
  if (colon >= 0) {
    const host = address.slice(0, colon);
    const path = address.slice(colon + 1).replace(/:$/, '');
    if (host.toLowerCase() !== site.hostname.toLowerCase() || path.toLowerCase() !== site.serverRelativePath.toLowerCase()) throw siteNotFound();
    return;
  }
  const k = address.toLowerCase();
  const [host, sc] = site.id.split(',');
  if (k === site.id.toLowerCase() || k === 'root' || k === site.hostname.toLowerCase() || k === (sc ?? '').toLowerCase() || k === `${host},${sc}`.toLowerCase()) return;
  throw siteNotFound();
}

/** One of the site's libraries by its drive id, or Graph's 404 (drive-get.md). */
export function checkDrive(store: SandboxStore, driveId: string): StoredLibrary {
  const library = store.libraryOfDrive(driveId);
  if (!library) throw new GraphHttpError(404, 'itemNotFound', 'The provided drive id appears to be malformed, or does not represent a valid drive.');
  return library;
}

/** One of the site's lists by its id, or Graph's 404 (list-get.md). */
export function checkList(store: SandboxStore, listId: string): StoredLibrary {
  const library = store.libraryOfList(listId);
  if (!library) throw new GraphHttpError(404, 'itemNotFound', 'The requested list was not found.');
  return library;
}
