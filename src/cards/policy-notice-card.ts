import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

/**
 * A message that rests on a rule, with the policy's words under "Why?" (cards/policy-notice.json):
 * a refusal that cites the policy (a child's name on an agenda), "I'm not getting supervision".
 */
export const ZPolicyNoticeCardData = z.object({
  text: z.string().min(1).max(4000),
  why: ZWhyCard,
});
export type PolicyNoticeCardData = z.input<typeof ZPolicyNoticeCardData>;

export function policyNoticeCard(data: PolicyNoticeCardData) {
  return renderCard('policy-notice', ZPolicyNoticeCardData, data);
}
