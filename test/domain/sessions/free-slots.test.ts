import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { freeSlots } from '../../../src/domain/sessions/free-slots.js';

const cal = createWorkingCalendar({ nation: 'england-and-wales' });
const base = { calendar: cal, minutes: 90, dayStart: '09:00', dayEnd: '17:00', preferredTime: '10:00', busy: [] as { start: string; end: string }[] };

describe('free slots for a rebooking (Camden §6 Postponement, §7 (L102, L142))', () => {
  it('offers the agreed time on each working day, skipping the weekend and Christmas bank holidays', () => {
    // Wed 23 Dec 2026 → Camden's 3-working-day deadline is Wed 30 Dec (25 and 28 Dec are bank holidays).
    const slots = freeSlots({ ...base, from: '2026-12-24', until: '2026-12-30' });
    expect(slots.map((s) => s.date)).toEqual(['2026-12-24', '2026-12-29', '2026-12-30']);
    expect(slots.every((s) => s.start === '10:00')).toBe(true);
    expect(slots[0]?.startUtc).toBe('2026-12-24T10:00:00Z');
  });

  it('moves to the nearest free time when the agreed time is busy, and keeps local time in summer', () => {
    const slots = freeSlots({ ...base, from: '2026-06-10', until: '2026-06-10', busy: [{ start: '2026-06-10T08:30:00Z', end: '2026-06-10T10:00:00Z' }] });
    // 10:00 BST is 09:00Z, busy; 11:00 BST (10:00Z) is the nearest free start after the meeting.
    expect(slots).toEqual([{ date: '2026-06-10', start: '11:00', startUtc: '2026-06-10T10:00:00Z', endUtc: '2026-06-10T11:30:00Z' }]);
  });

  it('gives nothing when both people are busy all day', () => {
    expect(freeSlots({ ...base, from: '2026-06-10', until: '2026-06-10', busy: [{ start: '2026-06-10T07:00:00Z', end: '2026-06-10T17:00:00Z' }] })).toEqual([]);
  });

  it('property: every slot is on a working day, inside working hours, clear of busy time, in date order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 9 }), hour: fc.integer({ min: 6, max: 18 }), len: fc.integer({ min: 15, max: 300 }) }), { maxLength: 12 }),
        (offset, meetings) => {
          const from = new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
          const until = new Date(Date.UTC(2025, 0, 1) + (offset + 9) * 86_400_000).toISOString().slice(0, 10);
          const busy = meetings.map((m) => {
            const start = Date.UTC(2025, 0, 1) + (offset + m.day) * 86_400_000 + m.hour * 3_600_000;
            return { start: new Date(start).toISOString().replace('.000', ''), end: new Date(start + m.len * 60_000).toISOString().replace('.000', '') };
          });
          const slots = freeSlots({ ...base, from, until, busy, limit: 10 });
          const dates = slots.map((s) => s.date);
          expect([...dates].sort()).toEqual(dates);
          for (const s of slots) {
            expect(cal.isWorkingDay(s.date)).toBe(true);
            expect(s.start >= '09:00' && s.start <= '15:30').toBe(true);
            const a = Date.parse(s.startUtc);
            const b = Date.parse(s.endUtc);
            for (const m of busy) expect(Date.parse(m.start) < b && a < Date.parse(m.end)).toBe(false);
          }
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
