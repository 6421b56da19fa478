import type { PlannedSession } from '../../../src/domain/agreements/types.js';
import { getPack } from '../../../src/policy/packs.js';
import { agreementKey, sessionKey } from '../../../src/repositories/agreements.js';
import { AUDIT_TABLE, ledgerKey, type AuditEntry, type LedgerRow } from '../../../src/repositories/escalations.js';
import { createRepositories } from '../../../src/repositories/index.js';
import type { EscalationDeps } from '../../../src/usecases/escalations/deps.js';
import { agreementOf, storedFor, type AgreementSpec } from '../../jobs/sweep/support.js';
import { MemoryStorage } from './memory-storage.js';

/** February's month of a Sefton social worker: the session was never held. */
export const OBLIGATION = 'session-frequency:monthly/2026-02-05:2026-03-04';
export const NOW = '2026-03-09T12:00:00Z';

/**
 * One agreement (tm supervises sw; January held, February booked and passed without a record)
 * and the sweep's ledger for February's month: tm nudged, sm escalated to, and a send to hos
 * that failed. Everything in memory, through the real repositories.
 */
export async function world(sessions: AgreementSpec['sessions'] = [{ date: '2026-01-13', status: 'held' }, { date: '2026-02-10', status: 'booked' }]) {
  const storage = new MemoryStorage();
  const repositories = createRepositories(storage);
  const spec: AgreementSpec = { id: 'ag-1', policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm', superviseeId: 'sw', agreementDate: '2026-01-05', sessions };
  await repositories.agreements.tables.agreements.upsert(agreementKey(spec.id), agreementOf(spec));
  for (const s of storedFor(spec).sessions) await repositories.agreements.tables.sessions.upsert(sessionKey(spec.id, s.sessionId), s);
  const sent = (step: LedgerRow['step'], recipientId: string, state: LedgerRow['state'] = 'sent'): Promise<string> =>
    repositories.escalations.tables.ledger.create(ledgerKey(spec.id, `${OBLIGATION}|${step}|${recipientId}`), { obligationId: OBLIGATION, step, recipientId, day: '2026-03-09', state, digest: `2026-03-09/${recipientId}` });
  await sent('nudge', 'tm');
  await sent('line-manager', 'sm');
  await sent('next-tier', 'hos', 'failed');
  const deps: EscalationDeps = {
    escalations: repositories.escalations,
    agreements: repositories.agreements,
    records: repositories.records,
    calendar: { busy: async () => new Map() },
    directory: { getPerson: async (id) => ({ id, displayName: id.toUpperCase() }) },
    packFor: getPack,
    now: () => NOW,
  };
  const session = (sessionId: string): Promise<PlannedSession | undefined> => repositories.agreements.session(spec.id, sessionId);
  const audit = (): AuditEntry[] => (storage.logs.get(AUDIT_TABLE)?.entries ?? []).map((e) => e.value as AuditEntry);
  return { storage, repositories, spec, deps, session, audit };
}
