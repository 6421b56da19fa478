import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load-config.js';

const tenant = {
  SUPERVISION_MODE: 'tenant',
  CREDENTIAL_TYPE: 'client-secret',
  MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
  MICROSOFT_APP_PASSWORD: 'secret',
  MICROSOFT_APP_TENANT_ID: '66666666-7777-8888-9999-000000000000',
  AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
};

describe('configuration', () => {
  it('sandbox mode needs no secrets and fills defaults', () => {
    const config = parseConfig({ SUPERVISION_MODE: 'sandbox' });
    expect(config.SUPERVISION_MODE).toBe('sandbox');
    expect(config.PORT).toBe(3978);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.BANK_HOLIDAY_NATION).toBe('england-and-wales');
  });

  it('tenant mode accepts a complete configuration', () => {
    const config = parseConfig(tenant);
    expect(config.SUPERVISION_MODE).toBe('tenant');
    if (config.SUPERVISION_MODE === 'tenant') expect(config.GRAPH_BASE_URL).toBe('https://graph.microsoft.com/v1.0');
  });

  it('outside the sandbox PUBLIC_URL must be https, as Graph delivers change notifications only over HTTPS (issue 11 item 5); the sandbox may use http on this machine', () => {
    expect(() => parseConfig({ ...tenant, PUBLIC_URL: 'http://supervision.example.gov.uk' })).toThrowError(
      /^Configuration error: PUBLIC_URL is malformed; expected an https:\/\/ address \(Microsoft Graph sends change notifications only over HTTPS\)$/,
    );
    const ok = parseConfig({ ...tenant, PUBLIC_URL: 'https://supervision.example.gov.uk' });
    expect(ok.PUBLIC_URL).toBe('https://supervision.example.gov.uk');
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox', PUBLIC_URL: 'http://127.0.0.1:3978' }).PUBLIC_URL).toBe('http://127.0.0.1:3978');
  });

  it('a missing variable stops startup with one line naming it and what is expected', () => {
    const { MICROSOFT_APP_PASSWORD: _omit, ...rest } = tenant;
    expect(() => parseConfig(rest)).toThrowError(/^Configuration error: MICROSOFT_APP_PASSWORD is missing; CREDENTIAL_TYPE=client-secret needs a client secret/);
  });

  it('a malformed variable is named as malformed with the expected shape', () => {
    let message = '';
    try {
      parseConfig({ ...tenant, MICROSOFT_APP_ID: 'not-a-guid' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe("Configuration error: MICROSOFT_APP_ID is malformed; expected the bot's Entra application (client) id, a GUID");
    expect(message.split('\n')).toHaveLength(1);
  });

  it('an unknown mode names SUPERVISION_MODE', () => {
    expect(() => parseConfig({ SUPERVISION_MODE: 'production' })).toThrowError(/SUPERVISION_MODE is malformed; expected 'sandbox' or 'tenant'/);
    expect(() => parseConfig({})).toThrowError(/SUPERVISION_MODE is missing/);
  });

  it('a bad port is refused', () => {
    expect(() => parseConfig({ SUPERVISION_MODE: 'sandbox', PORT: '99999' })).toThrowError(/PORT is malformed/);
  });

  it('variables in the environment win over the env file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'SUPERVISION_MODE=sandbox\nPORT=4000\nSANDBOX_PERSON=tm1\n');
    const config = loadConfig({ envFile: file, env: { PORT: '4100' } });
    expect(config.PORT).toBe(4100);
    expect(config.SUPERVISION_MODE === 'sandbox' && config.SANDBOX_PERSON).toBe('tm1');
  });

  it('the committed sandbox env file parses', () => {
    const config = loadConfig({ envFile: 'env/.env.sandbox', env: {} });
    expect(config.SUPERVISION_MODE).toBe('sandbox');
  });

  it('the tenant example names every variable tenant mode requires', () => {
    const example = loadConfigExample();
    for (const name of ['CREDENTIAL_TYPE', 'MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'AZURE_STORAGE_CONNECTION_STRING']) {
      expect(example).toContain(`${name}=`);
    }
  });
});

function loadConfigExample(): string {
  return readFileSync('env/.env.tenant.example', 'utf8');
}
