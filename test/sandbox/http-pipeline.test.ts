/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect Graph JSON payloads loosely, as a client reading the wire would */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { raw, startTenant } from './helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(async () => {
  await tenant.close();
});
beforeEach(() => tenant.reset());

const p = (alias: string) => findPerson(tenant.org, alias)!;

describe('request pipeline', () => {
  it('counts $batch sub-requests as operations, the envelope as one request and one batch', async () => {
    const tm = p('tm1').id;
    const res = await raw(tenant, 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${tm}/events?$top=1` },
        { id: '2', method: 'GET', url: `/users/${tm}` },
        { id: '3', method: 'GET', url: '/nonsense' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.responses.map((r: any) => r.status)).toEqual([200, 200, 400]);
    const stats = tenant.stats();
    expect(stats).toMatchObject({ requests: 1, batches: 1, graphRequests: 2 });
    expect(stats.byOperation).toEqual({ 'GET /users/{id}/events': 1, 'GET /users/{id}': 1 });
    expect(stats.byMailbox[tm]?.requests).toBe(1);
  });

  it('answers a known path asked with another method 405 and an unknown one 400, neither counted', async () => {
    const wrongMethod = await raw(tenant, 'DELETE', `/users/${p('sw1').id}`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json.error.code).toBe('Request_BadRequest');
    const unknown = await raw(tenant, 'GET', '/nowhere/at/all');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toBe("Resource not found for the segment 'all'.");
    expect(tenant.stats()).toMatchObject({ requests: 2, graphRequests: 0 });
  });

  it('stamps request ids on every answer and repeats them in the error body', async () => {
    const res = await raw(tenant, 'GET', '/users/nobody@northshire.example', undefined, { 'client-request-id': 'mine-1' });
    expect(res.headers.get('client-request-id')).toBe('mine-1');
    expect(res.json.error.innerError['request-id']).toBe(res.headers.get('request-id'));
    const ok = await raw(tenant, 'GET', `/users/${p('sw1').id}`);
    expect(ok.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('client-request-id')).toBe(ok.headers.get('request-id'));
  });

  it('sends no Content-Type with an empty answer', async () => {
    const sent = await raw(tenant, 'POST', `/users/${p('tm1').id}/sendMail`, { message: { subject: 'x', toRecipients: [{ emailAddress: { address: p('sw1').mail } }] } });
    expect(sent.status).toBe(202);
    expect(sent.headers.get('content-type')).toBeNull();
  });

  it("drops the operation's own headers from a lost response", async () => {
    tenant.setFaults({ lostResponseRate: 1 });
    const lost = await raw(tenant, 'POST', `/users/${p('tm1').id}/events`, {
      subject: 'Lost',
      start: { dateTime: '2026-04-01T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-04-01T11:00:00', timeZone: 'UTC' },
    });
    tenant.setFaults({ lostResponseRate: 0 });
    expect(lost.status).toBe(504);
    expect(lost.headers.get('etag')).toBeNull();
    expect(lost.headers.get('location')).toBeNull();
  });

  it("answers the upload URL's errors without innerError, as SharePoint's upload host does", async () => {
    const missing = await fetch(`${tenant.url}/_upload/no-such-session`, { method: 'PUT', headers: { 'content-range': 'bytes 0-0/1' }, body: 'x' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'itemNotFound', message: 'The upload session was not found or has expired.' } });
    const noVersion = await fetch(`${tenant.url}/_upload`);
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as any).error.innerError).toBeDefined();
  });
});
