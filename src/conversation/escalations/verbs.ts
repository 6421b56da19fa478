/**
 * The escalation card's buttons (issue 6 item 4): each verb checks the card's data and says what
 * happened; what each one does is a use case (src/usecases/escalations).
 */
import { z } from 'zod';
import { sessionPostponedCard } from '../../cards/session-postponed-card.js';
import { AppError } from '../../domain/errors.js';
import { acknowledgeEscalation } from '../../usecases/escalations/acknowledge-escalation.js';
import { addEscalationNote } from '../../usecases/escalations/add-escalation-note.js';
import type { EscalationDeps } from '../../usecases/escalations/deps.js';
import { rebookFromEscalation, type RebookFromEscalation } from '../../usecases/escalations/rebook-from-escalation.js';
import type { ConversationContext } from '../context.js';
import { humanDate, slotTime } from '../dates.js';
import { card, text, type Reply } from '../reply.js';
import { cardData, speakerIdOf, type VerbHandler } from '../verb.js';

/** What the escalation card's buttons need; the composition root provides it (context field `escalations`). */
export type EscalationConversationDeps = EscalationDeps;

const ZId = z.string().min(1).max(300);
const ZItem = z.object({ agreementId: ZId, obligationId: ZId });
/** The note travels in the card's Input.Text named by `field` (one per item on a digest). */
const ZNote = ZItem.extend({ field: z.string().regex(/^note_\d+$/) }).passthrough();

function deps(ctx: ConversationContext): EscalationConversationDeps {
  if (!ctx.escalations) throw new AppError('unavailable', 'Escalations are not available here.');
  return ctx.escalations;
}

const parse = <T>(schema: z.ZodType<T>, data: Record<string, unknown> | undefined): T => cardData(schema, data, 'That card is out of date or incomplete. Please use the latest message.');

const acknowledge: VerbHandler = async (ctx, speaker, data) => {
  const d = deps(ctx);
  const item = parse(ZItem, data);
  const r = await acknowledgeEscalation(d.escalations, { ...item, byId: speakerIdOf(speaker), now: new Date(d.now()) });
  return { replies: [text(r.acknowledged
    ? 'Acknowledged. It will not be escalated further; you will hear when it is done. This is kept in the audit log.'
    : 'You (or a colleague) already acknowledged this; nothing changed.')] };
};

const note: VerbHandler = async (ctx, speaker, data) => {
  const d = deps(ctx);
  const item = parse(ZNote, data);
  const raw = (data ?? {})[item.field];
  const r = await addEscalationNote(d.escalations, {
    agreementId: item.agreementId, obligationId: item.obligationId, byId: speakerIdOf(speaker), note: typeof raw === 'string' ? raw : '', now: d.now(),
  });
  return { replies: [text(r.saved ? 'Your note is saved with this escalation in the audit log.' : 'That note was already saved.')] };
};

const rebook: VerbHandler = async (ctx, speaker, data) => {
  const d = deps(ctx);
  const item = parse(ZItem, data);
  const answer = await rebookFromEscalation(d, { ...item, personId: speakerIdOf(speaker) });
  if (answer.kind === 'nothing-to-rebook') {
    return { replies: [text('No postponed, cancelled or missed session is waiting for a new date. Please book the missing session in Outlook with your supervisee; the reminder closes once a session is held.')] };
  }
  return { replies: [rebookCard(item.agreementId, answer)] };
};

/** The postponement card (its submit, `sessionRebook`, records the reason and books the time). */
function rebookCard(agreementId: string, answer: Extract<RebookFromEscalation, { kind: 'offer' }>): Reply {
  const { session, offer, today } = answer;
  const supervisee = answer.superviseeName ?? 'your supervisee';
  const due = offer.due;
  return card(sessionPostponedCard({
    agreementId,
    sessionId: session.sessionId,
    title: `Rebook the supervision with ${supervisee}`,
    intro: (answer.missed ? `The session on ${humanDate(session.date)} did not take place: it is recorded as postponed with that reason. ` : '') + (due
      ? `The policy asks for a new date by ${humanDate(due)} and for the reason to be recorded (${answer.ruleInWords}).${due < today ? ' That date has passed: please rebook at the earliest time.' : ''}`
      : `Your policy sets no day limit (${answer.ruleInWords}); please rebook at the earliest opportunity and record the reason.`),
    facts: [{ title: 'Supervisee', value: supervisee }, { title: 'Was planned for', value: `${humanDate(session.date)} at ${session.start}` }],
    reasons: [...answer.reasons],
    slots: offer.slots.slice(0, 12).map((s) => ({ value: `${s.startUtc}|${s.endUtc}`, label: slotTime(s.startUtc) })),
    slotLabel: due && due >= today ? `New time, free for both of you (by ${humanDate(due)})` : 'New time, free for both of you',
  }), 'Rebook a supervision session');
}

/** The escalation cards' verbs. `recordOpen` belongs to the records flow. */
export const escalationVerbs: Readonly<Record<string, VerbHandler>> = {
  escalationAcknowledge: acknowledge,
  escalationNote: note,
  escalationRebook: rebook,
};
