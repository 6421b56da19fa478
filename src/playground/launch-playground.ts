import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly userPrincipalName: string;
  readonly aadObjectId: string;
  readonly givenName: string;
  readonly surname: string;
  readonly email: string;
}

export interface PlaygroundOptions {
  readonly botEndpoint: string;
  readonly port: number;
  readonly dataDir: string;
  readonly tenantId: string;
  readonly botId: string;
  /** Folder (under dataDir) for its config and log; one per person when several run. Default "playground". */
  readonly folder?: string;
  readonly currentUser: PlaygroundUser;
  readonly otherUsers: readonly PlaygroundUser[];
  /** Where the Playground's own output goes; it is chatty. */
  readonly onOutput?: (line: string) => void;
}

export interface RunningPlayground {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

function yamlUser(u: PlaygroundUser): Record<string, string> {
  // The Playground's config schema spells it "userPrincipleName".
  return { id: u.id, name: u.name, userPrincipleName: u.userPrincipalName, aadObjectId: u.aadObjectId, givenName: u.givenName, surname: u.surname, email: u.email };
}

/**
 * Starts the Microsoft 365 Agents Playground as a child process, bound to loopback only, with the
 * chosen demo person as the current user. JSON is valid YAML, so the config is written as JSON.
 */
export async function launchPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  if (options.otherUsers.length > 5) throw new Error('The Agents Playground accepts at most 5 other users');
  const dir = resolve(options.dataDir, options.folder ?? 'playground');
  await mkdir(dir, { recursive: true });
  const configPath = join(dir, '.m365agentsplayground.yml');
  const config = {
    version: '0.1.1',
    tenantId: options.tenantId,
    bot: { id: options.botId, name: 'Supervision Assistant' },
    currentUser: yamlUser(options.currentUser),
    users: options.otherUsers.map(yamlUser),
    // Stable chat ids keep the conversation the same across restarts of `npm start`.
    personalChat: { id: `personal-${options.currentUser.aadObjectId}` },
    groupChat: { id: 'group-supervision-demo', name: 'Supervision demo group' },
    team: { id: 'team-childrens-services', name: "Children's Services", aadGroupId: '00000000-0000-0000-0000-0000000000c5', channels: [{ id: 'channel-general', name: 'General' }] },
  };
  await writeFile(configPath, JSON.stringify(config, null, 2));

  const require = createRequire(import.meta.url);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    ['--require', join(here, 'loopback-only.cjs'), cli, 'start', '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--port', String(options.port), '--disable-telemetry'],
    {
      cwd: dir,
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log'),
        SEND_INSTALLATION_ACTIVITY: 'true',
        // The Playground would otherwise try to open a browser window of its own.
        BROWSER: 'none',
        TEAMSAPPTESTER_BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('The Agents Playground did not start within 60 s')), 60_000);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        options.onOutput?.(line);
        const match = /Listening on (\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveUrl(`http://127.0.0.1:${match[1]}`);
        }
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The Agents Playground exited with code ${code ?? 'null'} before it was ready`));
    });
  });

  // The Playground listens before it reads its config; a bad config makes it exit just after.
  await waitUntilServing(url, child);

  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (child.exitCode !== null) throw new Error(`The Agents Playground exited with code ${child.exitCode}; see its log under the data folder`);
    try {
      const res = await fetch(url);
      if (res.ok) {
        await new Promise((r) => setTimeout(r, 500));
        if (child.exitCode === null) return;
      }
    } catch {
      // not serving yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The Agents Playground did not serve its page within 10 s');
}
