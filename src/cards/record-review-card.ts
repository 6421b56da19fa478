import { z } from 'zod';
import { renderCard } from './render-card.js';

const line = z.object({ line: z.string().min(1) });

/** A shared record as text, for the supervisee to sign or disagree with, and as both parties see it afterwards (cards/record-review.json). */
export const ZRecordReviewCardData = z.object({
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  title: z.string().min(1),
  statusText: z.string().min(1),
  notice: z.string().default(''),
  noticeStyle: z.enum(['default', 'good', 'attention', 'warning', 'accent', 'emphasis']).default('emphasis'),
  facts: z.array(z.object({ title: z.string().min(1), value: z.string() })),
  standingItems: z.array(line),
  agendaItems: z.array(line),
  discussion: z.string().min(1),
  decisions: z.string(),
  actions: z.array(line),
  disagreements: z.array(line),
  signatures: z.array(line),
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The first 12 hex characters of the hash. */
  hashShort: z.string().regex(/^[0-9a-f]{12}$/),
  canSign: z.boolean(),
  canDisagree: z.boolean(),
  canAmend: z.boolean(),
});
export type RecordReviewCardData = z.input<typeof ZRecordReviewCardData>;

export function recordReviewCard(data: RecordReviewCardData) {
  return renderCard('record-review', ZRecordReviewCardData, data);
}
