import type { ZodType } from 'zod';
import type { AppendOnlyLog, LeaseLock, VersionedStore } from '../domain/ports/storage.js';

/**
 * What the repositories need of storage (src/adapters/storage AppStorage provides it; a test may
 * pass its own). Tables are named here, in the repositories, and nowhere above them.
 */
export interface RepositoryStorage {
  versioned<T>(table: string, schema: ZodType<T>): VersionedStore<T>;
  log<T>(table: string, schema: ZodType<T>): AppendOnlyLog<T>;
  leases(container?: string): LeaseLock;
}

/** The part of RepositoryStorage the keyed tables need. */
export type VersionedStorage = Pick<RepositoryStorage, 'versioned'>;
