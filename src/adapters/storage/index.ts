/**
 * The composition root's one entry to Azure Storage (Azurite locally): builds every store on one
 * account (connection string or account URLs), creates what they need, and answers the health check.
 */
import type { ZodType } from 'zod';
import type { AppendOnlyLog, BlobStore, JobQueue, LeaseLock, ServiceHealth, StorageHealth, VersionedStore } from '../../domain/ports/storage.js';
import { TableAppendOnlyLog } from './append-log.js';
import { AzureBlobStore } from './blob-store.js';
import { createClients, type StorageTarget } from './connection.js';
import { guard, storageErrorCode, statusOf } from './errors.js';
import { AzureJobQueue, type JobQueueOptions } from './job-queue.js';
import { assertQueueOrContainerName, assertTableName } from './keys.js';
import { BlobLeaseLock } from './lease-lock.js';
import { TableVersionedStore } from './table-store.js';

export type { JobQueueOptions } from './job-queue.js';
export { runExclusive, type ExclusiveResult } from './lease-lock.js';
export { mutate } from './mutate.js';
export { storageTarget, type StorageTarget } from './connection.js';

export interface AppStorage {
  /** Keyed JSON documents with ETag concurrency, one Azure table per store. */
  versioned<T>(table: string, schema: ZodType<T>): VersionedStore<T>;
  /** A durable job queue plus its `<name>-poison` queue. Name: lowercase, digits, hyphens. */
  queue<T>(name: string, schema: ZodType<T>, options?: JobQueueOptions): JobQueue<T>;
  /** Byte blobs in one container. Name: lowercase, digits, hyphens. */
  blobs(container: string): BlobStore;
  /** Named locks shared by all instances, as blob leases in one container (default "locks"). */
  leases(container?: string): LeaseLock;
  /** Append-only entries (audit evidence), one Azure table per log. */
  log<T>(table: string, schema: ZodType<T>): AppendOnlyLog<T>;
  /** Creates every table, queue and container the stores built so far need. Idempotent. */
  ensureCreated(): Promise<void>;
  /** Reaches each service once, giving up after timeoutMs (default 2000). Never throws. */
  ping(timeoutMs?: number): Promise<StorageHealth>;
}

/** `where`: a connection string, or the account's URLs with a token credential (connection.ts). */
export function createStorage(where: StorageTarget | string): AppStorage {
  const clients = createClients(where);
  const tables = new Set<string>();
  const queues = new Set<string>();
  const containers = new Set<string>();

  return {
    versioned<T>(table: string, schema: ZodType<T>): VersionedStore<T> {
      assertTableName(table);
      tables.add(table);
      return new TableVersionedStore(clients.table(table), schema);
    },

    queue<T>(name: string, schema: ZodType<T>, options?: JobQueueOptions): JobQueue<T> {
      const poison = `${name}-poison`;
      assertQueueOrContainerName(name);
      assertQueueOrContainerName(poison);
      queues.add(name).add(poison);
      return new AzureJobQueue(clients.queueService.getQueueClient(name), clients.queueService.getQueueClient(poison), schema, options);
    },

    blobs(container: string): BlobStore {
      assertQueueOrContainerName(container);
      containers.add(container);
      return new AzureBlobStore(clients.blobService.getContainerClient(container));
    },

    leases(container = 'locks'): LeaseLock {
      assertQueueOrContainerName(container);
      containers.add(container);
      return new BlobLeaseLock(clients.blobService.getContainerClient(container));
    },

    log<T>(table: string, schema: ZodType<T>): AppendOnlyLog<T> {
      assertTableName(table);
      tables.add(table);
      return new TableAppendOnlyLog(clients.table(table), schema);
    },

    async ensureCreated(): Promise<void> {
      // createTable is already a no-op for an existing table.
      await Promise.all([
        ...[...tables].map((t) => guard(`create table ${t}`, () => clients.table(t).createTable())),
        ...[...queues].map((q) => guard(`create queue ${q}`, () => clients.queueService.getQueueClient(q).createIfNotExists())),
        ...[...containers].map((c) => guard(`create container ${c}`, () => clients.blobService.getContainerClient(c).createIfNotExists())),
      ]);
    },

    ping(timeoutMs = 2000): Promise<StorageHealth> {
      return pingStorage(where, timeoutMs);
    },
  };
}

async function probe(run: (signal: AbortSignal) => Promise<unknown>, timeoutMs: number): Promise<ServiceHealth> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const latency = (): number => Math.round(performance.now() - started);
  try {
    await run(signal);
    return { ok: true, latencyMs: latency() };
  } catch (error) {
    return { ok: false, latencyMs: latency(), error: describe(error, signal) };
  }
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'timeout';
  const status = statusOf(error);
  const code = storageErrorCode(error);
  if (status !== undefined) return `HTTP ${status}${code ? ` ${code}` : ''}`;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof cause === 'string') return cause;
  return code ?? 'unreachable';
}

/** Separate no-retry clients: a health probe must report a dead endpoint now, not after backoff. */
export async function pingStorage(where: StorageTarget | string, timeoutMs = 2000): Promise<StorageHealth> {
  const clients = createClients(where, { retries: 0 });
  const [blob, queue, table] = await Promise.all([
    probe((abortSignal) => clients.blobService.getProperties({ abortSignal }), timeoutMs),
    probe((abortSignal) => clients.queueService.getProperties({ abortSignal }), timeoutMs),
    probe((abortSignal) => clients.tableService.getProperties({ abortSignal }), timeoutMs),
  ]);
  return { ok: blob.ok && queue.ok && table.ok, blob, queue, table };
}
