import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { updateAgreement, type AgreementDeps } from './deps.js';
import { sessionsFor } from './show-agreement.js';

/**
 * Called when the booking job has finished an agreement. Claims the confirmation (ETag write of
 * confirmationSentAt) so two workers finishing the same job do not both send it; returns
 * undefined when it was already claimed or nothing is booked.
 */
export async function claimBookingConfirmation(deps: AgreementDeps, agreementId: string): Promise<{ agreement: Agreement; sessions: readonly PlannedSession[] } | undefined> {
  const claimed = await updateAgreement(deps, agreementId, (current) => {
    if (current.confirmationSentAt) return { next: undefined, result: undefined };
    const next: Agreement = { ...current, confirmationSentAt: deps.now() };
    return { next, result: next };
  });
  if (!claimed) return undefined;
  const sessions = await sessionsFor(deps, claimed);
  return { agreement: claimed, sessions };
}
