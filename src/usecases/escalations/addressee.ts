import { AppError } from '../../domain/errors.js';
import type { StepKind } from '../../domain/escalation/ladder.js';
import type { EscalationRepository } from '../../repositories/escalations.js';
import type { EscalationItem } from './escalation-item.js';

/**
 * Only the person the message went to may act on it: their row in the sweep's ledger for this
 * obligation is the proof (card data is never trusted for who someone is). `steps` narrows it to
 * the rungs that offer the action (acknowledge: the escalation rungs). A send that failed reached
 * nobody, so it proves nothing.
 */
export async function mustBeAddressee(escalations: Pick<EscalationRepository, 'ledgerOf'>, personId: string, item: EscalationItem, steps?: ReadonlySet<StepKind>): Promise<void> {
  const rows = await escalations.ledgerOf(item.agreementId);
  const mine = rows.some((r) => r.obligationId === item.obligationId && r.recipientId === personId && r.state !== 'failed' && (!steps || steps.has(r.step)));
  if (!mine) throw new AppError('forbidden', 'This reminder was sent to someone else, so only they can act on it.');
}
