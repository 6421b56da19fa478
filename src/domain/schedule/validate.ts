import { parseLocalDate } from '../calendar/local-date.js';
import { isLocalTime } from '../calendar/london-time.js';
import { AppError } from '../errors.js';
import type { SchedulePhase, ScheduleRequest } from './types.js';

/*
 * Policy packs and requests come from configuration and people; a malformed one is the caller's
 * error (errors.ts invalid_input), never a silently wrong schedule.
 */

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError('invalid_input', message, details);
}

export function validatePhases(phases: readonly SchedulePhase[]): void {
  for (const phase of phases) {
    parseLocalDate(phase.from);
    parseLocalDate(phase.to);
    if (phase.to < phase.from) throw invalid(`Phase "${phase.id}" ends before it starts.`, { phaseId: phase.id });
    for (const rule of phase.rules) {
      const n = rule.kind === 'max-gap' ? rule.days : rule.length;
      if (!Number.isInteger(n) || n < 1) {
        throw invalid(`Phase "${phase.id}" has a ${rule.kind} rule with a length that is not a whole number of at least 1.`, { phaseId: phase.id, value: n });
      }
      if (rule.citation.trim() === '') throw invalid(`Phase "${phase.id}" has a rule without a citation.`, { phaseId: phase.id });
    }
  }
}

export function validateRequest(req: ScheduleRequest): void {
  validatePhases(req.phases);
  parseLocalDate(req.from);
  parseLocalDate(req.until);
  if (req.until <= req.from) throw invalid('The schedule must end after it starts.', { from: req.from, until: req.until });
  if (req.previousSession !== undefined && parseLocalDate(req.previousSession) >= req.from) {
    throw invalid('The previous session must be before the schedule starts.', { previousSession: req.previousSession, from: req.from });
  }
  if (!Number.isInteger(req.weekday) || req.weekday < 1 || req.weekday > 7) throw invalid('The weekday must be 1 (Monday) to 7 (Sunday).', { weekday: req.weekday });
  if (!isLocalTime(req.time)) throw invalid(`"${req.time}" is not a time written HH:MM.`, { time: req.time });
  if (!Number.isInteger(req.minutes) || req.minutes < 1 || req.minutes > 24 * 60) {
    throw invalid('A session lasts a whole number of minutes, at least 1 and at most a day.', { minutes: req.minutes });
  }
}
