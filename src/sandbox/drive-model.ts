import { createHash, randomBytes } from 'node:crypto';
import type { DriveItem } from '@microsoft/microsoft-graph-types';
import type { SandboxStore, StoredDriveItem, StoredLibrary } from './store.js';

/** The library an item is in (every item's drive is one of the site's libraries). */
export function libraryOfItem(store: SandboxStore, item: StoredDriveItem): StoredLibrary {
  const library = store.libraryOfDrive(item.driveId);
  if (!library) throw new Error(`drive item ${item.id} is in no library`);
  return library;
}

/** SharePoint item ids: "01" and 32 base32 characters. */
export function newItemId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(32);
  let out = '01';
  for (const b of bytes) out += alphabet[b % 32];
  return out;
}

function guidOf(id: string): string {
  const h = createHash('sha256').update(id).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** sharepointids.md: the item's list, list item, unique id, site collection, web and site URL. */
export function sharepointIdsOf(store: SandboxStore, item: StoredDriveItem): Record<string, string> {
  const { site } = store.org;
  const [, siteCollection = '', web = ''] = site.id.split(',');
  return {
    listId: libraryOfItem(store, item).listId,
    listItemId: item.listItemId,
    listItemUniqueId: guidOf(item.id).toLowerCase(),
    siteId: siteCollection,
    siteUrl: `https://${site.hostname}${site.serverRelativePath}`,
    webId: web,
  };
}

export function etagOfItem(item: StoredDriveItem): string {
  return `"{${guidOf(item.id)}},${item.version}"`;
}

/** Path of an item below the drive root, e.g. `/Employees/jane/record.pdf`. */
export function itemPath(store: SandboxStore, item: StoredDriveItem): string {
  const names: string[] = [];
  let cur: StoredDriveItem | undefined = item;
  while (cur && cur.parentId !== null) {
    names.unshift(cur.name);
    cur = store.items.get(cur.parentId);
  }
  return `/${names.join('/')}`;
}

export function childrenOf(store: SandboxStore, parentId: string): StoredDriveItem[] {
  return [...store.items.values()].filter((i) => i.parentId === parentId).sort((a, b) => a.name.localeCompare(b.name));
}

export function childNamed(store: SandboxStore, parentId: string, name: string): StoredDriveItem | undefined {
  const lower = name.toLowerCase();
  return [...store.items.values()].find((i) => i.parentId === parentId && i.name.toLowerCase() === lower);
}

const mimeTypes: Record<string, string> = {
  pdf: 'application/pdf',
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
};

export function mimeFor(name: string, declared: string | undefined): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  if (mimeTypes[ext]) return mimeTypes[ext];
  if (declared && declared !== 'application/octet-stream' && !declared.startsWith('application/x-www-form')) return declared;
  return 'application/octet-stream';
}

export function presentItem(store: SandboxStore, item: StoredDriveItem, baseUrl: string): DriveItem & Record<string, unknown> {
  const org = store.org;
  const path = itemPath(store, item);
  const parent = item.parentId ? store.items.get(item.parentId) : undefined;
  const parentPath = parent ? itemPath(store, parent) : '';
  const webBase = `https://${org.site.hostname}${org.site.serverRelativePath}/${encodeURIComponent(libraryOfItem(store, item).urlName)}`;
  const base: DriveItem & Record<string, unknown> = {
    createdDateTime: new Date(item.createdMs).toISOString(),
    eTag: etagOfItem(item),
    id: item.id,
    lastModifiedDateTime: new Date(item.modifiedMs).toISOString(),
    name: item.name,
    webUrl: item.parentId === null ? webBase : `${webBase}${path.split('/').map(encodeURIComponent).join('/')}`,
    cTag: `"c:{${guidOf(item.id)}},${item.version}"`,
    size: item.size,
    createdBy: { application: { displayName: 'Supervision Assistant' } },
    lastModifiedBy: { application: { displayName: 'Supervision Assistant' } },
    parentReference: parent
      ? { driveType: 'documentLibrary', driveId: item.driveId, id: parent.id, path: `/drives/${item.driveId}/root:${parentPath === '/' ? '' : parentPath}`, siteId: org.site.id }
      : { driveType: 'documentLibrary', driveId: item.driveId, siteId: org.site.id },
  };
  if (item.parentId === null) base.root = {};
  if (item.folder) base.folder = { childCount: childrenOf(store, item.id).length };
  else {
    base['@microsoft.graph.downloadUrl'] = `${baseUrl}/_download/${item.id}`;
    base.file = { mimeType: item.mimeType ?? 'application/octet-stream', hashes: { sha256Hash: createHash('sha256').update(store.contents.get(item.id) ?? Buffer.alloc(0)).digest('hex').toUpperCase() } };
  }
  return base;
}

/** List item ids count up within their list (a library's drive). */
function nextListItemId(store: SandboxStore, driveId: string): string {
  let max = 0;
  for (const i of store.items.values()) if (i.driveId === driveId) max = Math.max(max, Number(i.listItemId) || 0);
  return String(max + 1);
}

export function makeFolder(store: SandboxStore, parent: StoredDriveItem, name: string, nowMs: number): StoredDriveItem {
  const item: StoredDriveItem = {
    id: newItemId(),
    driveId: parent.driveId,
    parentId: parent.id,
    name,
    folder: true,
    size: 0,
    createdMs: nowMs,
    modifiedMs: nowMs,
    version: 1,
    listItemId: nextListItemId(store, parent.driveId),
    fields: {},
  };
  store.items.set(item.id, item);
  return item;
}

/** Writes a file under a parent, creating it or replacing its content. */
export function writeFile(store: SandboxStore, parent: StoredDriveItem, name: string, content: Buffer, mime: string, nowMs: number, existing?: StoredDriveItem): StoredDriveItem {
  if (existing) {
    existing.size = content.length;
    existing.modifiedMs = nowMs;
    existing.version += 1;
    existing.mimeType = mime;
    store.contents.set(existing.id, content);
    return existing;
  }
  const item: StoredDriveItem = {
    id: newItemId(),
    driveId: parent.driveId,
    parentId: parent.id,
    name,
    folder: false,
    size: content.length,
    createdMs: nowMs,
    modifiedMs: nowMs,
    version: 1,
    mimeType: mime,
    listItemId: nextListItemId(store, parent.driveId),
    fields: {},
  };
  store.items.set(item.id, item);
  store.contents.set(item.id, content);
  return item;
}

/** `report.pdf` -> `report 1.pdf`, `report 2.pdf`, … as SharePoint renames on conflict. */
export function freeName(store: SandboxStore, parentId: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; ; n++) {
    const candidate = `${stem} ${n}${ext}`;
    if (!childNamed(store, parentId, candidate)) return candidate;
  }
}
