import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

/**
 * Asks the supervisor why a session was postponed and offers times free for both people before
 * the pack's rebooking deadline (Camden §6 Postponement / §7 (L102, L142)).
 */
export const ZSessionPostponedCardData = z.object({
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  title: z.string().min(1),
  intro: z.string().min(1),
  /** The policy's words for the rebooking rule the intro cites. */
  why: ZWhyCard.optional(),
  facts: z.array(z.object({ title: z.string().min(1), value: z.string() })),
  reasons: z.array(z.object({ id: z.string().min(1), label: z.string().min(1) })),
  slots: z.array(z.object({ value: z.string().min(1), label: z.string().min(1) })),
  slotLabel: z.string().min(1),
  error: z.string().default(''),
});
export type SessionPostponedCardData = z.input<typeof ZSessionPostponedCardData>;

export function sessionPostponedCard(data: SessionPostponedCardData) {
  return renderCard('session-postponed', ZSessionPostponedCardData, data);
}
