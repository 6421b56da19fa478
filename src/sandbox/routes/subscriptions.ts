import { randomUUID } from 'node:crypto';
import { GraphHttpError } from '../errors.js';
import type { SandboxSubscription } from '../subscriptions.js';
import type { Route, RouteContext, SandboxRequest, SandboxResponse } from '../types.js';
import { contextUrl, json, jsonBody, mailboxUser, noContent } from './common.js';

/** Graph's limit for Outlook resources: 10,080 minutes (7 days). */
const MAX_MINUTES = 10_080;

function view(ctx: RouteContext, s: SandboxSubscription) {
  return {
    '@odata.context': contextUrl(ctx, 'subscriptions/$entity'),
    id: s.id,
    resource: s.resource,
    changeType: s.changeTypes.join(','),
    notificationUrl: s.notificationUrl,
    clientState: s.clientState ?? null,
    expirationDateTime: new Date(s.expirationMs).toISOString(),
  };
}

function expiration(ctx: RouteContext, value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  const now = ctx.now();
  if (!Number.isFinite(ms) || ms <= now) throw new GraphHttpError(400, 'InvalidRequest', 'Subscription expiration must be in the future.');
  if (ms > now + MAX_MINUTES * 60_000) throw new GraphHttpError(400, 'InvalidRequest', `Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`);
  return ms;
}

function find(ctx: RouteContext, id: string): SandboxSubscription {
  const s = ctx.store.subscriptions.get(id);
  if (!s) throw new GraphHttpError(404, 'ResourceNotFound', 'The object was not found.');
  return s;
}

async function create(req: SandboxRequest, ctx: RouteContext): Promise<SandboxResponse> {
  const body = jsonBody<{ changeType?: unknown; notificationUrl?: unknown; resource?: unknown; expirationDateTime?: unknown; clientState?: unknown }>(req);
  const changeTypes = typeof body.changeType === 'string' ? body.changeType.split(',').map((c) => c.trim()) : [];
  if (changeTypes.length === 0 || changeTypes.some((c) => !['created', 'updated', 'deleted'].includes(c))) {
    throw new GraphHttpError(400, 'InvalidRequest', "changeType must be a comma-separated list of 'created', 'updated', 'deleted'.");
  }
  if (typeof body.notificationUrl !== 'string' || !/^https?:\/\//.test(body.notificationUrl)) throw new GraphHttpError(400, 'InvalidRequest', 'notificationUrl must be a URL.');
  const match = typeof body.resource === 'string' ? /^\/?users\/([^/]+)\/events$/i.exec(body.resource) : null;
  if (!match?.[1]) throw new GraphHttpError(400, 'InvalidRequest', "The sandbox supports resources of the form 'users/{id}/events'.");
  const mailbox = mailboxUser(ctx, decodeURIComponent(match[1])).id as string;
  if (body.clientState !== undefined && (typeof body.clientState !== 'string' || body.clientState.length > 128)) {
    throw new GraphHttpError(400, 'InvalidRequest', 'clientState must be a string of at most 128 characters.');
  }
  const expirationMs = expiration(ctx, body.expirationDateTime);

  // Graph validates the endpoint before it creates the subscription: the token must come back as text.
  const token = randomUUID();
  const url = `${body.notificationUrl}${body.notificationUrl.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  let echoed = '';
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, signal: AbortSignal.timeout(10_000) });
    echoed = res.ok ? await res.text() : '';
  } catch {
    echoed = '';
  }
  if (echoed !== token) {
    throw new GraphHttpError(400, 'ValidationError', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
  }
  const sub: SandboxSubscription = {
    id: randomUUID(), resource: body.resource as string, mailbox, changeTypes, notificationUrl: body.notificationUrl,
    ...(typeof body.clientState === 'string' ? { clientState: body.clientState } : {}), expirationMs, cursor: ctx.store.seq,
  };
  ctx.store.subscriptions.set(sub.id, sub);
  return json(201, view(ctx, sub));
}

export const subscriptionRoutes: Route[] = [
  { method: 'POST', pattern: /^\/subscriptions$/, handler: (req, _p, ctx) => create(req, ctx) },
  { method: 'GET', pattern: /^\/subscriptions\/([^/]+)$/, handler: (_req, [id], ctx) => json(200, view(ctx, find(ctx, id as string))) },
  {
    method: 'PATCH',
    pattern: /^\/subscriptions\/([^/]+)$/,
    handler: (req, [id], ctx) => {
      const sub = find(ctx, id as string);
      sub.expirationMs = expiration(ctx, jsonBody<{ expirationDateTime?: unknown }>(req).expirationDateTime);
      return json(200, view(ctx, sub));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/subscriptions\/([^/]+)$/,
    handler: (_req, [id], ctx) => {
      find(ctx, id as string);
      ctx.store.subscriptions.delete(id as string);
      return noContent(204);
    },
  },
];
