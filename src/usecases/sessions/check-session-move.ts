import type { PlannedSession } from '../../domain/agreements/types.js';
import type { AgreementTerms } from '../../domain/agreements/types.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { checkSchedule } from '../../domain/schedule/check-schedule.js';
import type { ScheduleViolation } from '../../domain/schedule/types.js';
import { addMonths } from '../../domain/calendar/local-date.js';
import { resolvePhases } from '../../policy/resolve-phases.js';
import type { PolicyPack } from '../../policy/schema.js';

/**
 * After a session moves in Outlook: does the year still keep every frequency rule of the pack?
 * Only sessions that will take place count (postponed and cancelled ones do not). The answer is
 * what the supervisor is told, with each broken rule's citation.
 */
export function checkSessionMove(
  pack: PolicyPack,
  terms: AgreementTerms,
  sessions: readonly PlannedSession[],
  moved: PlannedSession,
  closureDays: readonly { date: string; name: string }[] = [],
): ScheduleViolation[] {
  const resolved = resolvePhases(pack, terms.roleId, {
    employmentStart: terms.employmentStart,
    agreementDate: terms.agreementDate,
    progressReviewDate: terms.progressReviewDate,
  });
  const calendar = createWorkingCalendar({ nation: pack.nation, closureDays: [...closureDays] });
  const window = { from: terms.agreementDate, until: addMonths(terms.agreementDate, 12) };
  const dates = (list: readonly PlannedSession[]) => list.filter((s) => s.status !== 'postponed' && s.status !== 'cancelled').map((s) => s.date);
  const key = (v: ScheduleViolation) => `${v.kind}|${v.rule}|${v.from}|${v.to}`;
  const before = new Set(checkSchedule(resolved.phases, dates(sessions), undefined, calendar, window).map(key));
  const after = checkSchedule(resolved.phases, dates(sessions.map((s) => (s.sessionId === moved.sessionId ? moved : s))), undefined, calendar, window);
  // What the move broke: problems that were not there before it (a year already short of sessions
  // is not the mover's doing).
  return after.filter((v) => !before.has(key(v)));
}
