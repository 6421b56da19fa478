import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { EscalationSettings } from '../../domain/escalation/index.js';
import type { EscalationRepository } from '../../repositories/escalations.js';
import type { AgendaDeps } from '../agenda/deps.js';
import type { RecordDeps } from '../records/deps.js';

/**
 * What the tab's use cases need (issue 13): the same repositories, directory and packs as the chat
 * (so the tab applies the chat's rules and the cards' authorization), the sweep's ledger for open
 * escalations, the working calendar for obligations, and a way to put the record card in front of
 * the supervisor (the meeting tab's "Start the record").
 */
export interface TabDeps {
  readonly agenda: AgendaDeps;
  readonly records: RecordDeps;
  readonly escalations: Pick<EscalationRepository, 'ledgerOf' | 'acknowledgedObligations' | 'auditBetween'>;
  readonly calendar: WorkingCalendar;
  readonly settings?: EscalationSettings | undefined;
  /** Today in Europe/London (the app's clock). */
  readonly today: () => LocalDate;
  /** Sends the session's record card to its supervisor's own chat now; what happened. */
  readonly sendRecordCard: (agreementId: string, sessionId: string) => Promise<'sent' | 'unreachable' | 'already-sent' | 'not-ended' | 'not-booked'>;
  /**
   * Sends the supervisee a review or milestone's record to sign once the supervisor recorded it in
   * the tab (issue 14 item 1), as the chat's milestone card does; absent: nobody is told.
   */
  /** Sends the supervisee a record the supervisor shared from the tab's record form, as the record card does; absent: nobody is told. */
  readonly recordShared?: ((record: SessionRecord) => Promise<'delivered' | 'unreachable'>) | undefined;
  /** Tells the supervisor the supervisee signed / disagreed in the tab, as the review card does; absent: nobody is told. */
  readonly recordSigned?: ((record: SessionRecord) => Promise<'delivered' | 'unreachable'>) | undefined;
  readonly recordDisagreed?: ((record: SessionRecord, disagreement: string) => Promise<'delivered' | 'unreachable'>) | undefined;
  readonly milestoneShared?: ((record: SessionRecord, milestone: PlannedMilestone) => Promise<'delivered' | 'unreachable'>) | undefined;
}
