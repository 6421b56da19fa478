import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as Record<string, unknown> & {
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: { botId: string; commandLists: { commands: { title: string }[] }[] }[];
  id: string;
};

function schemaFor(version: string): object {
  const path = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('Teams app package (appPackage/)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schemaFor(manifest.manifestVersion));

  it('the manifest validates offline against the Teams schema of its version', () => {
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: a manifest without a bot id is refused', () => {
    const broken = structuredClone(manifest);
    delete (broken.bots[0] as Partial<(typeof broken.bots)[number]>).botId;
    expect(validate(broken)).toBe(false);
  });

  it('icons have the sizes Teams requires (colour 192x192, outline 32x32)', () => {
    expect(pngSize(`appPackage/${manifest.icons.color}`)).toEqual({ width: 192, height: 192 });
    expect(pngSize(`appPackage/${manifest.icons.outline}`)).toEqual({ width: 32, height: 32 });
  });

  it('the bot command list matches commands the bot understands', async () => {
    const { commands } = await import('../../src/conversation/commands.js');
    const { findCommand, findPrefixCommand } = await import('../../src/conversation/understand.js');
    // A command the person completes after choosing it ("add to agenda …") is one that takes an argument.
    for (const command of manifest.bots[0]?.commandLists[0]?.commands ?? []) {
      expect(findCommand(commands, command.title) ?? findPrefixCommand(commands, command.title), command.title).toBeDefined();
    }
  });

  it('the app id matches the default TEAMS_APP_ID of the configuration', async () => {
    const { parseConfig } = await import('../../src/config/load-config.js');
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox' }).TEAMS_APP_ID).toBe(manifest.id);
  });
});
