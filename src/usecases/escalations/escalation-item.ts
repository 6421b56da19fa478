import { AppError } from '../../domain/errors.js';
import { parseObligationId, type ObligationId } from '../../domain/obligations/obligation-id.js';

/** What an escalation card's item names: the agreement and the obligation (ids only, from the card). */
export interface EscalationItem {
  readonly agreementId: string;
  /** The obligation id's text form (obligation-id.ts), as the ledger and the card carry it. */
  readonly obligationId: string;
}

/** The obligation the item is about; a text that names none came from an old or altered card. */
export function obligationOf(item: EscalationItem): ObligationId {
  const id = parseObligationId(item.obligationId);
  if (!id) throw new AppError('invalid_input', 'That card is out of date or incomplete. Please use the latest message.');
  return id;
}
