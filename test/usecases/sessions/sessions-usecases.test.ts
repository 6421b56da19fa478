import { describe, expect, it } from 'vitest';
import type { AgreementTerms, PlannedSession } from '../../../src/domain/agreements/types.js';
import { londonToUtc } from '../../../src/domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { generateYearSchedule } from '../../../src/domain/schedule/year-schedule.js';
import { getPack } from '../../../src/policy/packs.js';
import { resolvePhases } from '../../../src/policy/resolve-phases.js';
import { checkSessionMove } from '../../../src/usecases/sessions/check-session-move.js';
import { rebookingOffer } from '../../../src/usecases/sessions/rebooking-offer.js';

const session: PlannedSession = {
  sessionId: 'a-s01', agreementId: 'a', date: '2026-12-23', start: '10:00', minutes: 120,
  startUtc: '2026-12-23T10:00:00Z', endUtc: '2026-12-23T12:00:00Z', rule: 'x', status: 'postponed',
};

describe('rebooking a postponed session', () => {
  it('Camden §6 Postponement / §7 (L102, L142): slots up to 3 working days after, skipping Christmas', () => {
    const offer = rebookingOffer({ pack: getPack('camden'), session, postponedOn: '2026-12-23', busy: [] });
    expect(offer.due).toBe('2026-12-30');
    expect(offer.rule).toMatch(/CA-D1/);
    expect(offer.slots.map((s) => s.date)).toEqual(['2026-12-24', '2026-12-29', '2026-12-30']);
  });

  it('busy time of either person is avoided', () => {
    const offer = rebookingOffer({ pack: getPack('camden'), session, postponedOn: '2026-12-23', busy: [{ start: '2026-12-24T00:00:00Z', end: '2026-12-24T23:59:00Z' }] });
    expect(offer.slots.map((s) => s.date)).toEqual(['2026-12-29', '2026-12-30']);
  });

  it('Sefton ¶3.4 sets no day limit ("earliest opportunity"): no due date, the earliest slots are offered', () => {
    const offer = rebookingOffer({ pack: getPack('sefton'), session: { ...session, minutes: 90 }, postponedOn: '2026-12-23', busy: [] });
    expect(offer.due).toBeNull();
    expect(offer.slots[0]?.date).toBe('2026-12-24');
    expect(offer.slots.length).toBeGreaterThan(3);
  });
});

describe('checking a session moved in Outlook against the pack', () => {
  const pack = getPack('sefton');
  const terms: AgreementTerms = {
    policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm', superviseeId: 'sw', employmentStart: '2024-01-08',
    agreementDate: '2026-01-05', weekday: 1, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: '2027-01-05',
  };
  const resolved = resolvePhases(pack, 'social-worker', { employmentStart: terms.employmentStart, agreementDate: terms.agreementDate });
  const result = generateYearSchedule({ phases: resolved.phases, from: resolved.from, until: resolved.until, weekday: 1, time: '10:00', minutes: 90, calendar: createWorkingCalendar({ nation: 'england-and-wales' }), busy: [] });
  if (!result.ok) throw new Error('schedule failed');
  const sessions: PlannedSession[] = result.sessions.map((s, i) => ({ ...s, sessionId: `a-s${i}`, agreementId: 'a', status: 'booked' as const }));

  it('a move within its period keeps SE-F6 Sefton ¶3.8 (monthly, periods anchored at employment start, K5): no violation', () => {
    const third = sessions[2]!;
    expect(third.date).toBe('2026-03-02');
    // The period is [8 Feb, 8 Mar) because periods are anchored at the phase start, 8 Jan 2024.
    const moved = { ...third, date: '2026-03-04', startUtc: londonToUtc('2026-03-04', '10:00'), status: 'moved' as const };
    expect(checkSessionMove(pack, terms, sessions, moved)).toEqual([]);
  });

  it('a move out of its month leaves that month without a session: SE-F6 is broken and cited (and, 63 days after the last, Sefton ¶3.2\'s 8 weeks, SE-F2, a must for every role)', () => {
    const third = sessions[2]!;
    const fourth = sessions[3]!;
    const moved = { ...third, date: fourth.date, status: 'moved' as const };
    const violations = checkSessionMove(pack, terms, sessions, moved);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.map((v) => v.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/^SE-F6 /), expect.stringMatching(/^SE-F2 /)]));
  });

  it('a move onto a bank holiday is reported as a non-working day', () => {
    const may = sessions.find((s) => s.date.startsWith('2026-05'))!;
    const moved = { ...may, date: '2026-05-25', status: 'moved' as const };
    const violations = checkSessionMove(pack, terms, sessions, moved);
    expect(violations.some((v) => v.kind === 'non-working-day' && /not a working day/.test(v.reason))).toBe(true);
  });
});

describe('rebooking a session cancelled ahead of its date', () => {
  it('the Camden deadline counts from the session date, and slots start tomorrow', () => {
    const ahead = { ...session, date: '2027-01-14', startUtc: '2027-01-14T10:00:00Z', endUtc: '2027-01-14T12:00:00Z' };
    const offer = rebookingOffer({ pack: getPack('camden'), session: ahead, postponedOn: '2027-01-04', busy: [], });
    // Thu 14 Jan 2027 + 3 working days = Tue 19 Jan 2027.
    expect(offer.due).toBe('2027-01-19');
    expect(offer.slots[0]?.date).toBe('2027-01-05');
  });
});
