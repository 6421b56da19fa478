import { AppError } from '../../../src/domain/errors.js';
import type { ETag, Page, PageRequest, StoreKey, StoredItem, Versioned, VersionedStore } from '../../../src/domain/ports/storage.js';

/** VersionedStore in memory with the port's ETag rules, for use-case tests (every await yields, so races are real). */
export class MemoryStore<T> implements VersionedStore<T> {
  private readonly items = new Map<string, { key: StoreKey; value: T; etag: ETag }>();
  private counter = 0;
  writes = 0;

  private k(key: StoreKey): string {
    return `${key.partition}\u0000${key.id}`;
  }

  private async tick(): Promise<void> {
    await new Promise((r) => setImmediate(r));
  }

  private put(key: StoreKey, value: T): ETag {
    const etag = `W/"${++this.counter}"`;
    this.items.set(this.k(key), { key, value: structuredClone(value), etag });
    this.writes++;
    return etag;
  }

  async get(key: StoreKey): Promise<Versioned<T> | undefined> {
    await this.tick();
    const item = this.items.get(this.k(key));
    return item ? { value: structuredClone(item.value), etag: item.etag } : undefined;
  }

  async create(key: StoreKey, value: T): Promise<ETag> {
    await this.tick();
    if (this.items.has(this.k(key))) throw new AppError('conflict', 'exists');
    return this.put(key, value);
  }

  async replace(key: StoreKey, value: T, ifMatch: ETag): Promise<ETag> {
    await this.tick();
    const item = this.items.get(this.k(key));
    if (!item) throw new AppError('not_found', 'missing');
    if (item.etag !== ifMatch) throw new AppError('precondition_failed', 'stale');
    return this.put(key, value);
  }

  async upsert(key: StoreKey, value: T): Promise<ETag> {
    await this.tick();
    return this.put(key, value);
  }

  async delete(key: StoreKey, ifMatch?: ETag): Promise<void> {
    await this.tick();
    const item = this.items.get(this.k(key));
    if (ifMatch && !item) throw new AppError('not_found', 'missing');
    if (ifMatch && item?.etag !== ifMatch) throw new AppError('precondition_failed', 'stale');
    this.items.delete(this.k(key));
  }

  async list(partition: string, page?: PageRequest): Promise<Page<StoredItem<T>>> {
    await this.tick();
    const prefixes = page?.idPrefixes;
    const items = [...this.items.values()]
      .filter((i) => i.key.partition === partition && (prefixes === undefined || prefixes.some((p) => i.key.id.startsWith(p))))
      .sort((a, b) => (a.key.id < b.key.id ? -1 : 1));
    return { items: items.map((i) => ({ key: i.key, value: structuredClone(i.value), etag: i.etag })) };
  }

  /** Writes at once, without yielding (test set-up). */
  seed(key: StoreKey, value: T): void {
    this.put(key, value);
  }

  size(): number {
    return this.items.size;
  }
}
