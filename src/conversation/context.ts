import type { Directory } from '../domain/people/person.js';
import type { AgreementDeps } from '../usecases/agreements/deps.js';
import type { RefusalAuditDeps } from '../usecases/audit/audit-refusal.js';
import type { EndAgreementDeps } from '../usecases/agreements/end-agreement.js';
import type { EscalationDeps } from '../usecases/escalations/deps.js';
import type { AttentionDeps } from '../usecases/overview/attention.js';
import type { TeamComplianceDeps } from '../usecases/overview/team-compliance.js';
import type { RecordDeps } from '../usecases/records/deps.js';
import type { RecordPostponementDeps } from '../usecases/sessions/record-postponement.js';
import type { ThreeWayDeps } from '../usecases/sessions/three-way-meeting.js';
import type { AgendaConversationDeps } from './agenda/deps.js';
import type { Notifier } from './notifier.js';

/** What the session cards need: postponement and rebooking, ending an agreement, notices. */
export interface SessionConversationDeps extends RecordPostponementDeps {
  readonly notifier?: Notifier | undefined;
  /** Outbox of notices for people (src/repositories/notices.ts). */
  readonly notices: EndAgreementDeps['notices'];
}

/** What conversation handlers may use; the composition root provides it. */
export interface ConversationContext {
  readonly directory: Directory;
  readonly councilName: string;
  /** The agreement flow (issue 4); absent where a deployment or test does not wire storage. */
  readonly agreements?: AgreementDeps | undefined;
  /** Proactive 1:1 messages; absent when there is no channel to send through. */
  readonly notifier?: Notifier | undefined;
  /** Offer Teams' people picker on forms (tenant mode); the Playground's is a mock (sandbox mode). */
  readonly peoplePicker?: boolean | undefined;
  /** Sessions after booking (postponement and rebooking, issue 4 item 5); absent where not wired. */
  readonly sessions?: SessionConversationDeps | undefined;
  /** "I'm not getting supervision" records (issue 6 item 3); absent where not wired. */
  readonly concerns?: ThreeWayDeps['concerns'] | undefined;
  /** The three-way meeting's length, hours and look-ahead (issue 14 item 5); default: an hour, 09:00–17:00, two weeks. */
  readonly threeWay?: ThreeWayDeps['settings'];
  /** Session records and sign-off (issue 5 items 2–3, 6); absent where not wired. */
  readonly records?: RecordDeps | undefined;
  /** Agenda preparation (issue 5 item 1); absent where not wired. */
  readonly agenda?: AgendaConversationDeps | undefined;
  /** Escalation card buttons: acknowledge, add a note, rebook now (issue 6 item 4); absent where not wired. */
  readonly escalations?: EscalationDeps | undefined;
  /** The append-only log every refusal is written to (issue 16 L7); absent where not wired. */
  readonly audit?: RefusalAuditDeps | undefined;
  /** "Team compliance" in chat: the compliance report's stores (issue 15 item 4); absent where not wired. */
  readonly compliance?: TeamComplianceDeps | undefined;
  /** "What needs my attention": the sweep's digests and the obligations now; absent where not wired. */
  readonly attention?: AttentionDeps | undefined;
  /** A deep link to the "My supervision" personal tab, when the deployment has one. */
  readonly tabLink?: string | undefined;
  /** Fresh ids for new cards (a card's id makes its submit idempotent). */
  readonly newId?: (() => string) | undefined;
}
