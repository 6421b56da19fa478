import type { Agreement } from '../../domain/agreements/types.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import type { Directory } from '../../domain/people/person.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { MilestoneRepository } from '../../repositories/milestones.js';
import { AppError } from '../../domain/errors.js';

/** Kept for older imports; the schema lives with the agreement's domain types. */
export { ZAgreementLink, type AgreementLink } from '../../domain/agreements/schema.js';

export interface AgreementDeps {
  /** Agreements, their sessions and party links (src/repositories/agreements.ts). */
  readonly agreements: AgreementRepository;
  readonly directory: Directory;
  /** The pack named by POLICY_PACK. */
  readonly pack: PolicyPack;
  readonly now: () => string;
  /** Today in Europe/London. */
  readonly today: () => LocalDate;
  readonly enqueueBooking: (agreementId: string) => Promise<void>;
  /** The year's reviews and milestones (issue 14 item 1), listed on the booking confirmation; absent: none listed. */
  readonly milestones?: Pick<MilestoneRepository, 'list'> | undefined;
}

export async function loadAgreement(deps: Pick<AgreementDeps, 'agreements'>, agreementId: string): Promise<Agreement> {
  return deps.agreements.require(agreementId);
}

/**
 * Read, change, write with the ETag read (AgreementRepository.apply, the one retry loop). Two
 * clicks racing each other: the loser re-reads and re-applies the change to what the winner
 * wrote, so the domain decides (e.g. "already signed") instead of the last writer silently
 * winning; a race still lost after the loop's attempts is a LostRaceError, never silent.
 */
export async function updateAgreement<R>(
  deps: Pick<AgreementDeps, 'agreements'>,
  agreementId: string,
  change: (current: Agreement) => { next: Agreement | undefined; result: R },
): Promise<R> {
  return deps.agreements.apply(agreementId, (current) => {
    if (!current) throw new AppError('not_found', 'I could not find that agreement. It may have been replaced by a newer one.');
    return change(current);
  });
}
