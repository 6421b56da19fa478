import type { StoredItem, VersionedStore } from '../domain/ports/storage.js';

/** Every item of one partition, following continuation tokens page by page. */
export async function listPartition<T>(store: VersionedStore<T>, partition: string): Promise<StoredItem<T>[]> {
  const out: StoredItem<T>[] = [];
  let continuation: string | undefined;
  do {
    const page = await store.list(partition, continuation === undefined ? {} : { continuation });
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return out;
}
