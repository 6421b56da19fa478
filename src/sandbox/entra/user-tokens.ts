import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sandboxHono } from '../http/env.js';
import type { GraphContext } from '../routes/common.js';
import { SANDBOX_APP_REGISTRATION } from './app-registration.js';
import { ACCESS_TOKEN_SECONDS, type SandboxIdentity } from './identity.js';

/**
 * The tab's single sign-on in the sandbox (issue 13 item 5). In Teams, Outlook and the Microsoft 365
 * app, the host signs the person in and asks Entra for an access token for the app's exposed API
 * (webApplicationInfo.resource, scope `access_as_user`); teams-js `authentication.getAuthToken()`
 * hands it to the tab. The sandbox tenant stands in for that Entra step: the local Teams-like host
 * asks it for a delegated v2.0 access token for a demo person, signed with the tenant's own key
 * (identity.ts), so the product validates it exactly as it validates Entra's (src/tab/auth).
 *
 * The claims are those of Entra's v2.0 access tokens (Microsoft identity platform docs,
 * "Access token claims reference"): `aud` the API's application (client) id, `iss`
 * `{authority}/{tenant}/v2.0`, `azp` the client that asked (Teams), `scp` the delegated scopes,
 * `oid` and `tid` the person and their tenant, `ver` "2.0".
 */

/** The scope the product's API exposes (Entra app registration, "Expose an API"). */
export const ACCESS_AS_USER = 'access_as_user';
/** Microsoft Teams' own client ids (web and desktop), the clients Teams SSO pre-authorises. */
export const TEAMS_CLIENT_IDS = ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', '1fec8e78-bce4-4aaf-ab1b-5451cc387264'] as const;

export interface UserTokenRequest {
  /** The person: their object id, user principal name or mail. */
  readonly person: string;
  /** `api://{host}/{clientId}/access_as_user` or `api://{host}/botid-{clientId}/access_as_user`. */
  readonly scope: string;
  /** Seconds the token lives (tests make expired ones with a negative number). */
  readonly lifetimeSeconds?: number;
}

export type UserTokenAnswer =
  | { readonly ok: true; readonly accessToken: string; readonly expiresIn: number }
  | { readonly ok: false; readonly status: number; readonly error: string; readonly code: number; readonly description: string };

interface SandboxUser {
  readonly id?: string | null | undefined;
  readonly displayName?: string | null | undefined;
  readonly userPrincipalName?: string | null | undefined;
}

/** The application (client) id a scope's resource names, as Entra reads an Application ID URI. */
export function clientIdOfScope(scope: string): { clientId: string; name: string } | undefined {
  const m = /^api:\/\/[^/\s]+\/(?:botid-)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([A-Za-z0-9_.]+)$/i.exec(scope.trim());
  return m?.[1] && m[2] ? { clientId: m[1].toLowerCase(), name: m[2] } : undefined;
}

/** Signs a delegated access token for the product's API on behalf of a person of the tenant. */
export async function issueUserToken(identity: SandboxIdentity, findUser: (key: string) => SandboxUser | undefined, request: UserTokenRequest): Promise<UserTokenAnswer> {
  const user = findUser(request.person);
  if (!user?.id) {
    return { ok: false, status: 400, error: 'invalid_grant', code: 50034, description: `The user account ${request.person.slice(0, 80)} does not exist in the ${identity.domain} directory.` };
  }
  const scope = clientIdOfScope(request.scope);
  const app = scope ? identity.application(scope.clientId) : undefined;
  if (!scope || !app) {
    return { ok: false, status: 400, error: 'invalid_resource', code: 500011, description: `The resource principal named ${request.scope.slice(0, 120)} was not found in the tenant named ${identity.domain}.` };
  }
  if (scope.name !== ACCESS_AS_USER) {
    return { ok: false, status: 400, error: 'invalid_scope', code: 65005, description: `The application '${app.displayName}' asked for scope '${scope.name}' that doesn't exist on the resource.` };
  }
  const lifetime = request.lifetimeSeconds ?? ACCESS_TOKEN_SECONDS;
  const accessToken = await identity.sign(
    {
      aud: app.clientId,
      iss: identity.issuerV2(),
      azp: TEAMS_CLIENT_IDS[1],
      azpacr: '0',
      name: user.displayName ?? '',
      oid: user.id,
      preferred_username: user.userPrincipalName ?? '',
      scp: ACCESS_AS_USER,
      // v2 tokens carry a pairwise subject: per person and app.
      sub: `${user.id}.${app.clientId}`,
      tid: identity.tenantId,
      uti: randomUUID(),
      ver: '2.0',
    },
    lifetime,
  );
  return { ok: true, accessToken, expiresIn: lifetime };
}

/** The product's API scope as the local host asks for it: `api://{host}/{clientId}/access_as_user`. */
export function productApiScope(host: string): string {
  return `api://${host}/${SANDBOX_APP_REGISTRATION.clientId}/${ACCESS_AS_USER}`;
}

const ZRequest = z.object({ person: z.string().min(1).max(320), scope: z.string().min(1).max(400) });

/**
 * POST /{tenant}/_sandbox/sso-token `{ person, scope }`: what the host (Teams, Outlook) does when a
 * tab calls getAuthToken, answered as Entra's token endpoint answers (`{ token_type, expires_in,
 * access_token }`, or `{ error, error_description, error_codes }`). Sandbox only: the sandbox
 * tenant listens on this machine.
 */
export const userTokenRoutes = sandboxHono();

userTokenRoutes.post('/:tenant/_sandbox/sso-token', async (c: GraphContext) => {
  const identity = c.var.tenant.identity;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  if (!identity.isThisTenant(c.req.param('tenant') ?? '')) return json(400, { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.', error_codes: [90002] });
  const parsed = ZRequest.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) return json(400, { error: 'invalid_request', error_description: "AADSTS900144: The request body must contain the following parameters: 'person' and 'scope'.", error_codes: [900144] });
  const answer = await issueUserToken(identity, (key) => c.var.tenant.store.findUser(key), parsed.data);
  if (!answer.ok) return json(answer.status, { error: answer.error, error_description: `AADSTS${answer.code}: ${answer.description}`, error_codes: [answer.code] });
  return json(200, { token_type: 'Bearer', expires_in: answer.expiresIn, ext_expires_in: answer.expiresIn, access_token: answer.accessToken });
});
