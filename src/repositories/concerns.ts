/**
 * "I'm not getting supervision" concerns (issue 6 item 3) and the three-way meeting booked from
 * them: one row per supervisee and London day, so saying it twice on one day raises it once.
 */
import { ZSupervisionConcern, type SupervisionConcern } from '../domain/concerns/schema.js';
import type { StoreKey, VersionedStore } from '../domain/ports/storage.js';
import { Collection, type Outcome } from './collection.js';
import type { VersionedStorage } from './storage.js';

export const CONCERNS_TABLE = 'concerns';

export const concernKey = (superviseeId: string, concernDate: string): StoreKey => ({ partition: superviseeId, id: concernDate });

export function concernTable(storage: VersionedStorage): VersionedStore<SupervisionConcern> {
  return storage.versioned(CONCERNS_TABLE, ZSupervisionConcern);
}

export interface ConcernRef {
  readonly superviseeId: string;
  /** The London date it was raised. */
  readonly concernDate: string;
}

export class ConcernRepository {
  private readonly rows: Collection<SupervisionConcern, ConcernRef>;

  constructor(readonly table: VersionedStore<SupervisionConcern>) {
    this.rows = new Collection(table, (r) => concernKey(r.superviseeId, r.concernDate), 'There is no such concern. Please use the latest message.');
  }

  get(ref: ConcernRef): Promise<SupervisionConcern | undefined> {
    return this.rows.get(ref);
  }

  require(ref: ConcernRef): Promise<SupervisionConcern> {
    return this.rows.require(ref);
  }

  /** A supervisee's concerns, oldest first. */
  list(superviseeId: string): Promise<SupervisionConcern[]> {
    return this.rows.list(superviseeId);
  }

  /** Create-only: 'exists' when it was already raised that day. */
  create(ref: ConcernRef, concern: SupervisionConcern): Promise<'created' | 'exists'> {
    return this.rows.create(ref, concern);
  }

  apply<R>(ref: ConcernRef, change: (current: SupervisionConcern | undefined) => Outcome<SupervisionConcern, R>): Promise<R> {
    return this.rows.apply(ref, change);
  }
}
