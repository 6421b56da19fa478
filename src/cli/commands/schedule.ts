import { parseArgs } from 'node:util';
import { addMonths, isLocalDate, isoWeekday } from '../../domain/calendar/local-date.js';
import { milestonesOfYear, placeMilestones, type MilestoneKind } from '../../domain/milestones/index.js';
import { isLocalTime } from '../../domain/calendar/london-time.js';
import type { IsoWeekday } from '../../domain/calendar/types.js';
import type { BusyInterval, ScheduledSession } from '../../domain/schedule/types.js';
import { z } from 'zod';
import { offWeekdayReasons } from '../../domain/schedule/off-weekday.js';
import { generateYearSchedule } from '../../domain/schedule/year-schedule.js';
import { resolvePhases } from '../../policy/resolve-phases.js';
import { isSpecified, type AgreedFrequency } from '../../policy/schema.js';
import { sessionLengthCheck } from '../../policy/session-length.js';
import { bad, format, optional, packFor, readJson, required, table, type CliIo, type CommandResult } from '../io.js';
import { AppError } from '../../domain/errors.js';

const weekdays: Record<string, IsoWeekday> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5 };

export const scheduleOptions = {
  policy: { type: 'string' }, role: { type: 'string' }, start: { type: 'string' }, 'agreement-date': { type: 'string' },
  weekday: { type: 'string' }, time: { type: 'string' }, duration: { type: 'string' }, format: { type: 'string' },
  'progress-review': { type: 'string' }, config: { type: 'string' }, previous: { type: 'string' }, busy: { type: 'string' },
  'agreed-frequency': { type: 'string' }, 'review-date': { type: 'string' },
} as const;

/**
 * --agreed-frequency, where the policy leaves it to the agreement (CB §10 (L111)): "weekly",
 * "fortnightly", "monthly", "every-N-weeks" (a K4 maximum gap) or "every-N-months" (K5 periods).
 */
export function parseAgreedFrequency(text: string | undefined): AgreedFrequency | undefined {
  if (text === undefined) return undefined;
  if (text === 'weekly') return { kind: 'max-gap', days: 7 };
  if (text === 'fortnightly') return { kind: 'max-gap', days: 14 };
  if (text === 'monthly') return { kind: 'per-period', unit: 'months', length: 1 };
  const weeks = /^every-(\d{1,2})-weeks$/.exec(text);
  if (weeks && Number(weeks[1]) >= 1 && Number(weeks[1]) <= 52) return { kind: 'max-gap', days: 7 * Number(weeks[1]) };
  const months = /^every-(\d{1,2})-months$/.exec(text);
  if (months && Number(months[1]) >= 1 && Number(months[1]) <= 12) return { kind: 'per-period', unit: 'months', length: Number(months[1]) };
  throw bad('--agreed-frequency must be weekly, fortnightly, monthly, every-N-weeks or every-N-months');
}

/** Both people's busy time (from free/busy): an array of {start, end} UTC instants. */
const ZBusy = z.array(z.strictObject({ start: z.string().regex(/Z$/), end: z.string().regex(/Z$/) }));

function parseBusy(json: unknown, path: string): BusyInterval[] {
  const r = ZBusy.safeParse(json);
  if (!r.success) throw bad(`busy file ${path} must be an array of {"start","end"} UTC instants ending in Z`);
  return r.data;
}

/**
 * One entry of the year: a supervision session (kind 'supervision', with its phase) or a review
 * or milestone (kind 'asye-review', 'agreement-review'…, with its subject, label and due date).
 */
export interface YearEntry {
  readonly date: string;
  readonly start: string;
  readonly minutes: number;
  readonly startUtc: string;
  readonly endUtc: string;
  readonly kind: 'supervision' | MilestoneKind;
  readonly phase?: string;
  readonly subject?: string;
  readonly label?: string;
  readonly due?: string;
  readonly rule: string;
  /** Why a session is not on the agreed weekday, in words (issue 15 item 5); absent when it is. */
  readonly offWeekday?: string;
}

export function scheduleCommand(args: readonly string[], io: CliIo): CommandResult {
  const { values } = parseArgs({ args: [...args], options: scheduleOptions, strict: true, allowPositionals: false });
  const fmt = format(values, ['json', 'table'], 'json');
  const { pack, calendar } = packFor(io, values);
  const role = required(values, 'role');
  const start = required(values, 'start');
  if (!isLocalDate(start)) throw bad(`--start "${start}" is not a date written YYYY-MM-DD`);
  const agreementDate = optional(values, 'agreement-date') ?? start;
  if (!isLocalDate(agreementDate)) throw bad(`--agreement-date "${agreementDate}" is not a date written YYYY-MM-DD`);
  const progressReviewDate = optional(values, 'progress-review');
  if (progressReviewDate !== undefined && !isLocalDate(progressReviewDate)) throw bad(`--progress-review "${progressReviewDate}" is not a date written YYYY-MM-DD`);
  const wd = optional(values, 'weekday');
  if (wd !== undefined && !(wd in weekdays)) throw bad('--weekday must be one of mon, tue, wed, thu, fri');
  const weekday: IsoWeekday = wd !== undefined ? (weekdays[wd] ?? 1) : isoWeekday(agreementDate) <= 5 ? isoWeekday(agreementDate) : 1;
  const time = optional(values, 'time') ?? '10:00';
  if (!isLocalTime(time)) throw bad(`--time "${time}" is not a time written HH:MM`);

  const agreedFrequency = parseAgreedFrequency(optional(values, 'agreed-frequency'));
  const resolved = resolvePhases(pack, role, { employmentStart: start, agreementDate, progressReviewDate, agreedFrequency });
  const planned = resolved.role.sessionLength.planned;
  const durationArg = optional(values, 'duration');
  let minutes: number;
  const warnings: string[] = [];
  if (durationArg !== undefined) {
    if (!/^\d+$/.test(durationArg) || Number(durationArg) < 1 || Number(durationArg) > 600) throw bad('--duration must be a whole number of minutes from 1 to 600');
    minutes = Number(durationArg);
    // A must minimum refuses, a should one warns (issue 14 f; rules.md §0 modality).
    const length = sessionLengthCheck(pack, resolved.role.id, minutes);
    if (length.refusal) throw bad(`--duration ${minutes} is below the minimum of ${length.minimum ?? ''} minutes (${length.rule ?? ''})`);
    if (length.warning) warnings.push(length.warning);
  } else if (isSpecified(planned)) {
    minutes = planned.value;
  } else {
    throw bad(`${pack.shortName} does not specify a session length for ${resolved.role.id}; pass --duration`);
  }

  const previousSession = optional(values, 'previous');
  if (previousSession !== undefined && (!isLocalDate(previousSession) || previousSession >= resolved.from)) {
    throw bad(`--previous "${previousSession}" must be a date written YYYY-MM-DD before the agreement date`);
  }
  const busyPath = optional(values, 'busy');
  const busy = busyPath === undefined ? [] : parseBusy(readJson(io, busyPath, 'busy'), busyPath);
  const result = generateYearSchedule({
    phases: resolved.phases, from: resolved.from, until: resolved.until, weekday, time, minutes, calendar, busy,
    ...(previousSession !== undefined ? { previousSession } : {}),
  });
  if (!result.ok) {
    const f = result.failure;
    throw new AppError('policy_violation', `no valid slot for ${f.rule} in ${f.windowFrom}..${f.windowTo}: ${f.reason}`);
  }
  const offWeekday = offWeekdayReasons({
    phases: resolved.phases, from: resolved.from, until: resolved.until, weekday, time, calendar, dates: result.sessions.map((s) => s.date), previousSession,
  });
  const sessions = result.sessions.map((s: ScheduledSession): YearEntry => ({
    date: s.date, start: s.start, minutes: s.minutes, startUtc: s.startUtc, endUtc: s.endUtc, kind: 'supervision', phase: s.phaseId, rule: s.rule,
    ...(offWeekday.has(s.date) ? { offWeekday: offWeekday.get(s.date) } : {}),
  }));
  // Issue 14 item 6: the whole year, the reviews and milestones beside the sessions, as the booking plans them.
  const reviewDate = optional(values, 'review-date') ?? addMonths(agreementDate, 12);
  if (!isLocalDate(reviewDate) || reviewDate <= agreementDate) throw bad(`--review-date "${reviewDate}" must be a date written YYYY-MM-DD after the agreement date`);
  const dues = milestonesOfYear(pack, calendar, { roleId: resolved.role.id, employmentStart: start, agreementDate, reviewDate, firstSession: result.sessions[0]?.date });
  const milestones = placeMilestones(dues, { agreementId: 'schedule', time, minutes, format: { kind: 'teams' }, calendar, sessions: result.sessions, busy }).map((m): YearEntry => ({
    date: m.date, start: m.start, minutes: m.minutes, startUtc: m.startUtc, endUtc: m.endUtc, kind: m.kind, subject: m.subject, label: m.label, due: m.due, rule: m.rule,
  }));
  const year = [...sessions, ...milestones].sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : 0));
  if (fmt === 'table') {
    return {
      stdout: table(['date', 'start', 'minutes', 'kind', 'what', 'rule', 'why this day'], year.map((e) => [e.date, e.start, String(e.minutes), e.kind, e.kind === 'supervision' ? e.phase ?? '' : e.label ?? '', e.rule, e.offWeekday ?? ''])),
      warnings,
    };
  }
  return { stdout: JSON.stringify(year, null, 2), warnings };
}
