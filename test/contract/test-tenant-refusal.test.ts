import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run test:tenant (issue 11)', () => {
  it('refuses to run without a tenant env file, in one plain line, and runs nothing', () => {
    const run = spawnSync(process.execPath, ['scripts/test-tenant.mjs'], { encoding: 'utf8', env: { ...process.env, TENANT_ENV_FILE: 'env/.env.no-such-tenant' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('test:tenant needs a tenant env file: copy env/.env.tenant.example to env/.env.no-such-tenant and fill it in (README, "Graph contract tests").\n');
  });
});
