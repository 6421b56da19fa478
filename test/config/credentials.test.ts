import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';

const base = {
  SUPERVISION_MODE: 'tenant',
  MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
  MICROSOFT_APP_TENANT_ID: '66666666-7777-8888-9999-000000000000',
};
const urls = {
  AZURE_STORAGE_BLOB_URL: 'https://councilsup.blob.core.windows.net/',
  AZURE_STORAGE_QUEUE_URL: 'https://councilsup.queue.core.windows.net/',
  AZURE_STORAGE_TABLE_URL: 'https://councilsup.table.core.windows.net/',
};
const federated = { ...base, CREDENTIAL_TYPE: 'federated', MANAGED_IDENTITY_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', ...urls };
const secret = { ...base, CREDENTIAL_TYPE: 'client-secret', MICROSOFT_APP_PASSWORD: 'dev-secret', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };

function failure(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('the credential type (CREDENTIAL_TYPE) and what each needs', () => {
  it("a council's federated configuration needs no secret and no connection string", () => {
    const config = parseConfig(federated);
    expect(config.SUPERVISION_MODE === 'tenant' && config.CREDENTIAL_TYPE).toBe('federated');
    expect(config.SUPERVISION_MODE === 'tenant' && config.ENTRA_AUTHORITY_HOST).toBe('https://login.microsoftonline.com');
  });

  it("a developer's client-secret configuration takes a connection string or the account URLs", () => {
    expect(parseConfig(secret).SUPERVISION_MODE).toBe('tenant');
    const { AZURE_STORAGE_CONNECTION_STRING: _cs, ...withoutConnection } = secret;
    expect(parseConfig({ ...withoutConnection, ...urls }).SUPERVISION_MODE).toBe('tenant');
  });

  it('each wrong combination stops start-up with one line naming the setting', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...federated, MICROSOFT_APP_PASSWORD: 'x' }, /^Configuration error: MICROSOFT_APP_PASSWORD is set, but CREDENTIAL_TYPE=federated uses no secret/],
      [{ ...federated, AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, /^Configuration error: AZURE_STORAGE_CONNECTION_STRING is set, but CREDENTIAL_TYPE=federated/],
      [{ ...federated, MANAGED_IDENTITY_CLIENT_ID: '' }, /^Configuration error: MANAGED_IDENTITY_CLIENT_ID is missing; CREDENTIAL_TYPE=federated needs the client id/],
      [{ ...federated, AZURE_STORAGE_QUEUE_URL: '' }, /^Configuration error: AZURE_STORAGE_QUEUE_URL is missing; CREDENTIAL_TYPE=federated needs the storage account's queue endpoint/],
      [{ ...secret, MANAGED_IDENTITY_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }, /^Configuration error: MANAGED_IDENTITY_CLIENT_ID is set, but CREDENTIAL_TYPE=client-secret/],
      [{ ...secret, MICROSOFT_APP_PASSWORD: '' }, /^Configuration error: MICROSOFT_APP_PASSWORD is missing; CREDENTIAL_TYPE=client-secret needs a client secret/],
      [{ ...secret, ...urls }, /^Configuration error: AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_BLOB_URL are both set/],
      [{ ...secret, AZURE_STORAGE_CONNECTION_STRING: '' }, /^Configuration error: AZURE_STORAGE_CONNECTION_STRING is missing/],
      [{ ...federated, CREDENTIAL_TYPE: 'password' }, /^Configuration error: CREDENTIAL_TYPE is malformed; expected 'federated'/],
      [{ ...federated, CREDENTIAL_TYPE: '' }, /^Configuration error: CREDENTIAL_TYPE is missing/],
      [{ ...federated, AZURE_STORAGE_BLOB_URL: 'http://councilsup.blob.core.windows.net/' }, /^Configuration error: AZURE_STORAGE_BLOB_URL is malformed; expected the storage account's blob endpoint/],
      [{ ...federated, ENTRA_AUTHORITY_HOST: 'http://login.example' }, /^Configuration error: ENTRA_AUTHORITY_HOST is malformed; expected an https:\/\/ URL/],
    ];
    for (const [env, expected] of cases) {
      const message = failure(env);
      expect(message, JSON.stringify(env)).toMatch(expected);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('sandbox mode ignores credential settings it does not use', () => {
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox', CREDENTIAL_TYPE: 'whatever' }).SUPERVISION_MODE).toBe('sandbox');
  });
});
