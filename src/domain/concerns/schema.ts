import { z } from 'zod';

const ZSlot = z.object({ startUtc: z.string(), endUtc: z.string() });
export type ThreeWaySlot = z.infer<typeof ZSlot>;

/**
 * The three-way meeting once someone pressed "Book this time". Written (state `pending`) before
 * the Outlook create, so a second press or a retry uses the same slot and transactionId and finds
 * the same event; `booked` once Outlook answered.
 */
export const ZThreeWayBooking = z.object({
  state: z.enum(['pending', 'booked']),
  startUtc: z.string(),
  endUtc: z.string(),
  transactionId: z.string(),
  organizerId: z.string(),
  bookedBy: z.string(),
  requestedAt: z.string(),
  eventId: z.string().optional(),
  joinUrl: z.string().optional(),
  bookedAt: z.string().optional(),
});
export type ThreeWayBooking = z.infer<typeof ZThreeWayBooking>;

/**
 * A supervisee's statement that they are not getting supervision, kept as evidence (issue 6 item
 * 3). Key: partition = supervisee id, id = the London date it was raised. `booking` (added for
 * the bookable three-way meeting) is optional so rows stored before it still parse.
 */
export const ZSupervisionConcern = z.object({
  raisedAt: z.string(),
  supervisorId: z.string().optional(),
  lineManagerId: z.string().optional(),
  proposedSlots: z.array(ZSlot),
  booking: ZThreeWayBooking.optional(),
});
export type SupervisionConcern = z.infer<typeof ZSupervisionConcern>;
