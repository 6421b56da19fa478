import type { EscalationRepository } from '../../repositories/escalations.js';
import { listPartition } from '../list-partition.js';

/**
 * The obligations of an agreement someone acknowledged: no further rungs for them. An
 * acknowledgement is keyed by its obligation id and does not repeat it in its value, and
 * EscalationRepository.acknowledgementsOf answers values only, so the ids come from the acks
 * table's keys. (A repository method answering the ids would replace this.)
 */
export async function acknowledgedObligations(escalations: Pick<EscalationRepository, 'tables'>, agreementId: string): Promise<Set<string>> {
  return new Set((await listPartition(escalations.tables.acks, agreementId)).map((item) => item.key.id));
}
