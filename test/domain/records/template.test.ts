import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { nextMeetingDate, recordShareDeadline, standingItemsFor, staffSessionTemplate } from '../../../src/domain/records/template.js';
import { getPack } from '../../../src/policy/packs.js';

const cal = createWorkingCalendar({ nation: 'england-and-wales' });

describe('standing items of a record (Central Bedfordshire §12 (L126): every standing item addressed or not applicable)', () => {
  it('Central Bedfordshire social care staff: the BIC 531 staff items then the BIC 530 case items, in the pack order', () => {
    const items = standingItemsFor(getPack('central-bedfordshire'), 'social-care-staff');
    expect(items).toHaveLength(12 + 6);
    expect(items.slice(0, 12).every((i) => i.agendaId === 'bic-531-staff')).toBe(true);
    expect(items[0]?.key).toBe('bic-531-staff#1');
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  it('admin and domestic staff get the BIC 531 items only', () => {
    const items = standingItemsFor(getPack('central-bedfordshire'), 'admin-domestic');
    expect(items.map((i) => i.agendaId)).toEqual(Array(12).fill('bic-531-staff'));
  });

  it('Sefton social worker: the agreement meeting content and the welfare record questions (App 3, L526-L662)', () => {
    const items = standingItemsFor(getPack('sefton'), 'social-worker');
    expect(items).toHaveLength(3 + 9);
    expect(items.map((i) => i.text)).toContain('How am I feeling?');
  });

  it('an agenda the policy only names adds nothing (Buckinghamshire case preparation, L22)', () => {
    expect(standingItemsFor(getPack('buckinghamshire'), 'social-worker')).toEqual([]);
  });

  it('an unknown role has no standing items rather than failing', () => {
    expect(standingItemsFor(getPack('camden'), 'no-such-role')).toEqual([]);
  });
});

describe('the record template of a staff session', () => {
  it.each([
    ['central-bedfordshire', 'bic-531'],
    ['sefton', 'welfare-supervision-record'],
    ['camden', 'personal-supervision-record'],
    ['leeds', 'supervision-record'],
    ['buckinghamshire', 'personal-supervision-template'],
  ])('%s uses %s (its first staff-session template)', (pack, id) => {
    expect(staffSessionTemplate(getPack(pack)).id).toBe(id);
  });
});

describe('the next meeting date from the schedule', () => {
  const sessions = [
    { sessionId: 'a-s01', date: '2026-01-06', status: 'held' },
    { sessionId: 'a-s02', date: '2026-02-03', status: 'booked' },
    { sessionId: 'a-s03', date: '2026-03-03', status: 'postponed' },
    { sessionId: 'a-s04', date: '2026-04-07', status: 'booked' },
  ];
  it('is the next booked session after this one, skipping postponed ones', () => {
    expect(nextMeetingDate(sessions, sessions[0]!)).toBe('2026-02-03');
    expect(nextMeetingDate(sessions, sessions[1]!)).toBe('2026-04-07');
    expect(nextMeetingDate(sessions, sessions[3]!)).toBeUndefined();
  });

  it('property: the answer is always a later, still planned session, and none lies in between', () => {
    const status = fc.constantFrom('planned', 'booked', 'moved', 'postponed', 'cancelled', 'held');
    fc.assert(fc.property(fc.array(fc.record({ offset: fc.integer({ min: 0, max: 400 }), status }), { minLength: 1, maxLength: 30 }), fc.nat(), (raw, pick) => {
      const list = raw.map((r, i) => ({ sessionId: `x-s${String(i).padStart(2, '0')}`, date: addDays('2026-01-01', r.offset), status: r.status }));
      const current = list[pick % list.length]!;
      const next = nextMeetingDate(list, current);
      const later = list.filter((s) => s.sessionId !== current.sessionId && ['planned', 'booked', 'moved'].includes(s.status) && (s.date > current.date || (s.date === current.date && s.sessionId > current.sessionId)));
      if (later.length === 0) return next === undefined;
      return next !== undefined && next >= current.date && later.every((s) => s.date >= next) && later.some((s) => s.date === next);
    }));
  });
});

describe('when the record must be shared (pack.deadlines.recordShared, K1)', () => {
  it('Sefton ¶6.2 (L228): 5 working days after the session, across a bank holiday', () => {
    const d = recordShareDeadline(getPack('sefton'), cal, '2026-12-23');
    expect(d.due).toBe('2027-01-04'); // 24, 29, 30, 31 Dec, 4 Jan: Christmas, the Boxing Day substitute and New Year skipped
    expect(d.rule).toMatch(/SE-D1 Sefton/);
  });

  it('Central Bedfordshire (cl.5 L244) sets no day limit, and says so', () => {
    const d = recordShareDeadline(getPack('central-bedfordshire'), cal, '2026-12-01');
    expect(d.due).toBeNull();
    expect(d.rule).toMatch(/CB-D9/);
  });

  it('property: the deadline is a working day, after the session, with exactly 5 working days in (session, deadline]', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2000 }), (offset) => {
      const session = addDays('2025-01-01', offset);
      const d = recordShareDeadline(getPack('sefton'), cal, session);
      if (d.due === null) return false;
      let count = 0;
      for (let day = addDays(session, 1); day <= d.due; day = addDays(day, 1)) if (cal.isWorkingDay(day)) count += 1;
      return cal.isWorkingDay(d.due) && d.due > session && count === 5;
    }), { numRuns: 300 });
  });
});
