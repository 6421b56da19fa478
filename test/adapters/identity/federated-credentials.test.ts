import { request } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedIdentityFederatedCredentialsFactory } from '../../../src/adapters/bot/federated-credentials.js';
import { msalTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { confidentialClient, type AppTokens } from '../../../src/adapters/identity/confidential-client.js';
import { msalAuthority } from '../../../src/adapters/identity/entra-authority.js';
import { managedIdentityAssertion, TOKEN_EXCHANGE_AUDIENCE } from '../../../src/adapters/identity/managed-identity.js';
import { SANDBOX_APP_REGISTRATION } from '../../../src/sandbox/entra/app-registration.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { sandboxManagedIdentity, startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../../../src/sandbox/managed-identity/app-service-endpoint.js';
import { selfSignedCertificate } from '../../../src/sandbox/tls/self-signed-certificate.js';

const tls = selfSignedCertificate();
/** MSAL's transport over https trusting the sandbox's certificate (the deployed app trusts Entra's through the system store). */
const trusting: INetworkModule = {
  sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('GET', url, options),
  sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
};
function send<T>(method: string, url: string, options: NetworkRequestOptions = {}): Promise<NetworkResponse<T>> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: options.headers ?? {}, ca: tls.cert }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: JSON.parse(text || '{}') as T }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const identity = sandboxManagedIdentity();
const stranger = sandboxManagedIdentity('stranger');
let tenant: SandboxTenant;
let msi: ManagedIdentityEndpoint;
const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

beforeAll(async () => {
  tenant = await startSandboxTenant({ tls });
  tenant.identity.addFederatedCredential(SANDBOX_APP_REGISTRATION.clientId, { issuer: tenant.identity.issuerV2(), subject: identity.principalId, audiences: [TOKEN_EXCHANGE_AUDIENCE] });
  msi = await startManagedIdentityEndpoint({ signer: tenant.identity, identities: [identity, stranger] });
  Object.assign(process.env, msi.env());
});
afterAll(async () => {
  await msi.close();
  await tenant.close();
  for (const [name, value] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const federated = (miClientId: string): AppTokens => confidentialClient({
  clientId: SANDBOX_APP_REGISTRATION.clientId,
  tenantId: tenant.org.tenantId,
  authorityHost: tenant.url,
  credential: { kind: 'federated', assertion: managedIdentityAssertion(miClientId) },
  networkClient: trusting,
});

describe("the app's confidential client with a federated credential (MSAL client assertion from the managed identity)", () => {
  it("gets a Graph token for the Entra app, issued on an assertion, with the app's granted roles", async () => {
    const token = await msalTokenProvider(federated(identity.clientId), tenant.graphBaseUrl).getAccessToken();
    expect(decodeJwt(token)).toMatchObject({ appid: SANDBOX_APP_REGISTRATION.clientId, appidacr: '2', aud: 'https://graph.microsoft.com', roles: expect.arrayContaining(['User.Read.All', 'Calendars.ReadWrite']) });
    expect(msi.issued.some((i) => i.resource === TOKEN_EXCHANGE_AUDIENCE && i.clientId === identity.clientId)).toBe(true);
  });

  it('is refused by Entra when the app has no federated credential for the identity (AADSTS700213)', async () => {
    await expect(federated(stranger.clientId).token('https://graph.microsoft.com/.default')).rejects.toThrow(/700213|invalid_client/);
  });

  it('a client secret still works for a developer\'s own tenant', async () => {
    const app = confidentialClient({ clientId: SANDBOX_APP_REGISTRATION.clientId, tenantId: tenant.org.tenantId, authorityHost: tenant.url, credential: { kind: 'client-secret', secret: SANDBOX_APP_REGISTRATION.clientSecret }, networkClient: trusting });
    expect(decodeJwt((await app.token('https://graph.microsoft.com/.default')).accessToken)).toMatchObject({ appidacr: '1' });
  });

  it("trusts Entra's own hosts as MSAL knows them and declares any other (the sandbox) a known authority; http is refused", () => {
    expect(msalAuthority('https://login.microsoftonline.com', 't')).toEqual({ authority: 'https://login.microsoftonline.com/t' });
    expect(msalAuthority('https://127.0.0.1:4443', 't')).toEqual({ authority: 'https://127.0.0.1:4443/t', knownAuthorities: ['127.0.0.1:4443'] });
    expect(() => msalAuthority('http://127.0.0.1:4443', 't')).toThrow(/https/);
  });
});

describe("the bot's FederatedServiceClientCredentialsFactory", () => {
  it("gives credentials that take the Bot Framework's token from the app's confidential client, only for the bot's own id", async () => {
    const asked: string[] = [];
    const tokens: AppTokens = { clientId: 'bot', token: async (scope) => (asked.push(scope), { accessToken: `token-for-${scope}`, expiresOn: new Date(Date.now() + 3600_000) }) };
    const factory = new ManagedIdentityFederatedCredentialsFactory({ appId: SANDBOX_APP_REGISTRATION.clientId, managedIdentityClientId: identity.clientId, tenantId: tenant.org.tenantId, tokens });
    expect(await factory.isAuthenticationDisabled()).toBeFalsy();
    expect(await factory.isValidAppId(SANDBOX_APP_REGISTRATION.clientId)).toBe(true);
    const credentials = await factory.createCredentials(SANDBOX_APP_REGISTRATION.clientId, 'https://api.botframework.com');
    expect(await credentials.getToken()).toBe('token-for-https://api.botframework.com/.default');
    expect(asked).toEqual(['https://api.botframework.com/.default']);
    await expect(factory.createCredentials('00000000-0000-0000-0000-000000000000', 'https://api.botframework.com')).rejects.toThrow(/invalid app id/);
  });
});
