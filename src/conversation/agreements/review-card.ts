import type { Agreement, AgreementReviewOffer } from '../../domain/agreements/types.js';
import type { ConversationContext } from '../context.js';
import { card } from '../reply.js';
import { longDate } from './format.js';
import { agreementView, partyNames } from './present.js';

/**
 * The agreement card, back for its review (issue 14 item 3), pre-filled from the agreement it
 * renews: the supervisee signs or asks for changes, the supervisor may change the terms and signs
 * last, and their signing books the next year.
 */
export async function sendAgreementForReview(ctx: ConversationContext, successor: Agreement, personId: string, reason: AgreementReviewOffer['reason']): Promise<'delivered' | 'unreachable'> {
  const deps = ctx.agreements;
  if (!deps || !ctx.notifier) return 'unreachable';
  const { supervisorName, superviseeName } = partyNames(successor);
  const mine = personId === successor.terms.supervisorId;
  const why = reason === 'change-of-supervisor'
    ? `${supervisorName} is now the supervisor, so the supervision agreement is reviewed.`
    : 'Your supervision agreement is due for its review.';
  const next = mine
    ? `It comes back filled in from this year's, to start on ${longDate(successor.terms.agreementDate)}. Change anything that needs changing; ${superviseeName} signs first, then you sign and the next year is booked.`
    : `It comes back filled in from this year's, to start on ${longDate(successor.terms.agreementDate)}. Read it, then sign it or ask for changes; once ${supervisorName} signs too, the next year is booked.`;
  const json = await agreementView(successor, personId, { pack: deps.pack, directory: ctx.directory }, { notice: { text: `${why} ${next}`, style: 'emphasis' } });
  return ctx.notifier.notify(personId, [card(json, 'Your supervision agreement is due for its review')]);
}
