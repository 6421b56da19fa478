import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../src/policy/deadline.js';
import { allPacks, getPack } from '../../src/policy/packs.js';
import { isSpecified } from '../../src/policy/schema.js';
import { ew, obligations, only, phases, phaseShape } from './helpers.js';

/** rules.md §0.1: which packs each contradiction touches. */
const affected: Record<number, string[]> = {
  1: ['sefton', 'camden'], 2: ['leeds'], 3: ['central-bedfordshire'], 4: ['sefton'], 5: ['sefton', 'central-bedfordshire'],
  6: ['sefton'], 7: ['sefton'], 8: ['sefton'], 9: ['sefton'], 10: ['sefton'], 11: ['central-bedfordshire'], 12: ['leeds'],
  13: ['camden'], 14: ['central-bedfordshire'], 15: ['sefton'], 16: ['sefton'],
};

describe('rules.md §0.1: every contradiction is decided in each pack it affects', () => {
  for (const [n, ids] of Object.entries(affected)) {
    for (const id of ids) {
      it(`§0.1 #${n} is in ${id}'s decisions list with a choice and a reason`, () => {
        const d = getPack(id).decisions.find((x) => x.contradiction === Number(n));
        expect(d?.choice.length).toBeGreaterThan(10);
        expect(d?.why.length).toBeGreaterThan(10);
      });
    }
  }
  it('no pack decides a contradiction that does not touch it', () => {
    for (const p of allPacks()) {
      for (const d of p.decisions) if (d.contradiction !== null) expect(affected[d.contradiction], `${p.id} #${d.contradiction}`).toContain(p.id);
    }
  });
});

describe('rules.md §0.1: the decisions, as behaviour', () => {
  it('#1 SE ¶3.12 (L98) vs CA §6 (L94): Sefton fortnightly runs 6 months after week six; Camden to 6 months of employment', () => {
    const se = phaseShape(phases('sefton', 'nqsw', '2025-03-31'));
    const ca = phaseShape(phases('camden', 'nqsw', '2025-03-31'));
    // 31 Mar + 42 days = 12 May; + 6 months = 12 Nov (Sefton). 31 Mar + 6 months = 30 Sep (Camden, K3 clamp).
    expect(se[1]).toEqual(['fortnightly', '2025-05-12', '2025-11-12', 'per 14 days+gap 56d']);
    expect(ca[1]).toEqual(['fortnightly', '2025-05-12', '2025-09-30', 'per 14 days']);
    expect(se[2]?.[0]).toBe('monthly');
    expect(ca[2]?.[0]).toBe('fortnightly-until-review');
  });
  it('#2 LE §C (L100) vs App 2 (L176, L180): the contract\'s four weeks govern, as a 28-day gap', () => {
    expect(phaseShape(phases('leeds', 'school-cluster-staff', '2025-01-31'))[0]?.[3]).toBe('gap 28d');
  });
  it('#3 CB §7/§10 vs Agreement cl.1: a 28-day maximum gap, so 31 Jan to 3 Mar (31 days, "monthly") is a breach', () => {
    const list = only(obligations('central-bedfordshire', { agreement: { role: 'social-care-staff', employmentStart: '2024-01-01', agreementDate: '2025-01-31' }, sessions: [{ date: '2025-01-31', status: 'held' }, { date: '2025-03-03', status: 'held' }] }, '2025-03-10'), 'session-frequency');
    expect(list.find((o) => o.subject.endsWith('after-2025-01-31'))).toMatchObject({ due: '2025-02-28', status: 'breached' });
  });
  it('#4 SE ¶3.5 etc. vs ¶3.2 (L77): bi-monthly roles get the 56-day floor, never two calendar months', () => {
    for (const role of ['service-manager', 'non-casework-manager', 'personal-adviser', 'support-worker', 'business-support']) {
      expect(phaseShape(phases('sefton', role, '2025-01-06'))[0]?.[3], role).toBe('gap 56d');
    }
  });
  it('#5 "bi-monthly" = every two months: Sefton ¶7.1 exceptions allow one empty month, never two in a row; CB group supervision is not scheduled', () => {
    const list = only(obligations('sefton', { agreement: { role: 'personal-adviser', employmentStart: '2024-01-01', agreementDate: '2025-01-06' }, cases: [{ id: 'Y1', category: 'care-experienced-team', allocatedOn: '2025-01-06', discussions: ['2025-01-20', '2025-03-03'] }] }, '2025-04-15'), 'case-record-monthly');
    expect(list.map((o) => o.subject)).toEqual(['case-Y1/2025-01', 'case-Y1/2025-03']);
    expect(getPack('central-bedfordshire').roles.flatMap((r) => r.phases.map((p) => p.id))).not.toContain('group');
  });
  it('#6 SE welfare record appendix number: the record is named, not numbered', () => {
    const p = getPack('sefton');
    const shared = p.deadlines.recordShared;
    expect(isSpecified(shared) && shared.value.record).toBe('welfare-supervision-record');
    expect(p.recordTemplates.map((t) => t.id)).toContain('welfare-supervision-record');
  });
  it('#7 SE App 1 cut-off note: a change of supervisor forces a review (¶8.1 L251)', () => {
    const ev = getPack('sefton').deadlines.agreementReviewEvents;
    expect(isSpecified(ev) && ev.value).toContain('change-of-supervisor');
  });
  it('#8 SE who draws up the agreement: the supervisor owns the obligation', () => {
    expect(getPack('sefton').deadlines.agreementSigned).toMatchObject({ value: { by: 'supervisor' } });
  });
  it('#9 SE disagreements are recorded on the welfare supervision record, not on the LCS file', () => {
    const e = getPack('sefton').escalation.disagreement;
    expect(isSpecified(e) && e.value[0]?.action).toMatch(/welfare supervision record, not on the LCS file/);
  });
  it('#10 SE "bi-annually" policy review is not turned into an obligation', () => {
    const kinds = new Set(obligations('sefton', { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-01-06' } }, '2027-06-01').map((o) => o.kind));
    expect([...kinds].some((k) => k.includes('policy'))).toBe(false);
  });
  it('#11 CB text reproduced as written (BIC 531 has 12 items; §5 keeps its six bullets out of the engine)', () => {
    const a = getPack('central-bedfordshire').agendas.find((x) => x.id === 'bic-531-staff');
    expect(a && isSpecified(a.items) && a.items.value.length).toBe(12);
  });
  it('#12 LE App 3 agenda keeps the numbering 1, 2, 4, 5', () => {
    const a = getPack('leeds').agendas[0];
    expect(a && isSpecified(a.items) && a.items.value.map((i) => i.number)).toEqual([1, 2, 4, 5]);
  });
  it('#13 CA §2 truncated: group reflective supervision stays optional (may)', () => {
    expect(getPack('camden').requirements.find((r) => r.rule === 'CA-F8')?.modality).toBe('may');
  });
  it('#14 CB BIC 532 has no review interval: not specified, and no other council\'s 12 months is borrowed (K13)', () => {
    expect(computeDeadline(getPack('central-bedfordshire'), ew, 'agreement-review', '2025-01-06')).toMatchObject({ due: null, notSpecified: true });
    const list = obligations('central-bedfordshire', { agreement: { role: 'social-care-staff', employmentStart: '2024-01-01', agreementDate: '2025-01-06' } }, '2026-06-01');
    expect(only(list, 'agreement-review')).toMatchObject([{ status: 'not-specified', due: null }]);
  });
  it('#15 SE front sheet Title options reproduced with "Ms" twice', () => {
    const t = getPack('sefton').recordTemplates.find((x) => x.id === 'personal-details-front-sheet');
    expect(t?.fields.map((f) => f.name)).toContain('Title (Mr/Ms/Miss/Ms/Other)');
  });
  it('#16 SE direct observation form: no Time field, as printed', () => {
    const t = getPack('sefton').recordTemplates.find((x) => x.id === 'direct-observation-record');
    expect(t?.fields.map((f) => f.name).some((n) => /time/i.test(n))).toBe(false);
    expect(t?.fields.map((f) => f.name)).toContain('Venue');
  });
});

describe('other ambiguities decided in the packs', () => {
  it('CB-F8: new admin staff get the 8-week rule from the start, not the first-4-months fortnightly rule', () => {
    expect(phaseShape(phases('central-bedfordshire', 'admin-domestic', '2025-01-06'))).toHaveLength(1);
  });
  it('CA-D1: rebooking within 3 working days is must (§7 "must be within 3 working days")', () => {
    expect(getPack('camden').deadlines.postponementRebooked).toMatchObject({ modality: 'must' });
  });
  it('SE residential staff after 6 months: monthly, should (L509 default)', () => {
    expect(getPack('sefton').roles.find((r) => r.id === 'residential-staff')?.phases[1]?.frequency).toMatchObject({ modality: 'should', rule: 'SE-F16' });
  });
});

describe('decision paths point at real parts of the pack', () => {
  const resolvePath = (root: unknown, path: string): unknown => path.split('.').reduce<unknown>((node, seg) => {
    if (Array.isArray(node)) return node.find((x: unknown) => typeof x === 'object' && x !== null && (x as { id?: unknown }).id === seg);
    return typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[seg] : undefined;
  }, root);
  for (const p of allPacks()) {
    it(`${p.id}: every "affects" path exists`, () => {
      for (const d of p.decisions) for (const a of d.affects) expect(resolvePath(p, a), `${p.id}: ${a}`).toBeDefined();
    });
  }
});
