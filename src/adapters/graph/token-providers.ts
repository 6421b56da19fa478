import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { AppTokens } from '../identity/confidential-client.js';

/** Graph's `/.default` scope: the application permissions an admin granted the app. */
const nationalGraphHosts = new Set(['graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

export function graphScope(graphBaseUrl: string): string {
  const url = new URL(graphBaseUrl);
  return nationalGraphHosts.has(url.hostname) ? `${url.origin}/.default` : 'https://graph.microsoft.com/.default';
}

/**
 * Tenant mode: app-only tokens for Microsoft Graph from the app's MSAL confidential client, which
 * proves itself with a federated client assertion from the managed identity (a council's
 * deployment) or a client secret (a developer's own tenant). MSAL caches the token.
 */
export function msalTokenProvider(app: AppTokens, graphBaseUrl = 'https://graph.microsoft.com/v1.0'): AuthenticationProvider {
  const scope = graphScope(graphBaseUrl);
  return { getAccessToken: async () => (await app.token(scope)).accessToken };
}

/** Sandbox mode: client credentials at the sandbox tenant's Entra token endpoint (a real RS256 token with the app's roles). */
export { sandboxTokenProvider } from './sandbox-token-provider.js';
