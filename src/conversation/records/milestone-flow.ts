import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { RecordDeps } from '../../usecases/records/deps.js';
import { OUTCOME_MAX, recordMilestone, withMilestones } from '../../usecases/records/milestone-record.js';
import { viewRecord } from '../../usecases/records/view-record.js';
import { NOT_HELD_REASON_MAX, recordMilestoneNotHeld } from '../../usecases/records/milestone-not-held.js';
import { whyForCitation } from '../../policy/why.js';
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import type { ConversationContext } from '../context.js';
import type { Notifier } from '../notifier.js';
import { humanDate } from '../dates.js';
import { personMessage } from '../person-message.js';
import { card, text, type ActionOutcome, type Reply, type Speaker } from '../reply.js';
import { cardData, speakerIdOf } from '../verb.js';
import { milestoneEditCard, milestoneName } from './milestone-present.js';
import { recordReviewView } from './present.js';

/**
 * A review or milestone recorded from its card (issue 14 item 1): the supervisor gives the day it
 * took place and its outcome, signs and shares it; the supervisee signs it from the record review
 * card as they sign a supervision record (recordSign, recordDisagree; the supervisor amends with
 * recordAmend, which opens this card again).
 */

const id = z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/);
/** The card's data (DESIGN.md "Cards": every verb has a zod schema); the two fields are read by the use case in plain words. */
export const ZMilestoneRecordData = z.object({
  agreementId: id,
  sessionId: id,
  basedOn: z.coerce.number<unknown>().int().min(0).max(50),
  heldOn: z.string().max(40).default(''),
  outcome: z.string().max(OUTCOME_MAX * 2).default(''),
});

const missing = 'This card is missing which review or milestone it is about. Type "my records" to find it.';

export async function milestoneRecordVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  if (!ctx.records) throw new AppError('unavailable', 'Session records are not available in this deployment yet.');
  const personId = speakerIdOf(speaker, 'I cannot tell who you are from this chat, so I cannot show or change records.');
  const input = cardData(ZMilestoneRecordData, data, missing);
  const deps = withMilestones(ctx.records);
  const person = await ctx.directory.getPerson(personId);
  const actor = { id: personId, name: person?.displayName ?? speaker.displayName ?? 'Unknown' };
  let result;
  try {
    result = await recordMilestone(deps, actor, { agreementId: input.agreementId, milestoneId: input.sessionId, basedOn: input.basedOn, heldOn: input.heldOn, outcome: input.outcome });
  } catch (error) {
    if (isAppError(error) && error.code === 'precondition_failed') {
      const current = await viewRecord(deps, actor.id, { agreementId: input.agreementId, sessionId: input.sessionId });
      const view = recordReviewView(current, actor.id, { text: personMessage(error), style: 'attention' });
      return view ? { card: view, replies: [] } : { card: await milestoneEditCard(deps, current, { notice: { text: personMessage(error), style: 'attention' } }), replies: [] };
    }
    throw error;
  }
  if (result.kind === 'invalid') {
    return { card: await milestoneEditCard(deps, result.record, { errors: result.errors, values: { heldOn: input.heldOn, outcome: input.outcome } }), replies: [] };
  }
  const record = result.record;
  if (!result.changed) {
    return { card: recordReviewView(record, actor.id, { text: 'This version was already shared; nothing changed.', style: 'emphasis' }), replies: [] };
  }
  const version = record.versions.length;
  const delivered = await tellSuperviseeOfMilestone(ctx.notifier, record, result.milestone);
  const notice = delivered === 'delivered'
    ? `Recorded, signed and shared with ${record.supervisee.name} (version ${version}). I will tell you when they sign or disagree.`
    : `Recorded and signed (version ${version}), but I could not reach ${record.supervisee.name} in Teams just now; they will find it when they type "my records".`;
  return { card: recordReviewView(record, actor.id, { text: notice, style: delivered === 'delivered' ? 'good' : 'warning' }), replies: [] };
}

/** "It did not take place" on the milestone's card: its reason, in plain words when missing or too long. */
export const ZMilestoneNotHeldData = z.object({
  agreementId: id,
  sessionId: id,
  notHeldReason: z.string({ error: 'Give the reason it did not take place.' }).trim()
    .min(1, 'Give the reason it did not take place.').max(NOT_HELD_REASON_MAX, 'Please keep the reason to 1,000 characters.'),
});

/**
 * The supervisor records that the review or milestone did not take place (issue 14 item 1). It
 * stays required, so the answer says so in the policy's words and how to rebook it; the sweep keeps
 * chasing it until it is held and recorded. Rebooking it from here is not offered yet: the
 * supervisor books it in Outlook and records it from the Supervision tab once it has taken place.
 */
export async function milestoneNotHeldVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  if (!ctx.records) throw new AppError('unavailable', 'Session records are not available in this deployment yet.');
  const personId = speakerIdOf(speaker, 'I cannot tell who you are from this chat, so I cannot show or change records.');
  const parsed = ZMilestoneNotHeldData.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid_input', issue?.path[0] === 'notHeldReason' ? issue.message : missing);
  }
  const input = parsed.data;
  const deps = withMilestones(ctx.records);
  const person = await ctx.directory.getPerson(personId);
  const actor = { id: personId, name: person?.displayName ?? speaker.displayName ?? 'Unknown' };
  const { record, milestone, changed } = await recordMilestoneNotHeld(deps, actor, { agreementId: input.agreementId, milestoneId: input.sessionId, reason: input.notHeldReason });
  const name = milestoneName(record, milestone);
  const why = whyForCitation(deps.packFor(record.policyId), milestone.rule);
  const policy = why ? `Your policy still asks for it (${why.label}: “${why.quote}”)` : 'Your policy still asks for it';
  const next = `${policy}, so it counts as not done and I will keep reminding you, and then your manager, until it is held and recorded. `
    + `Please book it again with ${record.supervisee.name} in Outlook, before ${humanDate(milestone.due)} if you can; once it has taken place, record it on this card or in the Supervision tab under Reviews and milestones.`;
  const reason = record.notHeld?.reason ?? input.notHeldReason;
  if (changed && ctx.notifier) await ctx.notifier.notify(record.supervisee.id, [text(`${record.supervisor.name} recorded that your ${name} on ${humanDate(record.sessionDate)} did not take place: ${reason}. It still needs to be held.`)]);
  const said = changed
    ? `Recorded: the ${name} of ${humanDate(record.sessionDate)} did not take place (${reason}). ${next}`
    : `You had already recorded that the ${name} of ${humanDate(record.sessionDate)} did not take place; nothing changed. ${next}`;
  // The card stays, so "Sign and share" records it once it has been held.
  return { card: await milestoneEditCard(deps, record, { notice: { text: said, style: 'warning' }, values: { heldOn: '', outcome: '' } }), replies: [] };
}

/**
 * The supervisee is sent the record to sign (the record review card) once the supervisor has
 * recorded or amended a milestone, from its card or from the tab (the same words either way).
 */
export async function tellSuperviseeOfMilestone(notifier: Notifier | undefined, record: SessionRecord, milestone?: PlannedMilestone | undefined): Promise<'delivered' | 'unreachable'> {
  const version = record.versions.length;
  const name = milestoneName(record, milestone);
  const review = recordReviewView(record, record.supervisee.id);
  const summary = version === 1 ? `${record.supervisor.name} recorded the ${name} for you to sign` : `${record.supervisor.name} amended the record of the ${name} (version ${version}); please read and sign it again`;
  return review && notifier ? notifier.notify(record.supervisee.id, [card(review, summary)]) : 'unreachable';
}

/** The milestone's record card as the milestone-cards job sends it to the supervisor's chat. */
export async function milestoneCardReply(deps: RecordDeps, record: SessionRecord): Promise<Reply> {
  const milestone = await deps.milestones?.get(record.agreementId, record.sessionId);
  return card(await milestoneEditCard(deps, record), `Time to record the ${milestoneName(record, milestone)} of ${humanDate(record.sessionDate)} with ${record.supervisee.name}`);
}
