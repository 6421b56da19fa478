import { editForm, newAgreementForm, requestChanges, resend, reviseFromCard, showOne, signFromCard, submitAgreement } from './agreements/flow.js';
import { commands, welcome } from './commands.js';
import { rebookFromCard } from './sessions/session-notices.js';
import { endAgreementFromCard } from './sessions/end-agreement.js';
import { threeWayBook } from './sessions/three-way.js';
import type { ConversationContext } from './context.js';
import { AppError, isAppError } from '../domain/errors.js';
import { text, type ActionOutcome, type Reply, type Speaker } from './reply.js';
import { findCommand, findPrefixCommand, suggestCommand } from './understand.js';
import { offerAsAgendaItem } from './agenda/offer.js';
import { refusalReply } from './why-reply.js';
import { personMessage } from './person-message.js';
import { auditRefusal } from '../usecases/audit/audit-refusal.js';

/** The longest chat message read: Teams allows about 28 KB of text in one message. */
export const MAX_MESSAGE_LENGTH = 30_000;

/** Answers a chat message. Something it does not understand gets a useful answer, never silence. */
export async function handleMessage(ctx: ConversationContext, speaker: Speaker, input: string): Promise<Reply[]> {
  // Longer than Teams lets anyone type (about 28 KB): not read at all, so no message can hold up
  // everyone's turns while it is (issue 16; bench:input).
  if (input.length > MAX_MESSAGE_LENGTH) {
    return [text('That message is longer than I can read. Please send it in shorter parts, or type "help" to see what I can do.')];
  }
  const command = findCommand(commands, input);
  const prefixed = command ? undefined : findPrefixCommand(commands, input);
  if (command || prefixed) {
    try {
      return command ? await command.run(ctx, speaker) : prefixed ? await prefixed.command.run(ctx, speaker, prefixed.argument) : [];
    } catch (error) {
      // A refusal the person should read ("not in the directory", "not available") is an answer, not
      // a failure; one that rests on the policy shows its words under "Why?".
      if (isAppError(error) && error.code !== 'internal') {
        const name = command?.name ?? prefixed?.command.name ?? 'message';
        await audited(ctx, speaker, name, error);
        return [refusalReply(error)];
      }
      throw error;
    }
  }
  const guess = suggestCommand(commands, input);
  if (guess) return [text(`I didn't recognise that. Did you mean "${guess.usage}"? Type "help" to see everything I can do.`)];
  // A plain sentence from someone with a session coming up is offered as an agenda item (issue 5 item 1).
  const offer = await offerAsAgendaItem(ctx, speaker, input);
  if (offer) return offer;
  return [text('Sorry, I didn\'t understand that. Type "help" to see what I can do for you.')];
}

export async function handleInstall(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  return welcome(ctx, speaker);
}

import type { VerbHandler } from './verb.js';
import { recordVerbs } from './records/verbs.js';
import { agendaVerbs } from './agenda/verbs.js';
import { escalationVerbs } from './escalations/verbs.js';

const replyOnly = (run: (ctx: ConversationContext, speaker: Speaker) => Promise<Reply[]>): VerbHandler => async (ctx, speaker) => ({ replies: await run(ctx, speaker) });

/** Every Action.Execute verb the cards in cards/ use, each with its handler (DESIGN.md "Cards"). */
const verbs: Readonly<Record<string, VerbHandler>> = {
  showHelp: async (ctx, speaker) => ({ replies: (await findCommand(commands, 'help')?.run(ctx, speaker)) ?? [] }),
  agreementNew: replyOnly(newAgreementForm),
  agreementSubmit: submitAgreement,
  agreementSign: signFromCard,
  agreementRequestChanges: requestChanges,
  agreementEdit: editForm,
  agreementRevise: reviseFromCard,
  agreementResend: resend,
  agreementShow: showOne,
  agreementEnd: endAgreementFromCard,
  sessionRebook: async (ctx, speaker, data) => {
    if (!ctx.sessions) throw new AppError('unavailable', 'Rebooking is not available here.');
    return rebookFromCard({ ...ctx.sessions, notifier: ctx.notifier }, speaker, data);
  },
  threeWayBook,
  ...agendaVerbs,
  ...recordVerbs,
  ...escalationVerbs,
};

export const knownVerbs: readonly string[] = Object.keys(verbs);

/**
 * Card buttons. Undefined for a verb no card uses. A refusal the person should read (not theirs,
 * changed since, not found) comes back as `refusal`; anything unexpected is rethrown for the
 * adapter's turn error handler.
 */
export async function handleVerb(ctx: ConversationContext, speaker: Speaker, verb: string, data?: Record<string, unknown>): Promise<ActionOutcome | undefined> {
  const handler = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!handler) return undefined;
  try {
    return await handler(ctx, speaker, data);
  } catch (error) {
    if (isAppError(error) && error.code !== 'internal') {
      await audited(ctx, speaker, verb, error, data);
      return { replies: [], refusal: { status: error.status, code: error.code, message: personMessage(error) } };
    }
    throw error instanceof Error ? error : new AppError('internal', 'card action failed');
  }
}

/** A person refused what they may not do: written to the audit log (who, what, on which agreement or session). */
async function audited(ctx: ConversationContext, speaker: Speaker, what: string, error: AppError, data?: Record<string, unknown>): Promise<void> {
  if (error.code !== 'forbidden' || !ctx.audit) return;
  const idIn = (key: string): string | undefined => (typeof data?.[key] === 'string' ? data[key] : undefined);
  await auditRefusal(ctx.audit, { byId: speaker.personId, what, error, agreementId: idIn('agreementId'), sessionId: idIn('sessionId') });
}
