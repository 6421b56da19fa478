import { describe, expect, it } from 'vitest';
import {
  addWorkingDays, createWorkingCalendar, latestWorkingDayOnOrBefore, nextWorkingDayOnOrAfter,
} from '../../../src/domain/calendar/working-calendar.js';

const ew = createWorkingCalendar({ nation: 'england-and-wales' });

describe('working calendar (conventions.md "Calendar")', () => {
  it('Monday to Friday that is not a bank holiday of the nation', () => {
    expect(ew.isWorkingDay('2027-12-24')).toBe(true);
    expect(ew.isWorkingDay('2027-12-25')).toBe(false);
    expect(ew.isWorkingDay('2027-12-27')).toBe(false);
    expect(ew.isWorkingDay('2027-12-28')).toBe(false);
    expect(ew.isWorkingDay('2027-12-29')).toBe(true);
    expect(ew.isWorkingDay('2027-12-31')).toBe(true);
    expect(ew.isWorkingDay('2028-01-03')).toBe(false);
    expect(ew.holidayName('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(ew.holidayName('2027-12-29')).toBeUndefined();
  });

  it('nation is selectable: 2 January and St Andrew\'s Day in Scotland, St Patrick\'s Day in NI', () => {
    const sc = createWorkingCalendar({ nation: 'scotland' });
    const ni = createWorkingCalendar({ nation: 'northern-ireland' });
    expect(sc.isWorkingDay('2026-01-02')).toBe(false);
    expect(ew.isWorkingDay('2026-01-02')).toBe(true);
    expect(sc.isWorkingDay('2026-11-30')).toBe(false);
    expect(sc.isWorkingDay('2026-04-06')).toBe(true); // no Easter Monday in Scotland
    expect(ni.isWorkingDay('2026-03-17')).toBe(false);
    expect(ni.isWorkingDay('2026-07-13')).toBe(false); // 12 July 2026 is a Sunday
  });

  it('council closure days are not working days and are named', () => {
    const cal = createWorkingCalendar({ nation: 'england-and-wales', closureDays: [{ date: '2026-12-29', name: 'Council closure' }] });
    expect(cal.isWorkingDay('2026-12-29')).toBe(false);
    expect(cal.holidayName('2026-12-29')).toBe('Council closure');
    expect(() => createWorkingCalendar({ nation: 'england-and-wales', closureDays: [{ date: '2026-02-30', name: 'x' }] })).toThrow();
  });

  it('next / latest working day around Christmas 2027', () => {
    expect(nextWorkingDayOnOrAfter(ew, '2027-12-25')).toBe('2027-12-29');
    expect(nextWorkingDayOnOrAfter(ew, '2027-12-29')).toBe('2027-12-29');
    expect(latestWorkingDayOnOrBefore(ew, '2027-12-28')).toBe('2027-12-24');
    expect(latestWorkingDayOnOrBefore(ew, '2028-01-03')).toBe('2027-12-31');
  });

  it('addWorkingDays counts from the day after', () => {
    expect(addWorkingDays(ew, '2027-12-23', 1)).toBe('2027-12-24');
    expect(addWorkingDays(ew, '2027-12-23', 2)).toBe('2027-12-29');
    expect(addWorkingDays(ew, '2027-12-29', -2)).toBe('2027-12-23');
    expect(addWorkingDays(ew, '2027-12-25', 0)).toBe('2027-12-25');
  });
});
