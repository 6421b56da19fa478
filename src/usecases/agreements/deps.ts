import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import { AppError } from '../../domain/errors.js';
import type { Directory } from '../../domain/people/person.js';
import type { StoreKey, VersionedStore } from '../../domain/ports/storage.js';
import type { PolicyPack } from '../../policy/schema.js';
import { z } from 'zod';

/** Which agreements a person is party to, so `my agreement` reads one partition instead of scanning. */
export const ZAgreementLink = z.object({
  agreementId: z.string().min(1),
  party: z.enum(['supervisor', 'supervisee']),
  createdAt: z.string(),
});
export type AgreementLink = z.infer<typeof ZAgreementLink>;

export interface AgreementDeps {
  readonly agreements: VersionedStore<Agreement>;
  /** Keyed { partition: personId, id: agreementId }. */
  readonly links: VersionedStore<AgreementLink>;
  readonly key: (agreementId: string) => StoreKey;
  readonly sessionsOf: (agreementId: string) => Promise<readonly PlannedSession[]>;
  readonly directory: Directory;
  /** The pack named by POLICY_PACK. */
  readonly pack: PolicyPack;
  readonly now: () => string;
  /** Today in Europe/London. */
  readonly today: () => LocalDate;
  readonly enqueueBooking: (agreementId: string) => Promise<void>;
}

export async function loadAgreement(deps: AgreementDeps, agreementId: string): Promise<{ value: Agreement; etag: string }> {
  const found = await deps.agreements.get(deps.key(agreementId));
  if (!found) throw new AppError('not_found', 'I could not find that agreement. It may have been replaced by a newer one.');
  return found;
}

/**
 * Read, change, write with the ETag read. Two clicks racing each other: the loser re-reads and
 * re-applies the change to what the winner wrote, so the domain decides (e.g. "already signed")
 * instead of the last writer silently winning.
 */
export async function updateAgreement<R>(
  deps: AgreementDeps,
  agreementId: string,
  change: (current: Agreement) => { next: Agreement | undefined; result: R },
): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const current = await loadAgreement(deps, agreementId);
    const { next, result } = change(current.value);
    if (!next) return result;
    try {
      await deps.agreements.replace(deps.key(agreementId), next, current.etag);
      return result;
    } catch (error) {
      if (error instanceof AppError && error.code === 'precondition_failed' && attempt < 4) continue;
      throw error;
    }
  }
}
