import { isAppError } from '../../domain/errors.js';
import type { StoreKey, Versioned, VersionedStore } from '../../domain/ports/storage.js';

/**
 * Read-modify-write under optimistic concurrency: reads the current value, applies `change`,
 * and writes it back only if nobody wrote in between; on a lost race it reads again and
 * re-applies. `change` must therefore be a pure function of the value it is given.
 *
 * `change` returns the new value, or undefined to leave the record as it is (nothing written).
 * After `attempts` lost races the last precondition_failed/conflict error is thrown.
 */
export async function mutate<T>(
  store: VersionedStore<T>,
  key: StoreKey,
  change: (current: T | undefined) => T | undefined,
  attempts = 5,
): Promise<Versioned<T> | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.get(key);
    const next = change(current?.value);
    if (next === undefined) return current;
    try {
      const etag = current ? await store.replace(key, next, current.etag) : await store.create(key, next);
      return { value: next, etag };
    } catch (error) {
      const lostRace = isAppError(error) && (error.code === 'precondition_failed' || error.code === 'conflict' || error.code === 'not_found');
      if (!lostRace || attempt >= attempts) throw error;
    }
  }
}
