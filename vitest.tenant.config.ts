import { defineConfig } from 'vitest/config';

/** `npm run test:tenant` (scripts/test-tenant.mjs): the Graph contract against a real tenant, and nothing else. */
export default defineConfig({
  test: {
    include: ['test/contract/*.tenant.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
