import { AppError, isAppError } from '../domain/errors.js';
import type { StoreKey, StoredItem, VersionedStore } from '../domain/ports/storage.js';
import { LostRaceError } from './lost-race.js';

/** Azure Table storage's largest page (Query Entities returns at most 1,000 entities a response). */
export const WHOLE_PARTITION_PAGE = 1000;

/**
 * Every item of one partition in id order, following continuation tokens. Every item is wanted,
 * so each page asks for the most the service gives (issue 16 item 4: the 450 agreements a
 * "team compliance" lists were five round trips one after another at the default 100).
 */
export async function partitionItems<T>(store: VersionedStore<T>, partition: string, idPrefixes?: readonly string[]): Promise<StoredItem<T>[]> {
  const out: StoredItem<T>[] = [];
  let continuation: string | undefined;
  do {
    const page = await store.list(partition, { limit: WHOLE_PARTITION_PAGE, ...(continuation === undefined ? {} : { continuation }), ...(idPrefixes === undefined ? {} : { idPrefixes }) });
    out.push(...page.items);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return out;
}

/**
 * How many times a read-change-write is tried before a lost race becomes a LostRaceError. Each
 * attempt re-reads and re-applies the change, so this only runs out under sustained contention on
 * one row (many people pressing the same card in the same second).
 */
export const UPDATE_ATTEMPTS = 10;

/** What a change decides: the value to write (none: leave it as it is) and what to answer. */
export interface Outcome<T, R> {
  readonly next?: T | undefined;
  readonly result: R;
}

/** A lost race: someone wrote (or created, or deleted) between our read and our write. */
function lostRace(error: unknown): boolean {
  return isAppError(error) && (error.code === 'precondition_failed' || error.code === 'conflict' || error.code === 'not_found');
}

/**
 * One kind of row of an aggregate: a VersionedStore addressed by the aggregate's own ids. Every
 * read-change-write of the product goes through `apply`, the one ETag-retry loop: `change` is
 * given what is stored now (undefined when nothing is) and must be a pure function of it, because
 * after a lost race it is applied again to what the winner wrote — so the domain decides ("already
 * signed") instead of the last writer silently winning.
 */
export class Collection<T, Id> {
  constructor(
    private readonly store: VersionedStore<T>,
    private readonly keyOf: (id: Id) => StoreKey,
    /** What a person is told when they ask for one that does not exist. */
    private readonly missing: string,
  ) {}

  async get(id: Id): Promise<T | undefined> {
    return (await this.store.get(this.keyOf(id)))?.value;
  }

  async require(id: Id): Promise<T> {
    const found = await this.get(id);
    if (found === undefined) throw new AppError('not_found', this.missing);
    return found;
  }

  /** Every item of one partition in id order (partitionItems). */
  items(partition: string): Promise<StoredItem<T>[]> {
    return partitionItems(this.store, partition);
  }

  async list(partition: string): Promise<T[]> {
    return (await this.items(partition)).map((item) => item.value);
  }

  /** Create-only: 'exists' when another writer (or an earlier run) created it first. */
  async create(id: Id, value: T): Promise<'created' | 'exists'> {
    try {
      await this.store.create(this.keyOf(id), value);
      return 'created';
    } catch (error) {
      if (isAppError(error) && error.code === 'conflict') return 'exists';
      throw error;
    }
  }

  /** Writes the value whatever is stored (for rows that are facts, e.g. a link, not state). */
  async put(id: Id, value: T): Promise<void> {
    await this.store.upsert(this.keyOf(id), value);
  }

  async delete(id: Id): Promise<void> {
    await this.store.delete(this.keyOf(id));
  }

  /** Read, change, write under the ETag read; see the class comment. Bounded: LostRaceError. */
  async apply<R>(id: Id, change: (current: T | undefined) => Outcome<T, R>, attempts = UPDATE_ATTEMPTS): Promise<R> {
    const key = this.keyOf(id);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const current = await this.store.get(key);
      const { next, result } = change(current?.value);
      if (next === undefined || next === current?.value) return result;
      try {
        if (current) await this.store.replace(key, next, current.etag);
        else await this.store.create(key, next);
        return result;
      } catch (error) {
        if (!lostRace(error)) throw error;
      }
    }
    throw new LostRaceError(`${key.partition}/${key.id}`, attempts);
  }

  /**
   * Changes an existing item (not_found with the collection's message when there is none).
   * `change` returns the new value, or the same value / undefined to leave it; the answer is what
   * is stored afterwards and whether this call changed it.
   */
  async update(id: Id, change: (current: T) => T | undefined): Promise<{ value: T; changed: boolean }> {
    return this.apply<{ value: T; changed: boolean }>(id, (current) => {
      if (current === undefined) throw new AppError('not_found', this.missing);
      const next = change(current);
      return next === undefined || next === current ? { result: { value: current, changed: false } } : { next, result: { value: next, changed: true } };
    });
  }

  /** Changes the item, or creates it from `initial` first; same answer as update. */
  async upsert(id: Id, initial: () => T, change: (current: T) => T | undefined): Promise<{ value: T; changed: boolean }> {
    return this.apply<{ value: T; changed: boolean }>(id, (stored) => {
      const current = stored ?? initial();
      const next = change(current);
      // Nothing to change: nothing is written (not even the initial value).
      if (next === undefined || next === current) return { result: { value: current, changed: false } };
      return { next, result: { value: next, changed: true } };
    });
  }
}
