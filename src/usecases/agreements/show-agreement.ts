import { needsActionFrom } from '../../domain/agreements/state-machine.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import type { AgreementDeps } from './deps.js';

export interface AgreementView {
  readonly agreement: Agreement;
  readonly sessions: readonly PlannedSession[];
}

/** Every agreement the person is party to, newest first (one partition read plus one get each). */
export async function agreementsOf(deps: Pick<AgreementDeps, 'agreements'>, personId: string): Promise<Agreement[]> {
  return deps.agreements.agreementsOf(personId);
}

/**
 * `my agreement`: agreements waiting for this person first, then the rest; signed ones come with
 * their year of sessions (Sefton App 1 "Dates of Supervision Meetings (next 12 months)").
 */
export async function showAgreements(deps: AgreementDeps, personId: string): Promise<AgreementView[]> {
  const agreements = await agreementsOf(deps, personId);
  const ordered = [...agreements.filter((a) => needsActionFrom(a, personId)), ...agreements.filter((a) => !needsActionFrom(a, personId))];
  return Promise.all(ordered.map(async (agreement) => ({ agreement, sessions: await sessionsFor(deps, agreement) })));
}

export async function sessionsFor(deps: AgreementDeps, agreement: Agreement): Promise<readonly PlannedSession[]> {
  if (agreement.status !== 'signed' && agreement.status !== 'booked') return [];
  const sessions = await deps.agreements.sessions(agreement.id);
  return [...sessions].sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : 0));
}

export async function pendingFor(deps: AgreementDeps, personId: string): Promise<Agreement[]> {
  return (await agreementsOf(deps, personId)).filter((a) => needsActionFrom(a, personId));
}
