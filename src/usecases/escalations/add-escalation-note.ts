import { createHash } from 'node:crypto';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import { AppError } from '../../domain/errors.js';
import type { EscalationRepository } from '../../repositories/escalations.js';
import { mustBeAddressee } from './addressee.js';
import { obligationOf, type EscalationItem } from './escalation-item.js';

/** The audit log keeps a note of at most this many characters (ZAuditEntry). */
export const NOTE_MAX_CHARACTERS = 2000;

/**
 * The addressee adds a note to an escalation (issue 6 item 4): kept in the append-only audit log
 * ("Evidence for inspectors"), in their own words. Anyone the message went to may, the person
 * nudged as well as a manager. The same note twice is kept once (its id carries the note's hash).
 */
export async function addEscalationNote(
  escalations: Pick<EscalationRepository, 'ledgerOf' | 'audit'>,
  input: EscalationItem & { readonly byId: string; readonly note: string; readonly now: string },
): Promise<{ saved: boolean }> {
  const obligation = obligationOf(input);
  const note = input.note.trim();
  if (!note) throw new AppError('invalid_input', 'Write the note first.');
  if (note.length > NOTE_MAX_CHARACTERS) throw new AppError('invalid_input', 'A note is at most 2,000 characters.');
  await mustBeAddressee(escalations, input.byId, input);
  const day = utcToLondon(input.now).date;
  const digest = createHash('sha256').update(note).digest('hex').slice(0, 16);
  const r = await escalations.audit({
    event: 'note', agreementId: input.agreementId, obligationId: input.obligationId, obligationKind: obligation.kind,
    recipientId: input.byId, responsibleIds: [], day, citation: 'note by the addressee', basis: [], outcome: 'recorded', runId: 'note', note,
  }, new Date(input.now), `${input.agreementId}|${input.obligationId}|note|${input.byId}|${digest}`);
  return { saved: r === 'appended' };
}
