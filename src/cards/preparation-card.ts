import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

/**
 * The supervisee's preparation card (issue 5 item 1, cards/preparation.json): the pack's prompts
 * as text inputs and last session's open actions, each done or still open with an update.
 */
export const ZPreparationCardData = z.object({
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  title: z.string().min(1),
  intro: z.string().min(1),
  notice: z.string().default(''),
  error: z.string().default(''),
  prompts: z.array(z.object({
    id: z.string().regex(/^p\d+$/),
    text: z.string().min(1),
    /** Where the prompt comes from; empty under a prompt that shares the one above it. */
    citation: z.string().default(''),
    /** The policy's words for that source, under "Why?". */
    why: ZWhyCard.optional(),
    value: z.string().default(''),
  })).min(1),
  actions: z.array(z.object({ line: z.string().min(1), statusId: z.string().min(1), noteId: z.string().min(1) })),
});
export type PreparationCardData = z.input<typeof ZPreparationCardData>;

export function preparationCard(data: PreparationCardData) {
  return renderCard('preparation', ZPreparationCardData, data);
}
