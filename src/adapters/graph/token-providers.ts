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

/** Sandbox mode: client credentials at the sandbox tenant's Entra token endpoint (a real RS256 token with the app's roles). */
export { sandboxTokenProvider } from './sandbox-token-provider.js';
