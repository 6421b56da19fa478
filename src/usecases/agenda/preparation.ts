/**
 * The supervisee's preparation (issue 5 item 1): answers to the pack's prompts saved into the
 * session's agenda, and updates to last session's open actions saved into the tracked actions
 * (done, or still open with a note). Each write is ETag-safe; saving the same card twice changes
 * nothing the second time.
 */
import { preparationAnswers, preparationPrompts, type PreparationPrompt } from '../../domain/agenda/preparation.js';
import type { PreparationAnswer } from '../../domain/agenda/schema.js';
import { AppError } from '../../domain/errors.js';
import type { TrackedAction } from '../../domain/records/schema.js';
import { upcomingFor, type Upcoming } from './agenda.js';
import { updateAgenda, type AgendaDeps } from './deps.js';

export interface ActionUpdate {
  readonly actionId: string;
  readonly status: 'done' | 'open';
  readonly note?: string | undefined;
}

export interface PreparationInput {
  readonly agreementId: string;
  readonly sessionId: string;
  /** Keyed by prompt id (p1, p2, …) as preparationPrompts numbers them. */
  readonly answers: Readonly<Record<string, string | undefined>>;
  readonly actionUpdates: readonly ActionUpdate[];
}

export interface PreparationResult {
  readonly upcoming: Upcoming;
  /** The agreement's tracked actions as read before saving: current afterwards when no action was updated. */
  readonly actions: readonly TrackedAction[];
  readonly prompts: PreparationPrompt[];
  readonly answers: PreparationAnswer[];
  readonly actionsDone: number;
  readonly notesAdded: number;
}

const sameAnswers = (a: readonly PreparationAnswer[], b: readonly PreparationAnswer[]) => JSON.stringify(a) === JSON.stringify(b);

/** One tracked action's update, with the ETag read; a note already there is not added twice. */
async function updateAction(deps: AgendaDeps, agreementId: string, personId: string, update: ActionUpdate, at: string): Promise<{ done: boolean; noted: boolean }> {
  return deps.records.applyAction(agreementId, update.actionId, (current) => {
    if (!current) throw new AppError('not_found', 'One of the actions on this card no longer exists; open the card again.');
    const note = update.note?.trim() ?? '';
    const noted = note !== '' && !current.notes.some((n) => n.by === personId && n.text === note);
    const done = update.status === 'done' && current.status === 'open';
    if (!noted && !done) return { result: { done: false, noted: false } };
    const next: TrackedAction = {
      ...current,
      status: done ? 'done' : current.status,
      notes: noted ? [...current.notes, { at, by: personId, text: note }] : current.notes,
      updatedAt: at,
    };
    return { next, result: { done, noted } };
  });
}

/** `known`: the session as the caller has just looked it up for this person and target (not looked up again). */
export async function savePreparation(deps: AgendaDeps, personId: string, input: PreparationInput, known?: Upcoming): Promise<PreparationResult> {
  // The actions come with the session's lookup, in one query (issue 16 item 4); nothing is written before both are checked.
  const upcoming = known ?? (await upcomingFor(deps, personId, input.agreementId, input.sessionId));
  const actions = upcoming.actions;
  if (upcoming.role !== 'supervisee') throw new AppError('forbidden', 'The preparation card is the supervisee\'s; as the supervisor you can add items with "add to agenda for <name>: <text>".');
  const prompts = preparationPrompts(upcoming.pack);
  const answers = preparationAnswers(prompts, input.answers);
  for (const u of input.actionUpdates) if ((u.note?.length ?? 0) > 1000) throw new AppError('invalid_input', 'An update on an action can be at most 1000 characters.');
  // Only this agreement's actions may be updated from this card. One already marked done by an
  // earlier click of the same card is accepted, and the update changes nothing.
  const onAgreement = new Set(actions.map((a) => a.actionId));
  for (const u of input.actionUpdates) if (!onAgreement.has(u.actionId)) throw new AppError('invalid_input', 'That action is not on this agreement; open the card again.');

  const at = deps.now();
  await updateAgenda(deps, upcoming.agreement.id, upcoming.session.sessionId, (current) => {
    if (sameAnswers(current.preparation, answers)) return { next: undefined, result: undefined };
    return { next: { ...current, preparation: answers, preparationSavedAt: at, updatedAt: at }, result: undefined };
  });
  let actionsDone = 0;
  let notesAdded = 0;
  for (const u of input.actionUpdates) {
    const r = await updateAction(deps, upcoming.agreement.id, personId, u, at);
    if (r.done) actionsDone++;
    if (r.noted) notesAdded++;
  }
  return { upcoming, actions, prompts, answers, actionsDone, notesAdded };
}
