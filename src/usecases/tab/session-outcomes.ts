import type { PlannedSession } from '../../domain/agreements/types.js';
import { recordShowsHeld } from '../../domain/obligations/history-of.js';
import type { SessionRecord } from '../../domain/records/schema.js';

/**
 * What became of each session of an agreement's year, as the tab shows it (issue 13 items 1–2: the
 * year at a glance and the team's year view). The same reading of the stores as the obligations
 * engine's history (historyOf): a record that shows the session took place means held, a record
 * marked not held means missed, a past booked session with no record awaits its record.
 */
export type SessionOutcome = 'held' | 'missed' | 'postponed' | 'cancelled' | 'record-due' | 'upcoming' | 'planned';

export function sessionOutcome(session: PlannedSession, record: SessionRecord | undefined, nowIso: string): SessionOutcome {
  if (record?.status === 'not-held') return record.notHeld?.outcome === 'postponed' ? 'postponed' : 'missed';
  if (session.status === 'held' || (record && recordShowsHeld(record) && session.endUtc <= nowIso)) return 'held';
  if (session.status === 'postponed') return 'postponed';
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'planned') return 'planned';
  return session.endUtc > nowIso ? 'upcoming' : 'record-due';
}

export interface YearGlance {
  readonly held: number;
  /** Sessions with a meeting in both calendars (held, to come, or awaiting their record). */
  readonly booked: number;
  readonly postponed: number;
  readonly missed: number;
  readonly upcoming: number;
  /** Held, but the record is not written yet. */
  readonly recordDue: number;
}

export function yearGlance(sessions: readonly PlannedSession[], records: readonly SessionRecord[], nowIso: string): YearGlance {
  const bySession = new Map(records.map((r) => [r.sessionId, r]));
  const count = { held: 0, booked: 0, postponed: 0, missed: 0, upcoming: 0, recordDue: 0 };
  for (const s of sessions) {
    const outcome = sessionOutcome(s, bySession.get(s.sessionId), nowIso);
    // A postponed session also counts once for each earlier date it moved from.
    count.postponed += (s.postponements ?? []).filter((p) => p.fromDate !== p.toDate).length;
    if (outcome === 'held') count.held += 1;
    else if (outcome === 'missed') count.missed += 1;
    else if (outcome === 'postponed') count.postponed += 1;
    else if (outcome === 'upcoming') count.upcoming += 1;
    else if (outcome === 'record-due') count.recordDue += 1;
    if (outcome === 'held' || outcome === 'upcoming' || outcome === 'record-due') count.booked += 1;
  }
  return count;
}
