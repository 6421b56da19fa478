import { z } from 'zod';
import { renderCard } from './render-card.js';

/** Sent to both parties once the year is in their calendars (issue 4 item 4, cards/booking-confirmation.json). */
export const ZBookingConfirmationCardData = z.object({
  agreementId: z.string().min(1),
  title: z.string().min(1),
  intro: z.string().min(1),
  facts: z.array(z.object({ title: z.string().min(1), value: z.string() })),
  sessions: z.array(z.object({ line: z.string().min(1) })).min(1),
  /** The year's reviews and milestones (issue 14 item 1): what, when, who attends. */
  milestones: z.array(z.object({ line: z.string().min(1) })).default([]),
  footer: z.string().default(''),
});
export type BookingConfirmationCardData = z.input<typeof ZBookingConfirmationCardData>;

export function bookingConfirmationCard(data: BookingConfirmationCardData) {
  return renderCard('booking-confirmation', ZBookingConfirmationCardData, data);
}
