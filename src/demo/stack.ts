import { startApp, type RunningApp } from '../app.js';
import { parseConfig, readEnvFile } from '../config/load-config.js';
import { silentLogger } from '../observability/logger.js';
import { startAzuriteProcess } from '../sandbox/azurite-process.js';
import { BotDriver } from '../sandbox/bot-driver.js';
import { ConnectorChannel } from '../sandbox/connector-channel.js';
import { startSandboxTenant, type SandboxTenant } from '../sandbox/graph-server.js';

export interface DemoStack {
  readonly app: RunningApp;
  readonly tenant: SandboxTenant;
  readonly bot: BotDriver;
  readonly connectionString: string;
  close(): Promise<void>;
}

/**
 * What `npm start` runs, minus the Playground: Azurite (in memory), the sandbox tenant and the bot,
 * on free loopback ports, with a Connector channel standing in for Teams. Nothing is kept.
 */
export async function startDemoStack(env: Record<string, string> = {}): Promise<DemoStack> {
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const azurite = await startAzuriteProcess();
    stops.push(() => azurite.close());
    const tenant = await startSandboxTenant({ port: 0 });
    stops.push(() => tenant.close());
    const channel = await new ConnectorChannel().start();
    stops.push(() => channel.stop());
    const config = parseConfig({
      ...readEnvFile('env/.env.sandbox'),
      PORT: '0',
      GRAPH_BASE_URL: tenant.graphBaseUrl,
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      ...env,
    });
    const app = await startApp(config, silentLogger);
    stops.push(() => app.close());
    return { app, tenant, bot: new BotDriver(app.server.url, channel), connectionString: azurite.connectionString, close };
  } catch (error) {
    await close();
    throw error;
  }
}
