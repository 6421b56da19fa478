import { z } from 'zod';
import { MILESTONE_KINDS, type PlannedMilestone } from './types.js';

/** What is stored and read back for a milestone meeting (storage boundary); mirrors types.ts. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/);

export const ZMilestoneKind = z.enum(MILESTONE_KINDS);

export const ZPlannedMilestone = z.object({
  milestoneId: z.string().min(1).max(200),
  agreementId: z.string().min(1).max(200),
  kind: ZMilestoneKind,
  subject: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
  due: localDate,
  date: localDate,
  start: localTime,
  minutes: z.number().int().positive(),
  startUtc: instant,
  endUtc: instant,
  rule: z.string().min(1),
  format: z.discriminatedUnion('kind', [z.object({ kind: z.literal('teams') }), z.object({ kind: z.literal('in-person'), location: z.string().min(1).max(200) })]),
  status: z.enum(['planned', 'booked', 'held', 'cancelled']),
  eventId: z.string().optional(),
  joinUrl: z.string().optional(),
  webLink: z.string().optional(),
}) satisfies z.ZodType<PlannedMilestone>;
