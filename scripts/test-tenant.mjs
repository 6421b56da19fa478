#!/usr/bin/env node
// npm run test:tenant: the Graph contract (test/contract/graph-contract.ts) against a council's or a
// developer's tenant, configured by a tenant env file (env/.env.tenant, or TENANT_ENV_FILE). Without
// one it refuses in one line: it must never fall back to the sandbox and pass for the wrong reason.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const envFile = process.env.TENANT_ENV_FILE || 'env/.env.tenant';
if (!existsSync(envFile)) {
  process.stderr.write(`test:tenant needs a tenant env file: copy env/.env.tenant.example to ${envFile} and fill it in (README, "Graph contract tests").\n`);
  process.exit(1);
}
// vitest's own command (its package "bin"), run by this Node.
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.tenant.config.ts'], { stdio: 'inherit', env: { ...process.env, TENANT_ENV_FILE: envFile } });
process.exit(run.status ?? 1);
