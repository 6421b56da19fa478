/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect Graph JSON payloads loosely, as a client reading the wire would */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { graphClient, raw, startTenant } from './helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(async () => {
  await tenant.close();
});
beforeEach(() => {
  tenant.reset();
  tenant.setThrottle({ concurrentPerMailbox: 4, requestsPerWindow: 10_000, windowMs: 600_000, retryAfterSeconds: 1 });
  tenant.setFaults({ errorRate: 0, latencyMs: 0 });
});

const p = (alias: string) => findPerson(tenant.org, alias)!;

function eventBody(i: number, txn?: string) {
  return {
    subject: `Supervision ${i}`,
    start: { dateTime: `2026-05-${String(4 + (i % 20)).padStart(2, '0')}T09:00:00`, timeZone: 'GMT Standard Time' },
    end: { dateTime: `2026-05-${String(4 + (i % 20)).padStart(2, '0')}T10:00:00`, timeZone: 'GMT Standard Time' },
    attendees: [{ type: 'required', emailAddress: { address: p('sw2').mail } }],
    ...(txn ? { transactionId: txn } : {}),
  };
}

describe('getSchedule', () => {
  it('reports busy intervals and an availability view', async () => {
    const client = graphClient(tenant);
    await client.api(`/users/${p('tm1').id}/events`).post({
      subject: 'Court',
      start: { dateTime: '2026-04-14T10:00:00', timeZone: 'GMT Standard Time' },
      end: { dateTime: '2026-04-14T12:00:00', timeZone: 'GMT Standard Time' },
      showAs: 'busy',
    });
    await client.api(`/users/${p('tm1').id}/events`).post({
      subject: 'Maybe',
      start: { dateTime: '2026-04-14T13:00:00', timeZone: 'GMT Standard Time' },
      end: { dateTime: '2026-04-14T14:00:00', timeZone: 'GMT Standard Time' },
      showAs: 'tentative',
    });
    const res = await client
      .api(`/users/${p('tm1').id}/calendar/getSchedule`)
      .header('Prefer', 'outlook.timezone="GMT Standard Time"')
      .post({
        schedules: [p('tm1').mail, p('sw1').mail, 'nobody@northshire.example'],
        startTime: { dateTime: '2026-04-14T09:00:00', timeZone: 'GMT Standard Time' },
        endTime: { dateTime: '2026-04-14T17:00:00', timeZone: 'GMT Standard Time' },
        availabilityViewInterval: 60,
      });
    const [tm, sw, nobody] = res.value;
    expect(tm.scheduleId).toBe(p('tm1').mail);
    const court = tm.scheduleItems.find((i: any) => i.subject === 'Court');
    expect(court.status).toBe('busy');
    expect(court.start).toEqual({ dateTime: '2026-04-14T10:00:00.0000000', timeZone: 'GMT Standard Time' });
    expect(tm.scheduleItems.find((i: any) => i.subject === 'Maybe').status).toBe('tentative');
    expect(tm.availabilityView).toHaveLength(8);
    expect(tm.availabilityView.slice(1, 3)).toBe('22');
    expect(tm.availabilityView.charAt(4)).toMatch(/[12]/);
    expect(sw.availabilityView).toHaveLength(8);
    expect(nobody.error.responseCode).toBe('ErrorMailRecipientNotFound');
  });

  it('shows leave as oof', async () => {
    const leave = tenant.org.events.find((e) => e.showAs === 'oof')!;
    const who = p(leave.organizer);
    const res = await graphClient(tenant)
      .api(`/users/${who.id}/calendar/getSchedule`)
      .post({ schedules: [who.mail], startTime: { dateTime: leave.start, timeZone: 'UTC' }, endTime: { dateTime: leave.end, timeZone: 'UTC' } });
    expect(res.value[0].scheduleItems.some((i: any) => i.status === 'oof')).toBe(true);
    expect(res.value[0].availabilityView).toContain('3');
  });

  it('refuses a window of 62 days or more', async () => {
    const body = (days: number) => ({
      schedules: [p('tm1').mail],
      startTime: { dateTime: '2026-04-01T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: new Date(Date.parse('2026-04-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 19), timeZone: 'UTC' },
    });
    const ok = await raw(tenant, 'POST', `/users/${p('tm1').id}/calendar/getSchedule`, body(61));
    expect(ok.status).toBe(200);
    const tooBig = await raw(tenant, 'POST', `/users/${p('tm1').id}/calendar/getSchedule`, body(62));
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.error.code).toBe('ErrorTimeIntervalTooBig');
  });
});

describe('$batch', () => {
  it('runs 20 requests with dependsOn and reports each one', async () => {
    const client = graphClient(tenant);
    const tm = p('tm1').id;
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      method: 'POST',
      url: `/users/${tm}/events`,
      headers: { 'Content-Type': 'application/json' },
      body: eventBody(i, `batch-agreement:${i}`),
      ...(i % 5 === 0 ? {} : { dependsOn: [String(i)] }),
    }));
    const res = await client.api('/$batch').post({ requests });
    expect(res.responses).toHaveLength(20);
    for (const r of res.responses) {
      expect(r.status).toBe(201);
      expect(r.body.transactionId).toBe(`batch-agreement:${Number(r.id) - 1}`);
    }
    const again = await client.api('/$batch').post({ requests });
    expect(again.responses.map((r: any) => r.body.id).sort()).toEqual(res.responses.map((r: any) => r.body.id).sort());
  });

  it('fails dependants of a failed request with 424', async () => {
    const res = await raw(tenant, 'POST', '/$batch', {
      requests: [
        { id: 'a', method: 'GET', url: `/users/${p('tm1').id}/events/AAMkAGNvcnRoMissingMissingMissing` },
        { id: 'b', method: 'GET', url: `/users/${p('tm1').id}`, dependsOn: ['a'] },
        { id: 'c', method: 'GET', url: `/users/${p('tm1').id}/manager` },
      ],
    });
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.json.responses.map((r: any) => [r.id, r]));
    expect(by.a.status).toBe(404);
    expect(by.a.body.error.code).toBe('ErrorItemNotFound');
    expect(by.b.status).toBe(424);
    expect(by.c.status).toBe(200);
  });

  it("works with the client's BatchRequestContent and carries binary bodies as base64", async () => {
    const { BatchRequestContent, BatchResponseContent } = await import('@microsoft/microsoft-graph-client');
    const client = graphClient(tenant);
    const tm = p('tm3').id;
    const content = new BatchRequestContent([
      { id: '1', request: new Request(`${tenant.graphBaseUrl}/users/${tm}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(eventBody(3, 'brc-1')) }) },
      { id: '2', request: new Request(`${tenant.graphBaseUrl}/users/${tm}/manager`, { method: 'GET' }), dependsOn: ['1'] },
    ]);
    const res = new BatchResponseContent(await client.api('/$batch').post(await content.getContent()));
    expect(res.getResponseById('1').status).toBe(201);
    expect(((await res.getResponseById('2').json()) as any).id).toBe(p('sm2').id);

    const d = tenant.org.site.supervisionLibrary.driveId;
    const upload = await raw(tenant, 'POST', '/$batch', {
      requests: [{ id: 'f', method: 'PUT', url: `/drives/${d}/root:/Employees/b/x.bin:/content`, headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from([1, 2, 3, 250]).toString('base64') }],
    });
    expect(upload.json.responses[0].status).toBe(201);
    expect(upload.json.responses[0].body.size).toBe(4);
  });

  it('refuses 21 requests, duplicate ids and unknown dependencies', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users?$top=1' }));
    const res = await raw(tenant, 'POST', '/$batch', { requests: many });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BadRequest');
    const dup = await raw(tenant, 'POST', '/$batch', { requests: [many[0], many[0]] });
    expect(dup.status).toBe(400);
    const dep = await raw(tenant, 'POST', '/$batch', { requests: [{ ...many[0], dependsOn: ['zzz'] }] });
    expect(dep.status).toBe(400);
  });
});

describe('throttling and faults', () => {
  it('answers 429 with Retry-After beyond the concurrency cap of a mailbox, also inside a batch', async () => {
    tenant.setFaults({ latencyMs: 400 });
    const tm = p('tm1').id;
    const results = await Promise.all(Array.from({ length: 7 }, () => raw(tenant, 'GET', `/users/${tm}/events?$top=1`)));
    const throttled = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    expect(throttled).toHaveLength(3);
    expect(throttled[0]!.headers.get('retry-after')).toBe('1');
    expect(throttled[0]!.json.error.code).toBe('ApplicationThrottled');
    // another mailbox is not affected
    const other = await raw(tenant, 'GET', `/users/${p('sw1').id}/events?$top=1`);
    expect(other.status).toBe(200);

    const batch = await raw(tenant, 'POST', '/$batch', {
      requests: Array.from({ length: 6 }, (_, i) => ({ id: String(i), method: 'GET', url: `/users/${tm}/events?$top=1` })),
    });
    const statuses = batch.json.responses.map((r: any) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const limited = batch.json.responses.find((r: any) => r.status === 429);
    expect(limited.headers['Retry-After']).toBe('1');
    expect(tenant.stats().byMailbox[tm]?.peakConcurrent).toBe(4);
  });

  it('answers 429 when the request budget of the window is spent, and recovers after Retry-After', async () => {
    tenant.setThrottle({ requestsPerWindow: 3, windowMs: 1_000 });
    const sw = p('sw3').id;
    for (let i = 0; i < 3; i++) expect((await raw(tenant, 'GET', `/users/${sw}/events?$top=1`)).status).toBe(200);
    const over = await raw(tenant, 'GET', `/users/${sw}/events?$top=1`);
    expect(over.status).toBe(429);
    const wait = Number(over.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, wait * 1000));
    expect((await raw(tenant, 'GET', `/users/${sw}/events?$top=1`)).status).toBe(200);
    expect(tenant.stats().throttled).toBeGreaterThanOrEqual(1);
  });

  it('injects 503 with Retry-After at the configured rate, deterministically', async () => {
    const run = async () => {
      tenant.setFaults({ errorRate: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await raw(tenant, 'GET', `/users/${p('sw4').id}`)).status);
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
    const cfg = await fetch(`${tenant.url}/_sandbox/config`, { method: 'POST', body: JSON.stringify({ faults: { errorRate: 1 } }) });
    expect(cfg.status).toBe(200);
    const failed = await raw(tenant, 'GET', `/users/${p('sw4').id}`);
    expect(failed.status).toBe(503);
    expect(failed.json.error.code).toBe('serviceNotAvailable');
    expect(failed.headers.get('retry-after')).toBe('1');
    const client = graphClient(tenant);
    tenant.setFaults({ errorRate: 0 });
    expect((await client.api(`/users/${p('sw4').id}`).get()).id).toBe(p('sw4').id);
  });
});

describe('lost responses', () => {
  it('executes the request but answers 504, so a retry with the same transactionId finds the event', async () => {
    const client = graphClient(tenant);
    const tm = p('tm2').id;
    tenant.setFaults({ lostResponseRate: 1, seed: 3 });
    const lost = await raw(tenant, 'POST', `/users/${tm}/events`, eventBody(1, 'lost-1'));
    expect(lost.status).toBe(504);
    tenant.setFaults({ lostResponseRate: 0 });
    const retry = await client.api(`/users/${tm}/events`).post(eventBody(1, 'lost-1'));
    const matching = [...tenant.store.mailbox(tm).values()].filter((e) => e.transactionId === 'lost-1');
    expect(matching.map((e) => e.id)).toEqual([retry.id]);
  });
});
