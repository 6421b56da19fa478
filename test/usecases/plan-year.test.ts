import { describe, expect, it } from 'vitest';
import { nodeIo } from '../../src/cli/io.js';
import { scheduleCommand, type YearEntry } from '../../src/cli/commands/schedule.js';
import type { AgreementTerms } from '../../src/domain/agreements/types.js';
import { isAppError } from '../../src/domain/errors.js';
import { allPacks, getPack } from '../../src/policy/packs.js';
import { planYear, sessionIdFor } from '../../src/usecases/plan-year.js';

const weekdayNames = { 1: 'mon', 2: 'tue', 3: 'wed', 4: 'thu', 5: 'fri' } as const;

function terms(over: Partial<AgreementTerms> = {}): AgreementTerms {
  return {
    policyId: 'sefton',
    roleId: 'social-worker',
    supervisorId: 'sup',
    superviseeId: 'see',
    employmentStart: '2024-09-02',
    agreementDate: '2026-01-05',
    weekday: 2,
    time: '10:00',
    minutes: 90,
    format: { kind: 'teams' },
    keyTasks: '',
    othersWhoMaySee: [],
    reviewDate: '2027-01-05',
    ...over,
  };
}

/** The supervision sessions of `supervision schedule` (its reviews and milestones are booked apart). */
function cli(t: AgreementTerms): YearEntry[] {
  const args = ['--policy', t.policyId, '--role', t.roleId, '--start', t.employmentStart, '--agreement-date', t.agreementDate];
  args.push('--weekday', weekdayNames[t.weekday as 1 | 2 | 3 | 4 | 5], '--time', t.time, '--duration', String(t.minutes));
  if (t.progressReviewDate) args.push('--progress-review', t.progressReviewDate);
  return (JSON.parse(scheduleCommand(args, nodeIo).stdout) as YearEntry[]).filter((e) => e.kind === 'supervision');
}

function outcome<T>(run: () => T): { ok: true; value: T } | { ok: false; code: string } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code };
    throw error;
  }
}

describe('planYear', () => {
  it('gives the same dates, times and rules as `supervision schedule` for every pack and role', () => {
    let compared = 0;
    for (const pack of allPacks()) {
      for (const role of pack.roles) {
        for (const [employmentStart, agreementDate, weekday] of [
          ['2025-10-06', '2025-10-06', 1],
          ['2023-04-03', '2026-03-20', 4],
        ] as const) {
          const planned = role.sessionLength.planned;
          const minutes = 'value' in planned && typeof planned.value === 'number' ? planned.value : 90;
          const t = terms({ policyId: pack.id, roleId: role.id, employmentStart, agreementDate, weekday, minutes, progressReviewDate: '2026-01-12' });
          const fromCli = outcome(() => cli(t));
          const fromPlan = outcome(() => planYear({ pack, terms: t, busy: [], agreementId: 'a1' }));
          expect(fromPlan.ok, `${pack.id}/${role.id}`).toBe(fromCli.ok);
          if (!fromCli.ok || !fromPlan.ok) {
            expect(fromPlan).toEqual(fromCli);
            continue;
          }
          compared++;
          expect(
            fromPlan.value.map((s) => ({ date: s.date, start: s.start, minutes: s.minutes, startUtc: s.startUtc, endUtc: s.endUtc, rule: s.rule })),
            `${pack.id}/${role.id}`,
          ).toEqual(fromCli.value.map((s) => ({ date: s.date, start: s.start, minutes: s.minutes, startUtc: s.startUtc, endUtc: s.endUtc, rule: s.rule })));
        }
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('numbers sessions `${agreementId}-sNN` in date order, all planned', () => {
    const sessions = planYear({ pack: getPack('sefton'), terms: terms(), busy: [], agreementId: 'agr-7' });
    expect(sessions.length).toBeGreaterThanOrEqual(12);
    expect(sessions[0]?.sessionId).toBe('agr-7-s01');
    expect(sessions.map((s) => s.sessionId)).toEqual(sessions.map((_, i) => sessionIdFor('agr-7', i, sessions.length)));
    expect([...sessions].map((s) => s.sessionId).sort()).toEqual(sessions.map((s) => s.sessionId));
    expect(sessions.every((s) => s.status === 'planned' && s.agreementId === 'agr-7')).toBe(true);
    expect([...sessions].map((s) => s.date).sort()).toEqual(sessions.map((s) => s.date));
    expect(sessionIdFor('x', 99, 120)).toBe('x-s100');
    expect(sessionIdFor('x', 0, 120)).toBe('x-s001');
  });

  it('moves a session off busy time in either calendar', () => {
    const free = planYear({ pack: getPack('sefton'), terms: terms(), busy: [], agreementId: 'a' });
    const first = free[0];
    if (!first) throw new Error('no sessions');
    const busy = [{ start: first.startUtc, end: first.endUtc }];
    const moved = planYear({ pack: getPack('sefton'), terms: terms(), busy, agreementId: 'a' });
    expect(moved[0]?.date).not.toBe(first.date);
    for (const s of moved) expect(s.startUtc < first.endUtc && s.endUtc > first.startUtc).toBe(false);
  });

  it('fails with policy_violation naming the rule when both calendars are full', () => {
    const busy = [{ start: '2025-12-01T00:00:00Z', end: '2027-02-01T00:00:00Z' }];
    try {
      planYear({ pack: getPack('sefton'), terms: terms(), busy, agreementId: 'a' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('policy_violation');
      const rule = isAppError(error) ? String(error.details?.rule) : '';
      expect(rule).toMatch(/Sefton/);
      expect(isAppError(error) && error.message).toContain(rule);
    }
  });

  it('refuses sessions shorter than a MUST minimum, citing it', () => {
    const pack = getPack('sefton');
    const role = pack.roles.find((r) => r.id === 'social-worker');
    const min = role?.sessionLength.minimum;
    if (!min || !('value' in min) || min.modality !== 'must') return; // pack has no MUST minimum here
    try {
      planYear({ pack, terms: terms({ minutes: min.value - 15 }), busy: [], agreementId: 'a' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('policy_violation');
      expect(isAppError(error) && String(error.details?.rule)).toMatch(/Sefton/);
    }
  });
});
