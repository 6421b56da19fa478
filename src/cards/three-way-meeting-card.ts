import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

/**
 * The three-way meeting a supervisee's "I'm not getting supervision" proposes (Leeds §F
 * (L124–134): supervisee, supervisor and line manager meet): the times free for all three and a
 * "Book this time" button (`threeWayBook`), or, once booked, when it is.
 */
export const ZThreeWayMeetingCardData = z.object({
  superviseeId: z.string().min(1),
  /** The concern's London date (its key with the supervisee id). */
  concernDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  title: z.string().min(1),
  intro: z.string().min(1),
  /** The policy's words for the escalation path the intro cites. */
  why: ZWhyCard.optional(),
  facts: z.array(z.object({ title: z.string().min(1), value: z.string() })).default([]),
  /** `value` is `startUtc|endUtc`. */
  slots: z.array(z.object({ value: z.string().regex(/^\S+Z\|\S+Z$/), label: z.string().min(1) })),
  /** Set once booked: what the card says instead of the choices. */
  booked: z.string().default(''),
  noSlots: z.string().default('No hour in the next two weeks is free for all three of you. Please agree a time and book it in Outlook.'),
  error: z.string().default(''),
});
export type ThreeWayMeetingCardData = z.input<typeof ZThreeWayMeetingCardData>;

export function threeWayMeetingCard(data: ThreeWayMeetingCardData) {
  return renderCard('three-way-meeting', ZThreeWayMeetingCardData, data);
}
