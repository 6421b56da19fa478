/**
 * One in-memory Azurite per test file, on free ports. Starting takes about a second, so a
 * per-file instance is cheaper than coordinating a shared one through globalSetup, and it keeps
 * files isolated when vitest runs them in parallel.
 *
 *   const azurite = useAzurite();
 *   it('...', () => { createStorage(azurite.connectionString) ... });
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startAzurite, type AzuriteInstance, type AzuriteOptions } from '../../src/sandbox/azurite.js';

export interface AzuriteHandle {
  /** Valid inside tests and hooks (after beforeAll ran). */
  readonly connectionString: string;
  readonly instance: AzuriteInstance;
}

export function useAzurite(options: AzuriteOptions = {}): AzuriteHandle {
  let instance: AzuriteInstance | undefined;
  beforeAll(async () => {
    instance = await startAzurite({ host: '127.0.0.1', ...options });
  });
  afterAll(async () => {
    await instance?.close();
  });
  const current = (): AzuriteInstance => {
    if (!instance) throw new Error('Azurite is not started yet: use it inside a test or hook');
    return instance;
  };
  return {
    get connectionString() {
      return current().connectionString;
    },
    get instance() {
      return current();
    },
  };
}

/** A name no other test in the same Azurite uses: letters and digits only, valid everywhere. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}
