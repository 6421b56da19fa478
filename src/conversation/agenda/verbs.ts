import { z } from 'zod';
import { parseItemText } from '../../domain/agenda/agenda.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { addAgendaItem, agendaView, openActions, openActionsOf, upcomingFor } from '../../usecases/agenda/agenda.js';
import { savePreparation, type ActionUpdate } from '../../usecases/agenda/preparation.js';
import type { ConversationContext } from '../context.js';
import type { ActionOutcome, Speaker } from '../reply.js';
import { personMessage } from '../person-message.js';
import { cardData, speakerIdOf, type VerbHandler } from '../verb.js';
import type { AgendaConversationDeps } from './deps.js';
import { agendaCardFor, dayLabel, preparationCardFor, savedValues } from './present.js';
import { agendaOfferCard } from '../../cards/agenda-card.js';

function depsOf(ctx: ConversationContext): AgendaConversationDeps {
  if (!ctx.agenda) throw new AppError('unavailable', 'Agendas are not available here yet.');
  return ctx.agenda;
}

const who = (speaker: Speaker): string => speakerIdOf(speaker);

const id = z.string().min(1).max(200);
const ZTarget = z.object({ agreementId: id, sessionId: id });
const ZAdd = ZTarget.extend({ itemId: id, newItem: z.string().max(4000).default(''), caseRef: z.string().max(200).default('') });
const ZConfirm = ZTarget.extend({ itemId: id, text: z.string().min(1).max(1000) });

const parse = <T>(schema: z.ZodType<T>, data: Record<string, unknown> | undefined): T => cardData(schema, data, 'This card is missing something; type "agenda" to get a fresh one.');

/** The agenda card's "Add to the agenda": a bad item comes back on the card with the reason and what was typed. */
const agendaAdd: VerbHandler = async (ctx, speaker, data) => {
  const deps = depsOf(ctx);
  const personId = who(speaker);
  const input = parse(ZAdd, data);
  const target = { agreementId: input.agreementId, sessionId: input.sessionId };
  const caseRef = input.caseRef.trim();
  try {
    if (input.newItem.trim() === '') throw new AppError('invalid_input', 'Type the item first.');
    // The open actions the card shows came with the session's lookup (one query, issue 16 item 4),
    // and the agenda is the one just stored: nothing is read twice.
    const result = await addAgendaItem(deps, personId, target, { itemId: input.itemId, kind: caseRef === '' ? 'topic' : 'case', text: input.newItem, caseRef: caseRef === '' ? undefined : caseRef });
    const view = await agendaView(deps, result.upcoming, { agenda: result.agenda });
    return { card: agendaCardFor(view, deps.newId(), { notice: result.added ? `Added as item ${result.number}.` : `Item ${result.number} was already added.` }), replies: [] };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_input') throw error;
    const view = await agendaView(deps, await upcomingFor(deps, personId, target.agreementId, target.sessionId));
    return { card: agendaCardFor(view, input.itemId, { error: personMessage(error), newItem: input.newItem.slice(0, 1000), caseRef: caseRef.slice(0, 40) }), replies: [] };
  }
};

/** "Add to the agenda for Tue 1 Dec?" → yes. A second click finds the item already there and adds nothing. */
const agendaConfirm: VerbHandler = async (ctx, speaker, data) => {
  const deps = depsOf(ctx);
  const input = parse(ZConfirm, data);
  const result = await addAgendaItem(deps, who(speaker), { agreementId: input.agreementId, sessionId: input.sessionId }, { itemId: input.itemId, ...parseItemText(input.text) });
  const whose = result.upcoming.role === 'supervisor' ? `${result.upcoming.superviseeName}'s agenda` : 'the agenda';
  const title = `${result.added ? 'Added' : 'Already added'} to ${whose} for ${dayLabel(result.upcoming.session.date)} as item ${result.number}.`;
  return { card: agendaOfferCard({ title, quoted: `"${result.item.text}"`, note: 'Type "agenda" to see it all.', options: [] }), replies: [] };
};

const agendaDecline: VerbHandler = async () => ({
  card: agendaOfferCard({ title: 'Not added.', quoted: 'Type "help" to see what I can do.', options: [] }),
  replies: [],
});

/** The agenda card's "Prepare for this session", and the job's card: answers saved before come back. */
const preparationShow: VerbHandler = async (ctx, speaker, data) => {
  const deps = depsOf(ctx);
  const input = parse(ZTarget, data);
  const u = await upcomingFor(deps, who(speaker), input.agreementId, input.sessionId);
  if (u.role !== 'supervisee') throw new AppError('forbidden', 'The preparation card is the supervisee\'s.');
  const { agenda, carried } = await agendaView(deps, u);
  return { card: undefined, replies: [{ kind: 'card', card: preparationCardFor(u, carried, { values: savedValues(u, agenda?.preparation ?? []) }), summary: `Prepare for ${dayLabel(u.session.date)}` }] };
};

/** The preparation card's save: prompts p1…pn, and status_<actionId> / note_<actionId> for each open action. */
const preparationSave: VerbHandler = async (ctx, speaker, data): Promise<ActionOutcome> => {
  const deps = depsOf(ctx);
  const personId = who(speaker);
  const input = parse(ZTarget, data);
  const raw = data ?? {};
  const answers: Record<string, string> = {};
  const updates = new Map<string, { status: 'done' | 'open'; note?: string }>();
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') continue;
    if (/^p\d{1,2}$/.test(key)) answers[key] = value;
    const status = /^status_(.{1,100})$/.exec(key);
    if (status?.[1]) updates.set(status[1], { ...updates.get(status[1]), status: value === 'done' ? 'done' : 'open' });
    const note = /^note_(.{1,100})$/.exec(key);
    if (note?.[1]) updates.set(note[1], { status: updates.get(note[1])?.status ?? 'open', note: value });
  }
  const actionUpdates: ActionUpdate[] = [...updates].map(([actionId, u]) => ({ actionId, status: u.status, note: u.note }));
  const u = await upcomingFor(deps, personId, input.agreementId, input.sessionId);
  try {
    const result = await savePreparation(deps, personId, { agreementId: input.agreementId, sessionId: input.sessionId, answers, actionUpdates }, u);
    // The actions read before saving are still current unless this save changed one.
    const carried = actionUpdates.length === 0 ? openActionsOf(result.actions, u.session.sessionId) : await openActions(deps, u.agreement.id, u.session.sessionId);
    const parts = [`Saved ${result.answers.length} answer${result.answers.length === 1 ? '' : 's'} for ${dayLabel(u.session.date)}`];
    if (result.actionsDone > 0) parts.push(`${result.actionsDone} action${result.actionsDone === 1 ? '' : 's'} marked done`);
    if (result.notesAdded > 0) parts.push(`${result.notesAdded} update${result.notesAdded === 1 ? '' : 's'} added`);
    return { card: preparationCardFor(u, carried, { notice: `${parts.join('; ')}. ${u.supervisorName} will see them on the agenda.`, values: answers }), replies: [] };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_input') throw error;
    // Nothing was written: the card is refused before any write (savePreparation).
    const carried = openActionsOf(u.actions, u.session.sessionId);
    const kept = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.slice(0, 4000)]));
    return { card: preparationCardFor(u, carried, { error: personMessage(error), values: kept }), replies: [] };
  }
};

/** The preparation card's and agenda's verbs (issue 5 item 1). */
export const agendaVerbs: Readonly<Record<string, VerbHandler>> = {
  agendaAdd,
  agendaConfirm,
  agendaDecline,
  preparationShow,
  preparationSave,
};
