import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/app-package/package-app.js';
import { schemaProblems } from '../../scripts/app-package/schema.js';
import { readToolkitEnv } from '../../src/config/placeholders.js';

/**
 * Issue 13 "Done when": the app package's manifest (validated against @microsoft/app-manifest's
 * schema) declares the personal tab, the meeting tab (side panel and details), the single sign-on
 * registration (webApplicationInfo), the bot in group chats and the resource-specific permission
 * that lets Teams' meeting start and end events reach it.
 */
interface Manifest {
  manifestVersion: string;
  bots: { botId: string; scopes: string[] }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; scopes: string[]; context?: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[]; context: string[]; canUpdateConfiguration: boolean }[];
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  validDomains: string[];
}

function built(): Manifest {
  const out = mkdtempSync(join(tmpdir(), 'tab-manifest-'));
  const { code, out: said } = main(['--env', 'dev', '--out', out], {});
  expect(said).toMatch(/^✓/);
  expect(code).toBe(0);
  const files = unzipSync(readFileSync(join(out, 'appPackage.dev.zip')));
  return JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as Manifest;
}

describe('the manifest declares the tab, the meeting and single sign-on (issue 13)', () => {
  const env = readToolkitEnv('dev');
  const manifest = built();

  it('validates against the official schema', () => {
    expect(schemaProblems(manifest)).toEqual([]);
  });

  it('the personal tab, on the bot domain, for Teams, Outlook and the Microsoft 365 app', () => {
    const tab = manifest.staticTabs.find((t) => t.entityId === 'my-supervision');
    expect(tab).toMatchObject({ name: 'My supervision', contentUrl: `https://${env.BOT_DOMAIN}/tab/personal`, scopes: ['personal'], context: ['personalTab'] });
    expect(manifest.validDomains).toContain(env.BOT_DOMAIN);
  });

  it('the meeting tab: configurable, in the meeting side panel and details tab', () => {
    expect(manifest.configurableTabs).toEqual([
      { configurationUrl: `https://${env.BOT_DOMAIN}/tab/config`, canUpdateConfiguration: true, scopes: ['groupChat'], context: ['meetingSidePanel', 'meetingDetailsTab'] },
    ]);
  });

  it('webApplicationInfo names the app registration and its exposed API for single sign-on', () => {
    expect(manifest.webApplicationInfo).toEqual({ id: env.BOT_ID, resource: `api://${env.BOT_DOMAIN}/botid-${env.BOT_ID}` });
  });

  it('the bot joins group chats (a meeting chat) with OnlineMeeting.ReadBasic.Chat, for the meeting start and end events', () => {
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'groupChat']);
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' }]);
  });
});
