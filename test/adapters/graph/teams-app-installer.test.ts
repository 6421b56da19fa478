/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's inspection JSON is read loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { createTeamsAppInstaller, readManifestId } from '../../../src/adapters/graph/teams-app-installer.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { findPerson, TEAMS_APP_MANIFEST_ID } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { startTenant } from '../../sandbox/helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });

// The manifest holds ${{TEAMS_APP_ID}}; the sandbox's package fills it from env/.env.sandbox (issue 12).
const manifestId = readManifestId();

describe('installing the app for a person who never opened it (Graph teamwork/installedApps, sandbox tenant)', () => {
  it("the sandbox catalogue's app is the manifest's id", () => {
    expect(TEAMS_APP_MANIFEST_ID).toBe(manifestId);
    expect(readManifestId()).toBe(manifestId);
  });

  it('finds the app by the manifest id, installs it for the person, and a second install is already-installed (409)', async () => {
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
    const installer = createTeamsAppInstaller({ graph, manifestId, graphBaseUrl: tenant.graphBaseUrl });
    const sw = findPerson(tenant.org, 'sw1')!;
    const catalogId = await installer.catalogId();
    expect(catalogId).toBe(tenant.org.teamsApps[0]?.id);
    expect(await installer.install(sw.id)).toBe('installed');
    const installs = (await (await fetch(`${tenant.url}/_sandbox/installedApps`)).json()) as any[];
    expect(installs.filter((i) => i.userId === sw.id).map((i) => i.teamsAppId)).toEqual([catalogId]);
    expect(await installer.install(sw.id)).toBe('already-installed');
    expect(((await (await fetch(`${tenant.url}/_sandbox/installedApps`)).json()) as any[]).filter((i) => i.userId === sw.id)).toHaveLength(1);
  });

  it('an app not in the catalogue or an unknown person: failed, never thrown at the sender', async () => {
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
    const missing = createTeamsAppInstaller({ graph, manifestId: '00000000-0000-4000-8000-000000000000', graphBaseUrl: tenant.graphBaseUrl });
    expect(await missing.install(findPerson(tenant.org, 'sw1')!.id)).toBe('failed');
    const installer = createTeamsAppInstaller({ graph, manifestId, graphBaseUrl: tenant.graphBaseUrl });
    expect(await installer.install('11111111-1111-4111-8111-111111111111')).toBe('failed');
  });
});
