import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';

const tenant = {
  SUPERVISION_MODE: 'tenant',
  CREDENTIAL_TYPE: 'client-secret',
  MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
  MICROSOFT_APP_PASSWORD: 'secret',
  MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
  AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
};

function message(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('filing settings (SHAREPOINT_SITE, RECORDS_RETENTION_LABEL)', () => {
  it('sandbox files into the demo supervision site; a tenant names its own or files nothing', () => {
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox' }).SHAREPOINT_SITE).toBe('northshire.sharepoint.example:/sites/supervision');
    expect(parseConfig(tenant).SHAREPOINT_SITE).toBeUndefined();
    expect(parseConfig({ ...tenant, SHAREPOINT_SITE: 'contoso.sharepoint.com:/sites/supervision' }).SHAREPOINT_SITE).toBe('contoso.sharepoint.com:/sites/supervision');
    const id = 'contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE';
    expect(parseConfig({ ...tenant, SHAREPOINT_SITE: id, RECORDS_RETENTION_LABEL: 'Supervision record' })).toMatchObject({ SHAREPOINT_SITE: id, RECORDS_RETENTION_LABEL: 'Supervision record' });
  });

  it('malformed values stop startup with one line naming the variable', () => {
    const site = message({ ...tenant, SHAREPOINT_SITE: 'https://contoso.sharepoint.com/sites/supervision' });
    expect(site).toBe('Configuration error: SHAREPOINT_SITE is malformed; expected a site id (hostname,siteCollectionId,webId) or hostname:/sites/name, e.g. contoso.sharepoint.com:/sites/supervision');
    const label = message({ SUPERVISION_MODE: 'sandbox', RECORDS_RETENTION_LABEL: 'x'.repeat(65) });
    expect(label).toBe('Configuration error: RECORDS_RETENTION_LABEL is malformed; expected a retention label name of at most 64 characters');
    expect(label.split('\n')).toHaveLength(1);
  });

  it('SHAREPOINT_LIBRARY names the supervision library: the sandbox\'s by default, a council\'s own, a malformed one in one line', () => {
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox' }).SHAREPOINT_LIBRARY).toBe('Supervision Files');
    expect(parseConfig({ ...tenant, SHAREPOINT_LIBRARY: '' }).SHAREPOINT_LIBRARY).toBe('Supervision Files');
    expect(parseConfig({ ...tenant, SHAREPOINT_LIBRARY: 'Staff Supervision Records' }).SHAREPOINT_LIBRARY).toBe('Staff Supervision Records');
    for (const bad of ['Records/2026', ' Supervision Files', 'x'.repeat(129), 'Supervision\tFiles']) {
      const line = message({ ...tenant, SHAREPOINT_LIBRARY: bad });
      expect(line, bad).toBe('Configuration error: SHAREPOINT_LIBRARY is malformed; expected a document library name of 1 to 128 characters without " # % * : < > ? / \\ |, e.g. Supervision Files');
      expect(line.split('\n')).toHaveLength(1);
    }
  });
});
