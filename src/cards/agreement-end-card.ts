import { z } from 'zod';
import { renderCard } from './render-card.js';

/** The supervisor chooses which agreement ends and why (issue 4 item 6, cards/agreement-end.json). */
export const ZAgreementEndCardData = z.object({
  agreements: z.array(z.object({ id: z.string().min(1), label: z.string().min(1) })).min(1),
});

export function agreementEndCard(data: z.input<typeof ZAgreementEndCardData>) {
  return renderCard('agreement-end', ZAgreementEndCardData, data);
}
