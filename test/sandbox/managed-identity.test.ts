import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import { ManagedIdentityCredential } from '@azure/identity';
import { decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managedIdentityAssertion, TOKEN_EXCHANGE_AUDIENCE } from '../../src/adapters/identity/managed-identity.js';
import { sandboxManagedIdentity, startManagedIdentityEndpoint, type ManagedIdentityEndpoint, type TokenSigner } from '../../src/sandbox/managed-identity/app-service-endpoint.js';
import { selfSignedCertificate } from '../../src/sandbox/tls/self-signed-certificate.js';

const tenantId = '6e06f79c-5e0e-4128-b8e7-62c224fede3b';
const keys = await generateKeyPair('RS256');
/** Stands in for the sandbox tenant's Entra key (src/sandbox/entra/identity.ts signs the same way). */
const signer: TokenSigner = {
  tenantId,
  issuerV2: () => `https://127.0.0.1:1/${tenantId}/v2.0`,
  sign: async (claims, lifetime) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuedAt(now).setNotBefore(now).setExpirationTime(now + lifetime).sign(keys.privateKey);
  },
};
const identity = sandboxManagedIdentity();
let endpoint: ManagedIdentityEndpoint;
const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

beforeAll(async () => {
  endpoint = await startManagedIdentityEndpoint({ signer, identities: [identity] });
  // What App Service sets for a web app with a managed identity; MSAL and @azure/identity read them.
  Object.assign(process.env, endpoint.env());
});
afterAll(async () => {
  await endpoint.close();
  for (const [name, value] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** `header`: null sends none. */
const get = (query: string, header: string | null = endpoint.header) =>
  fetch(`${endpoint.endpoint}?${query}`, { headers: header === null ? {} : { 'x-identity-header': header } });

describe('the sandbox App Service managed identity endpoint (overview-managed-identity.md, REST endpoint reference)', () => {
  it("answers a user-assigned identity's token with access_token, expires_on, resource, token_type and client_id", async () => {
    const res = await get(`resource=${encodeURIComponent(TOKEN_EXCHANGE_AUDIENCE)}&api-version=2019-08-01&client_id=${identity.clientId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ resource: TOKEN_EXCHANGE_AUDIENCE, token_type: 'Bearer', client_id: identity.clientId });
    expect(Number(body.expires_on)).toBeGreaterThan(Date.now() / 1000 + 3600);
    const { payload } = await jwtVerify(body.access_token!, keys.publicKey, { audience: TOKEN_EXCHANGE_AUDIENCE, issuer: signer.issuerV2() });
    expect(payload.sub).toBe(identity.principalId);
    expect(await exportJWK(keys.publicKey)).toHaveProperty('n');
  });

  it('refuses without the identity header, without an api-version, without a known identity, and with two identity selectors', async () => {
    expect((await get(`resource=x&api-version=2019-08-01&client_id=${identity.clientId}`, null)).status).toBe(401);
    expect((await get(`resource=x&api-version=2019-08-01&client_id=${identity.clientId}`, 'guessed')).status).toBe(401);
    expect((await get(`resource=x&client_id=${identity.clientId}`)).status).toBe(400);
    expect((await get(`resource=x&api-version=2017-09-01&client_id=${identity.clientId}`)).status).toBe(400);
    expect((await get('resource=x&api-version=2019-08-01&client_id=00000000-0000-0000-0000-000000000000')).status).toBe(400);
    expect((await get('resource=x&api-version=2019-08-01')).status).toBe(400);
    expect((await get(`resource=x&api-version=2019-08-01&client_id=${identity.clientId}&principal_id=${identity.principalId}`)).status).toBe(400);
    expect((await get(`resource=x&api-version=2019-08-01&principal_id=${identity.principalId}`)).status).toBe(200);
  });

  it("MSAL's App Service source gets the client assertion the product presents to Entra (managedIdentityAssertion)", async () => {
    const assertion = await managedIdentityAssertion(identity.clientId)();
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ aud: TOKEN_EXCHANGE_AUDIENCE, sub: identity.principalId, iss: signer.issuerV2(), tid: tenantId });
    const before = endpoint.issued.length;
    await managedIdentityAssertion(identity.clientId)();
    expect(endpoint.issued.length).toBeGreaterThanOrEqual(before);
  });

  it("@azure/identity's ManagedIdentityCredential gets a Storage token with Entra's v1 issuer, as Azure Storage (and Azurite) accept", async () => {
    const token = await new ManagedIdentityCredential({ clientId: identity.clientId }).getToken('https://storage.azure.com/.default');
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({ aud: 'https://storage.azure.com', iss: `https://sts.windows.net/${tenantId}/`, oid: identity.principalId });
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
  });
});

describe('the sandbox TLS certificate (node:crypto only)', () => {
  it('is a CA for 127.0.0.1 and localhost that signs itself, and a TLS client that trusts it connects', async () => {
    const tls = selfSignedCertificate();
    const x509 = new X509Certificate(tls.cert);
    expect(x509.ca).toBe(true);
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.verify(x509.publicKey)).toBe(true);
    const server = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const { request } = await import('node:https');
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, ca: tls.cert }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject).end();
    });
    expect(body).toBe('ok');
    // Without it, the connection is refused: the certificate is not trusted by default.
    await expect(new Promise((resolve, reject) => request({ host: '127.0.0.1', port }, resolve).on('error', reject).end())).rejects.toThrow(/self.signed|unable to verify/i);
    server.close();
  });
});
