import { AppError } from '../../domain/errors.js';
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import { markNotHeld, requireRecordParty } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { notifyChange, readRecordAs, updateRecord, type Actor } from './deps.js';
import { loadMilestone, type MilestoneRecordDeps } from './milestone-record.js';

export const NOT_HELD_REASON_MAX = 1000;

/**
 * From the milestone's record card (issue 14 item 1: each review or milestone records "that it
 * happened and its outcome", and the sweep "escalates what was not"): the supervisor records that
 * it did not take place, with a short reason. Authorized as recordMilestone is (the record's
 * supervisor; anyone else is refused and the refusal audited by readRecordAs). The record keeps
 * the reason and a 'not-held' event (who, when) in its history, written before the answer; a
 * second press with the same reason changes nothing (markNotHeld is a replay then).
 *
 * The milestone itself stays as it was (booked): it is not done (history-of.ts milestoneDone reads
 * a not-held record as nothing done), so the obligation stays open and the sweep chases it as any
 * milestone left undone, until it is held and recorded (recordMilestone reopens the record).
 */
export async function recordMilestoneNotHeld(
  deps: MilestoneRecordDeps,
  actor: Actor,
  input: { readonly agreementId: string; readonly milestoneId: string; readonly reason: string },
): Promise<{ record: SessionRecord; milestone: PlannedMilestone; changed: boolean }> {
  // Who may act first (refusals audited), then what it is about.
  const current = await readRecordAs(deps, actor.id, input.agreementId, input.milestoneId, 'not-held');
  requireRecordParty(current, actor.id, 'supervisor');
  if (!current.kind) throw new AppError('conflict', 'This is the record of a supervision session: record it on the record card.');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('invalid_input', 'Please give the reason it did not take place.');
  if (reason.length > NOT_HELD_REASON_MAX) throw new AppError('invalid_input', 'Please keep the reason to 1,000 characters.');
  if (current.status === 'not-held' && current.notHeld?.reason !== reason) {
    throw new AppError('conflict', `You already recorded that it did not take place: ${current.notHeld?.reason ?? ''}`.trim());
  }
  if (current.versions.length > 0) throw new AppError('conflict', 'You have already recorded that it took place, so it cannot be marked as not held. Amend the record instead.');
  const milestone = await loadMilestone(deps, input.agreementId, input.milestoneId);
  const { record, changed } = await updateRecord(deps, input.agreementId, input.milestoneId, (r) => markNotHeld(r, actor, 'cancelled', reason, deps.now()));
  if (changed) await notifyChange(deps, input.agreementId);
  return { record, milestone, changed };
}
