/**
 * The Graph contract against a real tenant: `npm run test:tenant` (scripts/test-tenant.mjs), never
 * in `npm test`. The tenant env file is the app's own (env/.env.tenant.example) with, for the
 * contract, CONTRACT_SUPERVISOR (a supervisor's UPN or id), CONTRACT_SUPERVISEE (one of their direct
 * reports), SHAREPOINT_SITE and NOTIFICATIONS_MAILBOX.
 */
import { beforeAll } from 'vitest';
import { z } from 'zod';
import { createGraphClient } from '../../src/adapters/graph/graph-client.js';
import { readManifestId } from '../../src/adapters/graph/teams-app-installer.js';
import { msalTokenProvider } from '../../src/adapters/graph/token-providers.js';
import { tenantCredentials } from '../../src/adapters/identity/tenant-credentials.js';
import { loadConfig, readEnvFile } from '../../src/config/load-config.js';
import { graphContract, type ContractTarget } from './graph-contract.js';

const ZContract = z.object({
  CONTRACT_SUPERVISOR: z.string().min(1, 'CONTRACT_SUPERVISOR: a supervisor’s UPN or id'),
  CONTRACT_SUPERVISEE: z.string().min(1, 'CONTRACT_SUPERVISEE: one of their direct reports'),
  NOTIFICATIONS_MAILBOX: z.string().min(1, 'NOTIFICATIONS_MAILBOX: the mailbox the app sends from'),
  SHAREPOINT_SITE: z.string().min(1, 'SHAREPOINT_SITE: the supervision site'),
});

let target: ContractTarget;
beforeAll(async () => {
  const envFile = process.env.TENANT_ENV_FILE ?? 'env/.env.tenant';
  const config = loadConfig({ envFile });
  if (config.SUPERVISION_MODE !== 'tenant') throw new Error(`${envFile} must say SUPERVISION_MODE=tenant`);
  const parsed = ZContract.safeParse({ ...readEnvFile(envFile), ...process.env });
  if (!parsed.success) throw new Error(`${envFile} lacks ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const tokens = msalTokenProvider(tenantCredentials(config).app, config.GRAPH_BASE_URL);
  const graph = createGraphClient({ baseUrl: config.GRAPH_BASE_URL, tokens });
  const idOf = async (who: string) => ((await graph.api(`/users/${encodeURIComponent(who)}`).select('id').get()) as { id: string }).id;
  target = {
    graph,
    graphBaseUrl: config.GRAPH_BASE_URL,
    tokens,
    supervisorId: await idOf(parsed.data.CONTRACT_SUPERVISOR),
    superviseeId: await idOf(parsed.data.CONTRACT_SUPERVISEE),
    site: parsed.data.SHAREPOINT_SITE,
    library: config.SHAREPOINT_LIBRARY,
    manifestId: readManifestId('appPackage/manifest.json', envFile),
    mailbox: parsed.data.NOTIFICATIONS_MAILBOX,
  };
});

graphContract('the tenant in the env file', () => target);
