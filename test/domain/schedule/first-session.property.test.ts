import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import type { IsoWeekday } from '../../../src/domain/calendar/types.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { AppError } from '../../../src/domain/errors.js';
import type { BusyInterval } from '../../../src/domain/schedule/types.js';
import { generateYearSchedule } from '../../../src/domain/schedule/year-schedule.js';
import { allPacks } from '../../../src/policy/packs.js';
import { resolvePhases } from '../../../src/policy/resolve-phases.js';
import { iso, ms } from './reference.js';

/*
 * Issue 15 item 5 ("the first session of a new relationship is within the first period's first
 * two weeks unless a calendar clash or the pack's rule says otherwise"), over every pack and role:
 * for any start, employment start and agreed weekday, with the agreed time busy on any of the
 * first fourteen days, the first session is in those two weeks (a fortnight as conventions.md K5
 * counts it) unless every working day in them is busy; it is never later than the first free
 * agreed weekday in them (K6 prefers the agreed weekday, and the first period's K5/K4 bound may
 * come sooner); and the rest of the year still keeps every rule (the generator checks its own
 * schedule and throws otherwise).
 */

const packs = allPacks();
const calendars = new Map(packs.map((p) => [p.id, createWorkingCalendar({ nation: p.nation })]));

const caseArb = fc.record({
  pack: fc.integer({ min: 0, max: packs.length - 1 }),
  role: fc.nat(),
  startDay: fc.integer({ min: ms('2025-01-01') / 86_400_000, max: ms('2034-12-31') / 86_400_000 }),
  // A new employee (0) or someone part-way through their phases.
  employedDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 900 })),
  weekday: fc.integer({ min: 1, max: 7 }).map((w) => w as IsoWeekday),
  // Each of the first fourteen days busy at the agreed time or not; one case in six has them all busy.
  busyDays: fc.oneof(
    { weight: 5, arbitrary: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }) },
    { weight: 1, arbitrary: fc.constant(Array.from({ length: 14 }, () => true)) },
  ),
  agreedWeeks: fc.integer({ min: 1, max: 8 }),
});

describe('issue 15 item 5: the first session of a new relationship, every pack and role', () => {
  it('is in the first two weeks unless the calendars fill them, and never after the first free agreed weekday there', () => {
    let inWindow = 0;
    let crowdedOut = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const pack = packs[c.pack]!;
        const role = pack.roles[c.role % pack.roles.length]!;
        const from = iso(c.startDay * 86_400_000);
        let resolved;
        try {
          resolved = resolvePhases(pack, role.id, {
            employmentStart: addDays(from, -c.employedDays),
            agreementDate: from,
            agreedFrequency: { kind: 'max-gap', days: c.agreedWeeks * 7 },
          });
        } catch (e) {
          if (e instanceof AppError) return; // a role the policy leaves unscheduled (BU-F1): nothing to place
          throw e;
        }
        const calendar = calendars.get(pack.id)!;
        const window = Array.from({ length: 14 }, (_, i) => addDays(from, i));
        const busyDates = window.filter((_, i) => c.busyDays[i]);
        const busy: BusyInterval[] = busyDates.map((d) => ({ start: `${d}T00:00:00Z`, end: `${addDays(d, 1)}T00:00:00Z` }));
        const result = generateYearSchedule({ phases: resolved.phases, from, until: resolved.until, weekday: c.weekday, time: '10:00', minutes: 60, calendar, busy });
        if (!result.ok) {
          // Only when the first period or gap ends inside the two weeks and every working day before it is busy.
          for (let d = result.failure.windowFrom; d <= result.failure.windowTo; d = addDays(d, 1)) {
            expect(calendar.isWorkingDay(d) && !busyDates.includes(d)).toBe(false);
          }
          return;
        }
        const first = result.sessions[0]?.date;
        if (first === undefined) return; // no rule asks for a session this year
        const free = window.filter((d) => calendar.isWorkingDay(d) && !busyDates.includes(d));
        if (free.length === 0) {
          crowdedOut += 1;
          expect(first > window[13]!).toBe(true);
          return;
        }
        inWindow += 1;
        expect(first >= from && first <= window[13]!, `${pack.id} ${role.id} from ${from}: first ${first}`).toBe(true);
        const agreed = free.find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === c.weekday % 7);
        if (agreed !== undefined) expect(first <= agreed, `${pack.id} ${role.id} from ${from}: first ${first}, agreed ${agreed}`).toBe(true);
      }),
      { numRuns: 400, seed: 20261202 },
    );
    expect(inWindow).toBeGreaterThan(200);
    expect(crowdedOut).toBeGreaterThan(20);
  });
});
