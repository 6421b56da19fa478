import { z } from 'zod';

/**
 * How tenant mode proves who it is, picked by one setting, CREDENTIAL_TYPE:
 * - `federated` (a council's deployment): the bot's Entra app has no secret, only a federated
 *   credential that trusts the web app's user-assigned managed identity. Graph and the Bot
 *   Framework get tokens with the identity's token as client assertion; Storage is reached through
 *   the identity itself, by account URL (the account has shared keys off).
 * - `client-secret` (a developer's own test tenant only): the Entra app's client secret; Storage by
 *   connection string (Azurite) or account URL with the same app's credentials.
 * A setting that belongs to the other type stops start-up with one line naming it (credentialProblem).
 */
export const CREDENTIAL_TYPES = ['federated', 'client-secret'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID');
/** Bearer tokens go only over TLS: the Azure SDKs refuse an http:// account URL with a token credential. */
const httpsUrl = z.url({ protocol: /^https$/, error: 'an https:// URL' });

export const credentialSettings = {
  CREDENTIAL_TYPE: z.enum(CREDENTIAL_TYPES),
  /** Client id of the user-assigned managed identity the Entra app's federated credential trusts. */
  MANAGED_IDENTITY_CLIENT_ID: guid.optional(),
  /** Only with CREDENTIAL_TYPE=client-secret. */
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  /** Entra's token endpoint host (a national cloud's, or the sandbox's in tests). */
  ENTRA_AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com'),
  /** Only with CREDENTIAL_TYPE=client-secret: a connection string holds an account key. */
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  AZURE_STORAGE_BLOB_URL: httpsUrl.optional(),
  AZURE_STORAGE_QUEUE_URL: httpsUrl.optional(),
  AZURE_STORAGE_TABLE_URL: httpsUrl.optional(),
};

export const credentialExpectations: Record<string, string> = {
  CREDENTIAL_TYPE: "'federated' (a council's deployment: no secret) or 'client-secret' (a developer's own test tenant)",
  MANAGED_IDENTITY_CLIENT_ID: "the client id (a GUID) of the user-assigned managed identity that the Entra app's federated credential trusts",
  MICROSOFT_APP_PASSWORD: "a client secret of the bot's Entra application",
  ENTRA_AUTHORITY_HOST: 'an https:// URL such as https://login.microsoftonline.com',
  AZURE_STORAGE_BLOB_URL: 'the storage account\'s blob endpoint, e.g. https://<account>.blob.core.windows.net/',
  AZURE_STORAGE_QUEUE_URL: 'the storage account\'s queue endpoint, e.g. https://<account>.queue.core.windows.net/',
  AZURE_STORAGE_TABLE_URL: 'the storage account\'s table endpoint, e.g. https://<account>.table.core.windows.net/',
};

export interface CredentialSettings {
  readonly CREDENTIAL_TYPE: CredentialType;
  readonly MANAGED_IDENTITY_CLIENT_ID?: string | undefined;
  readonly MICROSOFT_APP_PASSWORD?: string | undefined;
  readonly AZURE_STORAGE_CONNECTION_STRING?: string | undefined;
  readonly AZURE_STORAGE_BLOB_URL?: string | undefined;
  readonly AZURE_STORAGE_QUEUE_URL?: string | undefined;
  readonly AZURE_STORAGE_TABLE_URL?: string | undefined;
}

const storageUrls = ['AZURE_STORAGE_BLOB_URL', 'AZURE_STORAGE_QUEUE_URL', 'AZURE_STORAGE_TABLE_URL'] as const;

/**
 * The first wrong combination of credential settings, as the one line start-up prints; undefined
 * when the combination is right.
 */
export function credentialProblem(settings: CredentialSettings): string | undefined {
  const urls = storageUrls.filter((name) => settings[name] !== undefined);
  const missingUrl = storageUrls.find((name) => settings[name] === undefined);
  if (settings.CREDENTIAL_TYPE === 'federated') {
    if (settings.MICROSOFT_APP_PASSWORD !== undefined) {
      return 'Configuration error: MICROSOFT_APP_PASSWORD is set, but CREDENTIAL_TYPE=federated uses no secret; remove it (a client secret is only for CREDENTIAL_TYPE=client-secret in a developer\'s own tenant)';
    }
    if (settings.AZURE_STORAGE_CONNECTION_STRING !== undefined) {
      return 'Configuration error: AZURE_STORAGE_CONNECTION_STRING is set, but CREDENTIAL_TYPE=federated reaches Storage through the managed identity; remove it and set AZURE_STORAGE_BLOB_URL, AZURE_STORAGE_QUEUE_URL and AZURE_STORAGE_TABLE_URL';
    }
    if (settings.MANAGED_IDENTITY_CLIENT_ID === undefined) {
      return `Configuration error: MANAGED_IDENTITY_CLIENT_ID is missing; CREDENTIAL_TYPE=federated needs ${credentialExpectations.MANAGED_IDENTITY_CLIENT_ID}`;
    }
    if (missingUrl) return `Configuration error: ${missingUrl} is missing; CREDENTIAL_TYPE=federated needs ${credentialExpectations[missingUrl]}`;
    return undefined;
  }
  if (settings.MANAGED_IDENTITY_CLIENT_ID !== undefined) {
    return 'Configuration error: MANAGED_IDENTITY_CLIENT_ID is set, but CREDENTIAL_TYPE=client-secret does not use the managed identity; remove it, or set CREDENTIAL_TYPE=federated';
  }
  if (settings.MICROSOFT_APP_PASSWORD === undefined) {
    return `Configuration error: MICROSOFT_APP_PASSWORD is missing; CREDENTIAL_TYPE=client-secret needs ${credentialExpectations.MICROSOFT_APP_PASSWORD}`;
  }
  if (settings.AZURE_STORAGE_CONNECTION_STRING !== undefined && urls.length > 0) {
    return `Configuration error: AZURE_STORAGE_CONNECTION_STRING and ${urls[0]} are both set; use one way to reach Storage`;
  }
  if (settings.AZURE_STORAGE_CONNECTION_STRING === undefined) {
    if (urls.length === 0) return 'Configuration error: AZURE_STORAGE_CONNECTION_STRING is missing; expected an Azure Storage connection string, or the three AZURE_STORAGE_*_URL account URLs';
    if (missingUrl) return `Configuration error: ${missingUrl} is missing; expected ${credentialExpectations[missingUrl]}`;
  }
  return undefined;
}
