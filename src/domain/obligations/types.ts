import type { LocalDate } from '../calendar/types.js';
import type { Modality, Party } from '../../policy/schema.js';

export type ObligationStatus = 'met' | 'due' | 'overdue' | 'breached' | 'not-specified';

/** K13: what missing the obligation means. */
export type Severity = 'breach' | 'warning' | 'info' | 'none';

/** Every kind of obligation, in the order the engine computes them. */
export const OBLIGATION_KINDS = [
  'session-frequency',
  'record-shared',
  'record-signed',
  'postponement-rebooked',
  'postponement-reason',
  'postponement-recorded',
  'agreement-signed',
  'agreement-review',
  'asye-learning-agreement',
  'asye-review',
  'pdr',
  'pdr-review',
  'direct-observation',
  'case-discussion',
  'case-record-monthly',
  'supervisor-long-absence',
  'reduced-frequency-review',
  'action-overdue',
] as const;

export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export interface Obligation {
  /**
   * Stable across runs for the same facts: kind, subject and due date, in the text form that
   * obligation-id.ts formats and parses. Reminders, acknowledgements and audit entries key on it.
   */
  readonly id: string;
  readonly kind: ObligationKind;
  /** What the obligation is about: a session date, a period, a case id, a milestone... */
  readonly subject: string;
  /**
   * met: done on time. due: not done and not yet late (or no date applies). overdue: late, and
   * the rule is should/may (a warning). breached: late, and the rule is must. not-specified: the
   * policy gives no value, so nothing can be checked.
   */
  readonly status: ObligationStatus;
  readonly due: LocalDate | null;
  /** K2/K4/K9: the latest working day on or before `due`, when it differs. */
  readonly latestPracticable?: LocalDate;
  /** When it was done (also when done late). */
  readonly metOn?: LocalDate;
  readonly responsible: Party;
  /** A named person when the obligation is one person's, not a party's (an action's owner). */
  readonly responsiblePersonId?: string;
  /** The same, in the role's terms (filled by computeObligations). */
  readonly responsibleLabel?: string;
  readonly modality?: Modality;
  readonly severity: Severity;
  /** Citation of the policy words (or of the local configuration). */
  readonly rule: string;
  readonly localConfiguration?: true;
  /**
   * The pack's floor for every role (Sefton ¶3.2 (L77)) rather than the role's own frequency: it
   * guards against long gaps, so a report counts it only when it was not kept.
   */
  readonly floor?: true;
  readonly detail: string;
}
