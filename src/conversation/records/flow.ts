import { z } from 'zod';
import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { recordListCard } from '../../cards/record-list-card.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { MAX_ACTION_SLOTS } from '../../domain/records/form.js';
import { recordPartyOf } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { Notifier } from '../notifier.js';
import { amendRecord } from '../../usecases/records/amend-record.js';
import type { Actor, RecordDeps } from '../../usecases/records/deps.js';
import { disagreeWithRecord } from '../../usecases/records/disagree-with-record.js';
import { listMyRecords } from '../../usecases/records/list-my-records.js';
import { openRecordForSession } from '../../usecases/records/open-record.js';
import { cardValues, recordSetup, slotIdsFor } from '../../usecases/records/record-context.js';
import { recordSessionNotHeld } from '../../usecases/records/record-not-held.js';
import { recordsToWrite } from '../../usecases/records/records-to-write.js';
import { saveRecordDraft } from '../../usecases/records/save-draft.js';
import { shareRecord } from '../../usecases/records/share-record.js';
import { signRecord } from '../../usecases/records/sign-record.js';
import { viewRecord } from '../../usecases/records/view-record.js';
import type { ConversationContext } from '../context.js';
import { card, text, type ActionOutcome, type Reply, type Speaker } from '../reply.js';
import { recordEditCard, recordReviewView, statusText, type Notice } from './present.js';
import { milestoneEditCard } from './milestone-present.js';
import { humanDate, humanInstant } from '../dates.js';
import { personMessage } from '../person-message.js';
import { statusForReader } from './status-for-reader.js';

/**
 * What the record conversation needs (ConversationContext.records): the record use cases' deps.
 * stores (records, actions, agendas, agreements, sessions, links), directory, packFor, now, newId,
 * onFinal and the audit log.
 */
export type RecordConversationDeps = RecordDeps;

const unavailable = 'Session records are not available in this deployment yet.';

// ── card data (DESIGN.md "Cards": every verb has a zod schema) ─────────────────────────────

const id = z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/);
const ZRef = z.object({ agreementId: id, sessionId: id });
/** The record card's share data (its fields sit beside these, flat); the tab's record form sends the same. */
export const ZShare = ZRef.extend({
  basedOn: z.coerce.number<unknown>().int().min(0).max(50),
  actionIds: z.string().max(2000).transform((s) => s.split(',').filter(Boolean)).pipe(z.array(id).min(1).max(MAX_ACTION_SLOTS)),
});
const ZDraft = ZRef.extend({ basedOn: z.union([z.number(), z.string()]).optional() });
const ZSign = ZRef.extend({ hash: z.string({ error: 'This card does not carry the record\'s fingerprint.' }).regex(/^[0-9a-f]{64}$/, 'This card does not carry the record\'s fingerprint.') });
const ZDisagree = ZSign.extend({ disagreement: z.string({ error: 'Say what you disagree with.' }).max(4000, 'Please keep the disagreement to 4,000 characters.').default('') });
const ZNotHeld = ZRef.extend({
  notHeldOutcome: z.enum(['postponed', 'cancelled'], { error: 'Choose whether the session was postponed or cancelled.' }),
  notHeldReasonId: z.string().max(100).optional(),
  notHeldReason: z.string({ error: 'Give the reason the session did not take place.' }).trim().max(1000, 'Please keep the reason to 1,000 characters.').default(''),
});

function parse<S extends z.ZodType>(schema: S, data: Record<string, unknown> | undefined): z.infer<S> {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Routing data the card itself carries gets one generic answer; a field the person filled in gets its own message.
    const custom = issue && !['agreementId', 'sessionId', 'basedOn', 'actionIds'].includes(String(issue.path[0])) ? issue.message : undefined;
    throw new AppError('invalid_input', custom ?? 'This card is missing which record it is about. Type "my records" to get a fresh one.');
  }
  return parsed.data;
}

interface Ready {
  readonly deps: RecordDeps;
  readonly actor: Actor;
}

/** Who acts comes from the authenticated activity, never from card data (DESIGN.md "Signatures"). */
async function ready(ctx: ConversationContext, speaker: Speaker): Promise<Ready> {
  if (!ctx.records) throw new AppError('unavailable', unavailable);
  if (!speaker.personId) throw new AppError('forbidden', 'I cannot tell who you are from this chat, so I cannot show or change records.');
  const person = await ctx.directory.getPerson(speaker.personId);
  return { deps: ctx.records, actor: { id: speaker.personId, name: person?.displayName ?? speaker.displayName ?? 'Unknown' } };
}

async function tell(notifier: Notifier | undefined, personId: string, replies: readonly Reply[]): Promise<'delivered' | 'unreachable'> {
  if (!notifier) return 'unreachable';
  return notifier.notify(personId, replies);
}

/** The record card for the supervisor, with the draft (or latest version) in its fields. */
export async function editCardFor(deps: RecordDeps, record: SessionRecord, notice?: Notice): Promise<AdaptiveCardJson> {
  // A review or milestone has its own short card (issue 14 item 1).
  if (record.kind) return milestoneEditCard(deps, record, { notice });
  const setup = await recordSetup(deps, record);
  return recordEditCard(record, setup, cardValues(record, setup), { actionIds: slotIdsFor(record), ...(notice ? { notice } : {}) });
}

/** Whatever a party should see of the record now. */
async function viewFor(deps: RecordDeps, record: SessionRecord, viewerId: string, notice?: Notice): Promise<ActionOutcome> {
  const party = recordPartyOf(record, viewerId);
  // A review or milestone that did not take place stays on its card for its supervisor: still required, recorded once held.
  if (record.status === 'not-held' && record.kind && party === 'supervisor') return { card: await milestoneEditCard(deps, record, { notice: { text: `${statusText(record)}. It is still required: record it here once it has taken place.`, style: 'warning' }, values: { heldOn: '', outcome: '' } }), replies: [] };
  if (record.status === 'not-held') return { replies: [text(`The session of ${humanDate(record.sessionDate)}: ${statusText(record)}.`)] };
  if (party === 'supervisor' && record.status === 'draft') return { card: await editCardFor(deps, record, notice), replies: [] };
  const review = recordReviewView(record, viewerId, notice);
  if (!review) return { replies: [text(`${record.supervisor.name} has not shared the record of ${humanDate(record.sessionDate)} yet. You will get it to sign when they do.`)] };
  return { card: review, replies: [] };
}

// ── verbs ─────────────────────────────────────────────────────────────────────────────────

export async function recordOpenVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, actor } = await ready(ctx, speaker);
  const ref = parse(ZRef, data);
  const record = await viewRecord(deps, actor.id, ref);
  return viewFor(deps, record, actor.id);
}

export async function recordSaveDraftVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, actor } = await ready(ctx, speaker);
  const ref = parse(ZDraft, data);
  const record = await saveRecordDraft(deps, actor, { ...ref, fields: data ?? {} });
  const at = record.draftSavedAt ? humanInstant(record.draftSavedAt) : 'now';
  return { card: await editCardFor(deps, record, { text: `Draft saved (${at}). It will be here when you come back: type "write record".`, style: 'good' }), replies: [] };
}

export async function recordShareVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, actor } = await ready(ctx, speaker);
  const input = parse(ZShare, data);
  const fields = data ?? {};
  let result;
  try {
    result = await shareRecord(deps, actor, { agreementId: input.agreementId, sessionId: input.sessionId, basedOn: input.basedOn, fields, actionIds: input.actionIds });
  } catch (error) {
    if (isAppError(error) && error.code === 'precondition_failed') {
      const current = await viewRecord(deps, actor.id, input);
      return { ...(await viewFor(deps, current, actor.id, { text: personMessage(error), style: 'attention' })) };
    }
    throw error;
  }
  if (result.kind === 'invalid') {
    // Keep what was typed: it is saved as the draft, then shown with one message per field.
    const saved = await saveRecordDraft(deps, actor, { agreementId: input.agreementId, sessionId: input.sessionId, fields });
    const setup = await recordSetup(deps, saved);
    return { card: recordEditCard(saved, setup, cardValues(saved, setup), { actionIds: input.actionIds, errors: result.errors }), replies: [] };
  }
  const record = result.record;
  if (!result.changed) {
    return { card: recordReviewView(record, actor.id, { text: 'This version was already shared; nothing changed.', style: 'emphasis' }), replies: [] };
  }
  const version = record.versions.length;
  const delivered = await tellSuperviseeOfRecord(ctx.notifier, record);
  const notice = delivered === 'delivered'
    ? `Signed and shared with ${record.supervisee.name} (version ${version}). I will tell you when they sign or disagree.`
    : `Signed and saved (version ${version}), but I could not reach ${record.supervisee.name} in Teams just now; they will find it when they type "my records".`;
  return { card: recordReviewView(record, actor.id, { text: notice, style: delivered === 'delivered' ? 'good' : 'warning' }), replies: [] };
}

/**
 * The supervisee is sent a shared (or amended) record to sign, from the record card or from the
 * tab's record form (the same words either way).
 */
export async function tellSuperviseeOfRecord(notifier: Notifier | undefined, record: SessionRecord): Promise<'delivered' | 'unreachable'> {
  const version = record.versions.length;
  const review = recordReviewView(record, record.supervisee.id);
  const summary = version === 1 ? `${record.supervisor.name} shared the record of your supervision to sign` : `${record.supervisor.name} amended the record of your supervision (version ${version}); please read and sign it again`;
  return review ? tell(notifier, record.supervisee.id, [card(review, summary)]) : 'unreachable';
}

export async function recordSignVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, actor } = await ready(ctx, speaker);
  const input = parse(ZSign, data);
  let result;
  try {
    result = await signRecord(deps, actor, input);
  } catch (error) {
    if (isAppError(error) && error.code === 'precondition_failed') {
      const current = await viewRecord(deps, actor.id, input);
      return viewFor(deps, current, actor.id, { text: personMessage(error), style: 'attention' });
    }
    throw error;
  }
  const record = result.record;
  if (!result.changed) return viewFor(deps, record, actor.id, { text: 'You have already signed this version; nothing changed.', style: 'emphasis' });
  await tellSupervisorOfSignature(ctx.notifier, record);
  return viewFor(deps, record, actor.id, { text: signedByBoth(record), style: 'good' });
}

function signedByBoth(record: SessionRecord): string {
  return `Signed by both, final. The record of ${humanDate(record.sessionDate)} is being stored in the supervision file.`;
}

/** The supervisor is told the supervisee signed, from the review card or the tab (the same words either way). */
export async function tellSupervisorOfSignature(notifier: Notifier | undefined, record: SessionRecord): Promise<'delivered' | 'unreachable'> {
  const forSupervisor = recordReviewView(record, record.supervisor.id, { text: signedByBoth(record), style: 'good' });
  return forSupervisor ? tell(notifier, record.supervisor.id, [card(forSupervisor, `${record.supervisee.name} signed the supervision record: signed by both, final`)]) : 'unreachable';
}

/** The supervisor is sent the supervisee's disagreement to amend the record, from the review card or the tab. */
export async function tellSupervisorOfDisagreement(notifier: Notifier | undefined, record: SessionRecord, disagreement: string): Promise<'delivered' | 'unreachable'> {
  const forSupervisor = recordReviewView(record, record.supervisor.id, { text: `${record.supervisee.name} disagreed: "${disagreement.trim()}"`, style: 'warning' });
  return forSupervisor ? tell(notifier, record.supervisor.id, [card(forSupervisor, `${record.supervisee.name} disagreed with the supervision record`)]) : 'unreachable';
}

export async function recordDisagreeVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, actor } = await ready(ctx, speaker);
  const input = parse(ZDisagree, data);
  let result;
  try {
    result = await disagreeWithRecord(deps, actor, { agreementId: input.agreementId, sessionId: input.sessionId, hash: input.hash, text: input.disagreement });
  } catch (error) {
    if (isAppError(error) && (error.code === 'precondition_failed' || (error.code === 'invalid_input' && !input.disagreement.trim()))) {
      const current = await viewRecord(deps, actor.id, input);
      return viewFor(deps, current, actor.id, { text: personMessage(error), style: 'attention' });
    }
    throw error;
  }
  const record = result.record;
  if (!result.changed) return viewFor(deps, record, actor.id, { text: 'Your disagreement was already recorded; nothing changed.', style: 'emphasis' });
  const delivered = await tellSupervisorOfDisagreement(ctx.notifier, record, input.disagreement);
  const notice = delivered === 'delivered'
    ? `Your disagreement is recorded and stays part of the record. ${record.supervisor.name} has been asked to amend it.`
    : `Your disagreement is recorded and stays part of the record. ${record.supervisor.name} will see it when they open the record.`;
  return viewFor(deps, record, actor.id, { text: notice, style: 'good' });
}

export async function recordAmendVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, actor } = await ready(ctx, speaker);
  const ref = parse(ZRef, data);
  const record = await amendRecord(deps, actor, ref);
  const latest = record.versions.at(-1);
  const notice: Notice | undefined = latest?.disagreement
    ? { text: `${latest.disagreement.byName} disagreed with version ${latest.version}: "${latest.disagreement.text}". The disagreement stays part of the record.`, style: 'warning' }
    : undefined;
  return { card: await editCardFor(deps, record, notice), replies: [] };
}

export async function recordNotHeldVerb(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const { deps, actor } = await ready(ctx, speaker);
  const input = parse(ZNotHeld, data);
  const record = await recordSessionNotHeld(deps, actor, { agreementId: input.agreementId, sessionId: input.sessionId, outcome: input.notHeldOutcome, reason: input.notHeldReason, reasonId: input.notHeldReasonId || undefined });
  const reason = record.notHeld?.reason ?? input.notHeldReason;
  const line = `The session of ${humanDate(record.sessionDate)} was ${input.notHeldOutcome}: ${reason}`;
  await tell(ctx.notifier, record.supervisee.id, [text(`${record.supervisor.name} recorded that your supervision on ${humanDate(record.sessionDate)} did not take place (${input.notHeldOutcome}): ${reason}`)]);
  return { replies: [text(`Recorded. ${line}. ${input.notHeldOutcome === 'postponed' ? 'Please book the new date in Outlook; I will check it against the policy.' : ''}`.trim())] };
}

// ── chat commands ─────────────────────────────────────────────────────────────────────────

export async function myRecordsCommand(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const { deps, actor } = await ready(ctx, speaker);
  const mine = await listMyRecords(deps, actor.id);
  const rows = mine.slice(0, 50).map(({ record, party }) => ({
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    label: `${humanDate(record.sessionDate)}: with ${party === 'supervisor' ? record.supervisee.name : record.supervisor.name}`,
    status: `${statusForReader(record, party)}${record.versions.length > 1 ? ` (version ${record.versions.length})` : ''}`,
  }));
  return [card(recordListCard({ title: 'Your supervision records', emptyText: 'You have no supervision records yet. After each session the supervisor gets the record card to fill in.', records: rows }), 'Your supervision records')];
}

export async function writeRecordCommand(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const { deps, actor } = await ready(ctx, speaker);
  const todo = await recordsToWrite(deps, actor.id);
  const first = todo[0];
  if (!first) {
    const mine = await listMyRecords(deps, actor.id);
    if (mine.length > 0 && mine.every((m) => m.party === 'supervisee')) {
      return [text('Your supervisor writes the record of each session; you get it to read and sign. Type "my records" to see yours.')];
    }
    return [text('No session is waiting for its record. The record card comes to you 15 minutes after each supervision ends; "my records" lists the ones you have written.')];
  }
  const { record } = await openRecordForSession(deps, first.agreementId, first.sessionId);
  const more = todo.length > 1 ? [text(`${todo.length - 1} more session${todo.length > 2 ? 's are' : ' is'} waiting for a record; type "write record" again after this one.`)] : [];
  return [card(await editCardFor(deps, record), `Record of supervision with ${record.supervisee.name}`), ...more];
}

/** The record card as the record-card job sends it to the supervisor's chat (usecases/records/send-record-card.ts). */
export async function recordCardReply(deps: RecordDeps, record: SessionRecord): Promise<Reply> {
  return card(await editCardFor(deps, record), `Time to write the record of supervision with ${record.supervisee.name}`);
}
