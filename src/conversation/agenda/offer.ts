import { MAX_TEXT, parseItemText, prepareItem } from '../../domain/agenda/agenda.js';
import { isAppError } from '../../domain/errors.js';
import { upcomingSessions } from '../../usecases/agenda/agenda.js';
import type { ConversationContext } from '../context.js';
import type { Reply, Speaker } from '../reply.js';
import { refusalReply } from '../why-reply.js';
import { offerReply } from './present.js';

/** Chat that is not an agenda item: thanks, greetings, yes/no, a single word. */
const SMALL_TALK = /^(thanks?( you)?|thank you( very much)?|cheers|ok(ay)?|fine|great|cool|bye|goodbye|see you|yes|no|nope|yep|sure|lol|hmm+|ta)[.!? ]*$/i;
function looksLikeASentence(s: string): boolean {
  return !SMALL_TALK.test(s) && s.split(' ').length >= 2;
}

/**
 * A sentence the bot did not understand, from someone with a session coming up, is offered as an
 * agenda item with a confirm button (issue 5 item 1). Undefined when there is nothing to offer,
 * so the caller keeps its usual answer.
 */
export async function offerAsAgendaItem(ctx: ConversationContext, speaker: Speaker, input: string): Promise<Reply[] | undefined> {
  const deps = ctx.agenda;
  // Nothing this long is offered (MAX_TEXT after tidying), so it is not tidied to find out.
  if (!deps || !speaker.personId || input.length > 4 * MAX_TEXT) return undefined;
  const sentence = input.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/\s+/g, ' ').trim();
  if (sentence === '' || sentence.length > MAX_TEXT || !looksLikeASentence(sentence)) return undefined;
  const upcoming = await upcomingSessions(deps, speaker.personId);
  const first = upcoming[0];
  if (!first) return undefined;
  try {
    // Checked now, so a name is refused before the button is offered, not after it is pressed.
    prepareItem(first.pack, { itemId: 'check', ...parseItemText(sentence), addedById: speaker.personId, addedByRole: first.role, addedAt: deps.now() });
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid_input') return [refusalReply(error, 'I could not offer that as an agenda item: ')];
    throw error;
  }
  return [offerReply(upcoming, sentence, deps.newId)];
}
