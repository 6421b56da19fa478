import { policyNoticeCard } from '../cards/policy-notice-card.js';
import { ZWhy } from '../cards/why.js';
import type { AppError } from '../domain/errors.js';
import type { PolicyWhy } from '../policy/why.js';
import { card, text, type Reply } from './reply.js';
import { personMessage } from './person-message.js';

/**
 * A message that rests on a rule: a card with the policy's words under "Why?" when they are known,
 * plain text otherwise.
 */
export function citedReply(message: string, why: PolicyWhy | undefined): Reply {
  return why ? card(policyNoticeCard({ text: message, why }), message.slice(0, 200)) : text(message);
}

/** The policy's words a refusal carries (details.policy, set where the domain refuses on a rule). */
export function policyWhyOf(error: AppError): PolicyWhy | undefined {
  const parsed = ZWhy.safeParse(error.details?.['policy']);
  return parsed.success ? parsed.data : undefined;
}

/** A refusal as the person reads it: its message, and "Why?" when it rests on the policy. */
export function refusalReply(error: AppError, prefix = ''): Reply {
  return citedReply(`${prefix}${personMessage(error)}`, policyWhyOf(error));
}
