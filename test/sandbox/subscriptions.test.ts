import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/graph-server.js';
import { sandboxToken } from './helpers.js';

let tenant: SandboxTenant;
let receiver: Server;
let receiverUrl = '';
let echo = true;
const received: { value: { subscriptionId: string; clientState?: string; changeType: string; resource: string; lifecycleEvent?: string; resourceData: { id: string; '@odata.id': string } }[] }[] = [];
const lifecycleEvents = (id: string) => received.flatMap((n) => n.value).filter((v) => v.subscriptionId === id && v.lifecycleEvent).map((v) => v.lifecycleEvent);
const changes = (id: string) => received.flatMap((n) => n.value).filter((v) => v.subscriptionId === id && v.changeType);
async function eventually<T>(what: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
  receiver = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const token = url.searchParams.get('validationToken');
      if (token !== null) {
        res.writeHead(echo ? 200 : 500, { 'content-type': 'text/plain' });
        res.end(echo ? token : 'no');
        return;
      }
      received.push(JSON.parse(Buffer.concat(chunks).toString()) as (typeof received)[number]);
      res.writeHead(202);
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await tenant.close();
  await new Promise((r) => receiver.close(r));
});

const post = async (path: string, body: unknown, method = 'POST') =>
  fetch(`${tenant.graphBaseUrl}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${await sandboxToken(tenant)}` }, body: JSON.stringify(body) });

describe('sandbox change notifications (subscription-post-subscriptions)', () => {
  it('validates the endpoint, then posts what changed in the mailbox with the clientState', async () => {
    const tm = findPerson(tenant.org, 'tm1')!;
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    const created = await post('/subscriptions', { changeType: 'updated,deleted', notificationUrl: receiverUrl, resource: `users/${tm.id}/events`, expirationDateTime: expiration, clientState: 'secret-1' });
    expect(created.status).toBe(201);
    const sub = (await created.json()) as { id: string; expirationDateTime: string };

    const event = (await (await post(`/users/${tm.id}/events`, { subject: 'Supervision', start: { dateTime: '2030-01-07T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-01-07T11:00:00', timeZone: 'UTC' } })).json()) as { id: string };
    const deadline = Date.now() + 5000;
    while (!received.some((n) => n.value.some((v) => v.resourceData.id === event.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const item = received.flatMap((n) => n.value).find((v) => v.resourceData.id === event.id);
    expect(item).toMatchObject({ subscriptionId: sub.id, clientState: 'secret-1', changeType: 'updated' });

    const renewed = await post(`/subscriptions/${sub.id}`, { expirationDateTime: new Date(Date.now() + 7_200_000).toISOString() }, 'PATCH');
    expect(renewed.status).toBe(200);
    expect((await post(`/subscriptions/${sub.id}`, undefined, 'DELETE')).status).toBe(204);
  });

  it('lifecycle notifications (change-notifications-lifecycle-events.md): to the lifecycleNotificationUrl only, without a resource; missed replaces the next delivery; reauthorizationRequired pauses deliveries until renewed; subscriptionRemoved deletes', async () => {
    const tm = findPerson(tenant.org, 'tm1')!;
    const lifecycleUrl = receiverUrl.replace('/hook', '/lifecycle');
    const res = await post('/subscriptions', { changeType: 'updated,deleted', notificationUrl: receiverUrl, lifecycleNotificationUrl: lifecycleUrl, resource: `users/${tm.id}/events`, expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(), clientState: 'secret-2' });
    expect(res.status).toBe(201);
    const sub = (await res.json()) as { id: string; lifecycleNotificationUrl: string };
    expect(sub.lifecycleNotificationUrl).toBe(lifecycleUrl);
    const lifecycle = (event: string) => fetch(`${tenant.url}/_sandbox/mailboxes/tm1/lifecycle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event }) });
    const change = async (subject: string) => {
      const ev = (await (await post(`/users/${tm.id}/events`, { subject, start: { dateTime: '2027-03-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-03-01T11:00:00', timeZone: 'UTC' } })).json()) as { id: string };
      return ev.id;
    };

    // missed: the next change is not delivered; `missed` goes to the lifecycle URL instead.
    expect((await lifecycle('missed')).status).toBe(200);
    const lost = await change('Lost');
    await eventually(() => (lifecycleEvents(sub.id).includes('missed') ? true : undefined));
    expect(changes(sub.id).some((v) => v.resourceData.id === lost)).toBe(false);
    const seen = await change('Seen');
    const item = await eventually(() => changes(sub.id).find((v) => v.resourceData.id === seen));
    // The docs' example form: users/{user}@{tenant}/…
    expect(item.resource).toBe(`users/${tm.id}@${tenant.org.tenantId}/events/${seen}`);

    // reauthorizationRequired: nothing is delivered until the app renews (which reauthorizes).
    expect(((await (await lifecycle('reauthorizationRequired')).json()) as { sent: number }).sent).toBe(1);
    const paused = await change('Paused');
    await new Promise((r) => setTimeout(r, 300));
    expect(changes(sub.id).some((v) => v.resourceData.id === paused)).toBe(false);
    expect((await post(`/subscriptions/${sub.id}/reauthorize`, {})).status).toBe(204);
    const resumed = await change('Resumed');
    await eventually(() => changes(sub.id).find((v) => v.resourceData.id === resumed));
    expect(changes(sub.id).some((v) => v.resourceData.id === paused)).toBe(false);

    // subscriptionRemoved: gone (404), and said so.
    await lifecycle('subscriptionRemoved');
    await eventually(() => (lifecycleEvents(sub.id).includes('subscriptionRemoved') ? true : undefined));
    expect((await fetch(`${tenant.graphBaseUrl}/subscriptions/${sub.id}`, { headers: { authorization: `Bearer ${await sandboxToken(tenant)}` } })).status).toBe(404);
    const note = received.flatMap((n) => n.value).find((v) => v.subscriptionId === sub.id && v.lifecycleEvent === 'subscriptionRemoved')!;
    expect(note).toMatchObject({ clientState: 'secret-2', tenantId: tenant.org.tenantId });
    expect('resource' in note).toBe(false);
  });

  it('refuses an endpoint that does not echo the validation token, and an expiry beyond the limit', async () => {
    const tm = findPerson(tenant.org, 'tm1')!;
    echo = false;
    try {
      const res = await post('/subscriptions', { changeType: 'updated', notificationUrl: receiverUrl, resource: `users/${tm.id}/events`, expirationDateTime: new Date(Date.now() + 3_600_000).toISOString() });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ValidationError');
    } finally {
      echo = true;
    }
    const tooLong = await post('/subscriptions', { changeType: 'updated', notificationUrl: receiverUrl, resource: `users/${tm.id}/events`, expirationDateTime: new Date(Date.now() + 8 * 86_400_000).toISOString() });
    expect(tooLong.status).toBe(400);
  });
});
