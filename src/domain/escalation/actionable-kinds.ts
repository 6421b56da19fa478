/**
 * Which obligations an escalation item can act on, so the card's buttons (digest.ts) and the
 * handlers behind them (src/usecases/escalations) agree on what "rebook now" and "open the record"
 * apply to.
 */
import type { ObligationKind } from '../obligations/types.js';

const SESSION_TO_BOOK: ReadonlySet<ObligationKind> = new Set(['session-frequency', 'postponement-rebooked']);
const ABOUT_A_RECORD: ReadonlySet<ObligationKind> = new Set(['record-shared', 'record-signed']);

/** A session that has to take place: the supervisor can rebook it from the card. */
export function isSessionToBook(kind: ObligationKind): boolean {
  return SESSION_TO_BOOK.has(kind);
}

/** A session's record (shared, signed): the card opens the record. */
export function isAboutARecord(kind: ObligationKind): boolean {
  return ABOUT_A_RECORD.has(kind);
}
