import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { sandboxHono } from '../http/env.js';
import type { GraphContext } from '../routes/common.js';
import type { SandboxApplication } from './app-registration.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE, ACCESS_TOKEN_SECONDS, type SandboxIdentity } from './identity.js';

/**
 * The sandbox tenant's Microsoft Entra endpoints, on the sandbox's own host (standing in for
 * https://login.microsoftonline.com), as Entra's docs describe them:
 * - POST /{tenant}/oauth2/v2.0/token: the OAuth 2.0 client credentials grant
 *   (v2-oauth2-client-creds-grant-flow: client_secret, or client_assertion with a federated
 *   credential), answering `{ token_type, expires_in, ext_expires_in, access_token }`;
 * - GET /{tenant}/v2.0/.well-known/openid-configuration and /{tenant}/discovery/v2.0/keys (the JWKS).
 * `{tenant}` is the tenant id or its domain. Errors are Entra's: `{ error, error_description:
 * "AADSTS…", error_codes, timestamp, trace_id, correlation_id }`.
 */
export const entraRoutes = sandboxHono();

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The audience a workload identity federation assertion is issued for. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** The Bot Framework's resource: a bot's token for the channels it replies to. */
const BOT_FRAMEWORK_RESOURCE = 'https://api.botframework.com';

function entraError(c: GraphContext, status: number, error: string, code: number, description: string): Response {
  const traceId = randomUUID();
  const correlationId = c.req.header('client-request-id') ?? randomUUID();
  const timestamp = new Date(c.var.tenant.now()).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return new Response(
    JSON.stringify({
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${c.var.tenant.url}/error?code=${code}`,
    }),
    { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache' } },
  );
}

function tenantOrError(c: GraphContext): SandboxIdentity | Response {
  const identity = c.var.tenant.identity;
  const segment = c.req.param('tenant') ?? '';
  if (!identity.isThisTenant(segment)) {
    return entraError(c, 400, 'invalid_request', 90002, `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  return identity;
}

/** client_secret_basic: `Authorization: Basic base64(client_id:client_secret)`. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  if (at < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, at)), secret: decodeURIComponent(decoded.slice(at + 1)) };
}

entraRoutes.post('/:tenant/oauth2/v2.0/token', async (c) => {
  const identity = tenantOrError(c);
  if (identity instanceof Response) return identity;
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return entraError(c, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
  }
  const form = new URLSearchParams(await c.req.text());
  const basic = basicCredentials(c.req.header('authorization'));
  const grantType = form.get('grant_type');
  if (!grantType) return entraError(c, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
  if (grantType !== 'client_credentials') {
    return entraError(c, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
  }
  const clientId = form.get('client_id') ?? basic?.id;
  if (!clientId) return entraError(c, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  const app = identity.application(clientId);
  if (!app) {
    return entraError(c, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${identity.domain}'. This can happen if the application has not been installed by the administrator of the tenant.`);
  }
  const scope = form.get('scope');
  if (!scope) return entraError(c, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  const resource = scope.trim().replace(/\/\.default$/, '');
  // The bot's own outbound token (issue 12: `supervision doctor` asks for one with the app's credential).
  const forBot = resource === BOT_FRAMEWORK_RESOURCE;
  if (!scope.trim().endsWith('/.default') || (!forBot && resource !== GRAPH_RESOURCE && resource !== `${GRAPH_RESOURCE}/` && resource !== GRAPH_APP_ID)) {
    return entraError(c, 400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }

  const secret = form.get('client_secret') ?? basic?.secret;
  const assertion = form.get('client_assertion');
  let credential: 'secret' | 'assertion';
  if (secret !== null && secret !== undefined) {
    if (!app.secrets.includes(secret)) {
      return entraError(c, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`);
    }
    credential = 'secret';
  } else if (assertion) {
    if (form.get('client_assertion_type') !== JWT_BEARER) {
      return entraError(c, 400, 'invalid_request', 90014, "The request body must contain the following parameter: 'client_assertion_type'.");
    }
    const refusal = await checkAssertion(identity, app, assertion);
    if (refusal) return entraError(c, 401, 'invalid_client', refusal.code, refusal.description);
    credential = 'assertion';
  } else {
    return entraError(c, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  const accessToken = forBot
    ? await identity.sign({ aud: BOT_FRAMEWORK_RESOURCE, iss: identity.issuerV2(), appid: app.clientId, azp: app.clientId, idtyp: 'app', oid: app.servicePrincipalId, sub: app.servicePrincipalId, tid: identity.tenantId, ver: '2.0' }, ACCESS_TOKEN_SECONDS)
    : await identity.issueGraphToken(app, credential);
  return new Response(JSON.stringify({ token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, ext_expires_in: ACCESS_TOKEN_SECONDS, access_token: accessToken }), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache' },
  });
});

/**
 * A client assertion stands for the app when it matches one of the app's federated identity
 * credentials (issuer, subject, audience) and the sandbox tenant signed it (the managed identity's
 * token, issued by this tenant). Entra refuses a mismatch with AADSTS700213.
 */
async function checkAssertion(identity: SandboxIdentity, app: SandboxApplication, assertion: string): Promise<{ code: number; description: string } | undefined> {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(assertion);
  } catch {
    return { code: 50027, description: 'JWT token is invalid or malformed.' };
  }
  const match = app.federatedCredentials.find(
    (f) => f.issuer === claims.iss && f.subject === claims.sub && f.audiences.some((a) => (Array.isArray(claims.aud) ? claims.aud.includes(a) : claims.aud === a)),
  );
  if (!match) {
    return { code: 700213, description: `No matching federated identity record found for presented assertion subject '${String(claims.sub ?? '')}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.` };
  }
  try {
    await identity.verify(assertion, { audience: [...match.audiences], issuer: match.issuer });
  } catch {
    return { code: 700024, description: 'Client assertion is not within its valid time range, or its signature does not verify with the issuer\'s keys.' };
  }
  return undefined;
}

entraRoutes.get('/:tenant/v2.0/.well-known/openid-configuration', (c) => {
  const identity = tenantOrError(c);
  if (identity instanceof Response) return identity;
  const base = `${c.var.tenant.url}/${identity.tenantId}`;
  return new Response(
    JSON.stringify({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: identity.issuerV2(),
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'sandbox.invalid',
    }),
    { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } },
  );
});

entraRoutes.get('/:tenant/discovery/v2.0/keys', (c) => {
  const identity = tenantOrError(c);
  if (identity instanceof Response) return identity;
  return new Response(JSON.stringify(identity.jwks()), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
});
