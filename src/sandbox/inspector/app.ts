import { z } from 'zod';
import { SANDBOX_APP_REGISTRATION } from '../entra/app-registration.js';
import type { FaultConfig } from '../faults.js';
import { errors } from '../errors.js';
import { sandboxHono } from '../http/env.js';
import { queryOf, readBody } from '../http/request.js';
import { bytes, html, json, noContent } from '../http/reply.js';
import type { GraphContext } from '../routes/common.js';
import { libraryNamed } from '../library-model.js';
import { findByPath } from '../routes/sharepoint/item-address.js';
import type { ThrottleConfig } from '../throttle.js';
import { indexHtml } from './index-page.js';
import { eventsView, filesView, mailboxEventsView, mailboxesView } from './views.js';

/**
 * The inspector, mounted at /_sandbox: what the bot did in Outlook and SharePoint, for people
 * (an HTML page) and tests (JSON), and the switches tests and benchmarks use (config, reset).
 * Not Graph, so never counted as an operation, throttled or delayed.
 */
export const inspectorRoutes = sandboxHono();

inspectorRoutes.get('/', (c) => html(indexHtml(c.var.tenant.store, c.var.tenant.graphBaseUrl)));

inspectorRoutes.get('/mailboxes', (c) => json(200, mailboxesView(c.var.tenant.store)));

/** One mailbox (by id, UPN or demo alias), times in `?tz=` (default Europe/London). */
inspectorRoutes.get('/mailboxes/:mailbox/events', (c) => {
  const { store, org } = c.var.tenant;
  const key = c.req.param('mailbox');
  const u = store.findUser(key) ?? store.users.get(org.people.find((x) => x.alias === key)?.id ?? '');
  if (!u?.id) throw errors.userNotFound(key);
  return json(200, mailboxEventsView(store, u.id, queryOf(c).get('tz') ?? undefined));
});

inspectorRoutes.get('/events', (c) => json(200, eventsView(c.var.tenant.store, queryOf(c))));

inspectorRoutes.get('/files', (c) => json(200, filesView(c.var.tenant.store)));

/** The supervision site's document libraries and their columns' names. */
inspectorRoutes.get('/libraries', (c) =>
  json(200, [...c.var.tenant.store.libraries.values()].map((l) => ({ displayName: l.displayName, listId: l.listId, driveId: l.driveId, isDefault: l.isDefault, columns: l.columns.map((col) => col.name) }))),
);

/**
 * A stored file's bytes by its path below a library's root (`?path=/Employees/…`): the supervision
 * library's, or another's by `?library=<display name>`.
 */
inspectorRoutes.get('/files/content', (c) => {
  const { store, org } = c.var.tenant;
  const library = libraryNamed(store, queryOf(c).get('library') ?? org.site.supervisionLibrary.name);
  const item = library ? findByPath(store, library.driveId, queryOf(c).get('path') ?? '') : undefined;
  if (!item || item.folder) throw errors.driveItemNotFound();
  return bytes(200, store.contents.get(item.id) ?? Buffer.alloc(0), {
    'content-type': item.mimeType ?? 'application/octet-stream',
    'content-disposition': `attachment; filename="${encodeURIComponent(item.name)}"`,
  });
});

inspectorRoutes.get('/mail', (c) => json(200, c.var.tenant.store.mails));

inspectorRoutes.get('/installedApps', (c) => json(200, [...c.var.tenant.store.installs.values()]));

inspectorRoutes.get('/stats', (c) => json(200, c.var.tenant.stats()));

inspectorRoutes.get('/org', (c) => {
  const { org } = c.var.tenant;
  return json(200, { organisation: org.organisation, domain: org.domain, now: org.now, people: org.people, site: org.site, teamsApps: org.teamsApps });
});

inspectorRoutes.get('/config', (c) => json(200, { throttle: c.var.tenant.throttle.config, faults: c.var.tenant.faults.config }));

/** `{"throttle": {…}, "faults": {…}}`, each partial: the same switches as setThrottle and setFaults. */
inspectorRoutes.post('/config', async (c) => {
  const tenant = c.var.tenant;
  const text = await readBody(c);
  try {
    const body = text.length ? (JSON.parse(text.toString('utf8')) as { throttle?: Partial<ThrottleConfig>; faults?: Partial<FaultConfig> }) : {};
    if (body.throttle) tenant.setThrottle(body.throttle);
    if (body.faults) tenant.setFaults(body.faults);
  } catch (e) {
    throw errors.badRequest(`Invalid sandbox configuration: ${(e as Error).message}`);
  }
  return json(200, { throttle: tenant.throttle.config, faults: tenant.faults.config });
});

inspectorRoutes.post('/reset', (c) => {
  c.var.tenant.reset();
  return noContent(204);
});

/** Reads a small JSON body with a zod schema; a wrong one is a 400 naming what was expected. */
async function body<T>(c: GraphContext, schema: z.ZodType<T>, expected: string): Promise<T> {
  const text = await readBody(c);
  let value: unknown = {};
  try {
    value = text.length ? JSON.parse(text.toString('utf8')) : {};
  } catch {
    throw errors.badRequest(`Expected JSON: ${expected}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw errors.badRequest(`Expected ${expected}`);
  return parsed.data;
}

/** Fault switch: every delta token issued so far answers 410 Gone SyncStateNotFound (switches.ts). */
inspectorRoutes.post('/faults/expire-delta-tokens', (c) => {
  c.var.tenant.switches.expireDeltaTokens();
  return noContent(204);
});

/** Fault switch: the next `count` creates repeating a transactionId answer ErrorDuplicateTransactionId. */
inspectorRoutes.post('/faults/duplicate-transaction-id', async (c) => {
  const { count } = await body(c, z.object({ count: z.number().int().min(0).max(10_000).default(1) }), '{"count": <whole number>}');
  c.var.tenant.switches.duplicateTransactionIdNext(count);
  return json(200, { count });
});

/** Fault switch: a mailbox's calendar offers Teams meetings or none (`{"enabled": false}`). */
inspectorRoutes.post('/mailboxes/:mailbox/teams', async (c) => {
  const { store, org } = c.var.tenant;
  const key = c.req.param('mailbox');
  const u = store.findUser(key) ?? store.users.get(org.people.find((x) => x.alias === key)?.id ?? '');
  if (!u?.id) throw errors.userNotFound(key);
  const { enabled } = await body(c, z.object({ enabled: z.boolean() }), '{"enabled": true|false}');
  c.var.tenant.switches.setTeamsMeetings(u.id, enabled);
  return json(200, { id: u.id, teamsMeetings: enabled });
});

/**
 * Fault switch: Graph's lifecycle notifications for a mailbox's subscriptions
 * (`{"event": "reauthorizationRequired" | "subscriptionRemoved" | "missed"}`; subscriptions.ts).
 */
inspectorRoutes.post('/mailboxes/:mailbox/lifecycle', async (c) => {
  const { store, org } = c.var.tenant;
  const key = c.req.param('mailbox');
  const u = store.findUser(key) ?? store.users.get(org.people.find((x) => x.alias === key)?.id ?? '');
  if (!u?.id) throw errors.userNotFound(key);
  const { event } = await body(c, z.object({ event: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']) }), '{"event": "reauthorizationRequired" | "subscriptionRemoved" | "missed"}');
  const sent = await c.var.tenant.switches.lifecycle(u.id, event);
  return json(200, { id: u.id, event, sent });
});

/** The product app's granted application permissions; POST `{"granted": [...]}` changes them (the next token carries them). */
inspectorRoutes.get('/permissions', (c) => json(200, { granted: c.var.tenant.identity.grantedRoles(SANDBOX_APP_REGISTRATION.clientId) }));
inspectorRoutes.post('/permissions', async (c) => {
  const { granted } = await body(c, z.object({ granted: z.array(z.string().min(1).max(200)).max(100) }), '{"granted": ["Permission.Name", …]}');
  c.var.tenant.identity.setGrantedRoles(SANDBOX_APP_REGISTRATION.clientId, granted);
  return json(200, { granted: c.var.tenant.identity.grantedRoles(SANDBOX_APP_REGISTRATION.clientId) });
});

/** The app's application access policy: `{"mailboxes": [ids or addresses]}`, or `{"mailboxes": null}` for every mailbox. */
inspectorRoutes.post('/mailbox-scope', async (c) => {
  const { mailboxes } = await body(c, z.object({ mailboxes: z.array(z.string().min(1).max(320)).max(100_000).nullable() }), '{"mailboxes": [ids or addresses] | null}');
  c.var.tenant.setMailboxScope(mailboxes ?? undefined);
  return json(200, { mailboxes });
});
