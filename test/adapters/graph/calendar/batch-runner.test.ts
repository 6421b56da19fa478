import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBatches, type BatchPlan, type Batching } from '../../../../src/adapters/graph/calendar/batch-runner.js';
import { emptyStats } from '../../../../src/adapters/graph/calendar/calendar-stats.js';
import type { CalendarContext } from '../../../../src/adapters/graph/calendar/graph-request.js';
import { MailboxLimiter } from '../../../../src/adapters/graph/calendar/mailbox-limiter.js';
import { defaultRetryPolicy, type RetryPolicy } from '../../../../src/adapters/graph/calendar/retry-policy.js';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../../src/adapters/graph/token-providers.js';
import { silentLogger } from '../../../../src/observability/logger.js';
import { findPerson } from '../../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../../src/sandbox/graph-server.js';
import { fastRetry } from './helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z', faults: { latencyMs: 2 } });
});
afterAll(() => tenant.close());
afterEach(() => {
  tenant.setFaults({ errorRate: 0, lostResponseRate: 0 });
  tenant.setThrottle({ requestsPerWindow: 10_000, windowMs: 600_000 });
});

function idOf(alias: string): string {
  const p = findPerson(tenant.org, alias);
  if (!p) throw new Error(`no ${alias} in the demo org`);
  return p.id;
}

/** A GET of one mailbox's first event: idempotent, so the sandbox's counters show every resend. */
interface Probe {
  readonly mailbox: string;
  readonly tag: number;
}

function context(retry: Partial<RetryPolicy> = {}) {
  const sleeps: number[] = [];
  const ctx: CalendarContext = {
    client: createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() }),
    limiter: new MailboxLimiter(4),
    policy: { ...defaultRetryPolicy, ...fastRetry, random: () => 0.5, ...retry },
    stats: emptyStats(),
    log: silentLogger,
    sleep: async (ms) => {
      sleeps.push(ms);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
    },
  };
  return { ctx, sleeps };
}

function probePlan(batching: Batching, sent: number[][] = []): BatchPlan<Probe, { tag: number; events: number }> {
  return {
    batching,
    mailboxOf: (p) => p.mailbox,
    request: (p) => ({ method: 'GET', url: `/users/${encodeURIComponent(p.mailbox)}/events?$top=1&$select=id` }),
    read: (p, body) => ((body as { value?: unknown[] } | undefined)?.value ? { tag: p.tag, events: (body as { value: unknown[] }).value.length } : undefined),
    incompleteReason: 'no value',
    onSend: (probes) => void sent.push(probes.map((p) => p.tag)),
  };
}

const parallel: Batching = { kind: 'parallel', maxBatch: 20 };
const sequential = (size: number): Batching => ({ kind: 'sequential', sizes: (n) => Array.from({ length: Math.ceil(n / size) }, (_, i) => Math.min(size, n - i * size)) });

describe('batch runner against the sandbox tenant', () => {
  it('parallel batches: at most 20 sub-requests, no mailbox twice in one, results in input order', async () => {
    const { ctx } = context();
    const mailboxes = ['sw1', 'sw2', 'sw3', 'tm1', 'tm2'].map(idOf);
    // 45 probes: 9 per mailbox, so at least 9 batches whatever the order.
    const probes = Array.from({ length: 45 }, (_, tag) => ({ mailbox: mailboxes[tag % mailboxes.length]!, tag }));
    const sent: number[][] = [];
    const before = tenant.stats();
    const results = await runBatches(ctx, probes, probePlan(parallel, sent));
    expect(results.map((r) => (r.ok ? r.value.tag : -1))).toEqual(probes.map((p) => p.tag));
    for (const batch of sent) {
      expect(batch.length).toBeLessThanOrEqual(20);
      const inBatch = batch.map((tag) => probes[tag]!.mailbox);
      expect(new Set(inBatch).size).toBe(inBatch.length);
    }
    expect(tenant.stats().batches - before.batches).toBe(sent.length);
    expect(ctx.stats.httpRequests).toBe(sent.length);
    expect(ctx.stats.retries).toBe(0);
  });

  it('a throttled sub-request (429 inside the batch) is resent alone, after its Retry-After; the others are not resent', async () => {
    const { ctx, sleeps } = context();
    const mailboxes = ['sw4', 'sw5', 'tm3'].map(idOf);
    const probes = mailboxes.flatMap((mailbox, i) => [{ mailbox, tag: 2 * i }, { mailbox, tag: 2 * i + 1 }]);
    // One request per mailbox per 1.5 s: each mailbox's second probe is throttled in the first round.
    tenant.setThrottle({ requestsPerWindow: 1, windowMs: 1500, retryAfterSeconds: 1 });
    const before = tenant.stats();
    const started = Date.now();
    const results = await runBatches(ctx, probes, probePlan(parallel));
    const throttled = tenant.stats().throttled - before.throttled;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(throttled).toBeGreaterThanOrEqual(mailboxes.length);
    expect(ctx.stats.throttled).toBe(throttled);
    // Every sub-request Graph saw was either a first send or the resend of a throttled one.
    expect(ctx.stats.retries).toBe(throttled);
    expect(ctx.stats.retryReasons).toEqual({ 'throttled (429)': throttled });
    expect(tenant.stats().graphRequests - before.graphRequests).toBe(probes.length + throttled);
    // The sandbox asks for the rest of its window (2 s); the runner waits it out before resending.
    expect(Math.max(...sleeps)).toBeGreaterThanOrEqual(1_500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it('503s inside batches (with Retry-After) are resent alone until answered', async () => {
    const { ctx } = context();
    const mailboxes = ['sw6', 'sw7', 'tm4', 'sp1'].map(idOf);
    const probes = Array.from({ length: 24 }, (_, tag) => ({ mailbox: mailboxes[tag % mailboxes.length]!, tag }));
    tenant.setFaults({ errorRate: 0.3, retryAfterSeconds: 1, seed: 5 });
    const before = tenant.stats();
    const results = await runBatches(ctx, probes, probePlan(parallel));
    const faulted = tenant.stats().faulted - before.faulted;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(faulted).toBeGreaterThan(0);
    expect(ctx.stats.retries).toBe(faulted);
    expect(tenant.stats().graphRequests - before.graphRequests).toBe(probes.length + faulted);
  });

  it('a sub-request Graph refuses fails alone with its Graph code; in a sequential batch the ones after it are resent without spending an attempt (424)', async () => {
    const { ctx } = context({ maxAttempts: 1 });
    const mailbox = idOf('sm1');
    const probes: Probe[] = [
      { mailbox, tag: 0 },
      { mailbox: '00000000-0000-0000-0000-00000000dead', tag: 1 },
      { mailbox, tag: 2 },
      { mailbox, tag: 3 },
    ];
    const plan = { ...probePlan(sequential(4)), mailboxOf: () => mailbox };
    const results = await runBatches(ctx, probes, plan);
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, failure: { status: 404, gaveUp: false, attempts: 1, reason: expect.stringMatching(/^HTTP 404 \w+$/) } });
    // maxAttempts 1: had the 424 cost an attempt, these would have failed instead of being resent.
    expect(results[2]).toMatchObject({ ok: true });
    expect(results[3]).toMatchObject({ ok: true });
    expect(ctx.stats.retryReasons).toEqual({ 'HTTP 424 (not run)': 2 });
  });

  it('gives up after the attempt limit, reporting each sub-request instead of throwing', async () => {
    const { ctx } = context({ maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 });
    const probes = [0, 1, 2].map((tag) => ({ mailbox: idOf('sp2'), tag }));
    tenant.setFaults({ errorRate: 1, retryAfterSeconds: 0 });
    const before = tenant.stats();
    const results = await runBatches(ctx, probes, probePlan(sequential(3)));
    for (const r of results) expect(r).toEqual({ ok: false, failure: { status: 503, reason: 'HTTP 503', attempts: 3, gaveUp: true } });
    // Each of the three ran three times; a 424 behind a failed link spends no attempt, so it takes more rounds.
    expect(tenant.stats().faulted - before.faulted).toBe(9);
  });

  it('gives up when the next wait would pass the time limit', async () => {
    const { ctx } = context({ maxAttempts: 10, maxElapsedMs: 1_500 });
    tenant.setFaults({ errorRate: 1, retryAfterSeconds: 1 });
    const results = await runBatches(ctx, [{ mailbox: idOf('sp3'), tag: 0 }], probePlan(parallel));
    // Sent at 0, resent at 1 s; a second resend at 2 s would be past 1.5 s.
    expect(results).toEqual([{ ok: false, failure: { status: 503, reason: 'HTTP 503', attempts: 2, gaveUp: true } }]);
  });

  it('onFailure may stop the whole run (free/busy cannot use a partial answer)', async () => {
    const { ctx } = context();
    const probes = [
      { mailbox: idOf('sw1'), tag: 0 },
      { mailbox: '00000000-0000-0000-0000-00000000beef', tag: 1 },
    ];
    const plan = {
      ...probePlan(parallel),
      onFailure: () => {
        throw new Error('stop');
      },
    };
    await expect(runBatches(ctx, probes, plan)).rejects.toThrow('stop');
  });
});
