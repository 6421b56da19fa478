import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoWeekday, Nation } from '../../../src/domain/calendar/types.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { checkSchedule } from '../../../src/domain/schedule/check-schedule.js';
import type { BusyInterval, ScheduleRequest } from '../../../src/domain/schedule/types.js';
import { generateYearSchedule } from '../../../src/domain/schedule/year-schedule.js';
import { PHASE_SETS } from './phase-sets.js';
import { iso, ms, plusDays, plusMonths, refBreaches, refClashes, refLondon, refWorkingDay } from './reference.js';

/*
 * Property tests of conventions.md K6 over random start dates 2025-2035, weekdays, times, busy
 * time and nations, for the representative phase sets of rules.md §1.6 (phase-sets.ts). Every
 * schedule is judged twice: by checkSchedule and by the naive day-by-day reading in reference.ts.
 */

const NATIONS: Nation[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const calendars = Object.fromEntries(NATIONS.map((n) => [n, createWorkingCalendar({ nation: n })])) as Record<Nation, ReturnType<typeof createWorkingCalendar>>;

const busyArb = (from: string): fc.Arbitrary<BusyInterval[]> =>
  fc.array(
    fc.oneof(
      // Meetings: a quarter of an hour to four hours.
      fc.record({ day: fc.integer({ min: -3, max: 372 }), minute: fc.integer({ min: 0, max: 95 }).map((q) => q * 15), length: fc.integer({ min: 15, max: 240 }) }),
      // Leave or training: one to ten days.
      fc.record({ day: fc.integer({ min: -3, max: 372 }), minute: fc.constant(0), length: fc.integer({ min: 1, max: 10 }).map((d) => d * 1440) }),
    ).map(({ day, minute, length }) => {
      const start = ms(from) + day * 86_400_000 + minute * 60_000;
      return { start: new Date(start).toISOString(), end: new Date(start + length * 60_000).toISOString() };
    }),
    { maxLength: 30 },
  );

const caseArb = fc
  .record({
    startDay: fc.integer({ min: ms('2025-01-01') / 86_400_000, max: ms('2035-12-31') / 86_400_000 }),
    phaseSet: fc.constantFrom(...(Object.keys(PHASE_SETS) as (keyof typeof PHASE_SETS)[])),
    // The schedule may start after the phases do (a worker part-way through), with a previous session.
    phaseShift: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })),
    previousBefore: fc.option(fc.integer({ min: 1, max: 13 }), { nil: undefined }),
    weekday: fc.integer({ min: 1, max: 7 }).map((w) => w as IsoWeekday),
    hour: fc.integer({ min: 7, max: 18 }),
    quarter: fc.integer({ min: 0, max: 3 }),
    minutes: fc.integer({ min: 2, max: 10 }).map((q) => q * 15),
    nation: fc.constantFrom(...NATIONS),
  })
  .chain((c) => {
    const from = iso(c.startDay * 86_400_000);
    return busyArb(from).map((busy) => ({ ...c, from, busy }));
  });

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(c: Case): ScheduleRequest {
  const phaseStart = plusDays(c.from, -c.phaseShift);
  const until = plusMonths(c.from, 12);
  return {
    phases: PHASE_SETS[c.phaseSet](phaseStart, until),
    from: c.from,
    until,
    previousSession: c.previousBefore === undefined ? undefined : plusDays(c.from, -c.previousBefore),
    weekday: c.weekday,
    time: `${String(c.hour).padStart(2, '0')}:${String(c.quarter * 15).padStart(2, '0')}`,
    minutes: c.minutes,
    calendar: calendars[c.nation],
    busy: c.busy,
  };
}

describe('conventions.md K6 year schedule: properties', () => {
  it('a schedule keeps every rule, books only free working days at the agreed local time; a failure names a window with no valid day', () => {
    let oks = 0;
    let failures = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const req = toRequest(c);
        const result = generateYearSchedule(req);
        // Deterministic: the same inputs give the same answer.
        expect(generateYearSchedule(req)).toEqual(result);
        if (!result.ok) {
          failures += 1;
          const { failure } = result;
          const citations = req.phases.flatMap((p) => p.rules.map((r) => r.citation));
          expect(citations).toContain(failure.rule);
          expect(failure.windowFrom <= failure.windowTo).toBe(true);
          expect(failure.reason.length).toBeGreaterThan(20);
          for (let d = failure.windowFrom; d <= failure.windowTo; d = plusDays(d, 1)) {
            expect(refWorkingDay(c.nation, d) && !refClashes(d, req.time, req.minutes, req.busy)).toBe(false);
          }
          return;
        }
        oks += 1;
        expect(result.warnings).toBeUndefined();
        const dates = result.sessions.map((s) => s.date);
        expect([...new Set(dates)].sort()).toEqual(dates);
        for (const s of result.sessions) {
          expect(s.date >= req.from && s.date < req.until).toBe(true);
          expect(refWorkingDay(c.nation, s.date)).toBe(true);
          expect(refClashes(s.date, req.time, req.minutes, req.busy)).toBe(false);
          expect(s.start).toBe(req.time);
          expect(refLondon(s.startUtc)).toEqual({ date: s.date, time: req.time });
          expect(Date.parse(s.endUtc) - Date.parse(s.startUtc)).toBe(req.minutes * 60_000);
        }
        expect(checkSchedule(req.phases, dates, req.previousSession, req.calendar, { from: req.from, until: req.until })).toEqual([]);
        expect(refBreaches(req.phases, dates, req.previousSession, req.from, req.until, c.nation)).toEqual([]);
      }),
      { numRuns: 250, seed: 20261123 },
    );
    // The generators must exercise both outcomes, or the property says little.
    expect(oks).toBeGreaterThan(125);
    expect(failures).toBeGreaterThan(0);
  });

  it('with nobody busy a schedule always exists (every required period and gap has a working day)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const req = toRequest({ ...c, busy: [] });
        const result = generateYearSchedule(req);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('checkSchedule agrees with the naive reading on moved sessions (an Outlook move that may break a rule)', () => {
    let broken = 0;
    let kept = 0;
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.integer({ min: -20, max: 20 }), (c, pick, shift) => {
        const req = toRequest({ ...c, busy: [] });
        const result = generateYearSchedule(req);
        if (!result.ok || result.sessions.length === 0) return;
        const dates = result.sessions.map((s) => s.date);
        const i = pick % dates.length;
        const moved = [...dates];
        moved[i] = plusDays(dates[i] ?? req.from, shift);
        const inWindow = [...new Set(moved)].filter((d) => d >= req.from && d < req.until).sort();
        const found = checkSchedule(req.phases, inWindow, req.previousSession, req.calendar, { from: req.from, until: req.until });
        const ruleBreaches = found.filter((v) => v.kind !== 'non-working-day');
        const naive = refBreaches(req.phases, inWindow, req.previousSession, req.from, req.until, c.nation);
        expect(ruleBreaches.length > 0).toBe(naive.length > 0);
        if (naive.length > 0) broken += 1;
        else kept += 1;
        expect(found.some((v) => v.kind === 'non-working-day')).toBe(inWindow.some((d) => !refWorkingDay(c.nation, d)));
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(broken).toBeGreaterThan(30);
    expect(kept).toBeGreaterThan(30);
  });
});

describe('conventions.md "Calendar": sessions keep their local time across clock changes', () => {
  it.each([2026, 2029, 2033])('weekly sessions either side of the last Sundays of March and October %i stay at 10:00 London', (year) => {
    const from = `${year}-03-01`;
    const until = `${year}-11-30`;
    const phases = [{ id: 'w', label: 'Weekly', from, to: until, rules: [{ kind: 'per-period' as const, unit: 'days' as const, length: 7, citation: 'rules.md CA-F2 / 003 §6 (L93)' }] }];
    const r = generateYearSchedule({ phases, from, until, weekday: 3, time: '10:00', minutes: 60, calendar: calendars['england-and-wales'], busy: [] });
    if (!r.ok) throw new Error(r.failure.reason);
    const offsets = new Set<number>();
    for (const s of r.sessions) {
      expect(refLondon(s.startUtc)).toEqual({ date: s.date, time: '10:00' });
      offsets.add(Number(s.startUtc.slice(11, 13)));
    }
    expect([...offsets].sort((a, b) => a - b)).toEqual([9, 10]);
  });
});
