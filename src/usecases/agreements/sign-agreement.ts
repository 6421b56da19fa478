import { markBookingRequested, sign, type Actor } from '../../domain/agreements/state-machine.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { updateAgreement, type AgreementDeps } from './deps.js';

export type SignResult = {
  readonly kind: 'signed' | 'already-signed';
  readonly agreement: Agreement;
  /** True once both have signed and the booking job is queued. */
  readonly bookingQueued: boolean;
};

/**
 * Signs the version whose hash the card carried. The signature is stored (ETag-checked, so a
 * double click makes one signature) before anyone is told; once both have signed the booking
 * job is queued. If queueing fails after the signature was stored, clicking again re-queues:
 * the booking job is idempotent, so a second message is harmless.
 */
export async function signAgreement(deps: AgreementDeps, actor: Actor, agreementId: string, hashSeen: string): Promise<SignResult> {
  const outcome = await updateAgreement(deps, agreementId, (current) => {
    const result = sign(current, actor, hashSeen, deps.now());
    return { next: result.kind === 'signed' ? result.agreement : undefined, result };
  });
  let agreement = outcome.agreement;
  const bothSigned = agreement.status === 'signed' || agreement.status === 'booked';
  if (bothSigned && agreement.status === 'signed') {
    await deps.enqueueBooking(agreement.id);
    agreement = await updateAgreement(deps, agreement.id, (current) => {
      const next = markBookingRequested(current, deps.now());
      return { next: next.bookingRequestedAt === current.bookingRequestedAt ? undefined : next, result: next };
    });
  }
  return { kind: outcome.kind, agreement, bookingQueued: bothSigned };
}
