import { afterAll, beforeAll } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import { silentLogger, type Logger } from '../../src/observability/logger.js';
import type { AzuriteInstance } from '../../src/sandbox/azurite.js';
import { startAzuriteProcess } from '../../src/sandbox/azurite-process.js';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/graph-server.js';

export interface Stack {
  readonly app: RunningApp;
  readonly tenant: SandboxTenant;
  readonly azurite: AzuriteInstance;
  readonly config: Config;
  readonly url: string;
}

/** The whole product in this process: in-memory Azurite, the sandbox tenant and the bot on free ports. */
export async function startStack(env: Record<string, string> = {}, log: Logger = silentLogger): Promise<Stack> {
  const azurite = await startAzuriteProcess();
  const tenant = await startSandboxTenant({ port: 0 });
  const config = parseConfig({
    SUPERVISION_MODE: 'sandbox',
    PORT: '0',
    COUNCIL_NAME: 'Northshire County Council (test)',
    GRAPH_BASE_URL: tenant.graphBaseUrl,
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    ...env,
  });
  let app: RunningApp;
  try {
    app = await startApp(config, log);
  } catch (error) {
    await tenant.close();
    await azurite.close();
    throw error;
  }
  return { app, tenant, azurite, config, url: app.server.url };
}

export async function stopStack(stack: Stack | undefined): Promise<void> {
  if (!stack) return;
  await stack.app.close();
  await stack.tenant.close();
  await stack.azurite.close();
}

export function useStack(env: Record<string, string> = {}, log: Logger = silentLogger): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(env, log);
  });
  afterAll(async () => stopStack(stack));
  return () => {
    if (!stack) throw new Error('stack not started');
    return stack;
  };
}
