import { needsActionFrom } from '../../domain/agreements/state-machine.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import type { AgreementDeps } from './deps.js';

export interface AgreementView {
  readonly agreement: Agreement;
  readonly sessions: readonly PlannedSession[];
}

/** Every agreement the person is party to, newest first (one partition read plus one get each). */
export async function agreementsOf(deps: Pick<AgreementDeps, 'links' | 'agreements' | 'key'>, personId: string): Promise<Agreement[]> {
  const out: Agreement[] = [];
  let continuation: string | undefined;
  do {
    const page = await deps.links.list(personId, continuation === undefined ? {} : { continuation });
    const found = await Promise.all(page.items.map((link) => deps.agreements.get(deps.key(link.value.agreementId))));
    // The link is a hint; only an agreement naming this person as a party is shown.
    for (const item of found) if (item && (item.value.terms.supervisorId === personId || item.value.terms.superviseeId === personId)) out.push(item.value);
    continuation = page.continuation;
  } while (continuation !== undefined);
  return out.filter((a) => a.status !== 'ended').sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
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
  const sessions = await deps.sessionsOf(agreement.id);
  return [...sessions].sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : 0));
}

export async function pendingFor(deps: AgreementDeps, personId: string): Promise<Agreement[]> {
  return (await agreementsOf(deps, personId)).filter((a) => needsActionFrom(a, personId));
}
