import type { FaultConfig } from '../faults.js';
import { errors } from '../errors.js';
import { sandboxHono } from '../http/env.js';
import { queryOf, readBody } from '../http/request.js';
import { bytes, html, json, noContent } from '../http/reply.js';
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

/** A stored file's bytes by its path below the library root (`?path=/Employees/…`). */
inspectorRoutes.get('/files/content', (c) => {
  const { store, org } = c.var.tenant;
  const item = findByPath(store, org.site.driveId, queryOf(c).get('path') ?? '');
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
