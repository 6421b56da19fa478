import { z } from 'zod';
import { errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { readJson } from '../../http/request.js';
import { createLibrary, defaultLibrary, libraryNamed } from '../../library-model.js';
import type { StoredDriveItem, StoredLibrary } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';
import { driveItemRoutes } from './drive-items.js';
import { fieldsBody, listItemBody, patchFields } from './list-items.js';
import { newColumn } from './columns.js';
import { checkDrive, checkList, checkSite, siteAddress, siteAddressAtEnd } from './site-address.js';

function siteBody(c: GraphContext): Record<string, unknown> {
  const { org } = c.var.tenant;
  const s = org.site;
  return {
    '@odata.context': contextUrl(c, 'sites/$entity'),
    createdDateTime: org.now,
    description: 'Signed supervision records and agreements, one folder per employee.',
    id: s.id,
    lastModifiedDateTime: org.now,
    name: s.name,
    webUrl: `https://${s.hostname}${s.serverRelativePath}`,
    displayName: s.displayName,
    root: {},
    siteCollection: { hostname: s.hostname },
  };
}

function driveBody(c: GraphContext, library: StoredLibrary): Record<string, unknown> {
  const { org, store } = c.var.tenant;
  const s = org.site;
  let used = 0;
  for (const item of store.items.values()) if (item.driveId === library.driveId) used += store.contents.get(item.id)?.length ?? 0;
  return {
    createdDateTime: new Date(library.createdMs).toISOString(),
    description: '',
    id: library.driveId,
    lastModifiedDateTime: org.now,
    name: library.displayName,
    webUrl: `https://${s.hostname}${s.serverRelativePath}/${encodeURIComponent(library.urlName)}`,
    driveType: 'documentLibrary',
    createdBy: { user: { displayName: 'System Account' } },
    owner: { group: { displayName: `${s.displayName} Owners` } },
    quota: { deleted: 0, remaining: 27487790694400, state: 'normal', total: 27487790694400, used },
  };
}

/** list.md: a document library as a list (its drive is GET …/lists/{id}/drive). */
function listBody(c: GraphContext, library: StoredLibrary): Record<string, unknown> {
  const s = c.var.tenant.org.site;
  return {
    createdDateTime: new Date(library.createdMs).toISOString(),
    description: '',
    displayName: library.displayName,
    id: library.listId,
    lastModifiedDateTime: c.var.tenant.org.now,
    name: library.urlName,
    webUrl: `https://${s.hostname}${s.serverRelativePath}/${encodeURIComponent(library.urlName)}`,
    list: { contentTypesEnabled: false, hidden: false, template: 'documentLibrary' },
    parentReference: { siteId: s.id },
  };
}

/** The list item with this id in that list (folders' and files' list items alike). */
function listItemByListId(c: GraphContext, listId: string, itemId: string): StoredDriveItem {
  const { store } = c.var.tenant;
  const library = checkList(store, listId);
  const item = [...store.items.values()].find((i) => i.driveId === library.driveId && i.listItemId === itemId && i.parentId !== null);
  if (!item) throw errors.driveItemNotFound();
  return item;
}

/**
 * list-create.md: the body names the list by displayName ("Cannot define a 'name' for a list as it
 * is assigned by the server", microsoft-graph-docs#2663) and its template in the list facet
 * (genericList when absent). The sandbox site holds document libraries only.
 */
const ZNewList = z.looseObject({
  displayName: z.string().trim().min(1).max(255),
  list: z.looseObject({ template: z.string().optional() }).optional(),
  columns: z.array(z.unknown()).optional(),
});

/** The supervision site, its document libraries (drives) and their lists. */
export const siteRoutes = sandboxHono();

const site = (c: GraphContext): void => checkSite(c.var.tenant.org.site, c.req.param('site') ?? '');

// site-get.md, site-getbypath.md
siteRoutes.get(`/sites/${siteAddressAtEnd}`, (c) => {
  site(c);
  return json(200, siteBody(c));
});

// drive-get.md: the site's default document library ('Documents').
siteRoutes.get(`/sites/${siteAddress}/drive`, (c) => {
  site(c);
  return json(200, { '@odata.context': contextUrl(c, 'drives/$entity'), ...driveBody(c, defaultLibrary(c.var.tenant.store)) });
});

// drive-list.md
siteRoutes.get(`/sites/${siteAddress}/drives`, (c) => {
  site(c);
  return json(200, { '@odata.context': contextUrl(c, 'drives'), value: [...c.var.tenant.store.libraries.values()].map((l) => driveBody(c, l)) });
});

// list-list.md: the site's document libraries.
siteRoutes.get(`/sites/${siteAddress}/lists`, (c) => {
  site(c);
  return json(200, { '@odata.context': contextUrl(c, 'lists'), value: [...c.var.tenant.store.libraries.values()].map((l) => listBody(c, l)) });
});

// list-create.md: 201 with the list; a display name already in the site is 409 nameAlreadyExists.
siteRoutes.post(`/sites/${siteAddress}/lists`, async (c) => {
  site(c);
  const { store, now } = c.var.tenant;
  const body = await readJson(c);
  if (typeof body === 'object' && body !== null && 'name' in body) throw errors.badRequest("Cannot define a 'name' for a list as it is assigned by the server. Instead, provide 'displayName'", 'invalidRequest');
  const parsed = ZNewList.safeParse(body);
  if (!parsed.success) throw errors.badRequest('Invalid request', 'invalidRequest');
  const template = parsed.data.list?.template ?? 'genericList';
  if (template !== 'documentLibrary') throw errors.badRequest(`The sandbox tenant makes document libraries only (template documentLibrary), not ${template}.`, 'invalidRequest');
  if (libraryNamed(store, parsed.data.displayName)) {
    throw errors.nameAlreadyExists('A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.');
  }
  // Columns named in the body are made with the list (list-create.md), each checked as a POST of it would be.
  const extra: StoredLibrary['columns'] = [];
  for (const body of parsed.data.columns ?? []) extra.push(newColumn(extra, body));
  const library = createLibrary(store, parsed.data.displayName, now());
  if (!library) throw errors.nameAlreadyExists();
  library.columns.push(...extra.filter((col) => !library.columns.some((have) => have.name.toLowerCase() === col.name.toLowerCase())));
  store.changed();
  return json(201, { '@odata.context': contextUrl(c, `sites('${c.var.tenant.org.site.id}')/lists/$entity`), ...listBody(c, library) });
});

// list-get.md
siteRoutes.get(`/sites/${siteAddress}/lists/:list`, (c) => {
  site(c);
  return json(200, { '@odata.context': contextUrl(c, `sites('${c.var.tenant.org.site.id}')/lists/$entity`), ...listBody(c, checkList(c.var.tenant.store, c.req.param('list'))) });
});

// drive-get.md (the drive of a list): a document library's drive.
siteRoutes.get(`/sites/${siteAddress}/lists/:list/drive`, (c) => {
  site(c);
  return json(200, { '@odata.context': contextUrl(c, 'drives/$entity'), ...driveBody(c, checkList(c.var.tenant.store, c.req.param('list'))) });
});

// listitem-get.md
siteRoutes.get(`/sites/${siteAddress}/lists/:list/items/:listItem`, (c) => {
  site(c);
  return json(200, listItemBody(c, listItemByListId(c, c.req.param('list'), c.req.param('listItem'))));
});

siteRoutes.get(`/sites/${siteAddress}/lists/:list/items/:listItem/fields`, (c) => {
  site(c);
  return json(200, fieldsBody(c, listItemByListId(c, c.req.param('list'), c.req.param('listItem'))));
});

// listitem-update.md
siteRoutes.patch(`/sites/${siteAddress}/lists/:list/items/:listItem/fields`, (c) => {
  site(c);
  return patchFields(c, listItemByListId(c, c.req.param('list'), c.req.param('listItem')));
});

// drive-get.md: by drive id.
siteRoutes.get('/drives/:drive', (c) => {
  const library = checkDrive(c.var.tenant.store, c.req.param('drive'));
  return json(200, { '@odata.context': contextUrl(c, 'drives/$entity'), ...driveBody(c, library) });
});

siteRoutes.route('/drives/:drive', driveItemRoutes);
siteRoutes.route(`/sites/${siteAddress}/drive`, driveItemRoutes);
siteRoutes.route(`/sites/${siteAddress}/drives/:drive`, driveItemRoutes);
