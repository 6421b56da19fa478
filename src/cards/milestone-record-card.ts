import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

/**
 * A review or milestone's record card (cards/milestone-record.json, issue 14 item 1): the
 * supervisor records the day it took place and its outcome, then signs and shares it; the
 * supervisee signs it like a supervision record (cards/record-review.json). Input ids: heldOn,
 * outcome (src/usecases/records/milestone-record.ts reads them); notHeldReason when it did not
 * take place (src/usecases/records/milestone-not-held.ts).
 */
export const ZMilestoneRecordCardData = z.object({
  agreementId: z.string().min(1),
  /** The milestone's id: its record is keyed by it as a session's is by the session id. */
  sessionId: z.string().min(1),
  /** How many versions the card was opened on (0 = first share); a string so the template binds it as one. */
  basedOn: z.string().regex(/^\d+$/),
  title: z.string().min(1),
  intro: z.string().min(1),
  /** The policy's words for the rule the milestone keeps. */
  why: ZWhyCard.optional(),
  notice: z.string().default(''),
  noticeStyle: z.enum(['default', 'good', 'attention', 'warning', 'accent', 'emphasis']).default('emphasis'),
  facts: z.array(z.object({ title: z.string().min(1), value: z.string() })),
  errorSummary: z.string().default(''),
  heldOn: z.string(),
  heldOnError: z.string().default(''),
  outcomeLabel: z.string().min(1),
  outcomeHint: z.string().min(1),
  outcome: z.string(),
  outcomeError: z.string().default(''),
  signHint: z.string().min(1),
  shareTitle: z.string().min(1),
  /** "It did not take place" with a short reason (recordMilestoneNotHeld): only before anything was shared. */
  canMarkNotHeld: z.boolean().default(false),
});
export type MilestoneRecordCardData = z.input<typeof ZMilestoneRecordCardData>;

export function milestoneRecordCard(data: MilestoneRecordCardData) {
  return renderCard('milestone-record', ZMilestoneRecordCardData, data);
}
