import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one, on the 2-core machines this runs on,
    // while most files wait on Azurite, the sandbox, child processes or a browser rather than compute.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
