import type { User } from '@microsoft/microsoft-graph-types';
import { errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { queryOf, readJson } from '../../http/request.js';
import { json, noContent } from '../../http/reply.js';
import { contextUrl, directoryUser } from '../common.js';
import { shape, sorted, userPage } from './user-pages.js';

/** The manager chain: a user's manager, direct reports, and setting or removing the manager. */
export const managerRoutes = sandboxHono();

// user-list-manager.md: the manager as a directoryObject; 404 when there is none.
managerRoutes.get('/users/:user/manager', (c) => {
  const u = directoryUser(c, c.req.param('user'));
  const { store } = c.var.tenant;
  const mid = store.managers.get(u.id as string);
  const m = mid ? store.users.get(mid) : undefined;
  if (!m) throw errors.userNotFound('manager');
  return json(200, { '@odata.context': contextUrl(c, 'directoryObjects/$entity'), '@odata.type': '#microsoft.graph.user', ...shape(m, queryOf(c).get('$select')) });
});

// user-list-directreports.md: paged like /users, each typed as a user.
managerRoutes.get('/users/:user/directReports', (c) => {
  const u = directoryUser(c, c.req.param('user'));
  const { store } = c.var.tenant;
  const reports = sorted([...store.managers].filter(([, m]) => m === u.id).map(([id]) => store.users.get(id)).filter((x): x is User => x !== undefined));
  return userPage(c, reports, 'directoryObjects', true);
});

// user-post-manager.md: PUT …/manager/$ref { "@odata.id": ".../users/{id}" }, 204.
managerRoutes.put('/users/:user/manager/$ref', async (c) => {
  const u = directoryUser(c, c.req.param('user'));
  const ref = (await readJson(c))['@odata.id'];
  const m = typeof ref === 'string' ? /\/(?:users|directoryObjects)\/([^/?]+)$/.exec(ref) : null;
  if (!m?.[1]) throw errors.badRequest("The request body must contain '@odata.id' referencing a user.", 'Request_BadRequest');
  const manager = directoryUser(c, decodeURIComponent(m[1]));
  if (manager.id === u.id) throw errors.badRequest('A user cannot be their own manager.', 'Request_BadRequest');
  c.var.tenant.store.managers.set(u.id as string, manager.id as string);
  c.var.tenant.store.changed();
  return noContent(204);
});

// user-delete-manager.md: 204; 404 when there is no manager to remove.
managerRoutes.delete('/users/:user/manager/$ref', (c) => {
  const u = directoryUser(c, c.req.param('user'));
  if (!c.var.tenant.store.managers.delete(u.id as string)) throw errors.userNotFound('manager');
  c.var.tenant.store.changed();
  return noContent(204);
});
