import { randomUUID } from 'node:crypto';
import { GraphHttpError } from '../errors.js';
import { sandboxHono } from '../http/env.js';
import { readJson } from '../http/request.js';
import { json, noContent } from '../http/reply.js';
import type { SandboxSubscription } from '../store.js';
import { contextUrl, mailboxUser, type GraphContext } from './common.js';

/** Graph's limit for Outlook resources: 10,080 minutes (7 days). */
const MAX_MINUTES = 10_080;

function view(c: GraphContext, s: SandboxSubscription) {
  return {
    '@odata.context': contextUrl(c, 'subscriptions/$entity'),
    id: s.id,
    resource: s.resource,
    changeType: s.changeTypes.join(','),
    notificationUrl: s.notificationUrl,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
    clientState: s.clientState ?? null,
    expirationDateTime: new Date(s.expirationMs).toISOString(),
  };
}

function expiration(c: GraphContext, value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  const now = c.var.tenant.now();
  if (!Number.isFinite(ms) || ms <= now) throw new GraphHttpError(400, 'InvalidRequest', 'Subscription expiration must be in the future.');
  if (ms > now + MAX_MINUTES * 60_000) throw new GraphHttpError(400, 'InvalidRequest', `Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`);
  return ms;
}

/** Graph posts a validationToken to the URL; the endpoint must answer it as text within 10 seconds. */
async function validates(endpoint: string): Promise<boolean> {
  const token = randomUUID();
  const url = `${endpoint}${endpoint.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, signal: AbortSignal.timeout(10_000) });
    return res.ok && (await res.text()) === token;
  } catch {
    return false;
  }
}

function find(c: GraphContext, id: string): SandboxSubscription {
  const s = c.var.tenant.store.subscriptions.get(id);
  if (!s) throw new GraphHttpError(404, 'ResourceNotFound', 'The object was not found.');
  return s;
}

/** Change-notification subscriptions on a mailbox's events (delivery: ../subscriptions.ts). */
export const subscriptionRoutes = sandboxHono();

// subscription-post-subscriptions.md: Graph validates the endpoint before it creates the
// subscription: the validationToken must come back as text.
subscriptionRoutes.post('/subscriptions', async (c) => {
  const body = await readJson<{ changeType?: unknown; notificationUrl?: unknown; lifecycleNotificationUrl?: unknown; resource?: unknown; expirationDateTime?: unknown; clientState?: unknown }>(c);
  const changeTypes = typeof body.changeType === 'string' ? body.changeType.split(',').map((t) => t.trim()) : [];
  if (changeTypes.length === 0 || changeTypes.some((t) => !['created', 'updated', 'deleted'].includes(t))) {
    throw new GraphHttpError(400, 'InvalidRequest', "changeType must be a comma-separated list of 'created', 'updated', 'deleted'.");
  }
  if (typeof body.notificationUrl !== 'string' || !/^https?:\/\//.test(body.notificationUrl)) throw new GraphHttpError(400, 'InvalidRequest', 'notificationUrl must be a URL.');
  if (body.lifecycleNotificationUrl !== undefined && (typeof body.lifecycleNotificationUrl !== 'string' || !/^https?:\/\//.test(body.lifecycleNotificationUrl))) {
    throw new GraphHttpError(400, 'InvalidRequest', 'lifecycleNotificationUrl must be a URL.');
  }
  const match = typeof body.resource === 'string' ? /^\/?users\/([^/]+)\/events$/i.exec(body.resource) : null;
  if (!match?.[1]) throw new GraphHttpError(400, 'InvalidRequest', "The sandbox supports resources of the form 'users/{id}/events'.");
  const mailbox = mailboxUser(c, decodeURIComponent(match[1])).id as string;
  if (body.clientState !== undefined && (typeof body.clientState !== 'string' || body.clientState.length > 128)) {
    throw new GraphHttpError(400, 'InvalidRequest', 'clientState must be a string of at most 128 characters.');
  }
  const expirationMs = expiration(c, body.expirationDateTime);

  // change-notifications-lifecycle-events.md: both the notificationUrl and the lifecycleNotificationUrl are validated.
  const lifecycleUrl = typeof body.lifecycleNotificationUrl === 'string' ? body.lifecycleNotificationUrl : undefined;
  if (!(await validates(body.notificationUrl)) || (lifecycleUrl !== undefined && !(await validates(lifecycleUrl)))) {
    throw new GraphHttpError(400, 'ValidationError', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
  }
  const { store } = c.var.tenant;
  const sub: SandboxSubscription = {
    id: randomUUID(),
    resource: body.resource as string,
    mailbox,
    changeTypes,
    notificationUrl: body.notificationUrl,
    ...(lifecycleUrl !== undefined ? { lifecycleNotificationUrl: lifecycleUrl } : {}),
    ...(typeof body.clientState === 'string' ? { clientState: body.clientState } : {}),
    expirationMs,
    cursor: store.seq,
  };
  store.subscriptions.set(sub.id, sub);
  return json(201, view(c, sub));
});

// subscription-get.md
subscriptionRoutes.get('/subscriptions/:id', (c) => json(200, view(c, find(c, c.req.param('id')))));

// subscription-update.md: renew by a new expirationDateTime, which also reauthorizes
// (change-notifications-lifecycle-events.md); the lifecycleNotificationUrl cannot be added by update.
subscriptionRoutes.patch('/subscriptions/:id', async (c) => {
  const sub = find(c, c.req.param('id'));
  sub.expirationMs = expiration(c, (await readJson<{ expirationDateTime?: unknown }>(c)).expirationDateTime);
  resume(c, sub);
  return json(200, view(c, sub));
});

// subscription-reauthorize.md: reauthorizes without renewing; 204.
subscriptionRoutes.post('/subscriptions/:id/reauthorize', (c) => {
  resume(c, find(c, c.req.param('id')));
  return noContent(204);
});

/** Deliveries resume from now: what changed while paused was lost. */
function resume(c: GraphContext, sub: SandboxSubscription): void {
  if (!sub.reauthorizationRequired) return;
  sub.reauthorizationRequired = false;
  sub.cursor = c.var.tenant.store.seq;
}

// subscription-delete.md
subscriptionRoutes.delete('/subscriptions/:id', (c) => {
  find(c, c.req.param('id'));
  c.var.tenant.store.subscriptions.delete(c.req.param('id'));
  return noContent(204);
});
