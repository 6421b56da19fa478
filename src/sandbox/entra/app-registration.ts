import { GRAPH_PERMISSION_NAMES } from '../../adapters/graph/permissions.js';

/**
 * The product's app registration in the sandbox tenant, as a council's Entra tenant would hold it
 * (application (client) id, a client secret, its granted application permissions). The secret is
 * no secret: the sandbox tenant listens on this machine only and holds a fictional council.
 * In sandbox mode the product signs in with these (src/adapters/graph/sandbox-token-provider.ts).
 */
export const SANDBOX_APP_REGISTRATION = {
  clientId: '3c1f6a52-8d0e-4b7a-9f21-5e6d7c8b9a01',
  clientSecret: 'sandbox-client-secret.not-a-secret',
  displayName: 'Supervision Assistant',
  /** Entra accepts the tenant's id or one of its verified domains in the token URL. */
  tenant: 'northshire.example',
} as const;

/**
 * A workload identity federation trust (a federated identity credential on the app registration):
 * a client assertion from this issuer, for this subject, with one of these audiences, stands in for
 * the client secret (Entra docs, workload-identity-federation; the token request's
 * `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`).
 */
export interface FederatedCredential {
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
}

export interface SandboxApplication {
  readonly clientId: string;
  readonly displayName: string;
  readonly secrets: readonly string[];
  readonly federatedCredentials: readonly FederatedCredential[];
  /** Object id of the app's service principal in the tenant: the token's `oid` and `sub`. */
  readonly servicePrincipalId: string;
}

/** The default registration: the product's app with its one client secret. */
export function productApplication(servicePrincipalId: string): SandboxApplication {
  return {
    clientId: SANDBOX_APP_REGISTRATION.clientId,
    displayName: SANDBOX_APP_REGISTRATION.displayName,
    secrets: [SANDBOX_APP_REGISTRATION.clientSecret],
    federatedCredentials: [],
    servicePrincipalId,
  };
}

/** What the sandbox grants the product by default: exactly the product's least-privilege list. */
export function defaultGrantedRoles(): string[] {
  return [...GRAPH_PERMISSION_NAMES];
}
