import { existsSync } from 'node:fs';
import type { AuthenticationProvider, Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../adapters/graph/graph-client.js';
import { GraphDirectory } from '../adapters/graph/graph-directory.js';
import { msalTokenProvider, sandboxTokenProvider } from '../adapters/graph/token-providers.js';
import { tenantCredentials, type TenantCredentials } from '../adapters/identity/tenant-credentials.js';
import { createStorage, type AppStorage, type StorageTarget } from '../adapters/storage/index.js';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { AppError } from '../domain/errors.js';
import { readSandboxEndpoints } from '../sandbox/endpoints-file.js';

/** What the CLI commands that touch the tenant (import, report, doctor, setup) run against. */
export interface CliRuntime {
  readonly config: Config;
  readonly storage: AppStorage;
  readonly graph: Client;
  readonly directory: GraphDirectory;
  readonly graphBaseUrl: string;
  /** The Graph token provider the client uses (for `supervision doctor`). */
  readonly tokens: AuthenticationProvider;
  /** How Storage is reached (connection string, or account URLs with a token credential). */
  readonly storageTarget: StorageTarget | string;
  /** Tenant mode's credentials. */
  readonly credentials?: TenantCredentials;
}

function connections(config: Config): { connectionString?: string; graphBaseUrl: string } {
  if (config.SUPERVISION_MODE === 'tenant') return { graphBaseUrl: config.GRAPH_BASE_URL };
  if (config.AZURE_STORAGE_CONNECTION_STRING && config.GRAPH_BASE_URL) {
    return { connectionString: config.AZURE_STORAGE_CONNECTION_STRING, graphBaseUrl: config.GRAPH_BASE_URL };
  }
  if (config.SUPERVISION_MODE === 'sandbox') {
    const running = readSandboxEndpoints(config.DATA_DIR);
    if (running) return running;
    throw new AppError('precondition_failed', 'the sandbox is not running: start it with `npm start` in another terminal, then run the command again');
  }
  throw new AppError('invalid_input', 'Configuration error: AZURE_STORAGE_CONNECTION_STRING and GRAPH_BASE_URL are needed');
}

/** Configuration as the app reads it (ENV_FILE, else env/.env.sandbox when present), then the clients. */
export function openRuntime(env: Record<string, string | undefined>): CliRuntime {
  const envFile = env.ENV_FILE || (existsSync('env/.env.sandbox') ? 'env/.env.sandbox' : undefined);
  const config = loadConfig({ env, ...(envFile ? { envFile } : {}) });
  const { connectionString, graphBaseUrl } = connections(config);
  // Tenant mode: the credentials CREDENTIAL_TYPE picks, as the app itself uses them.
  const credentials = config.SUPERVISION_MODE === 'tenant' ? tenantCredentials(config) : undefined;
  const storageTarget = credentials?.storage ?? connectionString;
  if (!storageTarget) throw new AppError('invalid_input', 'Configuration error: AZURE_STORAGE_CONNECTION_STRING is missing');
  const tokens = credentials ? msalTokenProvider(credentials.app, graphBaseUrl) : sandboxTokenProvider();
  const graph = createGraphClient({ baseUrl: graphBaseUrl, tokens });
  return { config, storage: createStorage(storageTarget), graph, directory: new GraphDirectory(graph), graphBaseUrl, tokens, storageTarget, ...(credentials ? { credentials } : {}) };
}
