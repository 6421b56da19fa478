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
const received: { value: { subscriptionId: string; clientState?: string; changeType: string; resourceData: { id: string } }[] }[] = [];

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
