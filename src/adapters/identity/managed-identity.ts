import { ManagedIdentityApplication } from '@azure/msal-node';

/**
 * The audience of a token that stands in for a client secret: Entra accepts a managed identity's
 * token for it as the client assertion of an app that has a federated credential trusting the
 * identity (workload identity federation; federatedIdentityCredential "audiences").
 */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** Returns a fresh (or cached, still valid) client assertion on each call. */
export type AssertionSource = () => Promise<string>;

/**
 * The user-assigned managed identity's token for the token-exchange audience, from the platform's
 * managed identity endpoint (App Service: IDENTITY_ENDPOINT and IDENTITY_HEADER, set by the
 * platform). MSAL keeps the token until shortly before it expires, so each call is cheap; a call
 * never reuses an expired assertion, which Entra would refuse.
 */
export function managedIdentityAssertion(clientId: string, audience: string = TOKEN_EXCHANGE_AUDIENCE): AssertionSource {
  const identity = new ManagedIdentityApplication({ managedIdentityIdParams: { userAssignedClientId: clientId } });
  return async () => {
    const result = await identity.acquireToken({ resource: audience });
    if (!result.accessToken) throw new Error('the managed identity endpoint returned no token');
    return result.accessToken;
  };
}
