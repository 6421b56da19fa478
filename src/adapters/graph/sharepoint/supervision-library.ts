/**
 * The supervision library: the document library of the supervision site (SHAREPOINT_SITE) named
 * SHAREPOINT_LIBRARY, where the filing job puts each employee's folder. Not the site's default
 * library ('Documents'): records live in a library of their own, so its columns, permissions and
 * retention can be the records' alone. Graph docs (microsoftgraph/microsoft-graph-docs-contrib,
 * api-reference/v1.0/api/):
 * - site-getbypath.md / site-get.md: GET /sites/{site} for the site's id;
 * - list-list.md: GET /sites/{site-id}/lists, the library being the list with template
 *   documentLibrary and that displayName (SharePoint keeps list titles unique whatever their case);
 * - drive-get.md / list.md ("drive … Only present on document libraries"):
 *   GET /sites/{site-id}/lists/{list-id}/drive, the library's own drive;
 * - list-create.md: POST /sites/{site-id}/lists {displayName, list: {template: 'documentLibrary'}}
 *   (application permission Sites.Manage.All). A name already taken is 409 nameAlreadyExists
 *   (errors.md): another run got there first, so the library is read again.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { AppError } from '../../../domain/errors.js';

/** What the sandbox and a council's site call it unless SHAREPOINT_LIBRARY says otherwise. */
export const DEFAULT_SUPERVISION_LIBRARY = 'Supervision Files';

export interface SupervisionLibrary {
  readonly siteId: string;
  readonly driveId: string;
  readonly listId: string;
  /** As people see it, e.g. Supervision Files. */
  readonly name: string;
}

interface ListEntry {
  readonly id: string;
  readonly name?: string;
  readonly displayName?: string;
  readonly list?: { readonly template?: string };
}

interface ListPage {
  readonly value: ListEntry[];
  readonly '@odata.nextLink'?: string;
}

function statusOf(error: unknown): number | undefined {
  const s = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === 'number' ? s : undefined;
}

/** The library is not on the site: a plain error naming it and the fix (permanent: setup must run first). */
export function libraryMissing(name: string): AppError {
  return new AppError('not_found', `The SharePoint site has no document library called "${name}" (SHAREPOINT_LIBRARY). Fix: run supervision setup sharepoint to create it.`, {
    library: name,
    graphCode: 'itemNotFound',
    permanent: true,
  });
}

async function siteIdOf(graph: Client, site: string): Promise<string> {
  return ((await graph.api(`/sites/${site}`).select('id').get()) as { id: string }).id;
}

/** The site's document library with this display name, or undefined (every page of lists read). */
async function findLibraryList(graph: Client, siteId: string, name: string): Promise<ListEntry | undefined> {
  const wanted = name.toLowerCase();
  let page = (await graph.api(`/sites/${siteId}/lists`).select('id,name,displayName,list').get()) as ListPage;
  for (;;) {
    const found = page.value.find((l) => l.list?.template === 'documentLibrary' && (l.displayName ?? l.name ?? '').toLowerCase() === wanted);
    if (found) return found;
    const next = page['@odata.nextLink'];
    if (!next) return undefined;
    page = (await graph.api(next).get()) as ListPage;
  }
}

async function libraryOf(graph: Client, siteId: string, list: ListEntry, name: string): Promise<SupervisionLibrary> {
  const drive = (await graph.api(`/sites/${siteId}/lists/${list.id}/drive`).select('id').get()) as { id: string };
  return { siteId, driveId: drive.id, listId: list.id, name: list.displayName ?? name };
}

/** The supervision library, or libraryMissing when the site has none of that name. */
export async function findSupervisionLibrary(graph: Client, site: string, name: string): Promise<SupervisionLibrary> {
  const siteId = await siteIdOf(graph, site);
  const list = await findLibraryList(graph, siteId, name);
  if (!list) throw libraryMissing(name);
  return libraryOf(graph, siteId, list, name);
}

/** The supervision library, created when the site has none of that name; a second run creates nothing. */
export async function ensureSupervisionLibrary(graph: Client, site: string, name: string): Promise<{ library: SupervisionLibrary; created: boolean }> {
  const siteId = await siteIdOf(graph, site);
  const existing = await findLibraryList(graph, siteId, name);
  if (existing) return { library: await libraryOf(graph, siteId, existing, name), created: false };
  try {
    const made = (await graph.api(`/sites/${siteId}/lists`).post({ displayName: name, list: { template: 'documentLibrary' } })) as ListEntry;
    return { library: await libraryOf(graph, siteId, made, name), created: true };
  } catch (error) {
    // Made by another run between the read and the POST: use that one.
    if (statusOf(error) !== 409) throw error;
    const raced = await findLibraryList(graph, siteId, name);
    if (!raced) throw error;
    return { library: await libraryOf(graph, siteId, raced, name), created: false };
  }
}
