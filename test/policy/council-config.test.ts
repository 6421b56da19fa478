import { describe, expect, it } from 'vitest';
import { generateYearSchedule } from '../../src/domain/schedule/year-schedule.js';
import { computeObligations } from '../../src/domain/obligations/index.js';
import { applyCouncilConfig } from '../../src/policy/council-config.js';
import { computeDeadline } from '../../src/policy/deadline.js';
import { getPack } from '../../src/policy/packs.js';
import { resolvePhases } from '../../src/policy/resolve-phases.js';
import { ew, expectAppError } from './helpers.js';

const bucksMonthly = {
  policy: 'buckinghamshire',
  values: [{ path: 'roles.social-worker.phases.policy-2019.frequency', value: { kind: 'per-period', unit: 'months', length: 1 }, modality: 'must' as const, reference: 'Supervision Policy April 2019' }],
};

describe('council configuration (K13: local values say so)', () => {
  it('fills a value the policy leaves unspecified, and the citation says local configuration', () => {
    const pack = applyCouncilConfig(getPack('buckinghamshire'), bucksMonthly);
    const r = resolvePhases(pack, 'social-worker', { employmentStart: '2025-01-06', agreementDate: '2025-01-06' });
    expect(r.phases[0]?.rules[0]).toEqual({ kind: 'per-period', unit: 'months', length: 1, citation: 'BU-F1 Buckinghamshire local configuration (Supervision Policy April 2019), not the policy' });
    expect(r.modality['policy-2019']).toEqual({ modality: 'must', localConfiguration: true });
    const s = generateYearSchedule({ phases: r.phases, from: r.from, until: r.until, weekday: 3, time: '14:00', minutes: 90, calendar: ew, busy: [] });
    expect(s.ok && s.sessions.length).toBe(12);
    const list = computeObligations(pack, { agreement: { role: 'social-worker', employmentStart: '2025-01-06', agreementDate: '2025-01-06' } }, '2025-02-10');
    expect(list.find((o) => o.kind === 'session-frequency')).toMatchObject({ localConfiguration: true, status: 'breached' });
  });
  it('does not change the shipped pack', () => {
    applyCouncilConfig(getPack('buckinghamshire'), bucksMonthly);
    expect(getPack('buckinghamshire').roles[0]?.phases[0]?.frequency).toMatchObject({ notSpecified: true });
  });
  it('fills a deadline (CB agreement review) and the deadline answer is flagged local', () => {
    const pack = applyCouncilConfig(getPack('central-bedfordshire'), { policy: 'central-bedfordshire', values: [{ path: 'deadlines.agreementReview', value: { months: 12, by: 'both' }, modality: 'should' }] });
    expect(computeDeadline(pack, ew, 'agreement-review', '2025-01-06')).toMatchObject({ due: '2026-01-06', localConfiguration: true, rule: 'CB-D3 Central Bedfordshire local configuration, not the policy' });
  });
  it('refuses to replace a value the policy gives unless overridePolicy is set, then records that it replaced it', () => {
    const entry = { path: 'deadlines.postponementRebooked', value: { workingDays: 2, by: 'supervisor' }, modality: 'must' as const };
    expectAppError(() => applyCouncilConfig(getPack('camden'), { policy: 'camden', values: [entry] }), 'conflict', /already specifies/);
    const pack = applyCouncilConfig(getPack('camden'), { policy: 'camden', values: [{ ...entry, overridePolicy: true }] });
    expect(pack.deadlines.postponementRebooked).toMatchObject({ value: { workingDays: 2 }, source: { kind: 'local-configuration', replaced: 'policy-value' } });
  });
  it('rejects a value of the wrong shape, an unknown path and another council\'s configuration', () => {
    expectAppError(() => applyCouncilConfig(getPack('buckinghamshire'), { ...bucksMonthly, values: [{ ...bucksMonthly.values[0]!, value: { kind: 'weekly' } }] }), 'invalid_input');
    expectAppError(() => applyCouncilConfig(getPack('buckinghamshire'), { policy: 'buckinghamshire', values: [{ path: 'roles.nobody.phases', value: 1, modality: 'must' }] }), 'invalid_input', /no item "nobody"/);
    expectAppError(() => applyCouncilConfig(getPack('buckinghamshire'), { policy: 'buckinghamshire', values: [{ path: 'council', value: 'x', modality: 'must' }] }), 'invalid_input', /not a policy value/);
    expectAppError(() => applyCouncilConfig(getPack('sefton'), bucksMonthly), 'invalid_input', /not "sefton"/);
  });
  it('sets the nation (Scotland) for the working calendar', () => {
    expect(applyCouncilConfig(getPack('leeds'), { policy: 'leeds', nation: 'scotland' }).nation).toBe('scotland');
  });
});
