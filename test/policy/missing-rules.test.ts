/**
 * The rules issue 14 found missing or mis-applied (a–f), each named after the policy words and
 * the convention it rests on (rules.md, conventions.md).
 */
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../src/domain/schedule/check-schedule.js';
import { generateYearSchedule } from '../../src/domain/schedule/year-schedule.js';
import { getPack } from '../../src/policy/packs.js';
import { resolvePhases } from '../../src/policy/resolve-phases.js';
import { ew, obligations, only } from './helpers.js';

describe('a. conventions.md K5 "periods are cut at the phase end": a period crossing the end of the booked year is cut there, not dropped', () => {
  const year = () => {
    const r = resolvePhases(getPack('sefton'), 'nqsw', { employmentStart: '2027-01-04', agreementDate: '2027-01-04' });
    return { r, result: generateYearSchedule({ phases: r.phases, from: r.from, until: r.until, weekday: 1, time: '10:00', minutes: 90, calendar: ew, busy: [] }) };
  };
  it('SE-F10 Sefton ¶3.12 (L98) from Monday 4 January 2027: 6 weekly, 13 fortnightly, then 5 monthly sessions, the last in the period cut at 4 January 2028', () => {
    const { result } = year();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byPhase = (id: string) => result.sessions.filter((s) => s.phaseId === id).length;
    expect([byPhase('weekly'), byPhase('fortnightly'), byPhase('monthly')]).toEqual([6, 13, 5]);
    expect(result.sessions).toHaveLength(24);
    const last = result.sessions.at(-1)?.date ?? '';
    // [15 Dec 2027, 15 Jan 2028) cut at the year's end; 27, 28 Dec and 3 Jan are bank holidays.
    expect(last >= '2027-12-15' && last < '2028-01-04').toBe(true);
    expect(ew.isWorkingDay(last)).toBe(true);
  });
  it('SE-F10 Sefton ¶3.12 (L98): the check reports a year whose cut last period has no session', () => {
    const { r, result } = year();
    if (!result.ok) throw new Error('no schedule');
    const without = result.sessions.slice(0, -1).map((s) => s.date);
    const violations = checkSchedule(r.phases, without, undefined, ew, { from: r.from, until: r.until });
    expect(violations.map((v) => [v.kind, v.from, v.to])).toEqual([['per-period', '2027-12-15', '2028-01-03']]);
  });
  it('SE-F10 Sefton ¶3.12 (L98): the next year needs nothing more in the period the last session already covers', () => {
    const { result } = year();
    if (!result.ok) throw new Error('no schedule');
    const last = result.sessions.at(-1)?.date ?? '';
    const next = resolvePhases(getPack('sefton'), 'nqsw', { employmentStart: '2027-01-04', agreementDate: '2028-01-04' });
    const following = generateYearSchedule({ phases: next.phases, from: next.from, until: next.until, previousSession: last, weekday: 1, time: '10:00', minutes: 90, calendar: ew, busy: [] });
    if (!following.ok) throw new Error('no schedule');
    expect((following.sessions[0]?.date ?? '') >= '2028-01-15').toBe(true);
  });
});

describe('d. Sefton ¶3.2 (L77) "must not be less than once every eight weeks": a must for every role, so a gap over 56 days is a breach', () => {
  it('SE-F2 Sefton ¶3.2 (L77): "any other role" (monthly by the welfare default, a should) breaches after 56 days without supervision', () => {
    const list = only(obligations('sefton', { agreement: { role: 'other-staff', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held' }, { date: '2025-03-31', status: 'held' }] }, '2025-04-01'), 'session-frequency');
    const floor = list.filter((o) => /¶3\.2 \(L77\)/.test(o.rule));
    expect(floor.find((o) => o.status === 'breached')).toMatchObject({ due: '2025-03-03', severity: 'breach', metOn: '2025-03-31' });
  });
  it('SE-F2 Sefton ¶3.2 (L77): residential staff after their first six months breach the floor, not only the monthly default', () => {
    const list = only(obligations('sefton', { agreement: { role: 'residential-staff', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held' }] }, '2025-03-10'), 'session-frequency');
    expect(list.filter((o) => /¶3\.2 \(L77\)/.test(o.rule) && o.status === 'breached')).toHaveLength(1);
  });
  it('SE-F2 Sefton ¶3.2 (L77): the floor binds the schedule too, and the pack states it for every role', () => {
    const pack = getPack('sefton');
    expect(pack.frequencyFloor).toMatchObject({ value: { days: 56 }, modality: 'must', source: { lines: 'L77' } });
    const r = resolvePhases(pack, 'other-staff', { employmentStart: '2024-01-01', agreementDate: '2025-01-06' });
    expect(r.phases.every((p) => p.rules.some((x) => x.kind === 'max-gap' && x.days === 56 && x.modality === 'must'))).toBe(true);
  });
  it('the other councils state no floor for every role (K13: not borrowed from Sefton)', () => {
    for (const id of ['central-bedfordshire', 'leeds', 'buckinghamshire', 'camden']) expect(getPack(id).frequencyFloor).toMatchObject({ notSpecified: true });
  });
});

describe('e. Sefton ¶3.18 (L111) "every 16 sessions they work" (K12): a breach stays after the late session, and the next due point shows', () => {
  const shifts = [
    ...Array.from({ length: 28 }, (_, i) => `2025-02-${String(i + 1).padStart(2, '0')}`),
    ...Array.from({ length: 20 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`),
  ];
  const history = { agreement: { role: 'residential-agency-casual', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-31', status: 'held' as const }, { date: '2025-02-20', status: 'held' as const }], shiftsWorked: shifts };
  it('SE-F15 Sefton ¶3.18 (L111): the session on 20 February came after the 16th shift (16 February): still a breach on 1 March', () => {
    const list = only(obligations('sefton', history, '2025-03-01'), 'session-frequency').filter((o) => o.rule.startsWith('SE-F15'));
    expect(list.find((o) => o.subject === 'shifts-after-2025-01-31')).toMatchObject({ due: '2025-02-16', status: 'breached', metOn: '2025-02-20' });
  });
  it('SE-F15 Sefton ¶3.18 (L111): the next supervision falls due on the 16th rostered shift after 20 February (8 March)', () => {
    const list = only(obligations('sefton', history, '2025-03-01'), 'session-frequency').filter((o) => o.rule.startsWith('SE-F15'));
    expect(list.find((o) => o.subject === 'shifts-after-2025-02-20')).toMatchObject({ due: '2025-03-08', status: 'due' });
  });
});
