import { AppError } from '../../../src/domain/errors.js';
import type { AppendOnlyLog, ETag, LeaseLock, LogEntry, Page, PageRequest, StoreKey, StoredItem, Versioned, VersionedStore } from '../../../src/domain/ports/storage.js';
import type { RepositoryStorage } from '../../../src/repositories/storage.js';

/** A table in memory with the port's ETag rules; `refuseReplace` makes every conditional write lose its race. */
export class MemoryTable<T> implements VersionedStore<T> {
  private readonly rows = new Map<string, StoredItem<T>>();
  private version = 0;
  refuseReplace = false;
  replaceAttempts = 0;

  private id(key: StoreKey): string {
    return `${key.partition}\u0000${key.id}`;
  }

  private write(key: StoreKey, value: T): ETag {
    const etag = `W/"${++this.version}"`;
    this.rows.set(this.id(key), { key, value: structuredClone(value), etag });
    return etag;
  }

  async get(key: StoreKey): Promise<Versioned<T> | undefined> {
    const row = this.rows.get(this.id(key));
    return row ? { value: structuredClone(row.value), etag: row.etag } : undefined;
  }

  async create(key: StoreKey, value: T): Promise<ETag> {
    if (this.rows.has(this.id(key))) throw new AppError('conflict', 'exists');
    return this.write(key, value);
  }

  async replace(key: StoreKey, value: T, ifMatch: ETag): Promise<ETag> {
    this.replaceAttempts += 1;
    const row = this.rows.get(this.id(key));
    if (!row) throw new AppError('not_found', 'missing');
    if (this.refuseReplace || row.etag !== ifMatch) throw new AppError('precondition_failed', 'stale');
    return this.write(key, value);
  }

  async upsert(key: StoreKey, value: T): Promise<ETag> {
    return this.write(key, value);
  }

  async delete(key: StoreKey): Promise<void> {
    this.rows.delete(this.id(key));
  }

  async list(partition: string, page?: PageRequest): Promise<Page<StoredItem<T>>> {
    const prefixes = page?.idPrefixes;
    const items = [...this.rows.values()]
      .filter((r) => r.key.partition === partition && (prefixes === undefined || prefixes.some((p) => r.key.id.startsWith(p))))
      .sort((a, b) => (a.key.id < b.key.id ? -1 : 1));
    return { items: items.map((r) => ({ ...r, value: structuredClone(r.value) })) };
  }
}

/** An append-only log in memory; an id appended twice is stored once. */
export class MemoryLog<T> implements AppendOnlyLog<T> {
  readonly entries: LogEntry<T>[] = [];

  async append(partition: string, value: T, options: { at: Date; id?: string }): Promise<{ id: string; appended: boolean }> {
    const id = options.id ?? String(this.entries.length);
    if (this.entries.some((e) => e.partition === partition && e.id === id)) return { id, appended: false };
    this.entries.push({ partition, id, at: options.at, value: structuredClone(value) });
    return { id, appended: true };
  }

  async list(partition: string): Promise<Page<LogEntry<T>>> {
    return { items: this.entries.filter((e) => e.partition === partition) };
  }
}

/** RepositoryStorage in memory, so a use case runs against the real repositories without Azurite. */
export class MemoryStorage implements RepositoryStorage {
  readonly tables = new Map<string, MemoryTable<unknown>>();
  readonly logs = new Map<string, MemoryLog<unknown>>();

  versioned<T>(table: string): VersionedStore<T> {
    const found = this.tables.get(table) ?? new MemoryTable<unknown>();
    this.tables.set(table, found);
    return found as MemoryTable<T>;
  }

  log<T>(table: string): AppendOnlyLog<T> {
    const found = this.logs.get(table) ?? new MemoryLog<unknown>();
    this.logs.set(table, found);
    return found as MemoryLog<T>;
  }

  /** Never granted: nothing here runs under a lease. */
  leases(): LeaseLock {
    return { acquire: async () => undefined, renew: async () => undefined, release: async () => undefined, exclusive: async () => ({ ran: false }) };
  }

  table<T>(name: string): MemoryTable<T> {
    return this.versioned<T>(name) as MemoryTable<T>;
  }
}
