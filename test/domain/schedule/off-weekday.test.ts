import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { offWeekdayReasons } from '../../../src/domain/schedule/off-weekday.js';
import { generateYearSchedule } from '../../../src/domain/schedule/year-schedule.js';
import { resolvePhases } from '../../../src/policy/resolve-phases.js';
import { getPack } from '../../../src/policy/packs.js';

/** Issue 15 item 5: every session off the agreed weekday says why, by the generator's own reasons. */
const calendar = createWorkingCalendar({ nation: 'england-and-wales' });
const sefton = getPack('sefton');

function year(agreementDate: string, weekday: 1 | 2 | 3 | 4 | 5, busy: { start: string; end: string }[] = []) {
  const r = resolvePhases(sefton, 'social-worker', { employmentStart: '2024-05-01', agreementDate });
  const result = generateYearSchedule({ phases: r.phases, from: r.from, until: r.until, weekday, time: '10:00', minutes: 90, calendar, busy });
  if (!result.ok) throw new Error(result.failure.reason);
  const dates = result.sessions.map((s) => s.date);
  return { dates, reasons: offWeekdayReasons({ phases: r.phases, from: r.from, until: r.until, weekday, time: '10:00', calendar, dates }) };
}

describe('why a session is not on the agreed weekday', () => {
  it('every session off the agreed weekday has a reason, and none on it', () => {
    for (const [start, weekday] of [['2026-12-02', 2], ['2027-01-04', 1], ['2026-03-31', 5], ['2026-08-26', 4]] as const) {
      const { dates, reasons } = year(start, weekday);
      for (const d of dates) expect(reasons.has(d), `${start} ${d}`).toBe(new Date(`${d}T12:00:00Z`).getUTCDay() !== weekday % 7);
    }
  });

  it('a bank holiday: Monday sessions around Easter and Christmas name the holiday', () => {
    const { reasons } = year('2026-12-02', 1);
    const all = [...reasons.values()].join('\n');
    expect(all).toMatch(/Monday \d{1,2} \w+ 202[67] is a bank holiday \(/);
  });

  it('a clash in either calendar: the agreed day busy at that time is said to be', () => {
    // Every Tuesday in March 2027 is busy at 10:00 for one of the two.
    const busy = ['2027-03-02', '2027-03-09', '2027-03-16', '2027-03-23', '2027-03-30'].map((d) => ({ start: `${d}T09:30:00Z`, end: `${d}T12:00:00Z` }));
    const { dates, reasons } = year('2026-12-02', 2, busy);
    const march = dates.find((d) => d.startsWith('2027-03') || (d >= '2027-02-24' && d <= '2027-03-31' && reasons.has(d)));
    expect(march).toBeDefined();
    expect(reasons.get(march!)).toMatch(/^not on a Tuesday: Tuesday \d{1,2} March 2027 at 10:00 clashed with something in one of your calendars$/);
  });

  it('the period\'s rule: the last session of the year cannot wait for the agreed weekday', () => {
    const { reasons } = year('2026-12-02', 4);
    const lines = [...reasons.values()];
    expect(lines.some((l) => /the policy asks for a session between|after the agreement's year ends|before sessions start/.test(l))).toBe(true);
    for (const l of lines) expect(l).not.toMatch(/\d{4}-\d{2}-\d{2}|SE-|L\d/);
  });

  it('the first session (issue 15 item 5): early, and when the calendars push it off the agreed weekday, the reason is true', () => {
    // Wednesdays agreed from Wednesday 2 December 2026: the 2nd and 9th and the days near them are busy, so the
    // first session is Tuesday 15 December, the last day of the first two weeks; Wednesday 16 is free but too late.
    const busy = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14'].map(
      (d) => ({ start: `${d}T00:00:00Z`, end: `${d}T23:59:00Z` }),
    );
    const { dates, reasons } = year('2026-12-02', 3, busy);
    expect(dates[0]).toBe('2026-12-15');
    expect(reasons.get('2026-12-15')).toBe(
      'not on a Wednesday: the first session comes within two weeks of the start on Wednesday 2 December 2026, and Wednesday 16 December 2026 falls after them',
    );
    // With the agreed day busy in its own week, the clash is the reason.
    const clash = year('2026-12-02', 2, [{ start: '2026-12-08T00:00:00Z', end: '2026-12-08T23:59:00Z' }, { start: '2026-12-15T00:00:00Z', end: '2026-12-15T23:59:00Z' }]);
    expect(clash.dates[0]).toBe('2026-12-07');
    expect(clash.reasons.get('2026-12-07')).toBe('not on a Tuesday: Tuesday 8 December 2026 at 10:00 clashed with something in one of your calendars');
    // With nothing busy, the first session is the first agreed Tuesday and needs no reason.
    expect(year('2026-12-02', 2).dates[0]).toBe('2026-12-08');
  });
});
