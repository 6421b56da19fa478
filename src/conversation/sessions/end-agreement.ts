import { z } from 'zod';
import { agreementEndCard } from '../../cards/agreement-end-card.js';
import { AppError } from '../../domain/errors.js';
import { dayInWords } from '../../domain/words/dates.js';
import { endAgreement } from '../../usecases/agreements/end-agreement.js';
import { deliverNotices } from '../../usecases/notices/deliver-notices.js';
import { silentLogger } from '../../observability/logger.js';
import { agreementsOf } from '../../usecases/agreements/show-agreement.js';
import type { ConversationContext } from '../context.js';
import { card, text, type ActionOutcome, type Reply, type Speaker } from '../reply.js';
import { noticeReplies } from './session-notices.js';

/** `end agreement`: the supervisor's booked agreements to choose from (issue 4 item 6). */
export async function endAgreementForm(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  if (!ctx.agreements || !ctx.sessions) return [text('Ending agreements is not available here.')];
  if (!speaker.personId) return [text('I could not tell who you are.')];
  const choices: { id: string; label: string }[] = [];
  for (const agreement of await agreementsOf(ctx.agreements, speaker.personId)) {
    if (agreement.terms.supervisorId !== speaker.personId || (agreement.status !== 'booked' && agreement.status !== 'signed')) continue;
    const supervisee = await ctx.directory.getPerson(agreement.terms.superviseeId);
    choices.push({ id: agreement.id, label: `${supervisee?.displayName ?? 'Supervisee'}, from ${dayInWords(agreement.terms.agreementDate)}` });
  }
  if (choices.length === 0) return [text('You have no active supervision agreement as a supervisor.')];
  return [card(agreementEndCard({ agreements: choices }), 'End a supervision agreement')];
}

const ZEndData = z.object({
  agreementId: z.string({ error: 'This card is missing which agreement it is about. Type "end agreement" to get a fresh one.' })
    .min(1, 'This card is missing which agreement it is about. Type "end agreement" to get a fresh one.').max(200, 'This card is missing which agreement it is about. Type "end agreement" to get a fresh one.'),
  reason: z.enum(['change-of-supervisor', 'annual-review', 'agreement-ended'], 'Choose why the agreement ends.'),
});

/** Cancels the future sessions and tells both people; safe to press twice. */
export async function endAgreementFromCard(ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined): Promise<ActionOutcome> {
  const deps = ctx.sessions;
  if (!deps) throw new AppError('unavailable', 'Ending agreements is not available here.');
  if (!speaker.personId) throw new AppError('forbidden', 'I could not tell who you are.');
  const parsed = ZEndData.safeParse(data ?? {});
  // Each field's own sentence (the schema's), never the validator's wording (issue 16 L3).
  if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'That card is not complete.');
  const agreement = await deps.agreements.get(parsed.data.agreementId);
  const { cancelled } = await endAgreement(deps, parsed.data.agreementId, parsed.data.reason, speaker.personId);
  if (agreement && ctx.notifier) {
    const supervisee = (await ctx.directory.getPerson(agreement.terms.superviseeId))?.displayName ?? 'your supervisee';
    for (const personId of [agreement.terms.supervisorId, agreement.terms.superviseeId]) {
      const notifier = ctx.notifier;
      await deliverNotices(deps.notices, personId, async (n) => notifier.notify(personId, await noticeReplies(n, deps.packFor(agreement.terms.policyId), supervisee)), deps.now, silentLogger);
    }
  }
  return { replies: [text(`Done: ${cancelled} future session${cancelled === 1 ? '' : 's'} cancelled.`)] };
}
