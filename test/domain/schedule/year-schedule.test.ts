import { describe, expect, it } from 'vitest';
import { diffDays, isoWeekday } from '../../../src/domain/calendar/local-date.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { checkSchedule } from '../../../src/domain/schedule/check-schedule.js';
import type { IsoWeekday } from '../../../src/domain/calendar/types.js';
import type { BusyInterval, ScheduleRequest, SchedulePhase } from '../../../src/domain/schedule/types.js';
import { generateYearSchedule } from '../../../src/domain/schedule/year-schedule.js';
import { AppError } from '../../../src/domain/errors.js';
import { getPack } from '../../../src/policy/packs.js';
import { resolvePhases } from '../../../src/policy/resolve-phases.js';
import { camdenNqsw, centralBedfordshire, seftonBiMonthly, seftonSocialWorker } from './phase-sets.js';

const ew = createWorkingCalendar({ nation: 'england-and-wales' });

function request(phases: SchedulePhase[], overrides: Partial<ScheduleRequest> = {}): ScheduleRequest {
  return { phases, from: '2026-01-07', until: '2027-01-07', weekday: 2, time: '10:00', minutes: 90, calendar: ew, busy: [], ...overrides };
}

function dates(req: ScheduleRequest): string[] {
  const r = generateYearSchedule(req);
  if (!r.ok) throw new Error(r.failure.reason);
  return r.sessions.map((s) => s.date);
}

function weekly(from: string, to: string, citation = 'rules.md CA-F3 / 003 §6 (L94)'): SchedulePhase {
  return { id: 'weekly', label: 'Weekly', from, to, rules: [{ kind: 'per-period', unit: 'days', length: 7, citation }] };
}

describe('conventions.md K6 schedule generation', () => {
  it('CB-F1/CB-F2 (000 §10 L105-106): every 14 days on the agreed Tuesday for 4 months, then every 28 days', () => {
    const req = request(centralBedfordshire('2026-01-07', '2027-01-07'));
    const got = dates(req);
    // The first session on the first agreed Tuesday after the start (issue 15 item 5), then the rules' rhythm from it.
    expect(got).toEqual([
      '2026-01-13', '2026-01-27', '2026-02-10', '2026-02-24', '2026-03-10', '2026-03-24', '2026-04-07', '2026-04-21', '2026-05-05',
      '2026-06-02', '2026-06-30', '2026-07-28', '2026-08-25', '2026-09-22', '2026-10-20', '2026-11-17', '2026-12-15',
    ]);
    for (let i = 1; i < got.length; i++) expect(diffDays(got[i - 1]!, got[i]!)).toBe(got[i]! <= '2026-05-07' ? 14 : 28);
    // The first 4 months end on 7 May 2026; the 28-day rule counts from the last fortnightly session.
    expect(diffDays('2026-05-05', '2026-06-02')).toBe(28);
    expect(checkSchedule(req.phases, got, undefined, ew, { from: req.from, until: req.until })).toEqual([]);
  });

  it('CA-F3 (003 §6 L94): one session per weekly, fortnightly and monthly period, all on Tuesdays', () => {
    const got = dates(request(camdenNqsw('2026-01-07', '2027-01-07')));
    expect(got.slice(0, 6)).toEqual(['2026-01-13', '2026-01-20', '2026-01-27', '2026-02-03', '2026-02-10', '2026-02-17']);
    expect(got.every((d) => isoWeekday(d) === 2)).toBe(true);
    expect(got).toHaveLength(22);
  });

  it('SE-F6 (004 ¶3.8 L90): one session per monthly period [A + k months, A + k+1 months)', () => {
    const got = dates(request(seftonSocialWorker('2026-01-07', '2027-01-07')));
    expect(got).toHaveLength(12);
    // The first in the first period's first two weeks; each later one on the period's last Tuesday.
    expect(got[0]).toBe('2026-01-13');
    expect(got[1]).toBe('2026-03-03');
    expect(got.every((d) => isoWeekday(d) === 2)).toBe(true);
  });

  it('K8 (004 ¶3.2 L77): bi-monthly with the 8-week floor gives a session every 56 days, never twice a month', () => {
    const got = dates(request(seftonBiMonthly('2026-01-07', '2027-01-07')));
    expect(got).toEqual(['2026-01-13', '2026-03-10', '2026-05-05', '2026-06-30', '2026-08-25', '2026-10-20', '2026-12-15']);
    for (let i = 1; i < got.length; i++) expect(diffDays(got[i - 1]!, got[i]!)).toBe(56);
  });

  it('K6: the agreed day is a bank holiday -> nearest working day in the same period (Easter Monday 2026 -> Tuesday)', () => {
    const req = request([weekly('2026-03-30', '2026-04-20')], { from: '2026-03-30', until: '2026-04-20', weekday: 1 });
    expect(dates(req)).toEqual(['2026-03-30', '2026-04-07', '2026-04-13']);
  });

  it('K6: Christmas 2027 in E&W moves a Monday session to Wednesday 29 December', () => {
    const req = request([weekly('2027-12-20', '2028-01-10')], { from: '2027-12-20', until: '2028-01-10', weekday: 1 });
    // 27 and 28 Dec and 3 Jan are bank holidays: the nearest working days in those weeks.
    expect(dates(req)).toEqual(['2027-12-20', '2027-12-29', '2028-01-04']);
  });

  it('K6: a clash with either calendar moves the session to the nearest free working day; ties go to the earlier day', () => {
    // Tuesday 3 March is the agreed day of the second period [7 Feb, 7 Mar): Monday 2 and Wednesday 4 are equally near.
    const busy = [{ start: '2026-03-03T09:30:00Z', end: '2026-03-03T10:30:00Z' }];
    const got = dates(request(seftonSocialWorker('2026-01-07', '2027-01-07'), { busy }));
    expect(got[1]).toBe('2026-03-02');
  });

  it('K6: busy time that ends when the session starts is not a clash (half-open intervals)', () => {
    const busy = [{ start: '2026-01-13T09:00:00Z', end: '2026-01-13T10:00:00Z' }, { start: '2026-01-13T11:30:00Z', end: '2026-01-13T12:00:00Z' }];
    expect(dates(request(seftonSocialWorker('2026-01-07', '2027-01-07'), { busy }))[0]).toBe('2026-01-13');
  });

  it('K6: a period with no working day gets no session', () => {
    const phase: SchedulePhase = { id: 'p', label: 'Short periods', from: '2027-12-25', to: '2027-12-31', rules: [{ kind: 'per-period', unit: 'days', length: 4, citation: 'test' }] };
    // [25 Dec, 29 Dec) is Sat, Sun and two substitute bank holidays; [29 Dec, 31 Dec) has working days.
    expect(dates(request([phase], { from: '2027-12-25', until: '2027-12-31', weekday: 3 }))).toEqual(['2027-12-29']);
  });

  it('conventions.md "Calendar": 10:00 local stays 10:00 across the last Sundays of March and October', () => {
    const r = generateYearSchedule(request([weekly('2026-03-16', '2026-11-09')], { from: '2026-03-16', until: '2026-11-09' }));
    if (!r.ok) throw new Error(r.failure.reason);
    const byDate = Object.fromEntries(r.sessions.map((s) => [s.date, s]));
    expect(byDate['2026-03-24']?.startUtc).toBe('2026-03-24T10:00:00Z');
    expect(byDate['2026-03-31']?.startUtc).toBe('2026-03-31T09:00:00Z');
    expect(byDate['2026-03-31']?.endUtc).toBe('2026-03-31T10:30:00Z');
    expect(byDate['2026-10-20']?.startUtc).toBe('2026-10-20T09:00:00Z');
    expect(byDate['2026-10-27']?.startUtc).toBe('2026-10-27T10:00:00Z');
    expect(r.sessions.every((s) => s.start === '10:00' && s.minutes === 90)).toBe(true);
  });

  it('each session cites the rule and phase that placed it', () => {
    const r = generateYearSchedule(request(centralBedfordshire('2026-01-07', '2027-01-07')));
    if (!r.ok) throw new Error(r.failure.reason);
    expect(r.sessions[0]).toMatchObject({ phaseId: 'cb-first-4-months', rule: 'rules.md CB-F1 / 000 §10 (L105)' });
    expect(r.sessions.at(-1)).toMatchObject({ phaseId: 'cb-after-4-months', rule: 'rules.md CB-F2 / 000 §10 (L106)' });
  });

  it('gap rules count from the previous session across the schedule start (CB-F2, 000 §10 L106)', () => {
    const phases = centralBedfordshire('2025-09-03', '2026-09-03');
    const req = request(phases, { from: '2026-01-12', until: '2026-09-03', previousSession: '2026-01-02' });
    expect(dates(req)[0]).toBe('2026-01-27');
  });

  it('a previous session inside the first period satisfies it (K5)', () => {
    const phases = seftonSocialWorker('2025-12-15', '2026-12-15');
    const req = request(phases, { from: '2026-01-05', until: '2026-12-15', previousSession: '2025-12-16' });
    // [15 Dec, 15 Jan) already has a session, so the first is in [15 Jan, 15 Feb).
    expect(dates(req)[0]).toBe('2026-02-10');
  });

  it('already overdue at the start: first valid day, with the breach as a warning', () => {
    const phases = centralBedfordshire('2025-01-06', '2026-01-06');
    const r = generateYearSchedule(request(phases, { from: '2025-09-06', until: '2026-01-06', previousSession: '2025-07-01' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sessions[0]?.date).toBe('2025-09-08');
    expect(r.warnings?.[0]).toMatchObject({ kind: 'max-gap', rule: 'rules.md CB-F2 / 000 §10 (L106)', to: '2025-09-06' });
  });

  it('no valid slot: ok false with the rule, window and a reason, never a rule-breaking schedule', () => {
    const busy = [{ start: '2026-02-02T00:00:00Z', end: '2026-02-07T00:00:00Z' }];
    const phases = [weekly('2026-01-05', '2026-03-02', 'rules.md CA-F2 / 003 §6 (L93)')];
    const r = generateYearSchedule(request(phases, { from: '2026-01-05', until: '2026-03-02', busy }));
    expect(r).toEqual({
      ok: false,
      failure: {
        rule: 'rules.md CA-F2 / 003 §6 (L93)',
        phaseId: 'weekly',
        windowFrom: '2026-02-02',
        windowTo: '2026-02-08',
        reason: expect.stringContaining('no working day from Mon 2 Feb 2026 to Sun 8 Feb 2026 is free at 10:00 for 90 minutes'),
      },
    });
  });

  it('no valid slot for a maximum gap names the previous session', () => {
    const busy = [{ start: '2026-01-07T00:00:00Z', end: '2026-01-22T00:00:00Z' }];
    const r = generateYearSchedule(request(centralBedfordshire('2026-01-07', '2027-01-07'), { busy, previousSession: '2026-01-06' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure).toMatchObject({ rule: 'rules.md CB-F1 / 000 §10 (L105)', phaseId: 'cb-first-4-months', windowFrom: '2026-01-07', windowTo: '2026-01-20' });
    expect(r.failure.reason).toContain('after the session on Tue 6 Jan 2026');
  });

  it('is deterministic', () => {
    const busy = [{ start: '2026-03-03T08:00:00Z', end: '2026-03-05T18:00:00Z' }];
    const req = request(camdenNqsw('2026-01-07', '2027-01-07'), { busy });
    expect(generateYearSchedule(req)).toEqual(generateYearSchedule(req));
  });

  it('rejects malformed requests with invalid_input', () => {
    const bad: Partial<ScheduleRequest>[] = [
      { until: '2026-01-07' }, { time: '25:00' }, { minutes: 0 }, { previousSession: '2026-01-07' }, { from: '2026-02-30' },
      { busy: [{ start: '2026-01-08T10:00:00Z', end: '2026-01-08T09:00:00Z' }] },
    ];
    for (const o of bad) {
      expect(() => generateYearSchedule(request(seftonSocialWorker('2026-01-07', '2027-01-07'), o))).toThrow(AppError);
    }
    const zeroGap: SchedulePhase = { id: 'x', label: 'x', from: '2026-01-07', to: '2026-02-07', rules: [{ kind: 'max-gap', days: 0, citation: 'x' }] };
    expect(() => generateYearSchedule(request([zeroGap]))).toThrow(AppError);
  });

  it('an agreed weekend day is never booked; the nearest working day is used', () => {
    const got = dates(request(seftonSocialWorker('2026-01-07', '2027-01-07'), { weekday: 6 }));
    expect(got.every((d) => isoWeekday(d) <= 5)).toBe(true);
    // Saturday 10 January is the first agreed day after the start: Friday 9 is nearer than Monday 12.
    expect(got[0]).toBe('2026-01-09');
    // Saturday 28 February is the agreed day at the end of [7 Feb, 7 Mar): Friday 27 is nearer than Monday 2 March.
    expect(got[1]).toBe('2026-02-27');
  });
});

/*
 * Issue 15 item 5: the first session of a new relationship comes within the first two weeks (a
 * fortnight as conventions.md K5 counts it: the 14-day block from the start), inside the first
 * K5 period or K4 gap, unless both calendars fill those two weeks; a continuing schedule (a
 * previous session) is not moved. The later sessions keep K6, counting from the first.
 */
describe('issue 15 item 5: the first session comes early', () => {
  const sefton = getPack('sefton');
  function seftonYear(roleId: string, agreementDate: string, weekday: IsoWeekday, busy: BusyInterval[] = [], employmentStart = '2024-05-01'): string[] {
    const r = resolvePhases(sefton, roleId, { employmentStart, agreementDate });
    return dates({ phases: r.phases, from: r.from, until: r.until, weekday, time: '10:00', minutes: 90, calendar: ew, busy });
  }
  const at10 = (d: string): BusyInterval => ({ start: `${d}T09:00:00Z`, end: `${d}T12:00:00Z` });

  it('a 2 December 2026 start with Tuesdays agreed: the first session is Tuesday 8 December, not New Year\'s Eve (SE-F6, 004 ¶3.8 L90)', () => {
    const got = seftonYear('social-worker', '2026-12-02', 2);
    expect(got[0]).toBe('2026-12-08');
    expect(got.every((d) => isoWeekday(d) === 2 || d === '2027-12-01' || d === '2027-11-30')).toBe(true);
  });

  it('the first agreed weekday is busy: the next agreed weekday inside the two weeks', () => {
    expect(seftonYear('social-worker', '2026-12-02', 2, [at10('2026-12-08')])[0]).toBe('2026-12-15');
  });

  it('both agreed weekdays in the two weeks are busy: the free working day nearest one of them, the earlier on a tie', () => {
    // Tuesday 8 and 15 December are busy: Monday 7 and Wednesday 9 are one day from the 8th; Monday 7 is earlier.
    expect(seftonYear('social-worker', '2026-12-02', 2, [at10('2026-12-08'), at10('2026-12-15')])[0]).toBe('2026-12-07');
  });

  it('the calendars fill the first two weeks: the earliest free agreed weekday the period still allows', () => {
    const fortnight = { start: '2026-12-02T00:00:00Z', end: '2026-12-16T00:00:00Z' };
    expect(seftonYear('social-worker', '2026-12-02', 2, [fortnight])[0]).toBe('2026-12-22');
  });

  it('the period\'s rule comes first: a start late in a monthly period books inside that period (K5)', () => {
    // The monthly periods run from the 1st (employment start 1 May 2024): [1 Dec, 1 Jan) ends before the two weeks do.
    expect(seftonYear('social-worker', '2026-12-24', 2)[0]).toBe('2026-12-29');
  });

  it('an NQSW\'s weekly first period (SE-F10, 004 ¶3.12 L98): the agreed weekday of the first week', () => {
    const got = seftonYear('nqsw', '2026-12-02', 1, [], '2026-12-02');
    expect(got.slice(0, 3)).toEqual(['2026-12-07', '2026-12-14', '2026-12-21']);
  });

  it('gap rules count from the early first session (CB-F1, 000 §10 L105)', () => {
    const got = dates(request(centralBedfordshire('2026-12-02', '2027-12-02'), { from: '2026-12-02', until: '2027-12-02' }));
    expect(got[0]).toBe('2026-12-08');
    expect(diffDays(got[0]!, got[1]!)).toBeLessThanOrEqual(14);
  });

  it('a continuing schedule is not moved: the previous session already counts (K5)', () => {
    const phases = seftonSocialWorker('2025-12-15', '2026-12-15');
    expect(dates(request(phases, { from: '2026-01-05', until: '2026-12-15', previousSession: '2025-12-16' }))[0]).toBe('2026-02-10');
  });
});
