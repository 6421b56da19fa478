import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { INetworkModule } from '@azure/msal-node';
import type { TenantConfig } from '../../config/schema.js';
import type { StorageTarget } from '../storage/index.js';
import { confidentialClient, type AppTokens } from './confidential-client.js';
import { managedIdentityAssertion } from './managed-identity.js';

/** Azure Storage's resource, as its data-plane tokens name it. */
export const STORAGE_SCOPE = 'https://storage.azure.com/.default';

/**
 * Every credential tenant mode uses, built once from the configuration (src/config/credentials.ts
 * has already refused a wrong combination):
 * - the app's confidential client: Graph's and the Bot Framework's tokens;
 * - how Storage is reached: the managed identity by account URL (federated), or a connection
 *   string or the app's own secret by account URL (client-secret).
 */
export interface TenantCredentials {
  readonly type: TenantConfig['CREDENTIAL_TYPE'];
  readonly app: AppTokens;
  readonly storage: StorageTarget;
  /** The token credential Storage is reached with, when it is reached by account URL. */
  readonly storageCredential?: TokenCredential;
}

export function tenantCredentials(config: TenantConfig, options: { networkClient?: INetworkModule } = {}): TenantCredentials {
  const common = { clientId: config.MICROSOFT_APP_ID, tenantId: config.MICROSOFT_APP_TENANT_ID, authorityHost: config.ENTRA_AUTHORITY_HOST, ...options };
  if (config.CREDENTIAL_TYPE === 'federated') {
    const identityClientId = required(config.MANAGED_IDENTITY_CLIENT_ID, 'MANAGED_IDENTITY_CLIENT_ID');
    const app = confidentialClient({ ...common, credential: { kind: 'federated', assertion: managedIdentityAssertion(identityClientId) } });
    const storageCredential = new ManagedIdentityCredential({ clientId: identityClientId });
    return { type: 'federated', app, storage: accountTarget(config, storageCredential), storageCredential };
  }
  const secret = required(config.MICROSOFT_APP_PASSWORD, 'MICROSOFT_APP_PASSWORD');
  const app = confidentialClient({ ...common, credential: { kind: 'client-secret', secret } });
  if (config.AZURE_STORAGE_CONNECTION_STRING) {
    return { type: 'client-secret', app, storage: { kind: 'connection-string', connectionString: config.AZURE_STORAGE_CONNECTION_STRING } };
  }
  const storageCredential = new ClientSecretCredential(config.MICROSOFT_APP_TENANT_ID, config.MICROSOFT_APP_ID, secret, { authorityHost: config.ENTRA_AUTHORITY_HOST });
  return { type: 'client-secret', app, storage: accountTarget(config, storageCredential), storageCredential };
}

function accountTarget(config: TenantConfig, credential: TokenCredential): StorageTarget {
  return {
    kind: 'account',
    blobUrl: required(config.AZURE_STORAGE_BLOB_URL, 'AZURE_STORAGE_BLOB_URL'),
    queueUrl: required(config.AZURE_STORAGE_QUEUE_URL, 'AZURE_STORAGE_QUEUE_URL'),
    tableUrl: required(config.AZURE_STORAGE_TABLE_URL, 'AZURE_STORAGE_TABLE_URL'),
    credential,
  };
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new Error(`Configuration error: ${name} is missing`);
  return value;
}
