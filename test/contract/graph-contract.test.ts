/**
 * The Graph contract against the sandbox tenant (issue 11), in `npm test`: the same suite
 * `npm run test:tenant` runs against a council's tenant (graph-contract.tenant.ts).
 */
import { afterAll, beforeAll } from 'vitest';
import { createGraphClient } from '../../src/adapters/graph/graph-client.js';
import { DEFAULT_SUPERVISION_LIBRARY } from '../../src/adapters/graph/sharepoint/supervision-library.js';
import { readManifestId } from '../../src/adapters/graph/teams-app-installer.js';
import { sandboxTokenProvider } from '../../src/adapters/graph/token-providers.js';
import { findPerson } from '../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { startTenant } from '../sandbox/helpers.js';
import { graphContract, type ContractTarget } from './graph-contract.js';

let tenant: SandboxTenant;
let target: ContractTarget;
beforeAll(async () => {
  // The sandbox's clock runs with the real one: the suite makes events a year ahead of now.
  tenant = await startTenant({ now: new Date().toISOString() });
  const tokens = sandboxTokenProvider();
  target = {
    graph: createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens, retryDelaySeconds: 0 }),
    graphBaseUrl: tenant.graphBaseUrl,
    tokens,
    supervisorId: findPerson(tenant.org, 'tm1')!.id,
    superviseeId: findPerson(tenant.org, 'sw1')!.id,
    site: 'northshire.sharepoint.example:/sites/supervision',
    library: DEFAULT_SUPERVISION_LIBRARY,
    manifestId: readManifestId(),
    mailbox: findPerson(tenant.org, 'tm1')!.mail,
  };
});
afterAll(async () => {
  await tenant.close();
});

graphContract('the sandbox tenant', () => target);
