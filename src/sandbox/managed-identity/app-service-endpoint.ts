/**
 * The App Service managed identity endpoint, as the sandbox plays it: the local token service a
 * web app with a managed identity reaches at IDENTITY_ENDPOINT with the IDENTITY_HEADER secret
 * (MicrosoftDocs/azure-docs, articles/app-service/overview-managed-identity.md, "REST endpoint
 * reference"): `GET {IDENTITY_ENDPOINT}?resource=…&api-version=2019-08-01[&client_id=…]` with an
 * `X-IDENTITY-HEADER` header answers `{ access_token, expires_on, resource, token_type, client_id }`.
 *
 * Tokens are signed by the sandbox tenant's key, so its Entra token endpoint accepts one for
 * api://AzureADTokenExchange as the client assertion of an app whose federated credential trusts
 * the identity (issuer the tenant's v2.0 issuer, subject the identity's principal id). Tokens for
 * Azure Storage carry Entra's own v1 issuer, https://sts.windows.net/{tenant}/: the storage
 * emulator (Azurite, with OAuth on) accepts only Entra's issuers and does not check signatures.
 * MSAL's and @azure/identity's App Service sources are what the product calls here.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What signs the tokens: the sandbox tenant's Entra side (src/sandbox/entra/identity.ts). */
export interface TokenSigner {
  readonly tenantId: string;
  issuerV2(): string;
  sign(claims: Record<string, unknown>, lifetimeSeconds: number): Promise<string>;
}

/** A user-assigned managed identity attached to the web app. */
export interface SandboxManagedIdentity {
  readonly clientId: string;
  /** The identity's service principal (object) id: a federated credential's subject. */
  readonly principalId: string;
  /** Its Azure resource id (mi_res_id). */
  readonly resourceId: string;
}

export interface ManagedIdentityEndpoint {
  /** IDENTITY_ENDPOINT, e.g. http://127.0.0.1:41234/msi/token */
  readonly endpoint: string;
  /** IDENTITY_HEADER: the platform's SSRF guard. */
  readonly header: string;
  readonly identities: readonly SandboxManagedIdentity[];
  /** Requests answered, for tests. */
  readonly issued: { resource: string; clientId: string }[];
  /** Environment variables App Service sets for the app. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

const API_VERSION = '2019-08-01';
/** Managed identity tokens last about a day; Entra refreshes them well before. */
const TOKEN_SECONDS = 24 * 3600;
const STORAGE_RESOURCES = new Set(['https://storage.azure.com', 'https://storage.azure.com/']);

export function sandboxManagedIdentity(label = 'supervision-assistant'): SandboxManagedIdentity {
  const principalId = randomUUID();
  return {
    clientId: randomUUID(),
    principalId,
    resourceId: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sandbox/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${label}`,
  };
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startManagedIdentityEndpoint(options: { signer: TokenSigner; identities: readonly SandboxManagedIdentity[]; host?: string; port?: number }): Promise<ManagedIdentityEndpoint> {
  const header = randomUUID();
  const issued: { resource: string; clientId: string }[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/msi/token') return answer(res, 404, { statusCode: 404, message: 'Not found' });
    if (req.method !== 'GET') return answer(res, 405, { statusCode: 405, message: 'Only GET is allowed' });
    // The header mitigates server-side request forgery: without it, nothing.
    if (req.headers['x-identity-header'] !== header) return answer(res, 401, { statusCode: 401, message: 'The X-IDENTITY-HEADER header is missing or wrong' });
    const version = url.searchParams.get('api-version');
    if (!version || version < API_VERSION) return answer(res, 400, { statusCode: 400, message: `api-version ${API_VERSION} or later is required` });
    const resource = url.searchParams.get('resource');
    if (!resource) return answer(res, 400, { statusCode: 400, message: 'The resource parameter is required' });
    const selectors = (['client_id', 'principal_id', 'object_id', 'mi_res_id'] as const).filter((p) => url.searchParams.has(p));
    if (selectors.length > 1) return answer(res, 400, { statusCode: 400, message: 'Only one of client_id, principal_id, object_id and mi_res_id may be given' });
    const selector = selectors[0];
    const value = selector ? (url.searchParams.get(selector) ?? '').toLowerCase() : undefined;
    // Without an id the system-assigned identity is meant; the web app has none (user-assigned only).
    const identity = options.identities.find((i) =>
      selector === 'client_id' ? i.clientId.toLowerCase() === value
        : selector === 'principal_id' || selector === 'object_id' ? i.principalId.toLowerCase() === value
          : selector === 'mi_res_id' ? i.resourceId.toLowerCase() === value : false);
    if (!identity) return answer(res, 400, { statusCode: 400, message: selector ? `No managed identity with ${selector} ${value ?? ''} is assigned to this app` : 'No system-assigned managed identity is enabled for this app' });

    const tenant = options.signer.tenantId;
    const storage = STORAGE_RESOURCES.has(resource);
    const token = await options.signer.sign(
      {
        aud: resource,
        iss: storage ? `https://sts.windows.net/${tenant}/` : options.signer.issuerV2(),
        sub: identity.principalId,
        oid: identity.principalId,
        appid: identity.clientId,
        azp: identity.clientId,
        idtyp: 'app',
        tid: tenant,
        xms_mirid: identity.resourceId,
        ver: storage ? '1.0' : '2.0',
      },
      TOKEN_SECONDS,
    );
    issued.push({ resource, clientId: identity.clientId });
    return answer(res, 200, {
      access_token: token,
      expires_on: String(Math.floor(Date.now() / 1000) + TOKEN_SECONDS),
      resource,
      token_type: 'Bearer',
      client_id: identity.clientId,
    });
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, { statusCode: 500, message: 'The token service failed' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const endpoint = `http://${address}:${port}/msi/token`;
  return {
    endpoint,
    header,
    identities: options.identities,
    issued,
    env: () => ({ IDENTITY_ENDPOINT: endpoint, IDENTITY_HEADER: header }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
