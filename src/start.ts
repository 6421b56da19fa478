/**
 * `npm start`: the whole product on this machine with no Microsoft 365 account — Azurite, the
 * sandbox tenant, the bot and the Microsoft 365 Agents Playground, all on loopback. Ctrl-C stops
 * everything it started. Data lives under DATA_DIR (default .data/) so a restart loses nothing.
 */
import { resolve } from 'node:path';
import { startApp } from './app.js';
import { loadConfig } from './config/load-config.js';
import type { SandboxConfig } from './config/schema.js';
import { isAppError } from './domain/errors.js';
import { createLogger } from './observability/logger.js';
import { launchPlayground } from './playground/launch-playground.js';
import { startAzuriteProcess } from './sandbox/azurite-process.js';
import { describePerson, findPerson, type DemoPerson } from './sandbox/demo-org.js';
import { removeSandboxEndpoints, writeSandboxEndpoints } from './sandbox/endpoints-file.js';
import { startSandboxTenant } from './sandbox/graph-server.js';
import { tabHostFor } from './sandbox/tab-host/for-tenant.js';
import { hostAddress } from './sandbox/tab-host/routes.js';
import { esbuildAssets } from './tab/build/esbuild-assets.js';

type Stoppable = { name: string; stop: () => Promise<void> };

function toPlaygroundUser(p: DemoPerson, index: number) {
  return {
    id: `user-${index}`,
    name: p.displayName,
    userPrincipalName: p.userPrincipalName,
    aadObjectId: p.id,
    givenName: p.givenName,
    surname: p.surname,
    email: p.mail,
  };
}

async function main(): Promise<void> {
  const envFile = process.env.ENV_FILE ?? 'env/.env.sandbox';
  const loaded = loadConfig({ envFile });
  if (loaded.SUPERVISION_MODE !== 'sandbox') {
    throw new Error(`Configuration error: SUPERVISION_MODE is ${loaded.SUPERVISION_MODE}; npm start runs the sandbox. Use npm run serve for a tenant.`);
  }
  const log = createLogger(loaded.LOG_LEVEL);
  const dataDir = resolve(loaded.DATA_DIR);
  const running: Stoppable[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping…\n');
    for (const part of running.reverse()) {
      try {
        await part.stop();
      } catch (error) {
        log.warn('start.stop_failed', { part: part.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const azurite = await startAzuriteProcess({ location: resolve(dataDir, 'azurite') });
    running.push({ name: 'azurite', stop: () => azurite.close() });

    const tenant = await startSandboxTenant({ port: loaded.SANDBOX_GRAPH_PORT, persistPath: resolve(dataDir, 'sandbox', 'tenant.json') });
    running.push({ name: 'sandbox tenant', stop: () => tenant.close() });
    const org = tenant.org;
    const person = findPerson(org, loaded.SANDBOX_PERSON);
    if (!person) {
      throw new Error(`Configuration error: SANDBOX_PERSON is malformed; expected one of ${org.people.map((p) => p.alias).join(', ')}`);
    }

    const config: SandboxConfig = { ...loaded, GRAPH_BASE_URL: tenant.graphBaseUrl, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString };
    writeSandboxEndpoints(dataDir, { connectionString: azurite.connectionString, graphBaseUrl: tenant.graphBaseUrl });
    running.push({ name: 'endpoints file', stop: async () => removeSandboxEndpoints(dataDir) });
    // The tab and the local Teams-like host that shows it (issue 13): bundled on first use.
    const app = await startApp(config, log, { tabAssets: esbuildAssets(), mount: tabHostFor(tenant, config.COUNCIL_NAME) });
    running.push({ name: 'bot', stop: () => app.close() });

    // The Playground accepts at most five other users: the people this person works with most.
    const byAlias = (alias: string | undefined) => org.people.find((p) => p.alias === alias);
    const manager = byAlias(person.managerAlias);
    const candidates = [
      manager,
      byAlias(manager?.managerAlias),
      ...org.people.filter((p) => p.managerAlias === person.alias),
      ...org.people.filter((p) => p.managerAlias === person.managerAlias && p.id !== person.id),
    ];
    const others = [...new Map(candidates.filter((p): p is DemoPerson => p !== undefined).map((p) => [p.id, p])).values()].slice(0, 5);
    const playground = await launchPlayground({
      botEndpoint: `${app.server.url}/api/messages`,
      port: loaded.PLAYGROUND_PORT,
      dataDir,
      tenantId: org.tenantId,
      botId: config.TEAMS_APP_ID,
      currentUser: toPlaygroundUser(person, 0),
      otherUsers: others.map((p, i) => toPlaygroundUser(p, i + 1)),
      onOutput: (line) => log.debug('playground.output', { line: line.slice(0, 300) }),
    });
    running.push({ name: 'playground', stop: () => playground.stop() });
    playground.process.once('exit', () => void stopAll(0));

    process.stdout.write(
      [
        '',
        `Supervision Assistant is running in SANDBOX mode for ${config.COUNCIL_NAME}.`,
        `  Open ${playground.url} in your browser to chat with the bot.`,
        `  Tab, as in Teams: ${hostAddress(app.server.url, person.alias)}`,
        `  Tab, as in Outlook: ${hostAddress(app.server.url, person.alias, 'outlook')}; in a meeting's side panel: ${hostAddress(app.server.url, person.alias, 'teams', 'sidePanel')}`,
        `  You are ${describePerson(person)}. Choose someone else with SANDBOX_PERSON=<alias> npm start.`,
        `  Sandbox tenant (what the bot did in Outlook and SharePoint): ${tenant.url}/_sandbox/`,
        `  Bot health: ${app.server.url}/healthz`,
        `  Data is kept in ${dataDir}. Press Ctrl-C to stop.`,
        '',
      ].join('\n'),
    );
  } catch (error) {
    const message = isAppError(error) || (error instanceof Error && error.message.startsWith('Configuration error')) ? error.message : `Startup failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    await stopAll(1);
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
