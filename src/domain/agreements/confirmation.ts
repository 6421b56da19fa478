/**
 * How often the "Your year of supervision is booked" card is tried again for someone it has not
 * reached (issue 4 item 4; issue 16: it was every five minutes for ever for someone who never
 * opened a chat with the bot, each try a write of the agreement). The first retries are a window
 * apart, to recover from a crash mid-send; then each wait doubles; after CONFIRMATION_MAX_ATTEMPTS
 * (about two days with the five-minute window) that person is not tried again: the year is in
 * their Outlook calendar and their "My supervision" tab either way.
 */
import type { AgreementParty, BookingConfirmation } from './types.js';

export const CONFIRMATION_MAX_ATTEMPTS = 12;
const RETRIES_AT_THE_WINDOW = 3;

/** Attempts claimed for the person so far; a row from before attempts were counted has had one (the claim). */
export function confirmationAttempts(confirmation: BookingConfirmation, party: AgreementParty): number {
  return confirmation.attempts?.[party] ?? 1;
}

/** Minutes to wait after the latest of `attempts` attempts before the next. */
export function confirmationRetryWaitMinutes(attempts: number, windowMinutes: number): number {
  return windowMinutes * 2 ** Math.max(0, attempts - RETRIES_AT_THE_WINDOW);
}

/** Every attempt used up for this person, who has still not had the card. */
export function confirmationGivenUp(confirmation: BookingConfirmation, party: AgreementParty): boolean {
  return !confirmation.deliveredTo[party] && confirmationAttempts(confirmation, party) >= CONFIRMATION_MAX_ATTEMPTS;
}
