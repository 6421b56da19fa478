import { formatInstant, parseInstant } from '../calendar/instant.js';
import { utcToLondon } from '../calendar/london-time.js';
import type { PlannedSession } from '../agreements/types.js';
import type { CalendarEventChange } from '../ports/calendar.js';

export type SessionChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'moved'; readonly session: PlannedSession }
  | { readonly kind: 'postponed'; readonly session: PlannedSession; readonly cause: 'cancelled' | 'deleted' | 'declined' };

/**
 * What an Outlook change means for a booked session: a new time is a move; a cancellation,
 * deletion or the supervisee's decline is a postponement, which Camden §7 (L142) requires to be
 * recorded with its reason and rebooked.
 */
export function sessionChangeFrom(session: PlannedSession, change: CalendarEventChange): SessionChange {
  if (session.status === 'held' || session.status === 'cancelled') return { kind: 'none' };
  if (change.kind !== 'updated') {
    if (session.status === 'postponed') return { kind: 'none' };
    return { kind: 'postponed', session: { ...session, status: 'postponed' }, cause: change.kind };
  }
  if (!change.startUtc || !change.endUtc) return { kind: 'none' };
  const startMs = parseInstant(change.startUtc);
  const endMs = parseInstant(change.endUtc);
  if (startMs === parseInstant(session.startUtc) && endMs === parseInstant(session.endUtc)) return { kind: 'none' };
  const local = utcToLondon(formatInstant(startMs));
  return {
    kind: 'moved',
    session: {
      ...session,
      status: 'moved',
      date: local.date,
      start: local.time,
      minutes: Math.round((endMs - startMs) / 60_000),
      startUtc: formatInstant(startMs),
      endUtc: formatInstant(endMs),
    },
  };
}
