/**
 * The bot alone: `node dist/main.js` in a council's deployment (tenant mode), `npm run serve`
 * against sandbox parts that already run or a developer's tenant. Configuration comes from the
 * environment, optionally from ENV_FILE.
 */
import { loadConfig } from './config/load-config.js';
import { createLogger } from './observability/logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env.ENV_FILE ? { envFile: process.env.ENV_FILE } : {});
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const log = createLogger(config.LOG_LEVEL);
  // The app (the SDKs behind it) loads only once the configuration holds: a wrong setting fails at once.
  const { startApp } = await import('./app.js');
  const app = await startApp(config, log);
  process.stdout.write(`Supervision Assistant (${config.SUPERVISION_MODE} mode) listening on ${app.server.url}\n`);
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((error: unknown) => {
  process.stderr.write(`Startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
