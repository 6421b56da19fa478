/**
 * The rules issue 14 found missing or mis-applied (a–f), each named after the policy words and
 * the convention it rests on (rules.md, conventions.md).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { termWarnings } from '../../src/conversation/agreements/present.js';
import { validateAgreementForm, type AgreementForm, type FormContext } from '../../src/domain/agreements/form.js';
import { checkSchedule } from '../../src/domain/schedule/check-schedule.js';
import { generateYearSchedule } from '../../src/domain/schedule/year-schedule.js';
import { getPack } from '../../src/policy/packs.js';
import { resolvePhases } from '../../src/policy/resolve-phases.js';
import { sessionLengthCheck } from '../../src/policy/session-length.js';
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

describe('b. record deadlines by kind of session: Buckinghamshire\'s 5 working days are for case supervision notes only', () => {
  const history = (kind: 'personal' | 'case') => ({ agreement: { role: 'social-worker', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-07', status: 'held' as const, kind }] });
  it('BU-D1 Buckinghamshire Recording of Supervision (L42): a case supervision is recorded within 5 working days', () => {
    expect(only(obligations('buckinghamshire', history('case'), '2025-02-01'), 'record-shared')).toMatchObject([{ due: '2025-01-14', status: 'breached' }]);
  });
  it('BU-D2 Buckinghamshire Recording of Supervision (L40): a personal supervision record has no day limit, so no deadline', () => {
    const list = only(obligations('buckinghamshire', history('personal'), '2025-02-01'), 'record-shared');
    expect(list.filter((o) => o.due !== null)).toEqual([]);
    expect(list).toMatchObject([{ status: 'not-specified', severity: 'none' }]);
  });
  it('SE-D1 Sefton ¶6.2 (L228): the welfare record deadline is for personal and reflective supervision, not for group sessions', () => {
    const list = only(obligations('sefton', { agreement: { role: 'social-worker', employmentStart: '2024-01-06', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-07', status: 'held', kind: 'group' }, { date: '2025-01-21', status: 'held', kind: 'personal' }] }, '2025-02-10'), 'record-shared');
    expect(list.filter((o) => o.due !== null).map((o) => o.subject)).toEqual(['session-2025-01-21']);
    expect(getPack('sefton').deadlines.recordShared).toMatchObject({ value: { kinds: ['personal', 'reflective'] } });
    expect(getPack('buckinghamshire').deadlines.recordShared).toMatchObject({ value: { kinds: ['case'] } });
  });
});

describe('c. a frequency the policy leaves to agreement is held by the agreement; missing, it is a breach to fix', () => {
  const base = { role: 'agency-under-10-hours', employmentStart: '2025-01-06', agreementDate: '2025-01-06' };
  it('CB-F7 Central Bedfordshire §10 (L111): no agreed frequency in the agreement is a breach from the outset, not "not specified"', () => {
    const list = only(obligations('central-bedfordshire', { agreement: base, sessions: [{ date: '2025-01-07', status: 'held' }] }, '2025-02-01'), 'session-frequency');
    expect(list).toMatchObject([{ subject: 'agreed-frequency', status: 'breached', severity: 'breach', due: '2025-01-06' }]);
    expect(list[0]?.rule).toMatch(/^CB-F7 Central Bedfordshire §10 \(L111\)/);
  });
  it('CB-F7 Central Bedfordshire §10 (L111): the frequency agreed in the agreement (every 6 weeks) is what the year is judged and booked by', () => {
    const list = only(obligations('central-bedfordshire', { agreement: { ...base, agreedFrequency: { kind: 'max-gap', days: 42 } }, sessions: [{ date: '2025-01-07', status: 'held' }] }, '2025-03-01'), 'session-frequency');
    expect(list.find((o) => o.subject === 'agreed-at-outset/after-2025-01-07')).toMatchObject({ due: '2025-02-18', status: 'breached' });
    const r = resolvePhases(getPack('central-bedfordshire'), 'agency-under-10-hours', { employmentStart: '2025-01-06', agreementDate: '2025-01-06', agreedFrequency: { kind: 'max-gap', days: 42 } });
    const s = generateYearSchedule({ phases: r.phases, from: r.from, until: r.until, weekday: 2, time: '10:00', minutes: 90, calendar: ew, busy: [] });
    if (!s.ok) throw new Error('no schedule');
    const dates = s.sessions.map((x) => x.date);
    // The first in the first two weeks (issue 15 item 5), then at most 42 days apart: 9 in the year.
    expect(dates[0]).toBe('2025-01-07');
    expect(dates).toHaveLength(9);
    expect(dates.every((d, i) => i === 0 || (Date.parse(d) - Date.parse(dates[i - 1] ?? d)) / 86_400_000 <= 42)).toBe(true);
    expect(getPack('central-bedfordshire').roles.find((x) => x.id === 'agency-under-10-hours')?.phases[0]?.frequency).toMatchObject({ value: { kind: 'as-agreed' }, modality: 'must' });
  });
});

describe('c. (as the two people make it) the agreement card asks for the agreed frequency and `schedule` takes it', () => {
  const supervisor = { id: 'tm', displayName: 'Tariq Manager' };
  const ag = { id: 'ag', displayName: 'Ash Agency', jobTitle: 'Agency Social Worker' };
  const ctx: FormContext = { pack: getPack('central-bedfordshire'), supervisor, today: '2026-11-23', supervisee: ag, superviseeIsReport: true, managerChain: [{ id: 'sm', displayName: 'Sasha Senior' }] };
  const form: AgreementForm = {
    agreementId: 'agr-00000002', superviseeId: 'ag', rolePhase: 'agency-under-10-hours/agreed-at-outset', employmentStart: '2026-11-30', agreementDate: '2026-11-30', weekday: '2', time: '10:00',
    minutes: '90', format: 'teams', location: '', keyTasks: 'Duty', othersWhoMaySee: '', seniorManagerId: 'sm', reviewDate: '2027-11-30',
  };
  it('CB-F7 Central Bedfordshire §10 (L111) "agreed at outset": the form refuses an agreement without the agreed frequency, and keeps the one chosen', () => {
    const without = validateAgreementForm(form, ctx);
    expect(without.ok ? undefined : without.errors.agreedFrequency).toMatch(/Please give the frequency you agree/);
    const withIt = validateAgreementForm({ ...form, agreedFrequency: 'every-6-weeks' }, ctx);
    expect(withIt.ok && withIt.terms.agreedFrequency).toEqual({ kind: 'max-gap', days: 42 });
  });
  it('CB-F7 Central Bedfordshire §10 (L111): `schedule` refuses the role without --agreed-frequency and books by it with one', () => {
    const args = ['schedule', '--policy', 'central-bedfordshire', '--role', 'agency-under-10-hours', '--start', '2027-01-04'];
    expect(runCli(args)).toMatchObject({ code: 3, stderr: expect.stringMatching(/leaves how often .* to the agreement \(CB-F7/) });
    const out = runCli([...args, '--agreed-frequency', 'every-6-weeks']);
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as { rule: string }[])[0]?.rule).toMatch(/CB-F7 .*as agreed: at least every 6 weeks/);
  });
});

describe('f. minimum session lengths: a should gives a warning, a must a refusal (rules.md §0 modality)', () => {
  const supervisor = { id: 'tm', displayName: 'Tariq Manager' };
  const nq = { id: 'nq', displayName: 'Nia Newly', jobTitle: 'Newly Qualified Social Worker' };
  const ctx: FormContext = { pack: getPack('sefton'), supervisor, today: '2026-11-23', supervisee: nq, superviseeIsReport: true, managerChain: [{ id: 'sm', displayName: 'Sasha Senior' }] };
  const form: AgreementForm = {
    agreementId: 'agr-00000001', superviseeId: 'nq', rolePhase: 'nqsw/weekly', employmentStart: '2026-11-30', agreementDate: '2026-11-30', weekday: '1', time: '10:00',
    minutes: '60', format: 'teams', location: '', keyTasks: 'Assessments', othersWhoMaySee: '', seniorManagerId: 'sm', reviewDate: '2027-11-30',
  };
  it('SE-F10 Sefton ¶3.12 (L98) "should be at least 90 minutes": a 60-minute NQSW agreement is accepted with a warning on the form', () => {
    const result = validateAgreementForm(form, ctx);
    expect(result.ok).toBe(true);
    expect(result.warnings?.minutes).toMatch(/should be at least 90 minutes/);
  });
  it('SE-F10 Sefton ¶3.12 (L98): the agreement card both people read carries the same warning', () => {
    const result = validateAgreementForm(form, ctx);
    if (!result.ok) throw new Error('refused');
    expect(sessionLengthCheck(getPack('sefton'), result.terms.roleId, result.terms.minutes)).toMatchObject({ warning: expect.stringMatching(/should be at least 90 minutes/) });
    const agreement = { id: 'agr-00000001', terms: result.terms, status: 'awaiting-supervisee' as const, signatures: {}, comments: [], createdAt: '2026-11-23T10:00:00Z', updatedAt: '2026-11-23T10:00:00Z' };
    expect(termWarnings(agreement, getPack('sefton'))).toMatchObject([{ text: expect.stringMatching(/^Sessions of 60 minutes are shorter than the 90 minutes/), why: { quote: 'Supervision meetings should be at least 90 minutes.' } }]);
    expect(termWarnings({ ...agreement, terms: { ...result.terms, minutes: 90 } }, getPack('sefton'))).toEqual([]);
  });
  it('SE-F6 Sefton ¶3.8 (L90) "shall be planned for a minimum of 90 minutes": 60 minutes for a social worker is refused', () => {
    const result = validateAgreementForm({ ...form, rolePhase: 'social-worker/monthly' }, ctx);
    expect(result.ok ? undefined : result.errors.minutes).toMatch(/must be at least 90 minutes/);
    expect(sessionLengthCheck(getPack('sefton'), 'social-worker', 60)).toMatchObject({ refusal: expect.stringMatching(/below the minimum of 90 minutes/) });
  });
  it('SE-F10 Sefton ¶3.12 (L98): `schedule --duration 60` for an NQSW books the year and says why 60 minutes falls short', () => {
    const out = runCli(['schedule', '--policy', 'sefton', '--role', 'nqsw', '--start', '2027-01-04', '--duration', '60']);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^warning: .*should be at least 90 minutes .*SE-F10 Sefton ¶3\.12 \(L98\)/);
  });
});
