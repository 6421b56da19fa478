import type { SessionAgenda } from '../../domain/agenda/schema.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import type { Directory } from '../../domain/people/person.js';
import type { PolicyPack } from '../../policy/schema.js';
import { emptyAgenda } from '../../domain/agenda/agenda.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { RecordRepository } from '../../repositories/records.js';

/** What the agenda use cases need (issue 5 item 1); src/app.ts builds it from the repositories. */
export interface AgendaDeps {
  /** Agreements, their sessions and party links. */
  readonly agreements: AgreementRepository;
  /** Agendas and the tracked actions written when a record is final. */
  readonly records: RecordRepository;
  readonly directory: Directory;
  readonly packFor: (policyId: string) => PolicyPack;
  /** ISO instant, seconds precision, 'Z'. */
  readonly now: () => string;
}

export async function getAgreement(deps: Pick<AgendaDeps, 'agreements'>, agreementId: string): Promise<Agreement> {
  const found = await deps.agreements.get(agreementId);
  if (!found) throw new AppError('not_found', 'I could not find that supervision agreement.');
  return found;
}

/** Booked agreements the person is party to, through their links (one partition read). */
export async function bookedAgreementsOf(deps: Pick<AgendaDeps, 'agreements'>, personId: string): Promise<Agreement[]> {
  return (await deps.agreements.agreementsOf(personId)).filter((a) => a.status === 'booked');
}

/**
 * Read, change, write with the ETag read (created on first write), through the repository's one
 * retry loop. A racing writer makes the loser re-read and re-apply, so two people adding at once
 * both land and nothing is lost.
 */
export async function updateAgenda<R>(
  deps: Pick<AgendaDeps, 'records' | 'now'>,
  agreementId: string,
  sessionId: string,
  change: (current: SessionAgenda) => { next: SessionAgenda | undefined; result: R },
): Promise<R> {
  return deps.records.applyAgenda(agreementId, sessionId, (found) => change(found ?? emptyAgenda(agreementId, sessionId, deps.now())));
}
