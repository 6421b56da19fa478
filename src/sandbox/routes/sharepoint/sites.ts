import { GraphHttpError, errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { json } from '../../http/reply.js';
import type { StoredDriveItem } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';
import { driveItemRoutes } from './drive-items.js';
import { fieldsBody, listItemBody, patchFields } from './list-items.js';
import { checkDrive, checkSite, siteAddress, siteAddressAtEnd } from './site-address.js';

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

function driveBody(c: GraphContext): Record<string, unknown> {
  const { org, store } = c.var.tenant;
  const s = org.site;
  return {
    createdDateTime: org.now,
    description: '',
    id: s.driveId,
    lastModifiedDateTime: org.now,
    name: s.driveName,
    webUrl: `https://${s.hostname}${s.serverRelativePath}/${encodeURIComponent(s.driveName)}`,
    driveType: 'documentLibrary',
    createdBy: { user: { displayName: 'System Account' } },
    owner: { group: { displayName: `${s.displayName} Owners` } },
    quota: { deleted: 0, remaining: 27487790694400, state: 'normal', total: 27487790694400, used: [...store.contents.values()].reduce((n, b) => n + b.length, 0) },
  };
}

/** The list item with this id in the library's list (folders' and files' list items alike). */
function listItemByListId(c: GraphContext, listId: string, itemId: string): StoredDriveItem {
  const { store } = c.var.tenant;
  if (listId !== store.org.site.listId) throw new GraphHttpError(404, 'itemNotFound', 'The requested list was not found.');
  const item = [...store.items.values()].find((i) => i.listItemId === itemId && i.parentId !== null);
  if (!item) throw errors.driveItemNotFound();
  return item;
}

/** The supervision site, its document library (drive) and the library's list. */
export const siteRoutes = sandboxHono();

const site = (c: GraphContext): void => checkSite(c.var.tenant.org.site, c.req.param('site') ?? '');

// site-get.md, site-getbypath.md
siteRoutes.get(`/sites/${siteAddressAtEnd}`, (c) => {
  site(c);
  return json(200, siteBody(c));
});

// drive-get.md: the site's default document library.
siteRoutes.get(`/sites/${siteAddress}/drive`, (c) => {
  site(c);
  return json(200, { '@odata.context': contextUrl(c, 'drives/$entity'), ...driveBody(c) });
});

// drive-list.md
siteRoutes.get(`/sites/${siteAddress}/drives`, (c) => {
  site(c);
  return json(200, { '@odata.context': contextUrl(c, 'drives'), value: [driveBody(c)] });
});

// list-list.md: the one document library.
siteRoutes.get(`/sites/${siteAddress}/lists`, (c) => {
  site(c);
  const s = c.var.tenant.org.site;
  return json(200, { '@odata.context': contextUrl(c, 'lists'), value: [{ id: s.listId, name: s.driveName, displayName: s.driveName, list: { template: 'documentLibrary', hidden: false } }] });
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
  checkDrive(c.var.tenant.org.site, c.req.param('drive'));
  return json(200, { '@odata.context': contextUrl(c, 'drives/$entity'), ...driveBody(c) });
});

siteRoutes.route('/drives/:drive', driveItemRoutes);
siteRoutes.route(`/sites/${siteAddress}/drive`, driveItemRoutes);
siteRoutes.route(`/sites/${siteAddress}/drives/:drive`, driveItemRoutes);
