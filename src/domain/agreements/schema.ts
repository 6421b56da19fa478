import { z } from 'zod';
import { ZAgreedFrequency } from '../../policy/schema/frequency.js';
import type { Agreement, AgreementTerms, PlannedSession } from './types.js';

/** zod schemas for what is stored and read back (storage boundary); they mirror types.ts. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/);

export const ZAgreementTerms = z.object({
  policyId: z.string().min(1),
  roleId: z.string().min(1),
  supervisorId: z.string().min(1),
  superviseeId: z.string().min(1),
  employmentStart: localDate,
  agreementDate: localDate,
  weekday: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7)]),
  time: localTime,
  minutes: z.number().int().min(15).max(480),
  format: z.discriminatedUnion('kind', [z.object({ kind: z.literal('teams') }), z.object({ kind: z.literal('in-person'), location: z.string().min(1).max(200) })]),
  keyTasks: z.string().max(4000),
  othersWhoMaySee: z.array(z.string().min(1)).max(20),
  seniorManagerId: z.string().min(1).optional(),
  reviewDate: localDate,
  progressReviewDate: localDate.optional(),
  phaseId: z.string().min(1).optional(),
  agreedFrequency: ZAgreedFrequency.optional(),
}) satisfies z.ZodType<AgreementTerms>;

const ZSendAttempts = z.object({ count: z.number().int().min(1).max(1000), lastAt: instant });

export const ZSignature = z.object({
  signerId: z.string().min(1),
  signerName: z.string().min(1),
  signedAt: instant,
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ZAgreement = z.object({
  id: z.string().min(1),
  terms: ZAgreementTerms,
  status: z.enum(['draft', 'awaiting-supervisee', 'changes-requested', 'awaiting-supervisor', 'signed', 'booked', 'ended']),
  signatures: z.object({ supervisee: ZSignature.optional(), supervisor: ZSignature.optional() }),
  comments: z.array(z.object({ authorId: z.string(), at: instant, text: z.string().max(2000) })),
  createdAt: instant,
  updatedAt: instant,
  revision: z.number().int().nonnegative().optional(),
  parties: z.object({ supervisorName: z.string().min(1).max(200), superviseeName: z.string().min(1).max(200) }).optional(),
  superviseeNotified: z.enum(['delivered', 'unreachable']).optional(),
  bookingRequestedAt: instant.optional(),
  confirmationSentAt: instant.optional(),
  confirmation: z
    .object({
      claimedAt: instant,
      deliveredTo: z.object({ supervisor: instant.optional(), supervisee: instant.optional() }),
      sendingTo: z.object({ supervisor: instant.optional(), supervisee: instant.optional() }).optional(),
      attempts: z.object({ supervisor: z.number().int().min(0).optional(), supervisee: z.number().int().min(0).optional() }).optional(),
    })
    .optional(),
  history: z
    .array(
      z.object({
        at: instant,
        by: z.string().min(1),
        event: z.enum(['sent', 'changes-requested', 'revised', 'signed-by-supervisee', 'signed-by-supervisor']),
        hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      }),
    )
    .max(500)
    .optional(),
  renews: z.object({ agreementId: z.string().min(1), lastSession: localDate.optional() }).optional(),
  renewedBy: z.object({ agreementId: z.string().min(1), signedOn: localDate, from: localDate }).optional(),
  lineManagerId: z.string().min(1).max(200).optional(),
  review: z.object({
    reason: z.enum(['review-date', 'change-of-supervisor']),
    successorId: z.string().min(1),
    offeredAt: instant,
    sentTo: z.object({ supervisor: instant.optional(), supervisee: instant.optional() }),
    attempts: z.object({ supervisor: ZSendAttempts.optional(), supervisee: ZSendAttempts.optional() }).optional(),
    gaveUp: z.object({ supervisor: instant.optional(), supervisee: instant.optional() }).optional(),
  }).optional(),
  plan: z.object({ plannedAt: instant, sessions: z.array(z.lazy(() => ZPlannedSession)).max(400) }).optional(),
}) satisfies z.ZodType<Agreement>;

export const ZPlannedSession = z.object({
  sessionId: z.string().min(1),
  agreementId: z.string().min(1),
  date: localDate,
  start: localTime,
  minutes: z.number().int().positive(),
  startUtc: instant,
  endUtc: instant,
  rule: z.string().min(1),
  status: z.enum(['planned', 'booked', 'moved', 'postponed', 'cancelled', 'held']),
  eventId: z.string().optional(),
  joinUrl: z.string().optional(),
  webLink: z.string().optional(),
  teamsLinkMissing: z.literal(true).optional(),
  postponements: z
    .array(z.object({ recordedAt: instant, recordedBy: z.string().min(1), reasonId: z.string().optional(), reason: z.string().min(1).max(500), fromDate: localDate, toDate: localDate }))
    .optional(),
  rebooking: z.object({ startUtc: instant, endUtc: instant, claimedAt: instant, by: z.string().min(1) }).optional(),
}) satisfies z.ZodType<PlannedSession>;

/**
 * Which agreements a person is party to (one row per person and agreement), so "my agreement"
 * reads one partition instead of scanning every agreement.
 */
export const ZAgreementLink = z.object({
  agreementId: z.string().min(1),
  party: z.enum(['supervisor', 'supervisee']),
  createdAt: z.string(),
});
export type AgreementLink = z.infer<typeof ZAgreementLink>;
