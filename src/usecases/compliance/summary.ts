import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import { effectiveDue, type EscalationSettings } from '../../domain/escalation/index.js';
import type { Obligation } from '../../domain/obligations/types.js';

/** One person's (or team's) compliance over a period: the CSV columns. */
export interface Counts {
  /** Sessions the policy required in the period (frequency obligations due in it). */
  sessionsDue: number;
  /** Held on time. */
  sessionsHeld: number;
  /** Held, but after the date the policy required. */
  sessionsLate: number;
  /** Not held at all by the end of the period, although due in it. */
  sessionsLapsed: number;
  /** Records shared or signed late, or not at all, when due in the period. */
  recordsLate: number;
  /** Escalations (line manager and next tier) sent in the period, from the audit log. */
  escalations: number;
}

export const zeroCounts = (): Counts => ({ sessionsDue: 0, sessionsHeld: 0, sessionsLate: 0, sessionsLapsed: 0, recordsLate: 0, escalations: 0 });

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    sessionsDue: a.sessionsDue + b.sessionsDue, sessionsHeld: a.sessionsHeld + b.sessionsHeld, sessionsLate: a.sessionsLate + b.sessionsLate,
    sessionsLapsed: a.sessionsLapsed + b.sessionsLapsed, recordsLate: a.recordsLate + b.recordsLate, escalations: a.escalations + b.escalations,
  };
}

/**
 * Counts from the obligations engine's list at the end of the period (`to`). Only obligations
 * due inside [from, to] count, so a period is judged on what it asked for. A record the policy
 * gives no day limit (a signature) counts as late only when the council set a chase date (K13).
 * Nothing is lapsed or late before its due date has passed `asOf` (today, for a period that
 * reaches past it): a session due next month is due, not lapsed.
 */
export function summarise(obligations: readonly Obligation[], from: LocalDate, to: LocalDate, cal: WorkingCalendar, settings?: EscalationSettings, asOf: LocalDate = to): Counts {
  const c = zeroCounts();
  for (const o of obligations) {
    if (o.status === 'not-specified') continue;
    const due = o.due ?? (settings ? effectiveDue(o, cal, settings)?.due : undefined);
    if (due === undefined || due < from || due > to) continue;
    if (o.kind === 'session-frequency') {
      // The floor for every role (Sefton ¶3.2) asks for no session of its own: it counts once broken.
      if (o.floor && o.metOn !== undefined && o.metOn <= due) continue;
      c.sessionsDue += 1;
      if (o.metOn === undefined) c.sessionsLapsed += due < asOf ? 1 : 0;
      else if (o.metOn <= due) c.sessionsHeld += 1;
      else c.sessionsLate += 1;
    } else if (o.kind === 'record-shared' || o.kind === 'record-signed') {
      const late = o.metOn === undefined ? due < asOf : o.metOn > due;
      if (late) c.recordsLate += 1;
    }
  }
  return c;
}
