/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect Graph JSON payloads loosely, as a client reading the wire would */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/sandbox/demo-org.js';
import { graphClient, raw, startTenant } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-tenant-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps events, transactionIds, files and metadata columns, and delta tokens across a restart', async () => {
    const persistPath = join(dir, 'state', 'graph.json');
    const first = await startTenant({ persistPath, persistDebounceMs: 20 });
    const tm1 = findPerson(first.org, 'tm1')!;
    const client = graphClient(first);
    const ev = await client.api(`/users/${tm1.id}/events`).post({
      subject: 'Supervision',
      transactionId: 'persist-1',
      start: { dateTime: '2026-04-09T10:00:00', timeZone: 'GMT Standard Time' },
      end: { dateTime: '2026-04-09T11:00:00', timeZone: 'GMT Standard Time' },
    });
    const file = await raw(first, 'PUT', `/drives/${first.org.site.supervisionLibrary.driveId}/root:/Employees/a/b.json:/content`, '{"a":1}', { 'content-type': 'application/json' });
    await client.api(`/drives/${first.org.site.supervisionLibrary.driveId}/items/${file.json.id}/listItem/fields`).patch({ RecordType: 'Supervision record' });
    const deltaLink: string = (await raw(first, 'GET', `/users/${tm1.id}/calendarView/delta?startDateTime=2026-04-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z&$top=1000`, undefined, { prefer: 'odata.maxpagesize=1000' })).json['@odata.deltaLink'];
    await first.close();
    const saved = JSON.parse(await readFile(persistPath, 'utf8'));
    expect(saved.format).toBe('supervision-sandbox-tenant');

    const second = await startTenant({ persistPath, port: 0 });
    try {
      const c2 = graphClient(second);
      const again = await c2.api(`/users/${tm1.id}/events/${ev.id}`).get();
      expect(again.subject).toBe('Supervision');
      const dup = await c2.api(`/users/${tm1.id}/events`).post({ subject: 'Supervision', transactionId: 'persist-1', start: { dateTime: '2026-04-09T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-04-09T11:00:00', timeZone: 'UTC' } });
      expect(dup.id).toBe(ev.id);
      const fields = await c2.api(`/drives/${second.org.site.supervisionLibrary.driveId}/items/${file.json.id}/listItem/fields`).get();
      expect(fields.RecordType).toBe('Supervision record');
      // A delta link from before the restart still works: nothing has changed since.
      const after = await raw(second, 'GET', deltaLink.slice(deltaLink.indexOf('/v1.0') + 5));
      expect(after.status).toBe(200);
      expect(after.json.value).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('inspection endpoints', () => {
  it('serve an HTML index and JSON views, and reset the tenant', async () => {
    const tenant = await startTenant();
    try {
      const html = await fetch(`${tenant.url}/_sandbox/`);
      expect(html.headers.get('content-type')).toContain('text/html');
      expect(await html.text()).toContain('Northshire');
      const mailboxes = (await (await fetch(`${tenant.url}/_sandbox/mailboxes`)).json()) as any;
      expect(mailboxes).toHaveLength(tenant.org.people.length);
      const sw1 = mailboxes.find((m: any) => m.alias === 'sw1');
      expect(sw1.events).toBeGreaterThan(0);
      const events = (await (await fetch(`${tenant.url}/_sandbox/mailboxes/sw1/events`)).json()) as any;
      expect(events).toHaveLength(sw1.events);
      expect(events[0].start.timeZone).toBe('Europe/London');
      const stats = (await (await fetch(`${tenant.url}/_sandbox/stats`)).json()) as any;
      expect(stats).toHaveProperty('throttled');
      await raw(tenant, 'POST', `/users/${sw1.id}/events`, { subject: 'y', transactionId: 'bench:1', start: { dateTime: '2026-04-02T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-04-02T11:00:00', timeZone: 'UTC' } });
      const listed = (await (await fetch(`${tenant.url}/_sandbox/events?organizerOnly=true&transactionIdPrefix=bench:`)).json()) as any;
      expect(listed).toHaveLength(1);
      expect(listed[0].mailbox).toBe(sw1.id);
      expect(tenant.stats().byOperation['POST /users/{id}/events']).toBe(1);
      await raw(tenant, 'DELETE', `/users/${sw1.id}/events/${listed[0].id}`);
      await raw(tenant, 'POST', `/users/${sw1.id}/events`, { subject: 'x', start: { dateTime: '2026-04-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-04-01T11:00:00', timeZone: 'UTC' } });
      expect(tenant.store.mailbox(sw1.id).size).toBe(sw1.events + 1);
      const reset = await fetch(`${tenant.url}/_sandbox/reset`, { method: 'POST' });
      expect(reset.status).toBe(204);
      expect(tenant.store.mailbox(sw1.id).size).toBe(sw1.events);
    } finally {
      await tenant.close();
    }
  });
});
