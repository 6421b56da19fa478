import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import { msalAuthority } from './entra-authority.js';
import type { AssertionSource } from './managed-identity.js';

/** How the app's Entra application proves itself: a client secret, or a federated client assertion. */
export type AppCredential =
  | { readonly kind: 'client-secret'; readonly secret: string }
  | { readonly kind: 'federated'; readonly assertion: AssertionSource };

export interface AppIdentity {
  /** The Entra application (client) id: the bot's id and the app Graph knows. */
  readonly clientId: string;
  readonly tenantId: string;
  /** e.g. https://login.microsoftonline.com */
  readonly authorityHost: string;
  readonly credential: AppCredential;
  /** Tests only: MSAL's transport. */
  readonly networkClient?: INetworkModule;
}

export interface AccessToken {
  readonly accessToken: string;
  readonly expiresOn: Date;
}

/** App-only tokens for any resource the app is granted (Graph, the Bot Framework). */
export interface AppTokens {
  readonly clientId: string;
  /** `scope` is the resource's `/.default` scope. */
  token(scope: string): Promise<AccessToken>;
}

/**
 * One MSAL confidential client per Entra app (client credentials grant). MSAL caches each scope's
 * token until shortly before it expires; with a federated credential it calls the assertion source
 * only when it needs a new token, so a managed identity token is never reused after it expires.
 */
export function confidentialClient(identity: AppIdentity): AppTokens {
  const { authority, knownAuthorities } = msalAuthority(identity.authorityHost, identity.tenantId);
  const credential = identity.credential;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: identity.clientId,
      authority,
      ...(knownAuthorities ? { knownAuthorities } : {}),
      ...(credential.kind === 'client-secret' ? { clientSecret: credential.secret } : { clientAssertion: () => credential.assertion() }),
    },
    ...(identity.networkClient ? { system: { networkClient: identity.networkClient } } : {}),
  });
  return {
    clientId: identity.clientId,
    async token(scope: string): Promise<AccessToken> {
      const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
      if (!result?.accessToken) throw new Error(`Entra returned no access token for ${scope}`);
      return { accessToken: result.accessToken, expiresOn: result.expiresOn ?? new Date(Date.now() + 5 * 60_000) };
    },
  };
}
