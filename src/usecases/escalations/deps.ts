import type { Person } from '../../domain/people/person.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { EscalationRepository } from '../../repositories/escalations.js';
import type { RecordRepository } from '../../repositories/records.js';

/**
 * What the escalation card's actions need (acknowledge, add a note, rebook now). The composition
 * root provides it; the conversation layer gets it as ConversationContext.escalations.
 */
export interface EscalationDeps {
  /** The sweep's ledger (who each rung went to), acknowledgements and audit evidence. */
  readonly escalations: Pick<EscalationRepository, 'ledgerOf' | 'acknowledge' | 'audit'>;
  readonly agreements: Pick<AgreementRepository, 'get' | 'sessions' | 'applySession'>;
  /**
   * Session records, so "rebook now" can tell a booked session that simply did not happen (no
   * record) from one that did. Without them nothing is marked: a session that did take place must
   * never be recorded as postponed.
   */
  readonly records?: Pick<RecordRepository, 'get'> | undefined;
  /** Free/busy of both people for "rebook now" (Graph getSchedule in production). */
  readonly calendar: Pick<CalendarGateway, 'busy'>;
  readonly directory: { getPerson(id: string): Promise<Person | undefined> };
  readonly packFor: (policyId: string) => PolicyPack;
  /** ISO instant. */
  readonly now: () => string;
}
