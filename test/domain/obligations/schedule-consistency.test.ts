import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from '../../../src/domain/calendar/local-date.js';
import type { IsoWeekday } from '../../../src/domain/calendar/types.js';
import { computeObligations } from '../../../src/domain/obligations/index.js';
import { generateYearSchedule } from '../../../src/domain/schedule/year-schedule.js';
import { allPacks, getPack } from '../../../src/policy/packs.js';
import { resolvePhases } from '../../../src/policy/resolve-phases.js';
import { ew } from '../../policy/helpers.js';

const schedulable = allPacks().flatMap((p) => p.roles.filter((r) => {
  try {
    resolvePhases(p, r.id, { employmentStart: '2025-01-06', agreementDate: '2025-01-06' });
    return true;
  } catch {
    return false;
  }
}).map((r) => ({ pack: p.id, role: r.id })));

describe('obligations agree with the schedule generator', () => {
  it('holding every generated session leaves no session-frequency obligation late, at any day of the year', () => {
    fc.assert(fc.property(
      fc.constantFrom(...schedulable),
      fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2035-12-31') }).map(fromDayNumber),
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 })),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 364 }),
      (target, start, after, weekday, atOffset) => {
        const agreementDate = addDays(start, after);
        const r = resolvePhases(getPack(target.pack), target.role, { employmentStart: start, agreementDate });
        const s = generateYearSchedule({ phases: r.phases, from: r.from, until: r.until, weekday: weekday as IsoWeekday, time: '10:00', minutes: 90, calendar: ew, busy: [] });
        if (!s.ok) throw new Error(s.failure.reason);
        const at = addDays(r.from, atOffset);
        const list = computeObligations(getPack(target.pack), {
          agreement: { role: target.role, employmentStart: start, agreementDate },
          sessions: s.sessions.map((x) => ({ date: x.date, status: 'held' as const, record: { sharedOn: x.date, signedBySupervisor: x.date, signedBySupervisee: x.date } })),
        }, at);
        const late = list.filter((o) => (o.kind === 'session-frequency' || o.kind === 'record-shared' || o.kind === 'record-signed') && (o.status === 'breached' || o.status === 'overdue'));
        expect(late).toEqual([]);
      },
    ), { numRuns: 400 });
  });
});
