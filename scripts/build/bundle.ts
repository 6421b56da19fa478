/**
 * `npm run bundle`: the folder App Service runs, .deployment/app: the production build (dist/, made
 * by `npm run build` first), the card templates, the CLI launcher, the council's escalation settings
 * files (env/*.json), package.json and package-lock.json, and node_modules with runtime dependencies
 * only (`npm ci --omit=dev`). The Agents Toolkit's azureAppService/zipDeploy (or `az webapp deploy`)
 * uploads it; the web app starts `node dist/main.js`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE_DIR = '.deployment/app';

/** What the deployed app reads at run time, besides node_modules. */
export const BUNDLE_CONTENTS = ['dist', 'cards', 'bin', 'package.json', 'package-lock.json'] as const;

export function bundle(out = BUNDLE_DIR, options: { install?: boolean } = {}): string[] {
  if (!existsSync('dist/main.js')) throw new Error('dist/main.js is missing: run npm run build first');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const item of BUNDLE_CONTENTS) cpSync(item, join(out, item), { recursive: true });
  mkdirSync(join(out, 'env'), { recursive: true });
  const settings = readdirSync('env').filter((f) => f.endsWith('.json'));
  for (const file of settings) cpSync(join('env', file), join(out, 'env', file));
  if (options.install !== false) {
    const npm = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: out, stdio: 'inherit' });
    if (npm.status !== 0) throw new Error(`npm ci --omit=dev failed in ${out}`);
  }
  return [...BUNDLE_CONTENTS, ...settings.map((f) => `env/${f}`)];
}

if (process.argv[1]?.endsWith('bundle.ts')) {
  try {
    const contents = bundle();
    process.stdout.write(`✓ ${BUNDLE_DIR}: ${contents.join(', ')}, node_modules (runtime dependencies only)\n`);
  } catch (error) {
    process.stderr.write(`✗ ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
