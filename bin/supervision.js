#!/usr/bin/env node
// In a clone the CLI runs the TypeScript through tsx (a development dependency), so there is no
// build step to forget; in a deployment (npm ci --omit=dev: no tsx, no src/) it runs the
// production build in dist/.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);
let hasTsx = false;
try {
  require.resolve('tsx/esm/api');
  hasTsx = true;
} catch {
  hasTsx = false;
}

let main;
if (hasTsx && existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
