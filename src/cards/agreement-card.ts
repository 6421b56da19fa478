import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

const fact = z.object({ title: z.string().min(1), value: z.string() });

/** One agreement as one of its two parties sees it (cards/agreement.json). */
export const ZAgreementCardData = z.object({
  agreementId: z.string().min(1),
  title: z.string().min(1),
  statusText: z.string().min(1),
  notice: z.string().default(''),
  noticeStyle: z.enum(['default', 'good', 'attention', 'warning', 'accent', 'emphasis']).default('emphasis'),
  facts: z.array(fact).min(1),
  /**
   * Where the terms depart from a *should* of the policy (a session shorter than its should
   * minimum, issue 14 f): both people read it before they sign, with the policy's words.
   */
  warnings: z.array(z.object({ text: z.string().min(1), why: ZWhyCard.optional() })).default([]),
  keyTasks: z.string().min(1),
  comments: z.array(z.object({ who: z.string().min(1), at: z.string().min(1), text: z.string().min(1) })),
  sessions: z.array(z.object({ line: z.string().min(1) })),
  /** One line each: who signed, as which party, and when (the id and hash they signed stay in the stored agreement, DESIGN.md "Signatures"). */
  signatures: z.array(z.object({ line: z.string().min(1) })),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  hashShort: z.string().min(1),
  supervisorName: z.string().min(1),
  canSign: z.boolean(),
  signTitle: z.string().min(1),
  canRequestChanges: z.boolean(),
  canEdit: z.boolean(),
  canResend: z.boolean(),
});
export type AgreementCardData = z.input<typeof ZAgreementCardData>;

export function agreementCard(data: AgreementCardData) {
  return renderCard('agreement', ZAgreementCardData, data);
}
