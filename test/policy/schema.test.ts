import { describe, expect, it } from 'vitest';
import { allPacks, findRole, getPack, loadPack, packIds } from '../../src/policy/packs.js';
import { ZPolicyPack } from '../../src/policy/schema.js';
import { expectAppError } from './helpers.js';

describe('policy pack schema', () => {
  it('loads the five packs, one per source policy', () => {
    expect(packIds()).toEqual(['central-bedfordshire', 'leeds', 'buckinghamshire', 'camden', 'sefton']);
    expect(new Set(allPacks().map((p) => p.sourceFile)).size).toBe(5);
  });
  it('rejects a citation of another council\'s document (K13: no borrowing)', () => {
    const copy = structuredClone(getPack('camden')) as unknown as { deadlines: { recordShared: unknown } };
    copy.deadlines.recordShared = { value: { workingDays: 5, record: 'x', by: 'supervisor', kinds: ['personal'] }, modality: 'must', source: { file: '004_f3666fb7e60c0824.txt', section: '¶6.2', lines: 'L228' } };
    const r = ZPolicyPack.safeParse(copy);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/cites 004_f3666fb7e60c0824\.txt, not this pack's source/);
  });
  it('rejects a value with neither a source nor "not specified"', () => {
    const copy = structuredClone(getPack('leeds')) as unknown as { deadlines: { agreementReview: unknown } };
    copy.deadlines.agreementReview = { value: { months: 12, by: 'both' }, modality: 'should' };
    expectAppError(() => loadPack(copy), 'invalid_input', /deadlines\.agreementReview/);
  });
  it('rejects bad line citations and unknown agenda ids', () => {
    const copy = structuredClone(getPack('leeds')) as unknown as { appliesTo: { source: { lines: string } }; roles: { agendas: string[] }[] };
    copy.appliesTo.source.lines = '98';
    expect(ZPolicyPack.safeParse(copy).success).toBe(false);
    const copy2 = structuredClone(getPack('leeds')) as unknown as { roles: { agendas: string[] }[] };
    copy2.roles[0]!.agendas = ['nope'];
    expect(ZPolicyPack.safeParse(copy2).error?.issues[0]?.message).toMatch(/unknown agenda nope/);
  });
  it('finds roles by id or by a name they cover, and says which roles exist otherwise', () => {
    expect(findRole(getPack('sefton'), 'assistant-director').id).toBe('service-manager');
    expect(findRole(getPack('central-bedfordshire'), 'business-support').id).toBe('admin-domestic');
    expectAppError(() => findRole(getPack('leeds'), 'chef'), 'not_found', /roles: school-cluster-staff/);
    expectAppError(() => getPack('york'), 'not_found', /known: central-bedfordshire/);
  });
  it('every role has at least one phase starting at employment start, and every value is sourced or not specified', () => {
    for (const p of allPacks()) for (const r of p.roles) expect(r.phases[0]?.from, `${p.id}/${r.id}`).toEqual({ kind: 'employment-start', offset: [] });
  });
});
