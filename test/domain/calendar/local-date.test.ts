import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, compareDates, diffDays, eachDay, isLocalDate, isoWeekday, maxDate, minDate, parseLocalDate,
} from '../../../src/domain/calendar/local-date.js';
import { AppError } from '../../../src/domain/errors.js';

const isoOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (d: string): number => Date.parse(`${d}T00:00:00Z`);
const anyDate = fc.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2200, 0, 1) / 864e5 }).map((n) => isoOf(n * 864e5));

describe('local dates (calendar/types.ts LocalDate)', () => {
  it('recognises real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-02-30')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
    expect(isLocalDate('2025-1-01')).toBe(false);
    expect(isLocalDate('2025-01-01T00:00')).toBe(false);
    expect(isLocalDate(20250101)).toBe(false);
  });

  it('parseLocalDate throws AppError invalid_input on bad input, incl. 2025-02-30', () => {
    expect(parseLocalDate('2025-03-30')).toBe('2025-03-30');
    for (const bad of ['2025-02-30', '1900-02-29', '', 'yesterday', null]) {
      try {
        parseLocalDate(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('invalid_input');
      }
    }
  });

  it.each([
    ['2025-10-30', 4, '2026-02-28'],
    ['2025-03-31', 6, '2025-09-30'],
    ['2023-10-31', 4, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-01-15', 12, '2026-01-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-12-31', 2, '2026-02-28'],
  ])('conventions.md K3: %s + %i months = %s (clamped to month end)', (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });

  it('addDays, diffDays and isoWeekday agree with Date', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(d, n)).toBe(isoOf(msOf(d) + n * 864e5));
        expect(diffDays(d, addDays(d, n))).toBe(n);
        expect(isoWeekday(d)).toBe(((new Date(msOf(d)).getUTCDay() + 6) % 7) + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('weekday of known dates', () => {
    expect(isoWeekday('2027-12-25')).toBe(6);
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });

  it('compare, min, max, eachDay', () => {
    expect(compareDates('2025-01-02', '2025-01-10')).toBeLessThan(0);
    expect(compareDates('2025-01-10', '2025-01-10')).toBe(0);
    expect(minDate('2025-03-01', '2024-12-31', '2025-01-01')).toBe('2024-12-31');
    expect(maxDate('2025-03-01', '2024-12-31', '2025-01-01')).toBe('2025-03-01');
    expect(eachDay('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay('2024-02-27', '2024-02-27')).toEqual([]);
  });
});
