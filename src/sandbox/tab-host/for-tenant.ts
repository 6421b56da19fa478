import type restify from 'restify';
import { esbuildAssets } from '../../tab/build/esbuild-assets.js';
import { productApiScope } from '../entra/user-tokens.js';
import type { SandboxTenant } from '../graph-server.js';
import { HOST_ENTRIES, mountTabHost } from './routes.js';

/**
 * The local host for a running sandbox tenant: its demo people in the picker, and tokens from its
 * sign-in endpoint (POST /{tenant}/_sandbox/sso-token), as Teams gets them from Entra.
 */
export function tabHostFor(tenant: Pick<SandboxTenant, 'url' | 'org'>, councilName: string): (server: restify.Server) => void {
  const people = tenant.org.people.map((p) => ({ alias: p.alias, id: p.id, name: p.displayName, jobTitle: p.jobTitle, userPrincipalName: p.userPrincipalName }));
  const tokenFor = async (userPrincipalName: string, apiHost: string): Promise<string> => {
    const res = await fetch(`${tenant.url}/${tenant.org.tenantId}/_sandbox/sso-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ person: userPrincipalName, scope: productApiScope(apiHost) }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { access_token?: string };
    if (!res.ok || !body.access_token) throw new Error(`the sandbox tenant refused a token (HTTP ${res.status})`);
    return body.access_token;
  };
  return (server) => mountTabHost(server, { people, tokenFor, assets: esbuildAssets(HOST_ENTRIES), tenantId: tenant.org.tenantId, councilName });
}
