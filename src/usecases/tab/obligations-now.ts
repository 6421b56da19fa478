import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import { computeObligations, type Obligation } from '../../domain/obligations/index.js';
import { historyOf } from '../../domain/obligations/history-of.js';
import type { SessionRecord, TrackedAction } from '../../domain/records/schema.js';
import type { TabDeps } from './deps.js';

/** One agreement's stored facts and its obligations today, as the sweep judges them. */
export interface AgreementState {
  readonly agreement: Agreement;
  readonly sessions: readonly PlannedSession[];
  readonly records: readonly SessionRecord[];
  readonly actions: readonly TrackedAction[];
  readonly obligations: readonly Obligation[];
  /** Obligations escalated to a line manager or the next tier, still late, not acknowledged. */
  readonly openEscalations: number;
}

const LATE = new Set(['overdue', 'breached']);

export function overdue(obligations: readonly Obligation[]): Obligation[] {
  return obligations.filter((o) => LATE.has(o.status));
}

export async function agreementState(deps: TabDeps, agreement: Agreement, today: LocalDate): Promise<AgreementState> {
  const [{ sessions, records, actions }, ledger, acknowledged] = await Promise.all([
    deps.agenda.agreements.year(agreement.id),
    deps.escalations.ledgerOf(agreement.id),
    deps.escalations.acknowledgedObligations(agreement.id),
  ]);
  const at = today < agreement.terms.agreementDate ? agreement.terms.agreementDate : today;
  const obligations = computeObligations(deps.agenda.packFor(agreement.terms.policyId), historyOf(agreement, sessions, records, actions), at, { calendar: deps.calendar });
  const late = new Set(overdue(obligations).map((o) => o.id));
  const closed = new Set(ledger.filter((r) => r.step === 'closed').map((r) => r.obligationId));
  const escalated = new Set(ledger.filter((r) => (r.step === 'line-manager' || r.step === 'next-tier') && r.state !== 'failed').map((r) => r.obligationId));
  const openEscalations = [...escalated].filter((id) => late.has(id) && !closed.has(id) && !acknowledged.has(id)).length;
  return { agreement, sessions, records, actions, obligations, openEscalations };
}
