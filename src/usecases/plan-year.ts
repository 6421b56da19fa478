/**
 * The agreement year's sessions for a signed agreement (issue 4 item 2): the same engine and
 * inputs as `supervision schedule` (src/cli/commands/schedule.ts), so the CLI and the booking job
 * give the same dates for the same terms, plus both people's busy time.
 */
import type { AgreementTerms, PlannedSession } from '../domain/agreements/types.js';
import { createWorkingCalendar } from '../domain/calendar/working-calendar.js';
import { AppError } from '../domain/errors.js';
import type { BusyInterval } from '../domain/schedule/types.js';
import { generateYearSchedule } from '../domain/schedule/year-schedule.js';
import { resolvePhases } from '../policy/resolve-phases.js';
import type { PolicyPack } from '../policy/schema.js';
import { sessionLengthCheck } from '../policy/session-length.js';

export interface PlanYearInput {
  /** The pack with the council's configuration already applied. */
  readonly pack: PolicyPack;
  readonly terms: AgreementTerms;
  /** Busy time of both people over the agreement year (UTC). */
  readonly busy: readonly BusyInterval[];
  readonly agreementId: string;
}

/** `${agreementId}-s01`, …: two digits at least so ids sort in date order in the sessions table. */
export function sessionIdFor(agreementId: string, index: number, count: number): string {
  const width = Math.max(2, String(count).length);
  return `${agreementId}-s${String(index + 1).padStart(width, '0')}`;
}

/**
 * Throws AppError 'policy_violation' naming the rule (its citation in details.rule) when the
 * terms break a MUST rule or no valid slot exists for a rule in both calendars; other AppErrors
 * (not_found role, precondition_failed unspecified frequency) pass through from the policy engine.
 */
export function planYear(input: PlanYearInput): PlannedSession[] {
  const { pack, terms, agreementId } = input;
  const resolved = resolvePhases(pack, terms.roleId, {
    employmentStart: terms.employmentStart,
    agreementDate: terms.agreementDate,
    progressReviewDate: terms.progressReviewDate,
    agreedFrequency: terms.agreedFrequency,
  });

  // The CLI refuses a --duration under a MUST minimum the same way (schedule.ts); a SHOULD one
  // stands (the agreement card showed both people the warning, issue 14 f).
  const length = sessionLengthCheck(pack, terms.roleId, terms.minutes);
  if (length.refusal) throw new AppError('policy_violation', length.refusal, { rule: length.rule, minimum: length.minimum });

  const result = generateYearSchedule({
    phases: resolved.phases,
    from: resolved.from,
    until: resolved.until,
    weekday: terms.weekday,
    time: terms.time,
    minutes: terms.minutes,
    calendar: createWorkingCalendar({ nation: pack.nation }),
    busy: input.busy,
  });
  if (!result.ok) {
    const f = result.failure;
    throw new AppError('policy_violation', `no valid slot for ${f.rule} in ${f.windowFrom}..${f.windowTo}: ${f.reason}`, {
      rule: f.rule,
      phaseId: f.phaseId,
      windowFrom: f.windowFrom,
      windowTo: f.windowTo,
    });
  }

  const count = result.sessions.length;
  return result.sessions.map(
    (s, i): PlannedSession => ({
      sessionId: sessionIdFor(agreementId, i, count),
      agreementId,
      date: s.date,
      start: s.start,
      minutes: s.minutes,
      startUtc: s.startUtc,
      endUtc: s.endUtc,
      rule: s.rule,
      status: 'planned',
    }),
  );
}
