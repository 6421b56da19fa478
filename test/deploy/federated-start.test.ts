/**
 * Done-when of issue 12: the production build (`npm run build`'s compiler, tsconfig.build.json,
 * into a scratch folder) started as App Service starts it, `node dist/main.js`, in tenant mode with
 * a federated-credential configuration: the sandbox tenant plays Entra (https, its token endpoint
 * accepting the managed identity's token as client assertion), the sandbox's App Service managed
 * identity endpoint gives that token and Storage's, and Azurite (https, OAuth on) stands in for the
 * storage account with shared keys off. /healthz answers; a missing setting stops it with one line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_EXCHANGE_AUDIENCE } from '../../src/adapters/identity/managed-identity.js';
import { startAzurite, type AzuriteInstance } from '../../src/sandbox/azurite.js';
import { SANDBOX_APP_REGISTRATION } from '../../src/sandbox/entra/app-registration.js';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/graph-server.js';
import { sandboxManagedIdentity, startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../../src/sandbox/managed-identity/app-service-endpoint.js';
import { selfSignedCertificate } from '../../src/sandbox/tls/self-signed-certificate.js';

const root = resolve('.');
/** Inside the repository, so the build finds node_modules and cards/ as the deployment does. */
const build = resolve('.data', `build-test-${process.pid}`);
const certs = mkdtempSync(join(tmpdir(), 'sandbox-tls-'));
const identity = sandboxManagedIdentity();
let azurite: AzuriteInstance;
let tenant: SandboxTenant;
let msi: ManagedIdentityEndpoint;
const children: ChildProcess[] = [];

beforeAll(async () => {
  mkdirSync(build, { recursive: true });
  symlinkSync(join(root, 'cards'), join(build, 'cards'));
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(build, 'dist'), '--noCheck'], { encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');

  const tls = selfSignedCertificate();
  writeFileSync(join(certs, 'cert.pem'), tls.cert);
  writeFileSync(join(certs, 'key.pem'), tls.key);
  azurite = await startAzurite({ tls: { certPath: join(certs, 'cert.pem'), keyPath: join(certs, 'key.pem') } });
  tenant = await startSandboxTenant({ tls });
  // The council's Entra admin: a federated credential on the app, trusting the web app's identity.
  tenant.identity.addFederatedCredential(SANDBOX_APP_REGISTRATION.clientId, { issuer: tenant.identity.issuerV2(), subject: identity.principalId, audiences: [TOKEN_EXCHANGE_AUDIENCE] });
  msi = await startManagedIdentityEndpoint({ signer: tenant.identity, identities: [identity] });
}, 240_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await msi?.close();
  await tenant?.close();
  await azurite?.close();
  rmSync(build, { recursive: true, force: true });
  rmSync(certs, { recursive: true, force: true });
});

/** What infra/azure.json's app settings give the web app, pointed at the sandbox; App Service adds IDENTITY_*. */
function federatedSettings(): Record<string, string> {
  return {
    SUPERVISION_MODE: 'tenant',
    CREDENTIAL_TYPE: 'federated',
    MICROSOFT_APP_ID: SANDBOX_APP_REGISTRATION.clientId,
    MICROSOFT_APP_TENANT_ID: tenant.org.tenantId,
    MANAGED_IDENTITY_CLIENT_ID: identity.clientId,
    ENTRA_AUTHORITY_HOST: tenant.url,
    GRAPH_BASE_URL: tenant.graphBaseUrl,
    AZURE_STORAGE_BLOB_URL: azurite.blobEndpoint,
    AZURE_STORAGE_QUEUE_URL: azurite.queueEndpoint,
    AZURE_STORAGE_TABLE_URL: azurite.tableEndpoint,
    COUNCIL_NAME: 'Northshire County Council',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'error',
    ...msi.env(),
  };
}

function start(settings: Record<string, string>): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(build, 'dist/main.js')], {
    cwd: build,
    // Only what the platform gives: PATH and the settings; the sandbox's CA is trusted as App Service trusts Entra's.
    env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: join(certs, 'cert.pem'), ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

async function listeningUrl(output: () => { stdout: string; stderr: string }, exited: Promise<number | null>): Promise<string> {
  const deadline = Date.now() + 60_000;
  let ended = false;
  void exited.then(() => (ended = true));
  while (Date.now() < deadline) {
    const m = /listening on (http:\/\/\S+)/.exec(output().stdout);
    if (m?.[1]) return m[1];
    if (ended) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app did not start: ${JSON.stringify(output())}`);
}

describe('node dist/main.js in tenant mode with a federated credential (no secret anywhere)', () => {
  it('starts against the sandbox\'s Entra and managed identity endpoints and Azurite, and /healthz answers 200', async () => {
    const app = start(federatedSettings());
    const url = await listeningUrl(app.output, app.exited);
    const res = await fetch(`${url}/healthz`);
    const body = (await res.json()) as { status: string; mode: string; checks: Record<string, { ok: boolean }> };
    expect(body).toMatchObject({ status: 'ok', mode: 'tenant', checks: { storage: { ok: true }, graph: { ok: true } } });
    expect(res.status).toBe(200);
    // Graph's token came through the federated credential, Storage's through the identity itself.
    const resources = new Set(msi.issued.map((i) => i.resource));
    expect(resources.has(TOKEN_EXCHANGE_AUDIENCE)).toBe(true);
    expect([...resources].some((r) => r.startsWith('https://storage.azure.com'))).toBe(true);
    expect(msi.issued.every((i) => i.clientId === identity.clientId)).toBe(true);

    // `supervision doctor` from the production build, with the same settings, against the running bot
    // (spawned, not spawnSync: the sandbox, the identity endpoint and Azurite answer from this process).
    const doctor = await new Promise<{ stdout: string; stderr: string; status: number | null }>((done) => {
      const child = spawn(process.execPath, [join(build, 'dist/cli/main.js'), 'doctor', '--bot-url', url], {
        cwd: build,
        env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: join(certs, 'cert.pem'), ...federatedSettings(), SHAREPOINT_SITE: 'northshire.sharepoint.example:/sites/supervision', RECORDS_RETENTION_LABEL: 'Supervision record' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (status) => done({ stdout, stderr, status }));
    });
    const lines = doctor.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('✗')), doctor.stderr).toEqual([]);
    expect(lines.find((l) => l.startsWith('✓ Microsoft Graph token'))).toContain('the federated credential (managed identity)');
    expect(lines.find((l) => l.startsWith('✓ Bot Framework token'))).toContain('https://api.botframework.com');
    expect(lines.find((l) => l.startsWith('✓ Azure Storage'))).toBeDefined();
    expect(doctor.status).toBe(0);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  }, 180_000);

  it('without the trust in Entra (no federated credential for this identity) /healthz reports Graph failing', async () => {
    const stranger = sandboxManagedIdentity('stranger');
    const other = await startManagedIdentityEndpoint({ signer: tenant.identity, identities: [stranger] });
    try {
      const app = start({ ...federatedSettings(), ...other.env(), MANAGED_IDENTITY_CLIENT_ID: stranger.clientId });
      const url = await listeningUrl(app.output, app.exited);
      const res = await fetch(`${url}/healthz`);
      const body = (await res.json()) as { checks: Record<string, { ok: boolean }> };
      expect(res.status).toBe(503);
      expect(body.checks.graph?.ok).toBe(false);
      expect(body.checks.storage?.ok).toBe(true);
      app.child.kill('SIGTERM');
      await app.exited;
    } finally {
      await other.close();
    }
  }, 120_000);

  it('a missing setting stops it at once with one line naming it', async () => {
    const { MANAGED_IDENTITY_CLIENT_ID: _dropped, ...settings } = federatedSettings();
    const app = start(settings);
    expect(await app.exited).toBe(1);
    const { stdout, stderr } = app.output();
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      "Configuration error: MANAGED_IDENTITY_CLIENT_ID is missing; CREDENTIAL_TYPE=federated needs the client id (a GUID) of the user-assigned managed identity that the Entra app's federated credential trusts",
    ]);
    const secretToo = start({ ...federatedSettings(), MICROSOFT_APP_PASSWORD: 'leftover' });
    expect(await secretToo.exited).toBe(1);
    expect(secretToo.output().stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(secretToo.output().stderr).toMatch(/^Configuration error: MICROSOFT_APP_PASSWORD is set, but CREDENTIAL_TYPE=federated uses no secret/);
  }, 60_000);
});
