import type { IsoWeekday, LocalDate, WorkingCalendar } from '../calendar/types.js';

/**
 * A frequency rule as the conventions define it.
 * - 'max-gap' (K4 "at least every N weeks"): next session <= previous + days.
 * - 'per-period' (K5 "weekly / fortnightly / monthly", K8 "bi-monthly"): every period holds at
 *   least one session; day periods are blocks anchored at the phase start, month periods are
 *   [A + k months, A + k+1 months); periods are cut at the phase end.
 */
export type FrequencyRule =
  | { readonly kind: 'max-gap'; readonly days: number; readonly citation: string; readonly modality?: RuleModality }
  | { readonly kind: 'per-period'; readonly unit: 'days' | 'months'; readonly length: number; readonly citation: string; readonly modality?: RuleModality };

/**
 * K13 severity of a rule when it differs from its phase's (a floor every role must keep, Sefton
 * ¶3.2, inside a phase that is only a should). The schedule keeps every rule alike; the
 * obligations judge a late session by it.
 */
export type RuleModality = 'must' | 'should' | 'may';

/** A stretch of time with its own frequency rules, resolved to concrete dates [from, to). */
export interface SchedulePhase {
  readonly id: string;
  readonly label: string;
  readonly from: LocalDate;
  /** Exclusive. */
  readonly to: LocalDate;
  readonly rules: readonly FrequencyRule[];
}

/** A busy interval from free/busy, as UTC instants (ISO 8601 with Z). */
export interface BusyInterval {
  readonly start: string;
  readonly end: string;
}

export interface ScheduleRequest {
  readonly phases: readonly SchedulePhase[];
  /** First day a session may be booked (normally the agreement date). */
  readonly from: LocalDate;
  /** Exclusive end of the schedule (normally from + 12 months, K3). */
  readonly until: LocalDate;
  /** Last session already held before `from`, if any; gap rules count from it. */
  readonly previousSession?: LocalDate;
  readonly weekday: IsoWeekday;
  /** Local wall-clock time in Europe/London, 'HH:MM'. */
  readonly time: string;
  readonly minutes: number;
  readonly calendar: WorkingCalendar;
  /** Busy time of both people; a session may not overlap any of it. */
  readonly busy: readonly BusyInterval[];
}

export interface ScheduledSession {
  readonly date: LocalDate;
  /** Local 'HH:MM' in Europe/London. */
  readonly start: string;
  readonly minutes: number;
  /** UTC instants of start and end (ISO 8601, Z). */
  readonly startUtc: string;
  readonly endUtc: string;
  readonly phaseId: string;
  /** The citation of the rule that placed this session (file and section). */
  readonly rule: string;
}

export interface ScheduleFailure {
  /** Citation of the rule that cannot be met. */
  readonly rule: string;
  readonly phaseId: string;
  /** The window in which no valid slot exists. */
  readonly windowFrom: LocalDate;
  /** Inclusive: the last day a session could have satisfied the rule. */
  readonly windowTo: LocalDate;
  readonly reason: string;
}

export type ScheduleResult =
  | {
      readonly ok: true;
      readonly sessions: readonly ScheduledSession[];
      /**
       * Breaches that already existed when the schedule starts (the previous session is so old
       * that a gap rule was overdue before `from`); the first session is then booked as early as
       * possible. Absent when there are none.
       */
      readonly warnings?: readonly ScheduleViolation[];
    }
  | { readonly ok: false; readonly failure: ScheduleFailure };

/** The stretch of dates a schedule or a check covers: [from, until). */
export interface ScheduleWindow {
  readonly from: LocalDate;
  /** Exclusive. */
  readonly until: LocalDate;
}

/**
 * One way a set of session dates breaks a rule (checkSchedule). `from`..`to` (both inclusive)
 * is the stretch in which a session was needed and none was held.
 * - 'max-gap': K4, the next session came too late (or none is booked).
 * - 'per-period': K5/K8, a period with a working day holds no session.
 * - 'non-working-day': a session on a weekend, bank holiday or closure day (conventions.md "Calendar").
 */
export interface ScheduleViolation {
  readonly kind: 'max-gap' | 'per-period' | 'non-working-day';
  readonly rule: string;
  readonly phaseId: string;
  readonly from: LocalDate;
  /** Inclusive. */
  readonly to: LocalDate;
  readonly reason: string;
}
