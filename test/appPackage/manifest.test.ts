import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, main } from '../../scripts/app-package/package-app.js';
import { httpsProblems, iconProblems, validDomainProblems } from '../../scripts/app-package/rules.js';
import { schemaProblems } from '../../scripts/app-package/schema.js';
import { readToolkitEnv } from '../../src/config/placeholders.js';

const template = readFileSync('appPackage/manifest.json', 'utf8');
const devEnv = readToolkitEnv('dev');
const outDir = mkdtempSync(join(tmpdir(), 'app-package-'));

/** A copy of appPackage/ with a changed manifest or icon, to show a check failing. */
function variant(change: { manifest?: (m: Record<string, unknown>) => void; outline?: PNG }): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-package-src-'));
  const manifest = JSON.parse(template) as Record<string, unknown>;
  change.manifest?.(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  copyFileSync('appPackage/color.png', join(dir, 'color.png'));
  if (change.outline) writeFileSync(join(dir, 'outline.png'), PNG.sync.write(change.outline));
  else copyFileSync('appPackage/outline.png', join(dir, 'outline.png'));
  return dir;
}

function outline(paint: (x: number, y: number) => [number, number, number, number]): PNG {
  const png = new PNG({ width: 32, height: 32 });
  for (let y = 0; y < 32; y += 1) {
    for (let x = 0; x < 32; x += 1) {
      const i = (y * 32 + x) * 4;
      const [r, g, b, a] = paint(x, y);
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return png;
}

describe('the Teams app package (appPackage/, npm run package -- --env <name>)', () => {
  it('the manifest template carries the placeholders a council fills: its Teams app id, its bot (Entra app) and its bot domain', () => {
    const manifest = JSON.parse(template) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(manifest.bots[0]?.botId).toBe('${{BOT_ID}}');
    expect(manifest.validDomains).toEqual(['${{BOT_DOMAIN}}']);
  });

  it('npm run package -- --env dev writes appPackage.dev.zip whose manifest validates against the official schema', () => {
    const { code, out } = main(['--env', 'dev', '--out', outDir], {});
    expect(out).toMatch(/^✓ .*appPackage\.dev\.zip/);
    expect(code).toBe(0);
    const files = unzipSync(readFileSync(join(outDir, 'appPackage.dev.zip')));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(schemaProblems(manifest)).toEqual([]);
    expect(manifest.id).toBe(devEnv.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(devEnv.BOT_ID);
    expect(manifest.validDomains).toEqual([devEnv.BOT_DOMAIN]);
    expect(Buffer.from(files['outline.png']!)).toEqual(readFileSync('appPackage/outline.png'));
  });

  it('the same inputs make the same zip', () => {
    const a = buildAppPackage({ envName: 'again', env: devEnv, outDir: join(outDir, 'a') });
    const b = buildAppPackage({ envName: 'again', env: devEnv, outDir: join(outDir, 'b') });
    expect(readFileSync(a.zipPath!)).toEqual(readFileSync(b.zipPath!));
  });

  it('an unfilled placeholder fails the package, names the variable, and writes nothing', () => {
    const { BOT_DOMAIN: _dropped, ...withoutDomain } = devEnv;
    const missing = buildAppPackage({ envName: 'broken', env: withoutDomain, outDir: join(outDir, 'broken') });
    expect(missing.problems).toEqual(['${{BOT_DOMAIN}} is not filled: BOT_DOMAIN is not set in env/.env.broken']);
    expect(existsSync(join(outDir, 'broken', 'appPackage.broken.zip'))).toBe(false);
    const empty = buildAppPackage({ envName: 'broken', env: { ...devEnv, BOT_ID: '' }, outDir: join(outDir, 'broken') });
    expect(empty.problems).toEqual(['${{BOT_ID}} is not filled: BOT_ID is empty in env/.env.broken']);
    expect(main(['--env', 'nowhere'], {}).code).toBe(2);
  });

  it('an http URL fails the package', () => {
    const dir = variant({ manifest: (m) => ((m.developer as Record<string, string>).privacyUrl = 'http://supervision-assistant.example/privacy') });
    const result = buildAppPackage({ envName: 'dev', env: devEnv, sourceDir: dir, outDir: join(dir, 'build') });
    expect(result.problems).toContain('developer.privacyUrl is http://supervision-assistant.example/privacy: every URL in the manifest must be https');
    expect(result.zipPath).toBeUndefined();
    expect(httpsProblems({ $schema: 'https://x', a: ['https://ok.example', 'HTTP://no.example'] })).toEqual(['a[1] is HTTP://no.example: every URL in the manifest must be https']);
  });

  it('a manifest the official schema refuses fails the package (a bot id that is not a GUID)', () => {
    const result = buildAppPackage({ envName: 'dev', env: { ...devEnv, BOT_ID: 'not-a-guid' }, outDir: join(outDir, 'bad-bot') });
    expect(result.problems.join('\n')).toMatch(/\/bots\/0\/botId/);
    expect(result.zipPath).toBeUndefined();
  });

  it('every tab host must be in validDomains, listed once, as a host name', () => {
    const tabs = { staticTabs: [{ contentUrl: 'https://tab.council.example/tab', websiteUrl: 'https://bot.council.example/tab' }] };
    expect(validDomainProblems({ ...tabs, validDomains: ['bot.council.example'] })).toEqual(['staticTabs[0].contentUrl is on tab.council.example, which validDomains does not list']);
    expect(validDomainProblems({ ...tabs, validDomains: ['*.council.example'] })).toEqual([]);
    expect(validDomainProblems({ validDomains: ['https://bot.council.example', 'a.example', 'a.example'] })).toEqual([
      'validDomains holds "https://bot.council.example": a host name is expected, without scheme or path',
      'validDomains lists a.example twice',
    ]);
  });

  it('the outline icon is white on transparent (and the shipped one is); a coloured or opaque one fails', () => {
    expect(iconProblems('appPackage', { color: 'color.png', outline: 'outline.png' })).toEqual([]);
    const ring = (x: number, y: number) => Math.abs(Math.hypot(x - 15.5, y - 15.5) - 10) < 2;
    const teal = variant({ outline: outline((x, y) => (ring(x, y) ? [0, 120, 120, 255] : [0, 0, 0, 0])) });
    expect(iconProblems(teal, { color: 'color.png', outline: 'outline.png' }).join('\n')).toMatch(/pixel\(s\) that are not white/);
    const opaque = variant({ outline: outline(() => [255, 255, 255, 255]) });
    expect(iconProblems(opaque, { color: 'color.png', outline: 'outline.png' })).toEqual(['the outline icon outline.png has no transparent background']);
    const white = variant({ outline: outline((x, y) => (ring(x, y) ? [255, 255, 255, 200] : [0, 0, 0, 0])) });
    expect(iconProblems(white, { color: 'color.png', outline: 'outline.png' })).toEqual([]);
    expect(buildAppPackage({ envName: 'dev', env: devEnv, sourceDir: teal, outDir: join(teal, 'build') }).zipPath).toBeUndefined();
  });

  it('the icons have the sizes Teams requires (colour 192x192, outline 32x32)', () => {
    const small = variant({ outline: new PNG({ width: 16, height: 16 }) });
    expect(iconProblems(small, { color: 'color.png', outline: 'outline.png' })).toContain('the outline icon outline.png is 16×16; Teams needs 32×32');
  });

  it('the bot command list matches commands the bot understands', async () => {
    const manifest = JSON.parse(template) as { bots: { commandLists: { commands: { title: string }[] }[] }[] };
    const { commands } = await import('../../src/conversation/commands.js');
    const { findCommand, findPrefixCommand } = await import('../../src/conversation/understand.js');
    // A command the person completes after choosing it ("add to agenda …") is one that takes an argument.
    for (const command of manifest.bots[0]?.commandLists[0]?.commands ?? []) {
      expect(findCommand(commands, command.title) ?? findPrefixCommand(commands, command.title), command.title).toBeDefined();
    }
  });

  it("the sandbox's app id (env/.env.sandbox) is the configuration's default TEAMS_APP_ID", async () => {
    const { parseConfig } = await import('../../src/config/load-config.js');
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox' }).TEAMS_APP_ID).toBe(readToolkitEnv('sandbox').TEAMS_APP_ID);
  });
});
