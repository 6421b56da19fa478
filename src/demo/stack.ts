import { startApp, type RunningApp } from '../app.js';
import { TravellingClock } from '../clock.js';
import { parseConfig, readEnvFile } from '../config/load-config.js';
import { silentLogger } from '../observability/logger.js';
import { startAzuriteProcess } from '../sandbox/azurite-process.js';
import { BotDriver } from '../sandbox/bot-driver.js';
import { ConnectorChannel } from '../sandbox/connector-channel.js';
import { startSandboxTenant, type SandboxTenant } from '../sandbox/graph-server.js';

export interface DemoStack {
  /** The running bot; replaced by restartApp(). */
  readonly app: RunningApp;
  readonly tenant: SandboxTenant;
  readonly bot: BotDriver;
  readonly connectionString: string;
  /** Stops the bot and starts it again on the same storage, tenant and clock (a deploy or a crash). */
  restartApp(): Promise<void>;
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
    const clock = new TravellingClock();
    let app = await startApp(config, silentLogger, { clock });
    stops.push(() => app.close());
    const bot = new BotDriver(app.server.url, channel);
    return {
      get app() {
        return app;
      },
      tenant,
      bot,
      connectionString: azurite.connectionString,
      async restartApp() {
        await app.close();
        app = await startApp(config, silentLogger, { clock });
        bot.botUrl = app.server.url;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
