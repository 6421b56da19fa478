import { z } from 'zod';
import { renderCard } from './render-card.js';

/** "my records": each record a person is party to, with its status and an Open button (cards/record-list.json). */
export const ZRecordListCardData = z.object({
  title: z.string().min(1),
  emptyText: z.string().min(1),
  records: z.array(z.object({ agreementId: z.string().min(1), sessionId: z.string().min(1), label: z.string().min(1), status: z.string().min(1) })).max(50),
});
export type RecordListCardData = z.input<typeof ZRecordListCardData>;

export function recordListCard(data: RecordListCardData) {
  return renderCard('record-list', ZRecordListCardData, data);
}
