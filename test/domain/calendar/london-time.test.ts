import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../../src/domain/calendar/instant.js';
import { londonToUtc, utcToLondon } from '../../../src/domain/calendar/london-time.js';
import { AppError } from '../../../src/domain/errors.js';

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function intlLondon(ms: number): { date: string; time: string } {
  const p = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const FROM_2020 = Date.UTC(2020, 0, 1);
const TO_2041 = Date.UTC(2041, 0, 1);

describe('Europe/London wall-clock time (conventions.md "Calendar": sessions stay at the same local time)', () => {
  it('winter is GMT, summer is BST', () => {
    expect(londonToUtc('2026-01-13', '10:00')).toBe('2026-01-13T10:00:00Z');
    expect(londonToUtc('2026-07-14', '10:00')).toBe('2026-07-14T09:00:00Z');
    expect(utcToLondon('2026-07-14T09:00:00Z')).toEqual({ date: '2026-07-14', time: '10:00' });
    expect(utcToLondon('2026-12-31T23:30:00Z')).toEqual({ date: '2026-12-31', time: '23:30' });
    expect(utcToLondon('2026-06-30T23:30:00Z')).toEqual({ date: '2026-07-01', time: '00:30' });
  });

  it('10:00 local either side of the last Sunday of March and October', () => {
    // 2026: BST from Sun 29 March, GMT from Sun 25 October.
    expect(londonToUtc('2026-03-27', '10:00')).toBe('2026-03-27T10:00:00Z');
    expect(londonToUtc('2026-03-30', '10:00')).toBe('2026-03-30T09:00:00Z');
    expect(londonToUtc('2026-10-23', '10:00')).toBe('2026-10-23T09:00:00Z');
    expect(londonToUtc('2026-10-26', '10:00')).toBe('2026-10-26T10:00:00Z');
  });

  it('spring forward: a nonexistent time (01:00-01:59) moves one hour later on the clock', () => {
    expect(londonToUtc('2026-03-29', '00:59')).toBe('2026-03-29T00:59:00Z');
    expect(londonToUtc('2026-03-29', '01:00')).toBe('2026-03-29T01:00:00Z');
    expect(londonToUtc('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00Z');
    expect(utcToLondon('2026-03-29T01:30:00Z')).toEqual({ date: '2026-03-29', time: '02:30' });
    expect(londonToUtc('2026-03-29', '02:00')).toBe('2026-03-29T01:00:00Z');
  });

  it('fall back: a repeated time (01:00-01:59) means its first occurrence, in BST', () => {
    expect(londonToUtc('2026-10-25', '00:30')).toBe('2026-10-24T23:30:00Z');
    expect(londonToUtc('2026-10-25', '01:30')).toBe('2026-10-25T00:30:00Z');
    expect(utcToLondon('2026-10-25T00:30:00Z')).toEqual({ date: '2026-10-25', time: '01:30' });
    expect(utcToLondon('2026-10-25T01:30:00Z')).toEqual({ date: '2026-10-25', time: '01:30' });
    expect(londonToUtc('2026-10-25', '02:00')).toBe('2026-10-25T02:00:00Z');
  });

  it('utcToLondon agrees with Intl Europe/London for random instants 2020-2040', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM_2020 / 60000, max: TO_2041 / 60000 - 1 }), (minute) => {
        const ms = minute * 60000;
        expect(utcToLondon(new Date(ms).toISOString())).toEqual(intlLondon(ms));
      }),
      { numRuns: 3000 },
    );
  });

  it('utcToLondon agrees with Intl in every hour around every clock change 2020-2040', () => {
    for (let y = 2020; y <= 2040; y += 1) {
      for (const month of [2, 9]) {
        const lastDay = new Date(Date.UTC(y, month + 1, 0));
        const lastSunday = Date.UTC(y, month, lastDay.getUTCDate() - lastDay.getUTCDay());
        for (let m = -180; m <= 180; m += 15) {
          const ms = lastSunday + 3_600_000 + m * 60000;
          expect(utcToLondon(new Date(ms).toISOString())).toEqual(intlLondon(ms));
        }
      }
    }
  });

  it('londonToUtc gives back the same wall clock through Intl, except in the spring-forward gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FROM_2020 / 86400000, max: TO_2041 / 86400000 - 1 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, h, m) => {
          const date = new Date(day * 86400000).toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const utc = londonToUtc(date, time);
          const back = intlLondon(Date.parse(utc));
          const isGap = back.time !== time;
          if (isGap) {
            // Only the nonexistent hour may differ, and then by exactly one hour later.
            expect(h).toBe(1);
            expect(back).toEqual({ date, time: `02:${time.slice(3)}` });
          } else {
            expect(back).toEqual({ date, time });
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects malformed input with invalid_input', () => {
    expect(() => londonToUtc('2026-02-30', '10:00')).toThrow(AppError);
    expect(() => londonToUtc('2026-02-03', '24:00')).toThrow(AppError);
    expect(() => londonToUtc('2026-02-03', '9:00')).toThrow(AppError);
    expect(() => utcToLondon('2026-02-03T10:00:00')).toThrow(AppError);
  });

  it('parses offsets and fractions the way Date does', () => {
    for (const iso of ['2026-07-14T09:00:00Z', '2026-07-14T10:00:00+01:00', '2026-07-14T09:00:00.1234567Z', '2026-01-01T00:00Z', '2025-12-31T19:00:00-05:00']) {
      expect(parseInstant(iso)).toBe(Date.parse(iso.replace(/\.(\d{3})\d+/, '.$1')));
    }
    expect(formatInstant(Date.UTC(2026, 6, 14, 9))).toBe('2026-07-14T09:00:00Z');
  });
});
