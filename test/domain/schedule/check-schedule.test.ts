import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { checkSchedule } from '../../../src/domain/schedule/check-schedule.js';
import { centralBedfordshire, seftonBiMonthly, seftonSocialWorker } from './phase-sets.js';

const ew = createWorkingCalendar({ nation: 'england-and-wales' });

describe('checkSchedule: what an Outlook move breaks', () => {
  const cb = centralBedfordshire('2026-01-07', '2027-01-07');
  const cbDates = [
    '2026-01-20', '2026-02-03', '2026-02-17', '2026-03-03', '2026-03-17', '2026-03-31', '2026-04-14', '2026-04-28',
    '2026-05-26', '2026-06-23', '2026-07-21', '2026-08-18', '2026-09-15', '2026-10-13', '2026-11-10', '2026-12-08', '2027-01-05',
  ];

  it('a valid CB schedule has no violation (without a window the phases\' span is judged)', () => {
    expect(checkSchedule(cb, cbDates, undefined, ew)).toEqual([]);
  });

  it('CB-F1 (000 §10 L105): moving a fortnightly session two days later breaks the 14-day gap', () => {
    const moved = cbDates.map((d) => (d === '2026-02-17' ? '2026-02-19' : d));
    expect(checkSchedule(cb, moved, undefined, ew)).toEqual([
      {
        kind: 'max-gap',
        rule: 'rules.md CB-F1 / 000 §10 (L105)',
        phaseId: 'cb-first-4-months',
        from: '2026-02-04',
        to: '2026-02-17',
        reason: 'First 4 months: at most 14 days between sessions, so after the session on Tue 3 Feb 2026 a session was due by Tue 17 Feb 2026, but the next is on Thu 19 Feb 2026.',
      },
    ]);
  });

  it('CB-F2 (000 §10 L106): a cancelled session with nothing booked after it', () => {
    const v = checkSchedule(cb, cbDates.slice(0, -3), undefined, ew);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ kind: 'max-gap', rule: 'rules.md CB-F2 / 000 §10 (L106)', from: '2026-10-14', to: '2026-11-10' });
    expect(v[0]?.reason).toContain('none is booked');
  });

  it('a new starter with no session: the first is due within the first gap from the start', () => {
    const v = checkSchedule(cb, [], undefined, ew);
    expect(v[0]).toMatchObject({ kind: 'max-gap', from: '2026-01-07', to: '2026-01-21' });
  });

  it('conventions.md "Calendar": a session moved to a bank holiday is flagged with the holiday', () => {
    const v = checkSchedule(seftonSocialWorker('2026-01-01', '2027-01-01'), ['2026-01-20', '2026-02-17', '2026-03-17', '2026-04-06'], undefined, ew, {
      from: '2026-01-01',
      until: '2026-05-01',
    });
    expect(v).toEqual([
      { kind: 'non-working-day', rule: 'conventions.md "Calendar"', phaseId: 'se-sw', from: '2026-04-06', to: '2026-04-06', reason: 'Mon 6 Apr 2026 is not a working day (Easter Monday).' },
    ]);
  });

  it('SE-F6 (004 ¶3.8 L90): a calendar month period without a session', () => {
    const v = checkSchedule(seftonSocialWorker('2026-01-01', '2026-05-01'), ['2026-01-20', '2026-03-17', '2026-04-14'], undefined, ew);
    expect(v).toEqual([
      {
        kind: 'per-period',
        rule: 'rules.md SE-F6 / 004 ¶3.8 (L90)',
        phaseId: 'se-sw',
        from: '2026-02-01',
        to: '2026-02-28',
        reason: 'Social worker: the period Sun 1 Feb 2026 to Sat 28 Feb 2026 has no session.',
      },
    ]);
  });

  it('K8: two sessions a calendar month apart do not break bi-monthly; 57 days apart break the 8-week floor', () => {
    const phases = seftonBiMonthly('2026-01-05', '2026-07-05');
    expect(checkSchedule(phases, ['2026-01-06', '2026-03-03', '2026-04-28', '2026-06-23'], undefined, ew)).toEqual([]);
    const v = checkSchedule(phases, ['2026-01-06', '2026-03-04', '2026-04-28', '2026-06-23'], undefined, ew);
    expect(v.map((x) => x.kind)).toEqual(['max-gap']);
    expect(v[0]?.to).toBe('2026-03-03');
  });

  it('the previous session counts for the first gap and the first period', () => {
    const phases = seftonSocialWorker('2025-12-15', '2026-03-15');
    expect(checkSchedule(phases, ['2026-02-10', '2026-03-10'], '2025-12-16', ew, { from: '2026-01-05', until: '2026-03-15' })).toEqual([]);
    expect(checkSchedule(phases, ['2026-02-10', '2026-03-10'], undefined, ew, { from: '2026-01-05', until: '2026-03-15' })).toHaveLength(1);
  });
});
