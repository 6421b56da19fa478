/**
 * The year's reviews and milestones (issue 14 item 1): one row per milestone meeting, partitioned
 * by agreement like its sessions, so a year is one read. Their records are session records
 * (src/repositories/records.ts) keyed by the milestone's id.
 */
import { ZPlannedMilestone } from '../domain/milestones/schema.js';
import type { PlannedMilestone } from '../domain/milestones/types.js';
import type { StoreKey, VersionedStore } from '../domain/ports/storage.js';
import { Collection, type Outcome } from './collection.js';
import type { VersionedStorage } from './storage.js';

export const MILESTONES_TABLE = 'milestones';

export const milestoneKey = (agreementId: string, milestoneId: string): StoreKey => ({ partition: agreementId, id: milestoneId });

export function milestoneTable(storage: VersionedStorage): VersionedStore<PlannedMilestone> {
  return storage.versioned(MILESTONES_TABLE, ZPlannedMilestone);
}

export interface MilestoneRef {
  readonly agreementId: string;
  readonly milestoneId: string;
}

export class MilestoneRepository {
  private readonly rows: Collection<PlannedMilestone, MilestoneRef>;

  constructor(readonly table: VersionedStore<PlannedMilestone>) {
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

  /** Create-only: 'exists' when an earlier or concurrent run planned the same milestone. */
  create(milestone: PlannedMilestone): Promise<'created' | 'exists'> {
    return this.rows.create({ agreementId: milestone.agreementId, milestoneId: milestone.milestoneId }, milestone);
  }

  apply<R>(agreementId: string, milestoneId: string, change: (current: PlannedMilestone | undefined) => Outcome<PlannedMilestone, R>): Promise<R> {
    return this.rows.apply({ agreementId, milestoneId }, change);
  }
}
