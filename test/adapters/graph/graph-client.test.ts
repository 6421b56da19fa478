import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());

function client(options: { maxRetries?: number } = {}) {
  return createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1, ...options });
}

describe('Graph client against the sandbox tenant', () => {
  it('reads a person, their manager and their direct reports through the directory', async () => {
    const directory = new GraphDirectory(client());
    const sw = findPerson(tenant.org, 'sw1');
    const person = await directory.getPerson(sw?.id ?? '');
    expect(person?.displayName).toBe(sw?.displayName);
    const manager = await directory.getManager(sw?.id ?? '');
    const expectedManager = findPerson(tenant.org, sw?.managerAlias ?? '');
    expect(manager?.id).toBe(expectedManager?.id);
    const reports = await directory.getDirectReports(manager?.id ?? '');
    expect(reports.map((r) => r.id)).toContain(sw?.id);
  });

  it('an unknown person is undefined, not an error', async () => {
    const directory = new GraphDirectory(client());
    expect(await directory.getPerson('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('a call that meets 429 waits for Retry-After and then succeeds', async () => {
    const sw = findPerson(tenant.org, 'sw1');
    const path = `/users/${sw?.id}/events`;
    tenant.setThrottle({ requestsPerWindow: 1, windowMs: 1500, retryAfterSeconds: 1 });
    try {
      const graph = client();
      await graph.api(path).top(1).get();
      const throttledBefore = tenant.stats().throttled;
      const started = performance.now();
      const page = (await graph.api(path).top(1).get()) as { value: unknown[] };
      const waited = performance.now() - started;
      expect(Array.isArray(page.value)).toBe(true);
      expect(tenant.stats().throttled).toBeGreaterThan(throttledBefore);
      expect(waited).toBeGreaterThanOrEqual(900);
    } finally {
      tenant.setThrottle({ requestsPerWindow: 10_000, windowMs: 600_000 });
    }
  });

  it('without retries the 429 surfaces as a Graph error with its status', async () => {
    // Another mailbox: the budget is counted per mailbox, and sw1's window is still warm.
    const sw = findPerson(tenant.org, 'sm1');
    const path = `/users/${sw?.id}/events`;
    tenant.setThrottle({ requestsPerWindow: 1, windowMs: 5000, retryAfterSeconds: 5 });
    try {
      const graph = client({ maxRetries: 0 });
      await graph.api(path).top(1).get();
      await expect(graph.api(path).top(1).get()).rejects.toMatchObject({ statusCode: 429 });
    } finally {
      tenant.setThrottle({ requestsPerWindow: 10_000, windowMs: 600_000 });
    }
  });

  it('a 503 from fault injection is retried until the service answers', async () => {
    tenant.setFaults({ errorRate: 0.5, seed: 7, retryAfterSeconds: 1 });
    try {
      const directory = new GraphDirectory(client({ maxRetries: 10 }));
      const dir = findPerson(tenant.org, 'dir');
      for (let i = 0; i < 4; i++) expect((await directory.getPerson(dir?.id ?? ''))?.id).toBe(dir?.id);
    } finally {
      tenant.setFaults({ errorRate: 0 });
    }
  });
});
