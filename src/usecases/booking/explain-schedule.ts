import type { AgreementTerms, PlannedSession } from '../../domain/agreements/types.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { offWeekdayReasons } from '../../domain/schedule/off-weekday.js';
import { resolvePhases } from '../../policy/resolve-phases.js';
import type { PolicyPack } from '../../policy/schema.js';

/**
 * Why each booked session that is not on the agreed weekday sits where it does (issue 15 item 5),
 * by session id, for the confirmation card: the same phases and calendar planYear booked with.
 * Empty when the terms no longer resolve (a pack changed since): the card then just lists the dates.
 */
export function explainOffWeekdays(pack: PolicyPack, terms: AgreementTerms, sessions: readonly PlannedSession[]): Map<string, string> {
  let resolved;
  try {
    resolved = resolvePhases(pack, terms.roleId, {
      employmentStart: terms.employmentStart,
      agreementDate: terms.agreementDate,
      progressReviewDate: terms.progressReviewDate,
      agreedFrequency: terms.agreedFrequency,
    });
  } catch {
    return new Map();
  }
  const byDate = offWeekdayReasons({
    phases: resolved.phases, from: resolved.from, until: resolved.until, weekday: terms.weekday, time: terms.time,
    calendar: createWorkingCalendar({ nation: pack.nation }),
    dates: sessions.filter((s) => s.status !== 'cancelled').map((s) => s.date),
  });
  const out = new Map<string, string>();
  for (const s of sessions) {
    const why = byDate.get(s.date);
    if (why) out.set(s.sessionId, why);
  }
  return out;
}
