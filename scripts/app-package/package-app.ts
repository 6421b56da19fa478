/**
 * `npm run package -- --env <name>`: the Teams app package for one environment. appPackage/manifest.json's
 * `${{VAR}}` placeholders (TEAMS_APP_ID, BOT_ID, BOT_DOMAIN) are filled from env/.env.<name>, the
 * result is checked against the official schema (@microsoft/app-manifest) and the project's rules
 * (rules.ts), and appPackage/build/appPackage.<name>.zip is written with the manifest and both icons,
 * as the Agents Toolkit's teamsApp/zipAppPackage writes it. Nothing is written when a check fails.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { fillPlaceholders, jsonStringEscape, readToolkitEnv } from '../../src/config/placeholders.js';
import { httpsProblems, iconProblems, validDomainProblems } from './rules.js';
import { schemaProblems } from './schema.js';

export interface PackageOptions {
  /** The environment's name: the zip is appPackage.<name>.zip. */
  readonly envName: string;
  /** The environment's variables (env/.env.<name>). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly sourceDir?: string;
  readonly outDir?: string;
}

export interface PackageResult {
  readonly problems: readonly string[];
  readonly manifest?: Record<string, unknown>;
  /** Written only when there is no problem. */
  readonly zipPath?: string;
  readonly manifestPath?: string;
}

/** A fixed time in every entry, so the same inputs make the same zip. */
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

export function buildAppPackage(options: PackageOptions): PackageResult {
  const sourceDir = options.sourceDir ?? 'appPackage';
  const outDir = options.outDir ?? join(sourceDir, 'build');
  const filled = fillPlaceholders(readFileSync(join(sourceDir, 'manifest.json'), 'utf8'), options.env, jsonStringEscape);
  const unfilled = [
    ...filled.missing.map((name) => `\${{${name}}} is not filled: ${name} is not set in env/.env.${options.envName}`),
    ...filled.empty.map((name) => `\${{${name}}} is not filled: ${name} is empty in env/.env.${options.envName}`),
  ];
  if (unfilled.length > 0) return { problems: unfilled };
  let manifest: Record<string, unknown> & { icons?: { color: string; outline: string } };
  try {
    manifest = JSON.parse(filled.text) as typeof manifest;
  } catch (error) {
    return { problems: [`manifest.json is not JSON once filled (${error instanceof Error ? error.message : String(error)})`] };
  }
  const problems = [
    ...schemaProblems(manifest),
    ...httpsProblems(manifest),
    ...validDomainProblems(manifest),
    ...(manifest.icons ? iconProblems(sourceDir, manifest.icons) : ['manifest.json names no icons']),
  ];
  if (problems.length > 0 || !manifest.icons) return { problems, manifest };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const entry = (data: Uint8Array): [Uint8Array, { mtime: Date }] => [data, { mtime: ZIP_TIME }];
  const zip = zipSync({
    'manifest.json': entry(manifestBytes),
    [manifest.icons.color]: entry(readFileSync(join(sourceDir, manifest.icons.color))),
    [manifest.icons.outline]: entry(readFileSync(join(sourceDir, manifest.icons.outline))),
  });
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.envName}.zip`);
  const manifestPath = join(outDir, `manifest.${options.envName}.json`);
  writeFileSync(zipPath, zip);
  writeFileSync(manifestPath, manifestBytes);
  return { problems: [], manifest, zipPath, manifestPath };
}

export function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): { code: number; out: string } {
  const { values } = parseArgs({ args: [...argv], options: { env: { type: 'string' }, out: { type: 'string' } } });
  if (!values.env) return { code: 2, out: 'usage: npm run package -- --env <name>   (fills appPackage/manifest.json from env/.env.<name>)\n' };
  let vars: Record<string, string>;
  try {
    vars = readToolkitEnv(values.env, { env });
  } catch (error) {
    return { code: 2, out: `✗ ${error instanceof Error ? error.message : String(error)}\n` };
  }
  const result = buildAppPackage({ envName: values.env, env: vars, ...(values.out ? { outDir: values.out } : {}) });
  if (result.problems.length > 0) return { code: 1, out: result.problems.map((p) => `✗ ${p}\n`).join('') };
  return { code: 0, out: `✓ ${result.zipPath} (manifest valid against the Teams schema ${String(result.manifest?.manifestVersion)} and the project's rules)\n` };
}

if (process.argv[1]?.endsWith('package-app.ts')) {
  // As with the Agents Toolkit, a variable set in the shell (e.g. by CI) wins over the file's.
  const { code, out } = main(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(out);
  process.exitCode = code;
}
