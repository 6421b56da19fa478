import type { SessionAgenda } from '../../domain/agenda/schema.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import type { Directory } from '../../domain/people/person.js';
import type { VersionedStore } from '../../domain/ports/storage.js';
import type { TrackedAction } from '../../domain/records/schema.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { AgreementLink } from '../agreements/deps.js';
import { emptyAgenda } from '../../domain/agenda/agenda.js';
import { agendaKey } from '../../jobs/records/stores.js';
import { agreementKey } from '../../jobs/booking/stores.js';
import { agreementsOf } from '../agreements/show-agreement.js';

/** What the agenda use cases need (issue 5 item 1); src/app.ts builds it from the shared stores. */
export interface AgendaDeps {
  /** src/jobs/records/stores.ts agendaStore. */
  readonly agendas: VersionedStore<SessionAgenda>;
  /** src/jobs/records/stores.ts actionStore: tracked actions written when a record is final. */
  readonly actions: VersionedStore<TrackedAction>;
  /** src/jobs/booking/stores.ts agreementStore (partition "agreement"). */
  readonly agreements: VersionedStore<Agreement>;
  /** Which agreements a person is party to (partition = personId), as the agreement flow writes them. */
  readonly links: VersionedStore<AgreementLink>;
  readonly sessionsOf: (agreementId: string) => Promise<readonly PlannedSession[]>;
  readonly directory: Directory;
  readonly packFor: (policyId: string) => PolicyPack;
  /** ISO instant, seconds precision, 'Z'. */
  readonly now: () => string;
}

export async function getAgreement(deps: AgendaDeps, agreementId: string): Promise<Agreement> {
  const found = await deps.agreements.get(agreementKey(agreementId));
  if (!found) throw new AppError('not_found', 'I could not find that supervision agreement.');
  return found.value;
}

/** Booked agreements the person is party to, through their links (one partition read). */
export async function bookedAgreementsOf(deps: AgendaDeps, personId: string): Promise<Agreement[]> {
  return (await agreementsOf({ ...deps, key: agreementKey }, personId)).filter((a) => a.status === 'booked');
}

/**
 * Read, change, write with the ETag read (created on first write). A racing writer makes the
 * loser re-read and re-apply, so two people adding at once both land and nothing is lost.
 */
export async function updateAgenda<R>(
  deps: Pick<AgendaDeps, 'agendas' | 'now'>,
  agreementId: string,
  sessionId: string,
  change: (current: SessionAgenda) => { next: SessionAgenda | undefined; result: R },
): Promise<R> {
  const key = agendaKey(agreementId, sessionId);
  for (let attempt = 0; ; attempt++) {
    const found = await deps.agendas.get(key);
    const { next, result } = change(found?.value ?? emptyAgenda(agreementId, sessionId, deps.now()));
    if (!next) return result;
    try {
      if (found) await deps.agendas.replace(key, next, found.etag);
      else await deps.agendas.create(key, next);
      return result;
    } catch (error) {
      const retry = error instanceof AppError && (error.code === 'precondition_failed' || error.code === 'conflict');
      if (retry && attempt < 6) continue;
      throw error;
    }
  }
}
