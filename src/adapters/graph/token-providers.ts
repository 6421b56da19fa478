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

/** The sandbox tenant accepts any bearer token; a fixed one keeps the request shape identical. */
export function sandboxTokenProvider(): AuthenticationProvider {
  return { getAccessToken: async () => 'sandbox-token' };
}
