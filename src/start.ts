/**
 * `npm start`: the whole product on this machine with no Microsoft 365 account — Azurite, the
 * sandbox tenant, the bot and the Microsoft 365 Agents Playground, all on loopback. Ctrl-C stops
 * everything it started. Data lives under DATA_DIR (default .data/) so a restart loses nothing.
 *
 * A fresh sandbox is a council a few months into its supervision year (SANDBOX_STORY=lived-in,
 * src/demo/lived-in): its story is told once, through the product's own use cases, before the bot
 * starts. People who are not in a Playground are reached in their sandbox chat (/_sandbox/chats).
 */
import './process-warnings.js';
import { resolve } from 'node:path';
import { startApp } from './app.js';
import { loadConfig } from './config/load-config.js';
import type { SandboxConfig } from './config/schema.js';
import { chatSink } from './demo/lived-in/chat-sink.js';
import { seedLivedInCouncil } from './demo/lived-in/seed.js';
import { isAppError } from './domain/errors.js';
import { errorFields } from './observability/error-fields.js';
import { createLogger } from './observability/logger.js';
import { launchPlayground, type RunningPlayground } from './playground/launch-playground.js';
import { chosenPeople, colleaguesOf, toPlaygroundUser } from './playground/people.js';
import { startAzuriteProcess } from './sandbox/azurite-process.js';
import { SandboxChats } from './sandbox/chats/chat-store.js';
import { mountSandboxChats } from './sandbox/chats/routes.js';
import { PersistedClock } from './sandbox/clock/persisted-clock.js';
import { describePerson, type DemoPerson } from './sandbox/demo-org.js';
import { removeSandboxEndpoints, writeSandboxEndpoints } from './sandbox/endpoints-file.js';
import { startSandboxTenant } from './sandbox/graph-server.js';
import { registerSandboxChats } from './sandbox/start/chat-references.js';
import { onRememberedPort } from './sandbox/start/tenant-port.js';
import { tabHostFor } from './sandbox/tab-host/for-tenant.js';
import { hostAddress } from './sandbox/tab-host/routes.js';
import { esbuildAssets } from './tab/build/esbuild-assets.js';

type Stoppable = { name: string; stop: () => Promise<void> };

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

    // The chats of people not in a Playground live on the tenant's inspector (before it starts).
    const chats = await SandboxChats.open(resolve(dataDir, 'sandbox', 'chats.json'));
    mountSandboxChats(chats);
    running.push({ name: 'sandbox chats', stop: () => chats.flush() });
    const tenant = await onRememberedPort(dataDir, loaded.SANDBOX_GRAPH_PORT, (port) => startSandboxTenant({ port, persistPath: resolve(dataDir, 'sandbox', 'tenant.json') }));
    running.push({ name: 'sandbox tenant', stop: () => tenant.close() });
    const org = tenant.org;
    const chosen = chosenPeople(org, loaded.SANDBOX_PERSON);
    if (chosen.unknown.length > 0 || chosen.people.length === 0) {
      throw new Error(`Configuration error: SANDBOX_PERSON is malformed; expected one of ${org.people.map((p) => p.alias).join(', ')} (or several, separated by commas)`);
    }

    const config: SandboxConfig = { ...loaded, GRAPH_BASE_URL: tenant.graphBaseUrl, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString };
    // Kept across restarts (DATA_DIR/sandbox/clock.json): the sandbox never goes back a day.
    const clock = new PersistedClock(resolve(dataDir, 'sandbox', 'clock.json'));
    if (config.SANDBOX_STORY === 'lived-in') await tellTheStory(config, azurite.connectionString, tenant, chats, clock.now(), log);
    writeSandboxEndpoints(dataDir, { connectionString: azurite.connectionString, graphBaseUrl: tenant.graphBaseUrl });
    running.push({ name: 'endpoints file', stop: async () => removeSandboxEndpoints(dataDir) });
    // The tab and the local Teams-like host that shows it (issue 13): bundled on first use.
    const app = await startApp(config, log, { clock, tabAssets: esbuildAssets(), mount: tabHostFor(tenant, config.COUNCIL_NAME) });
    running.push({ name: 'bot', stop: () => app.close() });
    // Everyone's way to reach them starts as their sandbox chat, the Playground people's too: a
    // reference left from an earlier run's Playground (gone now) would fail. A Playground, once
    // opened, replaces its person's with its own conversation, so theirs are registered before it
    // starts; everyone else's meanwhile, to keep the start quick.
    const inPlayground = new Set(chosen.people.map((p) => p.id));
    await registerSandboxChats({ botUrl: app.server.url, tenantUrl: tenant.url, org: { ...org, people: chosen.people }, except: new Set() });
    const others = registerSandboxChats({ botUrl: app.server.url, tenantUrl: tenant.url, org, except: inPlayground })
      .catch((error: unknown) => log.warn('start.sandbox_chats_failed', errorFields(error)));
    running.push({ name: 'sandbox chat references', stop: async () => void (await others) });

    const playgrounds: { person: DemoPerson; playground: RunningPlayground }[] = [];
    for (const [i, person] of chosen.people.entries()) {
      const playground = await launchPlayground({
        botEndpoint: `${app.server.url}/api/messages`,
        port: loaded.PLAYGROUND_PORT === 0 ? 0 : loaded.PLAYGROUND_PORT + i,
        dataDir,
        ...(i === 0 ? {} : { folder: `playground-${person.alias}` }),
        tenantId: org.tenantId,
        botId: config.TEAMS_APP_ID,
        currentUser: toPlaygroundUser(person, 0),
        otherUsers: colleaguesOf(org, person).map((p, j) => toPlaygroundUser(p, j + 1)),
        onOutput: (line) => log.debug('playground.output', { line: line.slice(0, 300) }),
      });
      running.push({ name: `playground ${person.alias}`, stop: () => playground.stop() });
      playground.process.once('exit', () => void stopAll(0));
      playgrounds.push({ person, playground });
    }

    const [first] = playgrounds;
    if (!first) throw new Error('Startup failed: no Playground started');
    const person = first.person;
    const open = playgrounds.length === 1
      ? [`  Open ${first.playground.url} in your browser to chat with the bot.`, `  You are ${describePerson(person)}. Choose someone else with SANDBOX_PERSON=<alias> npm start, or play both sides with SANDBOX_PERSON=sw1,tm1.`]
      : playgrounds.map((p) => `  Open ${p.playground.url} in your browser to chat with the bot as ${describePerson(p.person)}.`);
    process.stdout.write(
      [
        '',
        `Supervision Assistant is running in SANDBOX mode for ${config.COUNCIL_NAME}.`,
        ...open,
        `  Tab, as in Teams: ${hostAddress(app.server.url, person.alias)}`,
        `  Tab, as in Outlook: ${hostAddress(app.server.url, person.alias, 'outlook')}; in a meeting's side panel: ${hostAddress(app.server.url, person.alias, 'teams', 'sidePanel')}`,
        `  Sandbox tenant (what the bot did in Outlook and SharePoint): ${tenant.url}/_sandbox/`,
        `  Everyone else's Teams chat with the bot: ${tenant.url}/_sandbox/chats`,
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

/** The lived-in council, on a fresh sandbox only (a marker in storage says it was told). */
async function tellTheStory(
  config: SandboxConfig,
  connectionString: string,
  tenant: { readonly graphBaseUrl: string; readonly org: Parameters<typeof seedLivedInCouncil>[0]['org']; flush(): Promise<void> },
  chats: SandboxChats,
  now: Date,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
  const began = Date.now();
  let told = false;
  const notice = setTimeout(() => {
    told = true;
    process.stdout.write(`Setting up ${config.COUNCIL_NAME}'s supervision year so far (first start only: agreements, sessions, records and escalations)…\n`);
  }, 1500);
  try {
    const report = await seedLivedInCouncil({ connectionString, graphBaseUrl: tenant.graphBaseUrl, org: tenant.org, config, now, sink: chatSink(chats), log });
    if (report.seeded) {
      log.info('demo.story_told', { agreements: report.agreements, sessionsHeld: report.sessionsHeld, recordsFiled: report.recordsFiled, sweeps: report.sweeps, failedSteps: report.failedSteps, ms: Date.now() - began });
      if (told) process.stdout.write(`  ${report.agreements} agreements, ${report.sessionsHeld} sessions held, ${report.recordsFiled} records filed (${Math.round((Date.now() - began) / 1000)} s).\n`);
    }
  } catch (error) {
    // The product starts regardless: a council with less history is still a council to try.
    log.warn('demo.story_failed', errorFields(error));
  } finally {
    clearTimeout(notice);
    await Promise.all([chats.flush(), tenant.flush()]);
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
