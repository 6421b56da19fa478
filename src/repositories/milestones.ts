/**
 * The year's reviews and milestones (issue 14 item 1): one row per milestone meeting, partitioned
 * by agreement like its sessions, so a year is one read. Their records are session records
 * (src/repositories/records.ts) keyed by the milestone's id.
 */
import { ZPlannedMilestone } from '../domain/milestones/schema.js';
import type { PlannedMilestone } from '../domain/milestones/types.js';
import type { StoreKey, VersionedStore } from '../domain/ports/storage.js';
import { Collection, type Outcome } from './collection.js';
import { indexedStore, milestoneWrites, type PassIndex } from './pass-index.js';
import type { VersionedStorage } from './storage.js';

export const MILESTONES_TABLE = 'milestones';

export const milestoneKey = (agreementId: string, milestoneId: string): StoreKey => ({ partition: agreementId, id: milestoneId });

/** With an index, every write first notes the milestone's day entry (pass-index.ts), so the milestone-card pass reads days, not every agreement. */
export function milestoneTable(storage: VersionedStorage, index?: PassIndex): VersionedStore<PlannedMilestone> {
  const table = storage.versioned(MILESTONES_TABLE, ZPlannedMilestone);
  return index ? indexedStore(table, index, milestoneWrites) : table;
}

export interface MilestoneRef {
  readonly agreementId: string;
  readonly milestoneId: string;
}

export class MilestoneRepository {
  private readonly rows: Collection<PlannedMilestone, MilestoneRef>;

  /** Undefined on tables without an index: the milestone-card pass then reads every agreement. */
  constructor(readonly table: VersionedStore<PlannedMilestone>, readonly index?: PassIndex | undefined) {
    this.rows = new Collection(table, (r) => milestoneKey(r.agreementId, r.milestoneId), 'I could not find that review or milestone.');
  }

  get(agreementId: string, milestoneId: string): Promise<PlannedMilestone | undefined> {
    return this.rows.get({ agreementId, milestoneId });
  }

  require(agreementId: string, milestoneId: string): Promise<PlannedMilestone> {
    return this.rows.require({ agreementId, milestoneId });
  }

  /** An agreement's milestones (in id order; callers sort by date). */
  list(agreementId: string): Promise<PlannedMilestone[]> {
    return this.rows.list(agreementId);
  }

  /**
   * Builds the milestones' part of the pass index the first time the pass needs it (rows written
   * before the index existed), then nothing: every milestone's day entry.
   */
  async ensureIndexed(nowIso: string, agreementIds: () => Promise<readonly string[]>): Promise<PassIndex | undefined> {
    const index = this.index;
    if (!index) return undefined;
    await index.ensureBuilt('milestones', nowIso, async () => {
      for (const agreementId of await agreementIds()) {
        for (const m of await this.list(agreementId)) await index.note(milestoneWrites(m));
      }
    });
    return index;
  }

  /** Create-only: 'exists' when an earlier or concurrent run planned the same milestone. */
  create(milestone: PlannedMilestone): Promise<'created' | 'exists'> {
    return this.rows.create({ agreementId: milestone.agreementId, milestoneId: milestone.milestoneId }, milestone);
  }

  apply<R>(agreementId: string, milestoneId: string, change: (current: PlannedMilestone | undefined) => Outcome<PlannedMilestone, R>): Promise<R> {
    return this.rows.apply({ agreementId, milestoneId }, change);
  }
}
