import { utcToLondon } from '../../domain/calendar/london-time.js';
import { isAppError } from '../../domain/errors.js';
import { auditPartition, type SweepStores } from '../../repositories/escalations.js';

/**
 * A manager acknowledges an escalation (the card's Acknowledge button): no further rungs for that
 * obligation (issue 6 "Exactly once"). Idempotent: a second click changes nothing.
 */
export async function acknowledgeEscalation(stores: Pick<SweepStores, 'acks' | 'audit'>, input: { agreementId: string; obligationId: string; byId: string; now: Date; note?: string }): Promise<{ acknowledged: boolean }> {
  const day = utcToLondon(input.now.toISOString()).date;
  try {
    await stores.acks.create({ partition: input.agreementId, id: input.obligationId }, { byId: input.byId, at: input.now.toISOString(), ...(input.note ? { note: input.note } : {}) });
  } catch (error) {
    if (isAppError(error) && error.code === 'conflict') return { acknowledged: false };
    throw error;
  }
  await stores.audit.append(auditPartition(day), {
    event: 'acknowledged', agreementId: input.agreementId, obligationId: input.obligationId, obligationKind: input.obligationId.split(':')[0] ?? '',
    recipientId: input.byId, responsibleIds: [], day, citation: 'acknowledgement', basis: [], outcome: 'recorded', runId: 'acknowledge',
  }, { at: input.now, id: `${input.agreementId}|${input.obligationId}|ack` });
  return { acknowledged: true };
}
