import { addDays, diffDays, isoWeekday, maxDate, minDate } from '../calendar/local-date.js';
import type { IsoWeekday, LocalDate } from '../calendar/types.js';
import { AppError } from '../errors.js';
import { checkSchedule } from './check-schedule.js';
import { humanDate } from './describe.js';
import { gapDeadline, gapRules, requiredPeriods, type GapRule, type RequiredPeriod } from './requirements.js';
import { overlapsBusy, parseBusy, slotIso, slotOn } from './slot.js';
import type { ScheduledSession, ScheduleFailure, ScheduleRequest, ScheduleResult, ScheduleWindow } from './types.js';
import { validateRequest } from './validate.js';

/*
 * conventions.md K6 schedule generation (rules.md BU-F2 "scheduled in advance for the whole year",
 * SE-D6 12-month schedule). The generator walks forward from the previous session. At each step
 * the next session has a hard bound: the earliest of the gap deadline (K4, requirements.ts) and
 * the last day of the earliest period still without a session (K5/K8). The session goes on the
 * agreed weekday that is latest on or before that bound, which gives one session per period (or
 * per maximum gap) on the agreed weekday. When that day is not a working day or the slot clashes
 * with either person's busy time, the nearest valid day takes its place, preferring days in the
 * same period, then the nearer day, then the earlier day; it never goes past the bound, so every
 * rule still holds.
 *
 * Preferring the agreed weekday can, in a calendar crowded with busy time, paint the walk into a
 * corner that booking every session as late as possible would have avoided. So when the preferred
 * walk fails, the walk is repeated booking the latest valid day each time. That walk fails only
 * when no schedule exists: its k-th session is never earlier than the k-th session of any valid
 * schedule, and every bound only moves later as the previous session does. Its failure is the one
 * reported.
 *
 * The first session of a new relationship (no previous session) comes early (issue 15 item 5: a
 * new supervisee should not wait four weeks for their first supervision): within the first two
 * weeks of the start, inside the first period or gap the rules set (K5/K4), on the first agreed
 * weekday there that is free in both calendars, else the free working day nearest an agreed
 * weekday there (the earlier on a tie). Only when the calendars fill those two weeks does it go
 * later: on the earliest free agreed weekday before the rule's bound, else the earliest free day.
 * Every later session follows the rules as above, counting from it. Booking the first session
 * early moves the gap deadlines earlier, so should that walk fail, the latest-valid walk is tried
 * with the early first session and then, as before, without it.
 */

/** "The first two weeks" as conventions.md K5 counts a fortnight: the 14-day block [from, from + 14). */
export const FIRST_SESSION_DAYS = 14;

type Strategy = 'agreed-weekday' | 'latest-valid';

type Binding =
  | { readonly kind: 'gap'; readonly bound: LocalDate; readonly rule: GapRule; readonly overdue: boolean }
  | { readonly kind: 'period'; readonly bound: LocalDate; readonly period: RequiredPeriod };

interface Walk {
  readonly req: ScheduleRequest;
  /** Place the first session early (a new relationship); see above. */
  readonly earlyFirst: boolean;
  readonly horizon: ScheduleWindow;
  readonly gaps: readonly GapRule[];
  readonly required: readonly RequiredPeriod[];
  readonly isValid: (d: LocalDate) => boolean;
}

interface Placed {
  readonly date: LocalDate;
  readonly binding: Binding;
}

type WalkResult = { readonly ok: true; readonly placed: readonly Placed[] } | { readonly ok: false; readonly failure: ScheduleFailure };

function latestWeekdayOnOrBefore(d: LocalDate, weekday: IsoWeekday): LocalDate {
  return addDays(d, -((isoWeekday(d) - weekday + 7) % 7));
}

function daysIn(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

function distance(a: LocalDate, b: LocalDate): number {
  return Math.abs(diffDays(a, b));
}

/** Indices of the K5 periods (of any rule) holding d, so "same period" can be compared. */
function periodKey(required: readonly RequiredPeriod[], d: LocalDate): string {
  return required
    .map((p, i) => (d >= p.periodFrom && d < p.periodTo ? i : -1))
    .filter((i) => i >= 0)
    .join(',');
}

function choose(walk: Walk, strategy: Strategy, from: LocalDate, bound: LocalDate): LocalDate | undefined {
  const valid = daysIn(from, bound).filter(walk.isValid);
  if (valid.length === 0) return undefined;
  if (strategy === 'latest-valid') return valid[valid.length - 1];
  const target = latestWeekdayOnOrBefore(bound, walk.req.weekday);
  // With no agreed weekday in range, the nearest one on either side is the reference.
  const refs = target >= from ? [target] : [target, addDays(target, 7)];
  const targetKey = periodKey(walk.required, target);
  const rank = (d: LocalDate): [number, number] => [
    periodKey(walk.required, d) === targetKey ? 0 : 1,
    Math.min(...refs.map((r) => distance(d, r))),
  ];
  return [...valid].sort((a, b) => {
    const [sa, da] = rank(a);
    const [sb, db] = rank(b);
    return sa - sb || da - db || (a < b ? -1 : 1);
  })[0];
}

/** The first session of a new relationship: as early as the rules and both calendars allow (see above). */
function chooseFirst(walk: Walk, from: LocalDate, bound: LocalDate): LocalDate | undefined {
  const valid = daysIn(from, bound).filter(walk.isValid);
  if (valid.length === 0) return undefined;
  const windowEnd = addDays(walk.req.from, FIRST_SESSION_DAYS - 1);
  const agreed = daysIn(from, minDate(bound, windowEnd)).filter((d) => isoWeekday(d) === walk.req.weekday);
  const rank = (d: LocalDate): [number, number, number] => {
    const inWindow = d <= windowEnd;
    return [
      inWindow ? 0 : 1,
      isoWeekday(d) === walk.req.weekday ? 0 : 1,
      inWindow && agreed.length > 0 ? Math.min(...agreed.map((r) => distance(d, r))) : 0,
    ];
  };
  return [...valid].sort((a, b) => {
    const [wa, ka, da] = rank(a);
    const [wb, kb, db] = rank(b);
    return wa - wb || ka - kb || da - db || (a < b ? -1 : 1);
  })[0];
}

function slotWords(req: ScheduleRequest): string {
  return `free at ${req.time} for ${req.minutes} minutes in both calendars`;
}

function failureFor(walk: Walk, binding: Binding, from: LocalDate, last: LocalDate | undefined): ScheduleFailure {
  const { req } = walk;
  if (binding.kind === 'period') {
    const p = binding.period;
    return {
      rule: p.citation,
      phaseId: p.phaseId,
      windowFrom: from,
      windowTo: binding.bound,
      reason:
        `${p.phaseLabel}: the period ${humanDate(p.from)} to ${humanDate(addDays(p.to, -1))} needs a session, ` +
        `but no working day from ${humanDate(from)} to ${humanDate(binding.bound)} is ${slotWords(req)}.`,
    };
  }
  const after = last === undefined ? `from the start on ${humanDate(req.from)}` : `after the session on ${humanDate(last)}`;
  return {
    rule: binding.rule.citation,
    phaseId: binding.rule.phaseId,
    windowFrom: from,
    windowTo: binding.bound,
    reason:
      `${binding.rule.phaseLabel}: at most ${binding.rule.days} days between sessions, so ${after} the next is due by ` +
      `${humanDate(binding.bound)}, but no working day from ${humanDate(from)} to ${humanDate(binding.bound)} is ${slotWords(req)}.`,
  };
}

function nextBinding(walk: Walk, last: LocalDate | undefined, open: readonly RequiredPeriod[]): Binding | undefined {
  const gap = gapDeadline(walk.gaps, last ?? walk.req.from, walk.horizon);
  const period = open[0];
  const periodBound = period ? addDays(period.to, -1) : undefined;
  if (gap && (periodBound === undefined || gap.date < periodBound)) {
    return { kind: 'gap', bound: gap.date, rule: gap.rule, overdue: gap.overdue };
  }
  return period && periodBound ? { kind: 'period', bound: periodBound, period } : undefined;
}

/** The latest day the first session may take when a gap rule is already overdue: every rule not yet overdue still binds. */
function overdueLimit(walk: Walk, last: LocalDate | undefined, open: readonly RequiredPeriod[]): LocalDate {
  const bounds = [addDays(walk.req.until, -1)];
  if (open[0]) bounds.push(addDays(open[0].to, -1));
  for (const rule of walk.gaps) {
    const g = gapDeadline([rule], last ?? walk.req.from, walk.horizon);
    if (g && !g.overdue) bounds.push(g.date);
  }
  return minDate(...(bounds as [LocalDate, ...LocalDate[]]));
}

function walkSchedule(walk: Walk, strategy: Strategy): WalkResult {
  const { req } = walk;
  let open = [...walk.required];
  let last = req.previousSession;
  const placed: Placed[] = [];
  for (;;) {
    const binding = nextBinding(walk, last, open);
    if (!binding) return { ok: true, placed };
    const from = last === undefined ? req.from : maxDate(req.from, addDays(last, 1));
    let date: LocalDate | undefined;
    if (binding.kind === 'gap' && binding.overdue) {
      // Already overdue before the schedule starts: book the first valid day that still keeps
      // the earliest open period (the breach itself is reported as a warning).
      const limit = overdueLimit(walk, last, open);
      date = daysIn(from, limit).find(walk.isValid);
      if (date === undefined) return { ok: false, failure: failureFor(walk, { ...binding, bound: limit }, from, last) };
    } else {
      const zoneFrom = binding.kind === 'period' ? maxDate(from, binding.period.from) : from;
      date =
        walk.earlyFirst && placed.length === 0 && req.previousSession === undefined
          ? chooseFirst(walk, zoneFrom, binding.bound)
          : choose(walk, strategy, zoneFrom, binding.bound);
      if (date === undefined) return { ok: false, failure: failureFor(walk, binding, zoneFrom, last) };
    }
    const chosen = date;
    placed.push({ date: chosen, binding });
    last = chosen;
    open = open.filter((p) => !(chosen >= p.from && chosen < p.to));
  }
}

function toSession(req: ScheduleRequest, p: Placed): ScheduledSession {
  const slot = slotIso(slotOn(p.date, req.time, req.minutes));
  const source = p.binding.kind === 'gap' ? p.binding.rule : p.binding.period;
  return {
    date: p.date,
    start: req.time,
    minutes: req.minutes,
    startUtc: slot.startUtc,
    endUtc: slot.endUtc,
    phaseId: source.phaseId,
    rule: source.citation,
  };
}

/**
 * conventions.md K6: a deterministic schedule for [req.from, req.until) that keeps every gap and
 * period rule of every phase, or the rule that cannot be kept, with the window and the reason.
 */
export function generateYearSchedule(req: ScheduleRequest): ScheduleResult {
  validateRequest(req);
  const horizon: ScheduleWindow = { from: req.from, until: req.until };
  const busy = parseBusy(req.busy);
  const validity = new Map<LocalDate, boolean>();
  const isValid = (d: LocalDate): boolean => {
    let v = validity.get(d);
    if (v === undefined) {
      v = req.calendar.isWorkingDay(d) && !overlapsBusy(slotOn(d, req.time, req.minutes), busy);
      validity.set(d, v);
    }
    return v;
  };
  const walk: Walk = {
    req,
    earlyFirst: true,
    horizon,
    gaps: gapRules(req.phases),
    required: requiredPeriods(req.phases, horizon, req.previousSession, req.calendar),
    isValid,
  };
  let result = walkSchedule(walk, 'agreed-weekday');
  if (!result.ok) result = walkSchedule(walk, 'latest-valid');
  if (!result.ok) result = walkSchedule({ ...walk, earlyFirst: false }, 'latest-valid');
  if (!result.ok) return result;

  const sessions = result.placed.map((p) => toSession(req, p));
  const violations = checkSchedule(req.phases, sessions.map((s) => s.date), req.previousSession, req.calendar, horizon);
  const overdue = result.placed[0]?.binding.kind === 'gap' && result.placed[0].binding.overdue;
  const warnings = violations.filter((v) => overdue && v.kind === 'max-gap' && v.to === req.from);
  if (violations.length > warnings.length) {
    // A bug, not a policy outcome: never hand out a schedule that breaks a rule.
    throw new AppError('internal', 'The generated schedule breaks a rule.', { violations: violations.map((v) => v.reason) });
  }
  return warnings.length > 0 ? { ok: true, sessions, warnings } : { ok: true, sessions };
}
