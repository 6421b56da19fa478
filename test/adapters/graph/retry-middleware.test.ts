import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import type { RetryClock } from '../../../src/adapters/retry.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());
afterEach(() => {
  tenant.setFaults({ errorRate: 0, lostResponseRate: 0 });
  tenant.setThrottle({ requestsPerWindow: 10_000, windowMs: 600_000 });
});

/** Records each wait and returns at once, so the limits can be seen without the waiting. */
function instantClock(): RetryClock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 };
}

function eventsPath(alias: string): string {
  return `/users/${findPerson(tenant.org, alias)?.id}/events`;
}

describe('the Graph client retries through the retry module', () => {
  it("a 503's Retry-After is the wait too (Graph throttles with 503 as well), and retries stop after maxRetries", async () => {
    const clock = instantClock();
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1, maxRetries: 3, clock });
    tenant.setFaults({ errorRate: 1, retryAfterSeconds: 2 });
    const before = tenant.stats().faulted;
    await expect(graph.api(eventsPath('sw1')).top(1).get()).rejects.toMatchObject({ statusCode: 503 });
    expect(tenant.stats().faulted - before).toBe(4);
    expect(clock.sleeps).toEqual([2_000, 2_000, 2_000]);
  });

  it('a 504 without Retry-After backs off exponentially, jittered: 1 s doubling, at three quarters with random 0.5', async () => {
    const clock = instantClock();
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1, maxRetries: 3, clock });
    // A lost response is a 504 without Retry-After.
    tenant.setFaults({ lostResponseRate: 1 });
    await expect(graph.api(eventsPath('sw6')).top(1).get()).rejects.toMatchObject({ statusCode: 504 });
    expect(clock.sleeps).toEqual([750, 1_500, 3_000]);
  });

  it("a 429's Retry-After is the wait; one longer than 180 s is not waited for, the 429 reaches the caller", async () => {
    const clock = instantClock();
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), maxRetries: 2, clock });
    // One request per window: the first fills it, the next are throttled until the window moves on.
    tenant.setThrottle({ requestsPerWindow: 1, windowMs: 1_000 });
    await graph.api(eventsPath('sw2')).top(1).get();
    await expect(graph.api(eventsPath('sw2')).top(1).get()).rejects.toMatchObject({ statusCode: 429 });
    expect(clock.sleeps).toEqual([1_000, 1_000]);

    const patient = instantClock();
    const long = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), clock: patient });
    // A ten-minute window: Graph would say Retry-After 600.
    tenant.setThrottle({ requestsPerWindow: 1, windowMs: 600_000 });
    await long.api(eventsPath('sw3')).top(1).get();
    await expect(long.api(eventsPath('sw3')).top(1).get()).rejects.toMatchObject({ statusCode: 429 });
    expect(patient.sleeps).toEqual([]);
  });

  it('a request may turn retries off (the calendar does: it retries each batch sub-request itself)', async () => {
    const clock = instantClock();
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), clock });
    tenant.setFaults({ errorRate: 1, retryAfterSeconds: 0 });
    const before = tenant.stats().faulted;
    await expect(graph.api(eventsPath('sw4')).top(1).middlewareOptions([new RetryHandlerOptions(0, 0)]).get()).rejects.toMatchObject({ statusCode: 503 });
    expect(tenant.stats().faulted - before).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a write is resent with its body after a 503, and succeeds', async () => {
    const clock = instantClock();
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), clock });
    tenant.setFaults({ errorRate: 0.5, retryAfterSeconds: 0, seed: 3 });
    const created = (await graph.api(eventsPath('sw5')).post({ subject: 'retry body', start: { dateTime: '2026-07-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-07-01T10:00:00', timeZone: 'UTC' } })) as { subject?: string };
    expect(created.subject).toBe('retry body');
  });
});
