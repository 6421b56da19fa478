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
});
