/**
 * The supervision site's document libraries. Every SharePoint site has its default library
 * 'Documents' (GET /sites/{id}/drive, drive-get.md); more are made with POST /sites/{id}/lists
 * {displayName, list: {template: 'documentLibrary'}} (list-create.md), each a list with its own id
 * and columns (list-list.md, list-list-columns.md) and a drive with its own id and root folder
 * (GET /sites/{id}/lists/{list-id}/drive; list.md: "drive … Only present on document libraries").
 * A library's display name is unique in the site whatever its case: SharePoint refuses a second
 * one ("A list, survey, discussion board, or document library with the specified title already
 * exists in this Web site."), which Graph answers 409 nameAlreadyExists (errors.md).
 *
 * The demo site starts with the supervision library set up ('Supervision Files' with its metadata
 * columns), as `supervision setup sharepoint` leaves it, so `npm start` needs no manual step.
 */
import { randomUUID } from 'node:crypto';
import { columnDefinition, SUPERVISION_COLUMN_KINDS } from '../adapters/graph/sharepoint/library-columns.js';
import { libraryDriveId, type DemoLibrary } from './demo-org.js';
import { newItemId } from './drive-model.js';
import type { SandboxStore, StoredDriveItem, StoredLibrary } from './store.js';

type Column = StoredLibrary['columns'][number];

/** A document library's own columns (a few of them), read-only but Title. */
export function builtInColumns(): Column[] {
  return ['Title', 'FileLeafRef', 'Created', 'Modified', 'Author', 'Editor'].map((name): Column => ({
    id: randomUUID(),
    name,
    displayName: name === 'FileLeafRef' ? 'Name' : name,
    columnGroup: 'Base Columns',
    readOnly: name !== 'Title',
    hidden: false,
    indexed: false,
    required: false,
    enforceUniqueValues: false,
    ...(name === 'Created' || name === 'Modified' ? { dateTime: { displayAs: 'default', format: 'dateTime' } } : name === 'Author' || name === 'Editor' ? { personOrGroup: {} } : { text: {} }),
  }));
}

/** The supervision file's metadata columns as setup makes them (library-columns.ts). */
function supervisionColumns(): Column[] {
  return (Object.keys(SUPERVISION_COLUMN_KINDS) as (keyof typeof SUPERVISION_COLUMN_KINDS)[]).map((name): Column => ({
    id: randomUUID(),
    columnGroup: 'Custom Columns',
    readOnly: false,
    required: false,
    ...columnDefinition(name),
  }));
}

function addLibrary(store: SandboxStore, lib: DemoLibrary, nowMs: number, isDefault: boolean, columns: Column[]): StoredLibrary {
  const library: StoredLibrary = { listId: lib.listId, driveId: lib.driveId, displayName: lib.name, urlName: isDefault ? 'Shared Documents' : lib.name, rootItemId: lib.rootItemId, createdMs: nowMs, isDefault, columns };
  store.libraries.set(library.listId, library);
  if (!store.items.has(lib.rootItemId)) {
    const root: StoredDriveItem = { id: lib.rootItemId, driveId: lib.driveId, parentId: null, name: 'root', folder: true, size: 0, createdMs: nowMs, modifiedMs: nowMs, version: 1, listItemId: '0', fields: {} };
    store.items.set(root.id, root);
  }
  return library;
}

/** The demo site's libraries: 'Documents', and the supervision library with its columns. */
export function seedLibraries(store: SandboxStore, nowMs: number): void {
  const { site } = store.org;
  if (!store.libraryOfList(site.defaultLibrary.listId)) addLibrary(store, site.defaultLibrary, nowMs, true, builtInColumns());
  if (!store.libraryOfList(site.supervisionLibrary.listId)) addLibrary(store, site.supervisionLibrary, nowMs, false, [...builtInColumns(), ...supervisionColumns()]);
}

/** The library with this display name, whatever its case. */
export function libraryNamed(store: SandboxStore, displayName: string): StoredLibrary | undefined {
  const k = displayName.toLowerCase();
  for (const l of store.libraries.values()) if (l.displayName.toLowerCase() === k) return l;
  return undefined;
}

/** The site's default library ('Documents'). */
export function defaultLibrary(store: SandboxStore): StoredLibrary {
  for (const l of store.libraries.values()) if (l.isDefault) return l;
  throw new Error('the sandbox site has no default document library');
}

/** A new, empty library (list-create.md); undefined when the name is taken. */
export function createLibrary(store: SandboxStore, displayName: string, nowMs: number): StoredLibrary | undefined {
  if (libraryNamed(store, displayName)) return undefined;
  const listId = randomUUID();
  const [, siteCollection = ''] = store.org.site.id.split(',');
  return addLibrary(store, { listId, driveId: libraryDriveId(siteCollection, listId), name: displayName, rootItemId: newItemId() }, nowMs, false, builtInColumns());
}

/** Tests: a library and everything in it gone, as on a council's site before setup. */
export function removeLibrary(store: SandboxStore, listId: string): void {
  const library = store.libraries.get(listId);
  if (!library) return;
  for (const item of [...store.items.values()]) {
    if (item.driveId !== library.driveId) continue;
    store.items.delete(item.id);
    store.contents.delete(item.id);
  }
  store.libraries.delete(listId);
}

/** Tests: the supervision library as a council's site has it before setup (SharePoint's own columns only). */
export function clearSupervisionColumns(store: SandboxStore): void {
  const library = libraryNamed(store, store.org.site.supervisionLibrary.name);
  if (library) library.columns = builtInColumns();
}
