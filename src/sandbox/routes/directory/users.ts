import { errors, GraphHttpError } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { queryOf, readJson } from '../../http/request.js';
import { json, noContent } from '../../http/reply.js';
import { contextUrl, directoryUser } from '../common.js';
import { parseUserFilter } from './user-filter.js';
import { shape, sorted, userPage } from './user-pages.js';

/** Properties a PATCH may change in this tenant. */
const editable = new Set(['displayName', 'givenName', 'surname', 'jobTitle', 'department', 'officeLocation', 'employeeHireDate', 'mobilePhone', 'businessPhones', 'accountEnabled']);

/** The directory: /users, one user, their photo, and /me (which app-only calls cannot use). */
export const userRoutes = sandboxHono();

// user-list.md: $filter, $select, $top with $skiptoken paging, $count.
userRoutes.get('/users', (c) => {
  const filter = queryOf(c).get('$filter');
  let users = sorted(c.var.tenant.store.users.values());
  if (filter) users = users.filter(parseUserFilter(filter));
  return userPage(c, users, 'users', false);
});

// user-get.md: by id or userPrincipalName; $select; $expand=manager.
userRoutes.get('/users/:user', (c) => {
  const u = directoryUser(c, c.req.param('user'));
  const query = queryOf(c);
  const select = query.get('$select');
  const body: Record<string, unknown> = { '@odata.context': contextUrl(c, select ? `users(${select})/$entity` : 'users/$entity'), ...shape(u, select) };
  if ((query.get('$expand') ?? '').split(',').includes('manager')) {
    const { store } = c.var.tenant;
    const mid = store.managers.get(u.id as string);
    const m = mid ? store.users.get(mid) : undefined;
    if (m) body.manager = { '@odata.type': '#microsoft.graph.user', ...shape(m, null) };
  }
  return json(200, body);
});

// user-update.md: 204 No Content.
userRoutes.patch('/users/:user', async (c) => {
  const u = directoryUser(c, c.req.param('user'));
  const patch = await readJson(c);
  for (const [k, v] of Object.entries(patch)) {
    if (!editable.has(k)) throw errors.badRequest(`Property '${k}' is read-only or not supported in this tenant.`, 'Request_BadRequest');
    (u as Record<string, unknown>)[k] = v;
  }
  c.var.tenant.store.changed();
  return noContent(204);
});

// profilephoto-get.md: nobody in the demo tenant has uploaded a photo, and this is what Graph answers then.
userRoutes.get('/users/:user/photo/*', (c) => noPhoto(c.req.param('user'), c));
userRoutes.get('/users/:user/photos/*', (c) => noPhoto(c.req.param('user'), c));

function noPhoto(key: string, c: Parameters<typeof directoryUser>[0]): never {
  directoryUser(c, key);
  throw new GraphHttpError(404, 'ImageNotFound', "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.");
}

// /me needs a signed-in user; the product calls Graph with an app-only token.
userRoutes.on(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], '/me/*', () => {
  throw errors.badRequest('/me request is only valid with delegated authentication flow.');
});
