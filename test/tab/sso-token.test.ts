import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { SANDBOX_APP_REGISTRATION } from '../../src/sandbox/entra/app-registration.js';
import { issueUserToken, productApiScope } from '../../src/sandbox/entra/user-tokens.js';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/graph-server.js';
import { SigningKeysUnavailable, ssoValidator, TokenRejected, type SsoValidator } from '../../src/tab/auth/sso-token.js';
import { mountTabApi } from '../../src/tab/http/api.js';
import type { TabDeps } from '../../src/usecases/tab/deps.js';

/**
 * Issue 13 "Done when": the tab's single sign-on token is validated with jose against the tenant's
 * OpenID configuration and key set (the sandbox tenant here, Entra in a council's tenant): expired,
 * wrong audience, wrong tenant, wrong signature, missing scope and a token from the wrong key all
 * get 401; so do the forgeries a library must refuse (alg none, HS256 with the public key).
 */
let tenant: SandboxTenant;
let validator: SsoValidator;
let server: restify.Server;
let apiUrl: string;

const person = () => tenant.org.people.find((p) => p.alias === 'sw1')!;

/** Claims of a good v2.0 token for sw1, as the sandbox issues them. */
function goodClaims(): JWTPayload {
  const p = person();
  return {
    aud: SANDBOX_APP_REGISTRATION.clientId, iss: tenant.identity.issuerV2(), azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: p.displayName,
    oid: p.id, preferred_username: p.userPrincipalName, scp: 'access_as_user', sub: p.id, tid: tenant.org.tenantId, ver: '2.0',
  };
}

const kid = () => tenant.identity.jwks().keys[0]?.kid ?? '';

beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
  validator = ssoValidator({ metadataUrl: `${tenant.url}/${SANDBOX_APP_REGISTRATION.tenant}/v2.0/.well-known/openid-configuration`, audiences: [SANDBOX_APP_REGISTRATION.clientId] });
  // The API on a server of its own: a refused token never reaches a use case, so none is wired.
  server = restify.createServer();
  const unreachable = new Proxy({}, { get: () => { throw new Error('a use case was reached with a refused token'); } }) as TabDeps;
  mountTabApi(server, { tab: unreachable, sso: validator, audit: async () => undefined, councilName: 'Northshire County Council', log: silentLogger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  apiUrl = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  server.close();
  await tenant.close();
});

async function reason(token: string): Promise<string> {
  try {
    await validator.validate(`Bearer ${token}`);
    return 'accepted';
  } catch (error) {
    if (error instanceof TokenRejected) return error.reason;
    throw error;
  }
}

async function status(token: string | undefined): Promise<number> {
  const res = await fetch(`${apiUrl}/api/tab/supervision`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return res.status;
}

describe('the tab single sign-on token (issue 13 item 5)', () => {
  it('a token the sandbox tenant signed for the API, as the local host gets it, is accepted and names the person by oid', async () => {
    const answer = await issueUserToken(tenant.identity, (k) => tenant.store.findUser(k), { person: person().userPrincipalName, scope: productApiScope('127.0.0.1:3978') });
    if (!answer.ok) throw new Error(answer.description);
    const identity = await validator.validate(`Bearer ${answer.accessToken}`);
    expect(identity).toMatchObject({ personId: person().id, tenantId: tenant.org.tenantId, name: person().displayName });
  });

  it('the same endpoint over HTTP: Entra-shaped answer; unknown person and scope refused', async () => {
    const url = `${tenant.url}/${tenant.org.tenantId}/_sandbox/sso-token`;
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await post({ person: person().userPrincipalName, scope: productApiScope('127.0.0.1:1') });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { token_type: string; access_token: string };
    expect(body.token_type).toBe('Bearer');
    expect(await reason(body.access_token)).toBe('accepted');
    expect((await post({ person: 'nobody@northshire.example', scope: productApiScope('h') })).status).toBe(400);
    const wrongScope = await post({ person: person().userPrincipalName, scope: `api://h/${SANDBOX_APP_REGISTRATION.clientId}/Files.Read` });
    expect(((await wrongScope.json()) as { error: string }).error).toBe('invalid_scope');
  });

  it('expired: 401', async () => {
    const token = await tenant.identity.sign(goodClaims(), -600);
    expect(await reason(token)).toBe('expired');
    expect(await status(token)).toBe(401);
  });

  it('wrong audience (another app, or Graph): 401', async () => {
    for (const aud of [randomUUID(), 'https://graph.microsoft.com']) {
      const token = await tenant.identity.sign({ ...goodClaims(), aud }, 600);
      expect(await reason(token), aud).toBe('audience');
      expect(await status(token)).toBe(401);
    }
  });

  it('wrong tenant (a token from another tenant, signed by a key this one trusts): 401', async () => {
    const token = await tenant.identity.sign({ ...goodClaims(), tid: randomUUID() }, 600);
    expect(await reason(token)).toBe('tenant');
    expect(await status(token)).toBe(401);
  });

  it('wrong issuer: 401', async () => {
    const token = await tenant.identity.sign({ ...goodClaims(), iss: `https://login.microsoftonline.com/${randomUUID()}/v2.0` }, 600);
    expect(await reason(token)).toBe('issuer');
    expect(await status(token)).toBe(401);
  });

  it('wrong signature (a claim changed after signing): 401', async () => {
    const token = await tenant.identity.sign(goodClaims(), 600);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...goodClaims(), oid: tenant.org.people.find((p) => p.alias === 'dir')!.id, exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000) })).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;
    expect(await reason(tampered)).toBe('signature');
    expect(await status(tampered)).toBe(401);
  });

  it('missing scope (another delegated scope, or an app-only token with roles): 401', async () => {
    const { scp: _scp, ...noScope } = goodClaims();
    for (const claims of [{ ...goodClaims(), scp: 'User.Read' }, { ...noScope, roles: ['access_as_user'], idtyp: 'app' }]) {
      const token = await tenant.identity.sign(claims, 600);
      expect(await reason(token)).toBe('scope');
      expect(await status(token)).toBe(401);
    }
  });

  it('a token from the wrong key (same key id, or an unknown one): 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    for (const header of [{ alg: 'RS256', typ: 'JWT', kid: kid() }, { alg: 'RS256', typ: 'JWT', kid: 'not-a-tenant-key' }]) {
      const token = await new SignJWT(goodClaims()).setProtectedHeader(header).setIssuedAt(now).setExpirationTime(now + 600).sign(privateKey);
      expect(await reason(token), header.kid).toBe('signature');
      expect(await status(token)).toBe(401);
    }
  });

  it('forgeries: alg none and HS256 are refused: 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = Buffer.from(JSON.stringify({ ...goodClaims(), iat: now, exp: now + 600 })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
    expect(await reason(none)).toBe('algorithm');
    const hs = await new SignJWT(goodClaims()).setProtectedHeader({ alg: 'HS256', kid: kid() }).setIssuedAt(now).setExpirationTime(now + 600).sign(new TextEncoder().encode('a shared secret of at least 32 bytes!!'));
    expect(await reason(hs)).toBe('algorithm');
    for (const t of [none, hs]) expect(await status(t)).toBe(401);
  });

  it('no token or not a token: 401 with WWW-Authenticate', async () => {
    expect(await status(undefined)).toBe(401);
    expect(await status('not-a-jwt')).toBe(401);
    const res = await fetch(`${apiUrl}/api/tab/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Your sign-in was not accepted. Close and reopen the tab to sign in again.');
  });

  it('keys out of reach: 503, not 401 (the token may be fine)', async () => {
    const offline = ssoValidator({ metadataUrl: 'http://127.0.0.1:9/nowhere/v2.0/.well-known/openid-configuration', audiences: [SANDBOX_APP_REGISTRATION.clientId] });
    const token = await tenant.identity.sign(goodClaims(), 600);
    await expect(offline.validate(`Bearer ${token}`)).rejects.toBeInstanceOf(SigningKeysUnavailable);
  });
});
