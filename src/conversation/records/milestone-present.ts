import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { milestoneRecordCard } from '../../cards/milestone-record-card.js';
import { MILESTONE_NAMES, type PlannedMilestone } from '../../domain/milestones/types.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { whyForCitation } from '../../policy/why.js';
import type { RecordDeps } from '../../usecases/records/deps.js';
import { milestoneCardValues, milestoneOutcomeHint, type MilestoneFieldErrors } from '../../usecases/records/milestone-record.js';
import { humanDate, humanInstant } from '../dates.js';
import type { Notice } from './present.js';

/** The milestone's name as people read it: its own label ("ASYE review at 3 months") where known. */
export function milestoneName(record: SessionRecord, milestone?: PlannedMilestone | undefined): string {
  const latest = record.versions.at(-1)?.content.milestone;
  return milestone?.label ?? latest?.label ?? (record.kind ? MILESTONE_NAMES[record.kind] : 'Supervision');
}

/**
 * The supervisor's card for a review or milestone (cards/milestone-record.json): the day it took
 * place and its outcome, the policy's words one click away, then sign and share.
 */
export async function milestoneEditCard(
  deps: RecordDeps,
  record: SessionRecord,
  options: { notice?: Notice | undefined; errors?: MilestoneFieldErrors | undefined; values?: { heldOn: string; outcome: string } | undefined } = {},
): Promise<AdaptiveCardJson> {
  const milestone = await deps.milestones?.get(record.agreementId, record.sessionId);
  const pack = deps.packFor(record.policyId);
  const why = milestone ? whyForCitation(pack, milestone.rule) : undefined;
  const name = milestoneName(record, milestone);
  const values = options.values ?? milestoneCardValues(record);
  const errors = options.errors ?? {};
  const basedOn = record.versions.length;
  const count = Object.keys(errors).length;
  const due = milestone ? `Your policy asks for it by ${humanDate(milestone.due)}${why ? ` (${why.label})` : ''}.` : '';
  return milestoneRecordCard({
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    basedOn: String(basedOn),
    title: basedOn === 0 ? `${name}: ${record.supervisee.name}` : `Amend the record: ${name}, ${record.supervisee.name}`,
    intro: `Record that it took place and its outcome. ${due}`.trim(),
    ...(why ? { why } : {}),
    notice: options.notice?.text ?? '',
    noticeStyle: options.notice?.style ?? 'emphasis',
    facts: [
      { title: 'Supervisee', value: record.supervisee.name },
      { title: 'Booked for', value: humanDate(record.sessionDate) },
      ...(basedOn > 0 ? [{ title: 'Amending', value: `version ${basedOn} (your change becomes version ${basedOn + 1}; both of you sign again)` }] : []),
      ...(record.draftSavedAt ? [{ title: 'Draft saved', value: humanInstant(record.draftSavedAt) }] : []),
    ],
    errorSummary: count === 0 ? '' : `Please fix the ${count === 1 ? 'field' : `${count} fields`} marked below.`,
    heldOn: values.heldOn,
    heldOnError: errors.heldOn ?? '',
    outcomeLabel: 'Outcome',
    outcomeHint: milestoneOutcomeHint(record.kind),
    outcome: values.outcome,
    outcomeError: errors.outcome ?? '',
    signHint: `When you sign and share it, ${record.supervisee.name} is asked to sign it too; signed by both, it is kept in the supervision file.`,
    shareTitle: `Sign and share with ${record.supervisee.name}`,
    canMarkNotHeld: record.status === 'draft' && basedOn === 0,
  });
}
