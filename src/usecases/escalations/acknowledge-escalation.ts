import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { StepKind } from '../../domain/escalation/ladder.js';
import type { EscalationRepository } from '../../repositories/escalations.js';
import { mustBeAddressee } from './addressee.js';
import { obligationOf, type EscalationItem } from './escalation-item.js';

/** The rungs that offer Acknowledge: a manager it was escalated to. */
const ESCALATIONS: ReadonlySet<StepKind> = new Set(['line-manager', 'next-tier']);

/**
 * A manager acknowledges an escalation (the card's Acknowledge button): no further rungs for that
 * obligation (issue 6 "Exactly once"). Only a manager it reached may. The acknowledgement is
 * create-only, so a second press (theirs or a colleague's) changes nothing; the audit entry that
 * goes with it is keyed by the obligation, so it is kept once.
 */
export async function acknowledgeEscalation(
  escalations: Pick<EscalationRepository, 'ledgerOf' | 'acknowledge' | 'audit'>,
  input: EscalationItem & { readonly byId: string; readonly now: Date },
): Promise<{ acknowledged: boolean }> {
  const obligation = obligationOf(input);
  await mustBeAddressee(escalations, input.byId, input, ESCALATIONS);
  const at = input.now.toISOString();
  const day = utcToLondon(at).date;
  if (await escalations.acknowledge(input.agreementId, input.obligationId, { byId: input.byId, at }) === 'exists') return { acknowledged: false };
  await escalations.audit({
    event: 'acknowledged', agreementId: input.agreementId, obligationId: input.obligationId, obligationKind: obligation.kind,
    recipientId: input.byId, responsibleIds: [], day, citation: 'acknowledgement', basis: [], outcome: 'recorded', runId: 'acknowledge',
  }, input.now, `${input.agreementId}|${input.obligationId}|ack`);
  return { acknowledged: true };
}
