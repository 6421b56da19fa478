import { escalationCardFor } from '../../cards/escalation-card.js';
import { composeDigest } from '../../domain/escalation/digest.js';
import { AppError } from '../../domain/errors.js';
import { openItemsFor } from '../../usecases/overview/attention.js';
import type { ConversationContext } from '../context.js';
import { card, text, type Reply, type Speaker } from '../reply.js';

/**
 * "What needs my attention": the reminders and escalations still open for this person, as the
 * same card the daily digest uses (its buttons work the same), or a plain "nothing is open".
 */
export async function attention(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  if (!ctx.attention) throw new AppError('unavailable', 'Reminders and escalations are not switched on in this deployment.');
  if (!speaker.personId) throw new AppError('forbidden', 'I cannot tell who you are from this chat, so I cannot show what is waiting for you.');
  const open = await openItemsFor(ctx.attention, speaker.personId);
  if (open.steps.length === 0) {
    return [text('Nothing needs your attention: no reminder or escalation sent to you is still open. Type "my team" or "my sessions" to see where things stand.')];
  }
  const ids = new Set(open.steps.flatMap((s) => [s.supervisorId, s.superviseeId, ...s.responsibleIds]));
  const names = new Map<string, string>();
  for (const id of ids) names.set(id, (await ctx.directory.getPerson(id))?.displayName ?? 'someone no longer in the directory');
  const message = composeDigest(open.today, open.steps, names);
  return [card(escalationCardFor({ ...message, title: `${open.steps.length === 1 ? 'One item needs' : `${open.steps.length} items need`} your attention` }), 'What needs your attention')];
}
