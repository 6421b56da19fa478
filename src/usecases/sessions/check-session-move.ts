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
  const taking = sessions
    .map((s) => (s.sessionId === moved.sessionId ? moved : s))
    .filter((s) => s.status !== 'postponed' && s.status !== 'cancelled')
    .map((s) => s.date);
  const violations = checkSchedule(resolved.phases, taking, undefined, calendar, { from: terms.agreementDate, until: addMonths(terms.agreementDate, 12) });
  // Report only what the move caused or touches: a violation window around the moved date.
  return violations.filter((v) => v.kind === 'non-working-day' ? v.from === moved.date : true);
}
