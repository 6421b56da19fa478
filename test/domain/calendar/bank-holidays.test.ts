import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { bankHolidays } from '../../../src/domain/calendar/bank-holidays.js';
import { easterSunday } from '../../../src/domain/calendar/easter.js';
import type { Nation } from '../../../src/domain/calendar/types.js';

const REGION: Record<Nation, string> = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };
const NATIONS = Object.keys(REGION) as Nation[];

function dates(nation: Nation, year: number): string[] {
  return bankHolidays(nation, year).map((h) => h.date);
}

/*
 * date-holidays lists a fixed holiday on its own date even when that is a Saturday or Sunday and
 * adds a separate entry flagged `substitute: true` for the weekday off. gov.uk (and our function)
 * list only days off, so the reference keeps public/bank entries that fall Monday to Friday, and
 * drops observances (Mother's Day, Easter Sunday…).
 *
 * The comparison is on dates, which decide working days. For 2020-2040 the library and gov.uk
 * agree on every date; they differ only in names: for Scotland 2022 (1 Jan Saturday, 2 Jan
 * Sunday) date-holidays calls Mon 3 Jan the "January 2nd" substitute and Tue 4 Jan the "New
 * Year's Day" substitute, where gov.uk (and this module) give them the other way round.
 */
function referenceDays(nation: Nation, year: number): string[] {
  const hd = new Holidays('GB', REGION[nation]);
  return hd
    .getHolidays(year)
    .filter((h) => h.type === 'public' || h.type === 'bank')
    .map((h) => h.date.slice(0, 10))
    .filter((d) => {
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      return wd !== 0 && wd !== 6;
    })
    .filter((d, i, all) => all.indexOf(d) === i)
    .sort();
}

describe('bank holidays (conventions.md "Calendar")', () => {
  it('computus: Easter Sunday matches known dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2035)).toBe('2035-03-25');
  });

  it('substitute days: 25 Dec 2027 is a Saturday, so Mon 27 and Tue 28 Dec 2027 and Mon 3 Jan 2028 are bank holidays in E&W', () => {
    const ew27 = dates('england-and-wales', 2027);
    expect(ew27).toContain('2027-12-27');
    expect(ew27).toContain('2027-12-28');
    expect(ew27).not.toContain('2027-12-25');
    expect(dates('england-and-wales', 2028)).toContain('2028-01-03');
  });

  it('24 and 31 December are ordinary working days', () => {
    for (const nation of NATIONS) {
      for (let y = 2020; y <= 2040; y += 1) {
        expect(dates(nation, y)).not.toContain(`${y}-12-24`);
        expect(dates(nation, y)).not.toContain(`${y}-12-31`);
      }
    }
  });

  it('one-off proclamations: 2020 early May moved to Fri 8 May; 2022 spring to 2 June plus Platinum Jubilee 3 June; 19 Sep 2022 State Funeral; 8 May 2023 Coronation', () => {
    for (const nation of NATIONS) {
      const y2020 = dates(nation, 2020);
      expect(y2020).toContain('2020-05-08');
      expect(y2020).not.toContain('2020-05-04');
      const y2022 = dates(nation, 2022);
      expect(y2022).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
      expect(y2022).not.toContain('2022-05-30');
      expect(dates(nation, 2023)).toContain('2023-05-08');
    }
  });

  it('E&W 2025 is exactly the gov.uk list', () => {
    expect(dates('england-and-wales', 2025)).toEqual([
      '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
    ]);
  });

  it('Scotland: 2 January, St Andrew\'s Day with substitute, first Monday of August, no Easter Monday', () => {
    expect(dates('scotland', 2025)).toEqual([
      '2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26',
    ]);
    // 30 Nov 2024 was a Saturday: substitute Monday 2 December.
    expect(dates('scotland', 2024)).toContain('2024-12-02');
    // 1 Jan 2022 Saturday and 2 Jan Sunday: Monday 3 and Tuesday 4 January.
    expect(dates('scotland', 2022).slice(0, 2)).toEqual(['2022-01-03', '2022-01-04']);
  });

  it("Northern Ireland: St Patrick's Day and Battle of the Boyne with substitutes", () => {
    expect(dates('northern-ireland', 2025)).toEqual([
      '2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26',
    ]);
    // 17 Mar 2024 was a Sunday: substitute Monday 18 March.
    expect(dates('northern-ireland', 2024)).toContain('2024-03-18');
  });

  it('every day off is a weekday, listed once, in date order', () => {
    for (const nation of NATIONS) {
      for (let y = 2011; y <= 2060; y += 1) {
        const list = dates(nation, y);
        expect([...new Set(list)].sort()).toEqual(list);
        for (const d of list) expect([0, 6]).not.toContain(new Date(`${d}T12:00:00Z`).getUTCDay());
      }
    }
  });

  describe.each(NATIONS)('%s agrees with date-holidays for every year 2020-2040', (nation) => {
    it.each(Array.from({ length: 21 }, (_, i) => 2020 + i))('%i', (year) => {
      expect(dates(nation, year)).toEqual(referenceDays(nation, year));
    });
  });
});

describe('bank holidays: names and input', () => {
  it('substitute days are named after the holiday they replace (gov.uk style)', () => {
    expect(bankHolidays('scotland', 2022).slice(0, 2)).toEqual([
      { date: '2022-01-03', name: "New Year's Day (substitute day)" },
      { date: '2022-01-04', name: '2nd January (substitute day)' },
    ]);
    expect(bankHolidays('england-and-wales', 2027).slice(-2)).toEqual([
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });
  it('rejects a year that is not a whole number', () => {
    expect(() => bankHolidays('england-and-wales', 2025.5)).toThrow();
  });
});
