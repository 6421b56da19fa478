import { ConfidentialClientApplication } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

/** Client-credentials tokens for a council's tenant (application permissions, least privilege). */
export function msalTokenProvider(settings: { clientId: string; clientSecret: string; tenantId: string; scope?: string }): AuthenticationProvider {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
    },
  });
  const scopes = [settings.scope ?? 'https://graph.microsoft.com/.default'];
  return {
    async getAccessToken() {
      const result = await app.acquireTokenByClientCredential({ scopes });
      if (!result?.accessToken) throw new Error('MSAL returned no access token for Microsoft Graph');
      return result.accessToken;
    },
  };
}

/** The sandbox tenant accepts any bearer token; a fixed one keeps the request shape identical. */
export function sandboxTokenProvider(): AuthenticationProvider {
  return { getAccessToken: async () => 'sandbox-token' };
}
