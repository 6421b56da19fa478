import { randomUUID } from 'node:crypto';
import type { Message, Recipient } from '@microsoft/microsoft-graph-types';
import { errors, GraphHttpError } from '../errors.js';
import type { AppInstallation } from '../store.js';
import type { Route, RouteContext, SandboxRequest, SandboxResponse } from '../types.js';
import { contextUrl, json, jsonBody, mailboxUser, noContent } from './common.js';

function recipients(list: unknown): Recipient[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw errors.badRequest('Recipients must be a collection.', 'ErrorInvalidRecipients');
  return list as Recipient[];
}

function sendMail(req: SandboxRequest, ctx: RouteContext, userKey: string): SandboxResponse {
  const user = mailboxUser(ctx, userKey);
  const body = jsonBody<{ message?: Message; saveToSentItems?: boolean | string }>(req);
  const message = body.message;
  if (!message || typeof message !== 'object') throw new GraphHttpError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
  const all = [...recipients(message.toRecipients), ...recipients(message.ccRecipients), ...recipients(message.bccRecipients)];
  if (all.length === 0 || all.some((r) => !r?.emailAddress?.address || !/^[^@\s]+@[^@\s]+$/.test(r.emailAddress.address))) {
    throw new GraphHttpError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., Recipient is not resolved. All recipients must be resolved before a message can be submitted.');
  }
  ctx.store.mails.push({
    id: randomUUID(),
    from: user.id as string,
    sentDateTime: new Date(ctx.now()).toISOString(),
    saveToSentItems: body.saveToSentItems !== false && body.saveToSentItems !== 'false',
    message: { ...message, from: { emailAddress: { address: user.mail, name: user.displayName } } } as Record<string, unknown>,
  });
  ctx.store.changed();
  return noContent(202);
}

/** Graph's installation ids are base64 of "{userId}##{appId}", stable per user and app. */
function installationId(userId: string, appId: string): string {
  return Buffer.from(`${userId}##${appId}`, 'utf8').toString('base64');
}

function catalogApp(ctx: RouteContext, id: string) {
  return ctx.store.org.teamsApps.find((a) => a.id === id);
}

function appJson(ctx: RouteContext, id: string): Record<string, unknown> {
  const app = catalogApp(ctx, id);
  return { id, externalId: app?.externalId ?? null, displayName: app?.displayName ?? null, distributionMethod: 'organization' };
}

function definitionJson(ctx: RouteContext, id: string): Record<string, unknown> {
  const app = catalogApp(ctx, id);
  return { id: Buffer.from(`${id}##1.0.0##Published`).toString('base64'), teamsAppId: id, displayName: app?.displayName ?? null, version: '1.0.0', publishingState: 'published' };
}

function installationJson(ctx: RouteContext, inst: AppInstallation, expand: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: inst.id };
  if (expand.has('teamsApp')) out.teamsApp = appJson(ctx, inst.teamsAppId);
  if (expand.has('teamsAppDefinition')) out.teamsAppDefinition = definitionJson(ctx, inst.teamsAppId);
  return out;
}

function expandSet(req: SandboxRequest): Set<string> {
  return new Set((req.query.get('$expand') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** `teamsApp/id eq '…'` or `teamsApp/externalId eq '…'`, the filters used to find one app. */
function installFilter(ctx: RouteContext, filter: string | null): (inst: AppInstallation) => boolean {
  if (!filter) return () => true;
  const m = /^teamsApp\/(id|externalId)\s+eq\s+'([^']*)'$/i.exec(filter.trim());
  if (!m) throw errors.badRequest(`Filter '${filter}' is not supported.`);
  const prop = m[1]?.toLowerCase();
  const value = m[2] ?? '';
  return (inst) => (prop === 'id' ? inst.teamsAppId === value : catalogApp(ctx, inst.teamsAppId)?.externalId === value);
}

function installFor(ctx: RouteContext, userKey: string, installId: string): AppInstallation {
  const user = mailboxUser(ctx, userKey);
  const inst = ctx.store.installs.get(installId);
  if (!inst || inst.userId !== user.id) throw new GraphHttpError(404, 'NotFound', 'The requested app installation was not found.');
  return inst;
}

export const mailRoutes: Route[] = [
  { method: 'POST', pattern: /^\/users\/([^/]+)\/sendMail$/, handler: (req, [u], ctx) => sendMail(req, ctx, u as string) },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps$/,
    handler: (req, [u], ctx) => {
      const user = mailboxUser(ctx, u as string);
      const pred = installFilter(ctx, req.query.get('$filter'));
      const expand = expandSet(req);
      const value = [...ctx.store.installs.values()].filter((i) => i.userId === user.id && pred(i)).map((i) => installationJson(ctx, i, expand));
      return json(200, { '@odata.context': contextUrl(ctx, `users('${user.id}')/teamwork/installedApps`), value });
    },
  },
  {
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps$/,
    handler: (req, [u], ctx) => {
      const user = mailboxUser(ctx, u as string);
      const body = jsonBody<Record<string, unknown>>(req);
      const bind = body['teamsApp@odata.bind'];
      const m = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind) : null;
      if (!m?.[1]) throw errors.badRequest("The request body must bind 'teamsApp@odata.bind' to an app in /appCatalogs/teamsApps.");
      const appId = m[1];
      if (!catalogApp(ctx, appId)) throw new GraphHttpError(404, 'NotFound', `The app with id '${appId}' was not found in the tenant app catalog.`);
      const id = installationId(user.id as string, appId);
      if (ctx.store.installs.has(id)) throw new GraphHttpError(409, 'Conflict', 'App is already installed.');
      ctx.store.installs.set(id, { id, userId: user.id as string, teamsAppId: appId, createdMs: ctx.now() });
      ctx.store.changed();
      return noContent(201);
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)$/,
    handler: (req, [u, i], ctx) => json(200, { '@odata.context': contextUrl(ctx, 'teamsAppInstallation/$entity'), ...installationJson(ctx, installFor(ctx, u as string, i as string), expandSet(req)) }),
  },
  {
    method: 'DELETE',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)$/,
    handler: (_req, [u, i], ctx) => {
      const inst = installFor(ctx, u as string, i as string);
      ctx.store.installs.delete(inst.id);
      ctx.store.changed();
      return noContent(204);
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/,
    handler: (_req, [u, i], ctx) => {
      const inst = installFor(ctx, u as string, i as string);
      const botPart = inst.teamsAppId.replace(/-/g, '').slice(0, 32);
      return json(200, {
        '@odata.context': contextUrl(ctx, 'chats/$entity'),
        id: `19:${inst.userId}_${botPart}@unq.gbl.spaces`,
        topic: null,
        createdDateTime: new Date(inst.createdMs).toISOString(),
        lastUpdatedDateTime: new Date(inst.createdMs).toISOString(),
        chatType: 'oneOnOne',
        tenantId: ctx.store.org.tenantId,
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/appCatalogs\/teamsApps$/,
    handler: (req, _p, ctx) => {
      const filter = req.query.get('$filter');
      let apps = ctx.store.org.teamsApps.map((a) => appJson(ctx, a.id));
      if (filter) {
        const m = /^(externalId|id|displayName|distributionMethod)\s+eq\s+'([^']*)'$/i.exec(filter.trim());
        if (!m) throw errors.badRequest(`Filter '${filter}' is not supported.`);
        const key = ['externalId', 'id', 'displayName', 'distributionMethod'].find((k) => k.toLowerCase() === m[1]?.toLowerCase()) as string;
        apps = apps.filter((a) => String(a[key] ?? '') === m[2]);
      }
      return json(200, { '@odata.context': contextUrl(ctx, 'appCatalogs/teamsApps'), value: apps });
    },
  },
];
