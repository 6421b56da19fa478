import { describe, expect, it } from 'vitest';
import {
  calendarMonthsWithoutRecord, firstMonths, isLongAbsence, isWithinWorkingDays, k12LatestShift, maxGapDeadline, milestone,
  monthlyRecordBreaches, monthsAfter, periods, rollingDue, shiftsRemaining, withinWeeks, withinWorkingDays,
} from '../../../src/domain/calendar/conventions.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';

const ew = createWorkingCalendar({ nation: 'england-and-wales' });

describe('conventions.md K1 "within N working days of E"', () => {
  it.each([
    // BU-D1 / SE-D1 "within 5 working days": session Mon 2 Mar 2026 -> Mon 9 Mar.
    ['2026-03-02', 5, '2026-03-09'],
    // Event on a Friday: day 1 is the Monday.
    ['2026-03-06', 1, '2026-03-09'],
    // Event on a Saturday: day 1 is still the first working day after it.
    ['2026-03-07', 1, '2026-03-09'],
    // Christmas 2027: 27, 28 Dec and 3 Jan are bank holidays; 24 and 31 Dec are working days.
    ['2027-12-23', 5, '2028-01-04'],
    ['2027-12-24', 5, '2028-01-05'],
    // CA-D1 "within 3 working days" across Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr).
    ['2026-04-02', 3, '2026-04-09'],
  ])('event %s, N=%i -> deadline %s', (event, n, deadline) => {
    expect(withinWorkingDays(ew, event, n)).toBe(deadline);
  });

  it('done on or before the deadline is on time', () => {
    expect(isWithinWorkingDays(ew, '2026-03-02', 5, '2026-03-09')).toBe(true);
    expect(isWithinWorkingDays(ew, '2026-03-02', 5, '2026-03-10')).toBe(false);
  });

  it('rejects N < 1', () => {
    expect(() => withinWorkingDays(ew, '2026-03-02', 0)).toThrow();
  });
});

describe('conventions.md K2 "within N weeks of D"', () => {
  it('CB-D1 agreement within 4 weeks: deadline = D + 28 days, inclusive', () => {
    expect(withinWeeks('2026-01-05', 4).deadline).toBe('2026-02-02');
  });
  it('a scheduler proposes the latest working day on or before it', () => {
    // 2026-12-28 is the Boxing Day substitute (26 Dec 2026 is a Saturday).
    const r = withinWeeks('2026-11-30', 4);
    expect(r.deadline).toBe('2026-12-28');
    expect(r.latestWorkingDay(ew)).toBe('2026-12-24');
    expect(withinWeeks('2026-01-05', 4).latestWorkingDay(ew)).toBe('2026-02-02');
  });
});

describe('conventions.md K3 "N months after D"', () => {
  it.each([
    ['2025-10-30', 4, '2026-02-28'],
    ['2025-03-31', 6, '2025-09-30'],
    ['2027-10-31', 4, '2028-02-29'],
    ['2026-01-15', 12, '2027-01-15'],
  ])('%s + %i months = %s', (d, n, expected) => {
    expect(monthsAfter(d, n)).toBe(expected);
  });
  it('"the first 4 months from S" is [S, S + 4 months) (CB-F1); 16 weeks is not 4 months', () => {
    expect(firstMonths('2025-10-31', 4)).toEqual({ from: '2025-10-31', to: '2026-02-28' });
    expect(firstMonths('2026-01-05', 4).to).not.toBe(addDays('2026-01-05', 16 * 7));
  });
});

describe('conventions.md K4 "at least every N weeks" (maximum gap)', () => {
  it.each([
    // CB-F2 every 4 weeks: deadline on a working day.
    ['2026-01-06', 28, '2026-02-03', '2026-02-03'],
    // Deadline on a Saturday: latest practicable is the Friday.
    ['2026-01-10', 28, '2026-02-07', '2026-02-06'],
    // Deadline on Easter Monday 2026: back to Thursday 2 April (Good Friday is a holiday too).
    ['2026-03-09', 28, '2026-04-06', '2026-04-02'],
    // K8 / SE ¶3.2 8-week floor: 56 days.
    ['2026-01-06', 56, '2026-03-03', '2026-03-03'],
  ])('previous %s, %i days -> deadline %s, latest practicable %s', (previous, days, deadline, latestPracticable) => {
    expect(maxGapDeadline(ew, previous, days)).toEqual({ deadline, latestPracticable });
  });
});

describe('conventions.md K5 period rules', () => {
  it('weekly blocks anchored at the phase start, cut at the phase end', () => {
    expect(periods('2026-01-07', '2026-01-25', 'days', 7)).toEqual([
      { from: '2026-01-07', to: '2026-01-14' },
      { from: '2026-01-14', to: '2026-01-21' },
      { from: '2026-01-21', to: '2026-01-25' },
    ]);
  });
  it('fortnightly = 14-day blocks', () => {
    expect(periods('2026-01-07', '2026-02-18', 'days', 14).map((p) => p.from)).toEqual(['2026-01-07', '2026-01-21', '2026-02-04']);
  });
  it('monthly periods [A + k months, A + k+1 months) do not drift after a short month', () => {
    expect(periods('2026-01-31', '2026-05-15', 'months', 1)).toEqual([
      { from: '2026-01-31', to: '2026-02-28' },
      { from: '2026-02-28', to: '2026-03-31' },
      { from: '2026-03-31', to: '2026-04-30' },
      { from: '2026-04-30', to: '2026-05-15' },
    ]);
  });
  it('K8 bi-monthly = every two months, never twice a month', () => {
    expect(periods('2026-01-15', '2027-01-15', 'months', 2)).toHaveLength(6);
  });
  it('empty phase has no periods', () => {
    expect(periods('2026-01-15', '2026-01-15', 'days', 7)).toEqual([]);
  });
});

describe('conventions.md K7 case records per calendar month (SE ¶7.1, "e.g. May, June, July")', () => {
  const records = ['2026-05-30', '2026-07-01', '2026-10-15'];
  it('lists calendar months without a record', () => {
    expect(calendarMonthsWithoutRecord(records, '2026-05-01', '2026-11-01')).toEqual(['2026-06', '2026-08', '2026-09']);
  });
  it('monthly: every missing month is a breach', () => {
    expect(monthlyRecordBreaches(records, '2026-05-01', '2026-11-01', 'monthly')).toEqual(['2026-06', '2026-08', '2026-09']);
  });
  it('bimonthly exception (SE-D13): only two consecutive months both without a record', () => {
    expect(monthlyRecordBreaches(records, '2026-05-01', '2026-11-01', 'bimonthly')).toEqual(['2026-09']);
    expect(monthlyRecordBreaches(['2026-01-31', '2026-03-01'], '2026-01-01', '2026-04-01', 'bimonthly')).toEqual([]);
  });
});

describe('conventions.md K9 rolling "every N months" (CA-D4 case discussion)', () => {
  it.each([
    // CP monthly from 31 Jan -> due 28 Feb (Saturday in 2026) -> Friday 27 Feb.
    ['2026-01-31', 1, '2026-02-28', '2026-02-27'],
    // CIN/CLA every 2 months.
    ['2026-03-10', 2, '2026-05-10', '2026-05-08'],
    // Care leavers every 3 months; due on a working day.
    ['2026-03-10', 3, '2026-06-10', '2026-06-10'],
  ])('last %s, every %i months -> due %s, latest practicable %s', (last, months, due, latestPracticable) => {
    expect(rollingDue(ew, last, months)).toEqual({ due, latestPracticable });
  });
});

describe('conventions.md K10 milestones (SE-D8 3, 6 and 12 months; CB-D5 six months after)', () => {
  it.each([
    ['2026-01-05', 3, '2026-04-05', '2026-04-07'], // Easter Sunday, then Easter Monday -> Tue 7 Apr
    ['2026-01-05', 6, '2026-07-05', '2026-07-06'],
    ['2026-08-31', 6, '2027-02-28', '2027-03-01'],
    ['2026-12-27', 12, '2027-12-27', '2027-12-29'],
  ])('start %s + %i months: nominal %s, scheduled %s', (d, n, nominal, scheduled) => {
    expect(milestone(ew, d, n)).toEqual({ nominal, scheduled });
  });
});

describe('conventions.md K11 "away for more than 2 months" (CA-D8)', () => {
  it.each([
    ['2026-01-10', '2026-03-10', false],
    ['2026-01-10', '2026-03-11', true],
    ['2025-12-31', '2026-02-28', false],
    ['2025-12-31', '2026-03-01', true],
  ])('absence from %s, expected back %s -> %s', (first, back, expected) => {
    expect(isLongAbsence(first, back)).toBe(expected);
  });
});

describe('conventions.md K12 "every 16 sessions they work" (SE ¶3.18, SE-F15)', () => {
  it('supervision no later than during the 16th shift since the last one', () => {
    expect(shiftsRemaining(0)).toBe(16);
    expect(shiftsRemaining(15)).toBe(1);
    expect(shiftsRemaining(16)).toBe(0);
    expect(shiftsRemaining(17)).toBeLessThan(0);
  });
  it('the date of the 16th shift is the last day supervision can happen', () => {
    const shifts = Array.from({ length: 20 }, (_, i) => addDays('2026-03-01', i * 2));
    expect(k12LatestShift(shifts)).toBe(addDays('2026-03-01', 30));
    expect(k12LatestShift(shifts.slice(0, 15))).toBeUndefined();
  });
});
