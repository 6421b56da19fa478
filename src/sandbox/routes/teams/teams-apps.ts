import { errors, GraphHttpError } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { queryOf, readJson } from '../../http/request.js';
import { json, noContent } from '../../http/reply.js';
import type { AppInstallation } from '../../store.js';
import { contextUrl, mailboxUser, type GraphContext } from '../common.js';

/** Graph's installation ids are base64 of "{userId}##{appId}", stable per user and app. */
function installationId(userId: string, appId: string): string {
  return Buffer.from(`${userId}##${appId}`, 'utf8').toString('base64');
}

function catalogApp(c: GraphContext, id: string) {
  return c.var.tenant.org.teamsApps.find((a) => a.id === id);
}

function appJson(c: GraphContext, id: string): Record<string, unknown> {
  const app = catalogApp(c, id);
  return { id, externalId: app?.externalId ?? null, displayName: app?.displayName ?? null, distributionMethod: 'organization' };
}

function definitionJson(c: GraphContext, id: string): Record<string, unknown> {
  const app = catalogApp(c, id);
  return { id: Buffer.from(`${id}##1.0.0##Published`).toString('base64'), teamsAppId: id, displayName: app?.displayName ?? null, version: '1.0.0', publishingState: 'published' };
}

function installationJson(c: GraphContext, inst: AppInstallation, expand: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: inst.id };
  if (expand.has('teamsApp')) out.teamsApp = appJson(c, inst.teamsAppId);
  if (expand.has('teamsAppDefinition')) out.teamsAppDefinition = definitionJson(c, inst.teamsAppId);
  return out;
}

function expandSet(c: GraphContext): Set<string> {
  return new Set((queryOf(c).get('$expand') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** `teamsApp/id eq '…'` or `teamsApp/externalId eq '…'`, the filters used to find one app. */
function installFilter(c: GraphContext, filter: string | null): (inst: AppInstallation) => boolean {
  if (!filter) return () => true;
  const m = /^teamsApp\/(id|externalId)\s+eq\s+'([^']*)'$/i.exec(filter.trim());
  if (!m) throw errors.badRequest(`Filter '${filter}' is not supported.`);
  const prop = m[1]?.toLowerCase();
  const value = m[2] ?? '';
  return (inst) => (prop === 'id' ? inst.teamsAppId === value : catalogApp(c, inst.teamsAppId)?.externalId === value);
}

function installFor(c: GraphContext, userKey: string, installId: string): AppInstallation {
  const user = mailboxUser(c, userKey);
  const inst = c.var.tenant.store.installs.get(installId);
  if (!inst || inst.userId !== user.id) throw new GraphHttpError(404, 'NotFound', 'The requested app installation was not found.');
  return inst;
}

/** The tenant's app catalogue and the apps installed for each user (how the bot reaches someone first). */
export const teamsAppRoutes = sandboxHono();

// userteamwork-list-installedapps.md: $filter on teamsApp/id or externalId, $expand.
teamsAppRoutes.get('/users/:user/teamwork/installedApps', (c) => {
  const user = mailboxUser(c, c.req.param('user'));
  const pred = installFilter(c, queryOf(c).get('$filter'));
  const expand = expandSet(c);
  const value = [...c.var.tenant.store.installs.values()].filter((i) => i.userId === user.id && pred(i)).map((i) => installationJson(c, i, expand));
  return json(200, { '@odata.context': contextUrl(c, `users('${user.id}')/teamwork/installedApps`), value });
});

// userteamwork-post-installedapps.md: 201 without a body; a second install is 409.
teamsAppRoutes.post('/users/:user/teamwork/installedApps', async (c) => {
  const user = mailboxUser(c, c.req.param('user'));
  const body = await readJson(c);
  const bind = body['teamsApp@odata.bind'];
  const m = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind) : null;
  if (!m?.[1]) throw errors.badRequest("The request body must bind 'teamsApp@odata.bind' to an app in /appCatalogs/teamsApps.");
  const appId = m[1];
  if (!catalogApp(c, appId)) throw new GraphHttpError(404, 'NotFound', `The app with id '${appId}' was not found in the tenant app catalog.`);
  const id = installationId(user.id as string, appId);
  const { store, now } = c.var.tenant;
  if (store.installs.has(id)) throw new GraphHttpError(409, 'Conflict', 'App is already installed.');
  store.installs.set(id, { id, userId: user.id as string, teamsAppId: appId, createdMs: now() });
  store.changed();
  return noContent(201);
});

// userteamwork-get-installedapps.md
teamsAppRoutes.get('/users/:user/teamwork/installedApps/:installation', (c) =>
  json(200, { '@odata.context': contextUrl(c, 'teamsAppInstallation/$entity'), ...installationJson(c, installFor(c, c.req.param('user'), c.req.param('installation')), expandSet(c)) }),
);

// userteamwork-delete-installedapps.md
teamsAppRoutes.delete('/users/:user/teamwork/installedApps/:installation', (c) => {
  const inst = installFor(c, c.req.param('user'), c.req.param('installation'));
  c.var.tenant.store.installs.delete(inst.id);
  c.var.tenant.store.changed();
  return noContent(204);
});

// userscopeteamsappinstallation-get-chat.md: the one-to-one chat between the user and the bot.
teamsAppRoutes.get('/users/:user/teamwork/installedApps/:installation/chat', (c) => {
  const inst = installFor(c, c.req.param('user'), c.req.param('installation'));
  const botPart = inst.teamsAppId.replace(/-/g, '').slice(0, 32);
  return json(200, {
    '@odata.context': contextUrl(c, 'chats/$entity'),
    id: `19:${inst.userId}_${botPart}@unq.gbl.spaces`,
    topic: null,
    createdDateTime: new Date(inst.createdMs).toISOString(),
    lastUpdatedDateTime: new Date(inst.createdMs).toISOString(),
    chatType: 'oneOnOne',
    tenantId: c.var.tenant.org.tenantId,
  });
});

// appcatalogs-list-teamsapps.md: $filter eq on externalId, id, displayName or distributionMethod.
teamsAppRoutes.get('/appCatalogs/teamsApps', (c) => {
  const filter = queryOf(c).get('$filter');
  let apps = c.var.tenant.org.teamsApps.map((a) => appJson(c, a.id));
  if (filter) {
    const m = /^(externalId|id|displayName|distributionMethod)\s+eq\s+'([^']*)'$/i.exec(filter.trim());
    if (!m) throw errors.badRequest(`Filter '${filter}' is not supported.`);
    const key = ['externalId', 'id', 'displayName', 'distributionMethod'].find((k) => k.toLowerCase() === m[1]?.toLowerCase()) as string;
    apps = apps.filter((a) => String(a[key] ?? '') === m[2]);
  }
  return json(200, { '@odata.context': contextUrl(c, 'appCatalogs/teamsApps'), value: apps });
});
