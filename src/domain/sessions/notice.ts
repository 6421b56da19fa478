import { z } from 'zod';

/**
 * What the calendar sync has to tell people, kept in an outbox before the session change that
 * caused it is written: a crash between the two can then never lose the message, and the
 * deterministic id means a rerun never writes it twice. Delivery reads the outbox.
 */
export const ZSyncNotice = z.object({
  kind: z.enum(['session-moved', 'session-move-breaks-policy', 'session-postponed', 'agreement-ended']),
  recipientId: z.string().min(1),
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  createdAt: z.string(),
  /** The session as it now stands. */
  date: z.string(),
  start: z.string(),
  cause: z.enum(['moved', 'cancelled', 'deleted', 'declined', 'change-of-supervisor', 'agreement-ended', 'annual-review']),
  violations: z.array(z.object({ rule: z.string(), reason: z.string() })).default([]),
  rebooking: z
    .object({ due: z.string().nullable(), rule: z.string(), slots: z.array(z.object({ date: z.string(), start: z.string(), startUtc: z.string(), endUtc: z.string() })) })
    .optional(),
  deliveredAt: z.string().optional(),
});
export type SyncNotice = z.infer<typeof ZSyncNotice>;

